// Suggested patrol routes for one district and shift: candidate cells by risk over the shift,
// walking times on the router's graph, the team-orienteering optimiser, then each team's schedule
// (arrival/departure in Stockholm time) and walking geometry from the base and back.
import { cellToLatLng } from 'h3-js';
import type { LineString } from 'geojson';
import { optimiseRoutes } from './route-optimiser.ts';
import { prizeTable, type RiskSource } from './route-risk-model.ts';
import { shiftInstants, toStockholmIso, walkingMin } from './route-schedule.ts';
import { timeRoute, type TopProblem } from './top-model.ts';
import type { LonLat, Router } from './walk-router.ts';

export interface SuggestRequest {
  date: string;
  start: string;
  end: string;
  teams: number;
  speedKmh: number;
  stopsPerTeam: number;
  dwellMin: number;
  revisitMin: number;
  preferLit: boolean;
  seed: number;
}

export interface SuggestContext {
  router: Router;
  districtName: string;
  /** Names a stop ("Rydsvägen 12, vid Ryds centrum"); without it, the nearest named way or the district. */
  nameAt?: (p: LonLat) => string;
  base: LonLat;
  /** Cells (H3 hex) that may hold a stop: the district's cells with any risk. */
  cells: readonly string[];
  risk: RiskSource;
  /** Most candidate cells given to the optimiser (the highest total risk over the shift). */
  maxCandidates?: number;
  /** Cells farther than this from the graph are left out (metres). */
  maxSnapM?: number;
  iterations?: number;
  /** A running patrol-dosage experiment: its control cells are never stops, its treatment cells come first. */
  experiment?: ExperimentStops | undefined;
}

export interface ExperimentStops {
  /** Control cells: left out of the candidates altogether. */
  exclude: ReadonlySet<string>;
  /** Treatment cells of the district: always candidates, their prize raised above any risk. */
  treatment: readonly string[];
}

/**
 * The context with an experiment applied: control cells removed from the candidates, treatment
 * cells added with a prize above every other cell's at every hour (so the optimiser visits them
 * first, and revisits them when the shift allows).
 */
export function withExperiment(ctx: SuggestContext): SuggestContext {
  const x = ctx.experiment;
  if (!x) return ctx;
  const treat = new Set(x.treatment.filter((c) => !x.exclude.has(c)));
  const cells = [...new Set([...ctx.cells, ...treat])].filter((c) => !x.exclude.has(c));
  let top = 0;
  for (const c of ctx.cells) for (let wd = 1; wd <= 7; wd++) for (let h = 0; h < 24; h++) top = Math.max(top, ctx.risk(c, wd, h));
  const boost = 10 * top + 1;
  const risk: RiskSource = (cell, wd, h) => (x.exclude.has(cell) ? 0 : ctx.risk(cell, wd, h) + (treat.has(cell) ? boost : 0));
  return { ...ctx, cells, risk, maxCandidates: Math.max(ctx.maxCandidates ?? DEFAULT_MAX_CANDIDATES, treat.size) };
}

export interface SuggestedStop {
  cell: string;
  place: string;
  lon: number;
  lat: number;
  arrival: string;
  departure: string;
  /** Risk of the cell at the hour of the visit. */
  risk: number;
  /** 1 for a first visit, 2 for a revisit. */
  visit: number;
}

export interface SuggestedRoute {
  team: number;
  stops: SuggestedStop[];
  geometry: LineString;
  lengthM: number;
  walkingMin: number;
  value: number;
  departure: string;
  returnAt: string;
}

export const DEFAULT_MAX_CANDIDATES = 30;
/** A stop on a nameless footway takes the name of a street this near (metres) before the district's. */
const NEAR_NAME_M = 400;
/** Minimum minutes between two visits to one cell for the second to count as a revisit. */
export const MIN_REVISIT_GAP_MIN = 45;

const centre = (cell: string): LonLat => {
  const [lat, lon] = cellToLatLng(cell);
  return [lon, lat];
};

