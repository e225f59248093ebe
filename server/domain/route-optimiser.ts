// Team orienteering heuristic for patrol stops: randomised greedy insertion, then iterated local
// search (insert, remove, replace, relocate, 2-opt, move and swap between teams; perturbation by
// removing random stops) under a fixed iteration budget. Seeded, so the same seed gives the same
// plan; the result is drawn (by the seed) from the distinct plans found within `tolerance` of the
// best, so different seeds give different plans of nearly the same value.
// Reference: Vansteenwegen, Souffriau, Vanden Berghe & Van Oudheusden (2009), "Iterated local
// search for the team orienteering problem with time windows", Computers & OR 36(12).
import { makeRandom } from './synthetic-reports.ts';
import { MAX_VISITS_PER_CELL, routeValue, type TopProblem } from './top-model.ts';

export interface OptimiseOptions {
  seed: number;
  /** ILS iterations (perturb + local search); the budget, never a clock. Default 50. */
  iterations?: number;
  /** Plans within this fraction of the best are equally eligible (default 0.01). */
  tolerance?: number;
  /** Candidates in the greedy's restricted list (default 3). */
  rcl?: number;
}

export interface Plan {
  routes: number[][];
  value: number;
  /** Distinct plans found within tolerance of the best. */
  alternatives: number;
}

export const DEFAULT_ITERATIONS = 50;
const EPS = 1e-9;
const ELITE_SIZE = 24;

interface State {
  routes: number[][];
  values: number[];
}

const total = (s: State) => s.values.reduce((a, b) => a + b, 0);
const copy = (s: State): State => ({ routes: s.routes.map((r) => [...r]), values: [...s.values] });
const key = (routes: readonly number[][]) => routes.map((r) => r.join('.')).sort().join('|');

/** The team visiting each cell (−1: none), computed once per neighbourhood scan. */
function owners(p: TopProblem, s: State): Int8Array {
  const owner = new Int8Array(p.n).fill(-1);
  for (let t = 0; t < s.routes.length; t++) for (const c of s.routes[t]!) owner[c] = t;
  return owner;
}

function countIn(route: readonly number[], cell: number): number {
  let k = 0;
  for (const c of route) if (c === cell) k++;
  return k;
}

interface Move {
  gain: number;
  apply: () => void;
}

/** Every improving single insertion (cell unowned, or a revisit by its own team). */
function insertions(p: TopProblem, s: State, owner = owners(p, s)): Move[] {
  const moves: Move[] = [];
  for (let c = 0; c < p.n; c++) {
    const ownerT = owner[c]!;
    for (let t = 0; t < p.teams; t++) {
      const r = s.routes[t]!;
      if ((ownerT >= 0 && ownerT !== t) || r.length >= p.maxStops || countIn(r, c) >= MAX_VISITS_PER_CELL) continue;
      for (let pos = 0; pos <= r.length; pos++) {
        const next = [...r.slice(0, pos), c, ...r.slice(pos)];
        const v = routeValue(p, next);
        if (v > s.values[t]! + EPS) moves.push({ gain: v - s.values[t]!, apply: () => ((s.routes[t] = next), (s.values[t] = v)) });
      }
    }
  }
  return moves;
}

