// /api/heatmap, /api/hotspots, /api/trends, /api/clock, /api/analytics/districts and /deso: the safety
// chief's analytics over the heat_hours aggregate (never the raw reports), for analytics:read.
import { Hono } from 'hono';
import { cellToLatLng, getResolution } from 'h3-js';
import type { AppDeps } from '../deps.ts';
import { describe, validate } from '../http/validate.ts';
import { guard } from '../http/guard.ts';
import { HttpProblem } from '../http/problem.ts';
import {
  ClockQuery, ClockResponse, DesoTotalsResponse, DistrictTotalsResponse, HeatQuery, HeatResponse, HotspotQuery, HotspotResponse, TrendQuery, TrendResponse, toHeatFilter,
} from '../schemas/analytics.ts';
import { specialDayMap, type HeatFilter } from '../domain/heat-filter.ts';
import { localHour } from '../domain/aoristic.ts';
import { giStar } from '../domain/gi-star.ts';
import { analyseTrends, weekStarts } from '../domain/trend-analysis.ts';
import { makeUniverseCache } from './analytics-universe.ts';
import { makeAreaDarkness } from './area-darkness.ts';
import { cellDistrictTotals, districtCategoryTotals, heatCells, heatClock, heatSpan, weeklyCellSeries } from '../db/queries/heat.ts';
import { populationByDistrict } from '../db/queries/deso.ts';
import { listDistricts } from '../db/queries/districts.ts';
import { isSmallNumber, per1000, SMALL_NUMBERS } from '../domain/deso-index.ts';
import { makeDesoCache } from '../deso-cache.ts';
import { makeHeatCache } from '../db/queries/heat-cache.ts';
import { placeCacheOf } from '../place-cache.ts';
import type { PointNamer } from '../domain/place-names.ts';

const DAY_MS = 86_400_000;
/** Cell names kept between hotspot requests (the area at resolution 10 is a few thousand cells). */
const MAX_NAMED_CELLS = 50_000;
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