/** Builds the optimiser's problem; also returns the candidate cells and their points. */
export function buildProblem(req: SuggestRequest, given: SuggestContext): { problem: TopProblem; cells: string[]; points: LonLat[]; startMs: number } {
  const ctx = withExperiment(given);
  const shift = shiftInstants(req.date, req.start, req.end);
  const all = prizeTable(ctx.cells, ctx.risk, shift.startMs, shift.shiftMin);
  const maxSnapM = ctx.maxSnapM ?? 150;
  const ranked = ctx.cells
    .map((cell, i) => ({ cell, i, total: all.totals[i]! }))
    .filter((x) => x.total > 0)
    .sort((a, b) => b.total - a.total || (a.cell < b.cell ? -1 : 1))
    .filter((x) => (ctx.router.snap(centre(x.cell))?.distM ?? Infinity) <= maxSnapM)
    .slice(0, ctx.maxCandidates ?? DEFAULT_MAX_CANDIDATES);
  const onGraph = (p: LonLat): LonLat => ctx.router.snap(p)?.point ?? p;
  const points = [...ranked.map((x) => onGraph(centre(x.cell))), ctx.base];
  const lengths = ctx.router.lengthMatrix(points, req.preferLit);
  const n = ranked.length;
  const travelMin = new Float64Array((n + 1) * (n + 1));
  for (let a = 0; a <= n; a++) for (let b = 0; b <= n; b++) travelMin[a * (n + 1) + b] = walkingMin(lengths[a]![b]!, req.speedKmh);
  const prize = new Float64Array(n * all.slots);
  ranked.forEach((x, c) => prize.set(all.prize.subarray(x.i * all.slots, (x.i + 1) * all.slots), c * all.slots));
  const problem: TopProblem = {
    n, teams: req.teams, maxStops: req.stopsPerTeam, shiftMin: shift.shiftMin, dwellMin: req.dwellMin,
    revisitMin: req.revisitMin, minRevisitGapMin: Math.min(MIN_REVISIT_GAP_MIN, req.revisitMin),
    travelMin, prize, slotMin: all.slotMin, slots: all.slots,
  };
  return { problem, cells: ranked.map((x) => x.cell), points, startMs: shift.startMs };
}

/** The suggestion: one route per team, stops in order, geometry along the graph back to base. */
export function suggestRoutes(req: SuggestRequest, ctx: SuggestContext): { routes: SuggestedRoute[]; candidates: number } {
  const { problem, cells, points, startMs } = buildProblem(req, ctx);
  const plan = optimiseRoutes(problem, { seed: req.seed, ...(ctx.iterations ? { iterations: ctx.iterations } : {}) });
  const at = (min: number) => toStockholmIso(startMs + Math.min(Math.round(min), Math.floor(problem.shiftMin)) * 60000); // whole minutes
  const excluded = ctx.experiment?.exclude;
  const routes = plan.routes.map((seq, team): SuggestedRoute => {
    // Never a control cell of a running experiment (withExperiment already left them out).
    if (excluded && seq.some((c) => excluded.has(cells[c]!))) throw new Error('a control cell of a running experiment reached the route optimiser');
    const timing = timeRoute(problem, seq);
    const stops = seq.map((c, i): SuggestedStop => {
      const p = points[c]!;
      const arrival = timing.arrivalsMin[i]!;
      return {
        cell: cells[c]!, place: ctx.nameAt?.(p) ?? ctx.router.placeName(p) ?? ctx.router.placeName(p, NEAR_NAME_M) ?? ctx.districtName, lon: p[0], lat: p[1],
        arrival: at(arrival), departure: at(arrival + problem.dwellMin),
        risk: problem.prize[c * problem.slots + Math.min(problem.slots - 1, Math.floor(arrival / problem.slotMin))]!,
        visit: seq.slice(0, i).includes(c) ? 2 : 1,
      };
    });
    const way = [ctx.base, ...stops.map((s): LonLat => [s.lon, s.lat]), ctx.base];
    const coords: LonLat[] = [];
    let lengthM = 0;
    for (let i = 1; i < way.length; i++) {
      const leg = ctx.router.leg(way[i - 1]!, way[i]!, req.preferLit);
      if (!leg) continue;
      lengthM += leg.lengthM;
      for (const c of leg.coords) {
        const last = coords[coords.length - 1];
        if (!last || last[0] !== c[0] || last[1] !== c[1]) coords.push(c);
      }
    }
    if (coords.length === 1) coords.push(coords[0]!);
    const walk = walkingMin(lengthM, req.speedKmh);
    return {
      team: team + 1, stops, geometry: { type: 'LineString', coordinates: coords }, lengthM, walkingMin: walk, value: timing.value,
      departure: at(seq.length ? timing.waitMin : 0), returnAt: at(seq.length ? timing.arrivalsMin[seq.length - 1]! + problem.dwellMin + timing.waitMin + problem.travelMin[seq[seq.length - 1]! * (problem.n + 1) + problem.n]! : 0),
    };
  });
  return { routes, candidates: cells.length };
}