/** The best improving move of the intra- and inter-route neighbourhoods, or null at a local optimum. */
function bestMove(p: TopProblem, s: State): Move | null {
  let best: Move | null = null;
  const offer = (gain: number, apply: () => void) => {
    if (gain > EPS && (!best || gain > best.gain + EPS)) best = { gain, apply };
  };
  const owner = owners(p, s);
  for (const m of insertions(p, s, owner)) offer(m.gain, m.apply);
  for (let t = 0; t < p.teams; t++) {
    const r = s.routes[t]!, old = s.values[t]!;
    const set = (next: number[]) => {
      const v = routeValue(p, next);
      offer(v - old, () => ((s.routes[t] = next), (s.values[t] = v)));
    };
    for (let i = 0; i < r.length; i++) {
      set([...r.slice(0, i), ...r.slice(i + 1)]); // remove
      for (let c = 0; c < p.n; c++) {
        const o = owner[c]!;
        if (c !== r[i] && (o < 0 || (o === t && countIn(r, c) < MAX_VISITS_PER_CELL))) set(r.map((x, k) => (k === i ? c : x))); // replace
      }
      for (let j = 0; j < r.length; j++) {
        if (j === i) continue;
        const rest = [...r.slice(0, i), ...r.slice(i + 1)];
        set([...rest.slice(0, j), r[i]!, ...rest.slice(j)]); // relocate
        if (j > i + 1) set([...r.slice(0, i), ...r.slice(i, j + 1).reverse(), ...r.slice(j + 1)]); // 2-opt
      }
    }
  }
  for (let a = 0; a < p.teams; a++) {
    for (let b = 0; b < p.teams; b++) {
      if (a === b) continue;
      const ra = s.routes[a]!, rb = s.routes[b]!;
      for (let i = 0; i < ra.length; i++) {
        const c = ra[i]!;
        if (countIn(ra, c) > 1) continue;
        const na = [...ra.slice(0, i), ...ra.slice(i + 1)];
        const va = routeValue(p, na);
        if (rb.length < p.maxStops) {
          for (let pos = 0; pos <= rb.length; pos++) {
            const nb = [...rb.slice(0, pos), c, ...rb.slice(pos)];
            const vb = routeValue(p, nb);
            offer(va + vb - s.values[a]! - s.values[b]!, () => ((s.routes[a] = na), (s.values[a] = va), (s.routes[b] = nb), (s.values[b] = vb)));
          }
        }
        if (a < b) {
          for (let j = 0; j < rb.length; j++) {
            const d = rb[j]!;
            if (countIn(rb, d) > 1) continue;
            const sa = ra.map((x, k) => (k === i ? d : x)), sb = rb.map((x, k) => (k === j ? c : x));
            const vsa = routeValue(p, sa), vsb = routeValue(p, sb);
            offer(vsa + vsb - s.values[a]! - s.values[b]!, () => ((s.routes[a] = sa), (s.values[a] = vsa), (s.routes[b] = sb), (s.values[b] = vsb)));
          }
        }
      }
    }
  }
  return best;
}

function localSearch(p: TopProblem, s: State): void {
  for (let guard = 0; guard < 10_000; guard++) {
    const m = bestMove(p, s);
    if (!m) return;
    m.apply();
  }
}

/** Randomised greedy: repeatedly applies one of the `rcl` best insertions until none improves. */
function construct(p: TopProblem, s: State, rnd: () => number, rcl: number): void {
  for (;;) {
    const moves = insertions(p, s).sort((x, y) => y.gain - x.gain);
    if (moves.length === 0) return;
    moves[Math.floor(rnd() * Math.min(rcl, moves.length))]!.apply();
  }
}

function perturb(p: TopProblem, s: State, rnd: () => number): void {
  const stops = s.routes.reduce((k, r) => k + r.length, 0);
  const drop = Math.min(stops, 1 + Math.floor(rnd() * 3));
  for (let k = 0; k < drop; k++) {
    const filled = s.routes.map((r, t) => (r.length ? t : -1)).filter((t) => t >= 0);
    const t = filled[Math.floor(rnd() * filled.length)]!;
    const r = s.routes[t]!;
    r.splice(Math.floor(rnd() * r.length), 1);
    s.values[t] = routeValue(p, r);
  }
}

/** Plans routes for p.teams teams; deterministic for a given problem and seed. */
export function optimiseRoutes(p: TopProblem, opts: OptimiseOptions): Plan {
  const rnd = makeRandom(opts.seed);
  const iterations = opts.iterations ?? DEFAULT_ITERATIONS;
  const tolerance = opts.tolerance ?? 0.01;
  const rcl = opts.rcl ?? 3;
  const elite = new Map<string, State>();
  const remember = (s: State) => {
    elite.set(key(s.routes), copy(s));
    if (elite.size > ELITE_SIZE) {
      const worst = [...elite.entries()].sort((a, b) => total(a[1]) - total(b[1]))[0]!;
      elite.delete(worst[0]);
    }
  };

  let current: State = { routes: Array.from({ length: p.teams }, () => []), values: Array.from({ length: p.teams }, () => 0) };
  construct(p, current, rnd, rcl);
  localSearch(p, current);
  let best = copy(current);
  remember(current);
  let stale = 0;
  for (let it = 0; it < iterations; it++) {
    const next = copy(current);
    perturb(p, next, rnd);
    construct(p, next, rnd, rcl);
    localSearch(p, next);
    remember(next);
    const v = total(next);
    if (v > total(best) + EPS) [best, stale] = [copy(next), 0];
    else stale++;
    if (v >= total(current) - EPS || rnd() < 0.1) current = next;
    if (stale > 0 && stale % 25 === 0) current = copy(best);
  }

  const bestValue = total(best);
  const eligible = [...elite.values()]
    .filter((s) => total(s) >= bestValue * (1 - tolerance) - EPS)
    .sort((a, b) => (key(a.routes) < key(b.routes) ? -1 : 1));
  const chosen = eligible[Math.floor(rnd() * eligible.length)] ?? best;
  return { routes: chosen.routes.map((r) => [...r]), value: total(chosen), alternatives: eligible.length };
}