export function analyticsRoutes(deps: AppDeps) {
  const { sql } = deps;
  const universe = makeUniverseCache(deps.area);
  /** The heat map and hotspots read an in-process copy of heat_hours kept equal to the table. */
  const cube = makeHeatCache(sql, deps.now);
  /** Which DeSO each report cell lies in, located once per cell. */
  const deso = makeDesoCache(sql);
  const today = () => localHour(deps.now()).localDate;
  const darkness = makeAreaDarkness(deps.area);
  const places = placeCacheOf(deps);
  /** Names of cell centres, kept while the place index stays the same (the names depend on nothing else). */
  let named: { namer: PointNamer; byCell: Map<string, string> } | null = null;
  /** The cell → place name function of the current place index, named as the lägesbild names places (Swedish). */
  async function cellPlaces(): Promise<(cell: string) => string> {
    const namer = await places.namer();
    if (named?.namer !== namer || named.byCell.size > MAX_NAMED_CELLS) named = { namer, byCell: new Map() };
    const { byCell } = named;
    return (cell) => {
      let name = byCell.get(cell);
      if (name === undefined) {
        const [lat, lon] = cellToLatLng(cell);
        byCell.set(cell, (name = deps.placeName ? deps.placeName(lat, lon) : namer(lon, lat).sv));
      }
      return name;
    };
  }

  /** The heat map from the cube, holidays and eves taken over the filter's dates or the cube's own span. */
  const cubeHeat = (f: HeatFilter) =>
    cube.read((current) => {
      const span = current.span();
      return current.heat(f, span ? specialDayMap(f, span.first, span.last) : new Map());
    });

  /** Holidays and eves for the filter's dates (or the data's span when it has none). */
  async function specialDays(f: HeatFilter) {
    if (!f.holidaysAsWeekend) return new Map();
    const span = f.fromDate && f.toDate ? { first: f.fromDate, last: f.toDate } : await heatSpan(sql);
    return span ? specialDayMap(f, span.first, span.last) : new Map();
  }

  return new Hono()
    .get(
      '/heatmap',
      describe({
        summary: 'Heat map per H3 cell',
        description: 'Aoristic weight and report count per cell for the filter (Europe/Stockholm hours of the week), read from the aggregate kept in step with every report write.',
        tags: ['analytics'],
        responses: { 200: { description: 'Cells with weight', schema: HeatResponse } },
      }),
      guard('analytics:read'),
      validate('query', HeatQuery),
      async (c) => {
        const f = toHeatFilter(c.req.valid('query'), today(), await darkness.calendar());
        return c.json({ res: f.res, cells: await cubeHeat(f) }, 200);
      },
    )
    .get(
      '/hotspots',
      describe({
        summary: 'Getis–Ord Gi* hot and cold spots',
        description: 'Gi* z-scores over each cell\'s k-ring neighbourhood in the selected districts (cells with no reports count as zeros), p-values corrected by Benjamini–Hochberg FDR, classes ±3/±2/±1 at 99/95/90 %. '
          + 'Each cell carries `place`, its centre named as the lägesbild names places (the nearest address, POI or street, e.g. "Rydsvägen 12, vid Ryds centrum"; else the distance and direction from the district\'s centre or a team base).',
        tags: ['analytics'],
        responses: { 200: { description: 'Gi* per cell', schema: HotspotResponse } },
      }),
      guard('analytics:read'),
      validate('query', HotspotQuery),
      async (c) => {
        const q = c.req.valid('query');
        const f = toHeatFilter(q, today(), await darkness.calendar());
        const cells = await cubeHeat(f);
        const values = new Map(cells.map((x) => [x.cell, x.weight]));
        const area = await universe.cells(f.res, f.districts);
        const all = [...new Set([...area, ...values.keys()])];
        const result = giStar(all, values, { k: q.k }).filter((g) => g.value > 0 || g.class !== 0);
        const placeOf = await cellPlaces();
        return c.json({ res: f.res, k: q.k, cells: result.map(({ cell, value, z, p, class: cls }) => ({ cell, value, z, p, class: cls, place: placeOf(cell) })) }, 200);
      },
    )
    .get(
      '/trends',
      describe({
        summary: 'Emerging hot spots and near-repeats',
        description: 'Per cell over the last N complete weeks: new, intensifying, persistent, diminishing or sporadic hot spot (Gi* per week, Mann–Kendall on the z-scores), and a near-repeat flag for clusters in the last 7 days.',
        tags: ['analytics'],
        responses: { 200: { description: 'Trend per cell', schema: TrendResponse } },
      }),
      guard('analytics:read'),
      validate('query', TrendQuery),
      async (c) => {
        const q = c.req.valid('query');
        const ref = today();
        const base = toHeatFilter(q, ref, await darkness.calendar());
        const weeks = weekStarts(ref, q.weeks);
        const first = weeks[0]!;
        const last = addDays(weeks.at(-1)!, 6);
        const f: HeatFilter = { ...base, fromDate: base.fromDate && base.fromDate > first ? base.fromDate : first, toDate: base.toDate && base.toDate < last ? base.toDate : last };
        const recent: HeatFilter = { ...base, fromDate: addDays(ref, -6), toDate: ref, mask: new Array<boolean>(168).fill(true), severity: undefined, halfLifeDays: undefined };
        const [values, recentCells, area] = await Promise.all([
          weeklyCellSeries(sql, f, await specialDays(f)),
          heatCells(sql, recent, new Map()),
          universe.cells(f.res, f.districts),
        ]);
        const cells = analyseTrends({ universe: area, weeks, values, recentCounts: new Map(recentCells.map((x) => [x.cell, x.count])), k: q.k });
        return c.json({ weeks, cells }, 200);
      },
    )
    .get(
      '/clock',
      describe({
        summary: 'Data clock: 7 × 24 weights',
        description: 'Weight and count per weekday (0 = Monday) and local hour for the filter, every hour shown (days/hours/slots are ignored), optionally for one cell or district.',
        tags: ['analytics'],
        responses: { 200: { description: 'The clock', schema: ClockResponse } },
      }),
      guard('analytics:read'),
      validate('query', ClockQuery),
      async (c) => {
        const q = c.req.valid('query');
        let f = toHeatFilter(q, today(), await darkness.calendar());
        if (q.district) f = { ...f, districts: [...(f.districts ?? []), q.district] };
        if (q.cell) {
          const res = getResolution(q.cell);
          if (res !== 8 && res !== 9 && res !== 10) throw new HttpProblem(400, `The cell ${q.cell} has resolution ${res}; the clock answers for resolutions 8, 9 and 10.`, { code: 'cell-resolution', extensions: { resolution: res }, errors: [{ path: 'cell', message: 'resolution must be 8, 9 or 10', code: 'cell-resolution', params: { resolution: res } }] });
          f = { ...f, res };
        }
        return c.json(await heatClock(sql, f, await specialDays(f), q.cell), 200);
      },
    )
    .get(
      '/analytics/districts',
      describe({
        summary: 'Weight, count and reports per 1,000 residents per district and category',
        description:
          'Totals for the district comparison bars, under the same filter as the heat map. population is the district\'s residents (SCB DeSO areas, GET /api/deso) and per1000 = count × 1000 / population, in every row and in `districts` (one entry per district, zero counts too). ' +
          `smallNumbers flags a count below ${SMALL_NUMBERS.minCount} or a population below ${SMALL_NUMBERS.minPopulation}: too small to compare rates.`,
        tags: ['analytics'],
        responses: { 200: { description: 'Totals', schema: DistrictTotalsResponse } },
      }),
      guard('analytics:read'),
      validate('query', HeatQuery),
      async (c) => {
        const f = toHeatFilter(c.req.valid('query'), today(), await darkness.calendar());
        const [rows, population, districts] = await Promise.all([districtCategoryTotals(sql, f, await specialDays(f)), populationByDistrict(sql), listDistricts(sql)]);
        const totals = new Map<string, { weight: number; count: number }>();
        for (const r of rows) {
          const t = totals.get(r.district) ?? { weight: 0, count: 0 };
          totals.set(r.district, { weight: t.weight + r.weight, count: t.count + r.count });
        }
        const shown = districts.filter((d) => !f.districts || f.districts.includes(d.id) || totals.has(d.id));
        return c.json(
          {
            rows: rows.map((r) => ({ ...r, population: population.get(r.district) ?? null, per1000: per1000(r.count, population.get(r.district)) })),
            districts: shown.map((d) => {
              const t = totals.get(d.id) ?? { weight: 0, count: 0 };
              const pop = population.get(d.id) ?? null;
              return { district: d.id, name: d.name, weight: t.weight, count: t.count, population: pop, per1000: per1000(t.count, pop), smallNumbers: isSmallNumber(t.count, pop) };
            }),
            smallNumbers: SMALL_NUMBERS,
          },
          200,
        );
      },
    )
    .get(
      '/analytics/deso',
      describe({
        summary: 'Reports per 1,000 residents per DeSO area (the choropleth)',
        description:
          'Weight, count, population and per1000 (= count × 1000 / population) per SCB DeSO area of the districts, under the same filter as the heat map; every area, zero counts too. ' +
          'A report counts in the DeSO of its district that holds its H3 resolution-10 cell centre (the nearest one of that district when the simplified polygons leave a gap), so the areas of a district add up to its count. ' +
          `smallNumbers flags a count below ${SMALL_NUMBERS.minCount} or a population below ${SMALL_NUMBERS.minPopulation}: show the count beside the rate and do not compare. Polygons: GET /api/deso.`,
        tags: ['analytics'],
        responses: { 200: { description: 'Totals per DeSO area', schema: DesoTotalsResponse } },
      }),
      guard('analytics:read'),
      validate('query', HeatQuery),
      async (c) => {
        const f = toHeatFilter(c.req.valid('query'), today(), await darkness.calendar());
        const [{ index, areas }, cells] = await Promise.all([deso.current(), cellDistrictTotals(sql, f, await specialDays(f))]);
        const sums = new Map<string, { weight: number; count: number }>();
        for (const x of cells) {
          const code = index.locate(x.cell, x.district);
          if (code === null) continue;
          const t = sums.get(code) ?? { weight: 0, count: 0 };
          sums.set(code, { weight: t.weight + x.weight, count: t.count + x.count });
        }
        const inFilter = areas.filter((a) => a.districtId !== null && (!f.districts || f.districts.includes(a.districtId)));
        return c.json(
          {
            areas: inFilter.map((a) => {
              const t = sums.get(a.code) ?? { weight: 0, count: 0 };
              return { code: a.code, regso: a.regso, regsoName: a.regsoName, district: a.districtId!, population: a.population, weight: t.weight, count: t.count, per1000: per1000(t.count, a.population), smallNumbers: isSmallNumber(t.count, a.population) };
            }),
            smallNumbers: SMALL_NUMBERS,
          },
          200,
        );
      },
    );
}
