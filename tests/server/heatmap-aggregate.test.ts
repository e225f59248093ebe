// The heat_hours aggregate equals a brute-force computation over the raw reports, for random
// reports (inserted by unnest and COPY, then updated and deleted) and random filters.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gridDisk, latLngToCell } from 'h3-js';
import { databaseTargets } from '../helpers/databases.ts';
import { insertReports } from '../../server/db/queries/reports.ts';
import { heatCells, heatSpan } from '../../server/db/queries/heat.ts';
import { heatTotals, rebuildHeat } from '../../server/db/queries/analytics.ts';
import { makeHeatCache, type HeatCache } from '../../server/db/queries/heat-cache.ts';
import type { HeatCube } from '../../server/domain/heat-cube.ts';
import { specialDayMap, type HeatFilter } from '../../server/domain/heat-filter.ts';
import { makeWeekMask } from '../../server/domain/hour-of-week.ts';
import { CATEGORY_CODES } from '../../server/domain/categories.ts';
import { bruteForceHeat, makeAnalyticsApp, rawReports, reportAt, seeded } from './analytics-helpers.ts';

const CATS = ['brand', 'klotter', 'narkotika', 'ovrigt'];
const SOURCES = ['staff', 'resident', 'police'];
const STATUSES = ['new', 'confirmed', 'closed', 'rejected'];
const pick = <T>(rnd: () => number, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
const subset = <T>(rnd: () => number, xs: readonly T[]): T[] | undefined => (rnd() < 0.4 ? undefined : xs.filter(() => rnd() < 0.5).concat(pick(rnd, xs)));

// Windows start around both 2026 DST changes and elsewhere; some are points, some span days.
const ANCHORS = ['2026-03-28T20:00:00Z', '2026-10-24T20:00:00Z', '2026-06-18T12:00:00Z', '2026-12-23T18:00:00Z', '2026-09-01T00:00:00Z'].map(Date.parse);

function randomRows(rnd: () => number, n: number, cells: readonly string[]) {
  return Array.from({ length: n }, () => {
    const from = pick(rnd, ANCHORS) + Math.floor(rnd() * 30 * 86_400_000) - 15 * 86_400_000;
    const r = rnd();
    const to = r < 0.4 ? from : from + Math.floor((r < 0.8 ? rnd() * 6 : rnd() * 7 * 24) * 3_600_000);
    return reportAt(pick(rnd, cells), 'skaggetorp', from, to, { category: pick(rnd, CATS), source: pick(rnd, SOURCES), status: pick(rnd, STATUSES) });
  });
}

function randomFilter(rnd: () => number): HeatFilter {
  const dates = ['2026-03-01', '2026-03-29', '2026-06-19', '2026-10-25', '2026-12-24', '2027-01-10'];
  const a = pick(rnd, dates);
  const b = pick(rnd, dates);
  const days = rnd() < 0.3 ? undefined : [0, 1, 2, 3, 4, 5, 6].filter(() => rnd() < 0.5);
  const start = Math.floor(rnd() * 24);
  const len = Math.floor(rnd() * 10);
  const hours = rnd() < 0.3 ? undefined : Array.from({ length: len + 1 }, (_, i) => (start + i) % 24);
  return {
    res: pick(rnd, [8, 9, 10] as const),
    fromDate: rnd() < 0.5 ? (a < b ? a : b) : undefined,
    toDate: rnd() < 0.5 ? (a < b ? b : a) : undefined,
    mask: makeWeekMask({ days, hours }),
    categories: subset(rnd, CATS),
    sources: subset(rnd, SOURCES),
    districts: rnd() < 0.2 ? ['skaggetorp'] : rnd() < 0.1 ? ['ryd'] : undefined,
    holidaysAsWeekend: rnd() < 0.5,
    severity: rnd() < 0.3 ? { brand: 3, klotter: 0.5 } : undefined,
    halfLifeDays: rnd() < 0.3 ? 30 : undefined,
    refDate: '2026-11-20',
  };
}

describe.each(databaseTargets())('heat aggregate on $name', (target) => {
  let t: Awaited<ReturnType<typeof makeAnalyticsApp>>;
  const cells = gridDisk(latLngToCell(58.4261, 15.5832, 10), 4);
  const rnd = seeded(target.name === 'pglite' ? 11 : 12);
  let cache: HeatCache;

  beforeAll(async () => {
    t = await makeAnalyticsApp(target);
    await insertReports(t.sql, randomRows(rnd, 300, cells), 'insert', 100);
    if (target.name === 'postgres') await insertReports(t.sql, randomRows(rnd, 200, cells), 'copy');
    else await insertReports(t.sql, randomRows(rnd, 200, cells), 'insert');
    // The in-process copy loads now; the writes below must reach it incrementally.
    cache = makeHeatCache(t.sql);
    await cache.current();
    // Updates of counted and uncounted fields, and deletes, all move the aggregate.
    await t.sql`update reports set category = 'brand' where id in (select id from reports order by id limit 40)`;
    await t.sql`update reports set status = 'rejected' where id in (select id from reports order by id desc limit 30)`;
    await t.sql`update reports set status = 'confirmed' where id in (select id from reports where status = 'rejected' order by id limit 20)`;
    await t.sql`update reports set observed_to = observed_to + interval '90 minutes' where id in (select id from reports order by id offset 100 limit 25)`;
    await t.sql`update reports set description = 'x' where id in (select id from reports order by id offset 200 limit 25)`;
    await t.sql`delete from reports where id in (select id from reports order by id offset 300 limit 50)`;
  });
  afterAll(() => t?.close());

  it('keeps the totals: every counted report weighs 1 and is counted once', async () => {
    const tot = await heatTotals(t.sql);
    expect(tot.weight).toBeCloseTo(tot.reports, 9);
    expect(tot.count).toBe(tot.reports);
  });

  it('equals the brute force over raw rows for 60 random filters, in SQL and in the in-process cube', async () => {
    const raw = await rawReports(t.sql);
    const cube = await cache.current();
    const frnd = seeded(99);
    for (let i = 0; i < 60; i++) {
      const f = randomFilter(frnd);
      const special = specialDayMap(f, '2026-01-01', '2027-12-31');
      const got = await heatCells(t.sql, f, special);
      const want = bruteForceHeat(raw, f, special);
      expect(got.map((g) => g.cell).sort(), `filter ${i}`).toEqual([...want.keys()].sort());
      for (const g of got) {
        expect(g.weight, `filter ${i} cell ${g.cell}`).toBeCloseTo(want.get(g.cell)!.weight, 9);
        expect(g.count).toBe(want.get(g.cell)!.count);
      }
      const fromCube = cube.heat(f, special);
      expect(fromCube.map((g) => g.cell).sort(), `cube filter ${i}`).toEqual([...want.keys()].sort());
      for (const g of fromCube) {
        expect(g.weight, `cube filter ${i} cell ${g.cell}`).toBeCloseTo(want.get(g.cell)!.weight, 9);
        expect(g.count).toBe(want.get(g.cell)!.count);
      }
    }
  });

  it('answers as the SQL does for every way the cube reads itself (sums, sums less left-out days, holidays, day runs, recency)', async () => {
    const span = (await heatSpan(t.sql))!;
    const cube = await cache.current();
    const day = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
    const base: HeatFilter = { res: 10, mask: makeWeekMask({}), holidaysAsWeekend: false, refDate: '2026-11-20' };
    const evenings = makeWeekMask({ days: [4, 5, 6], hours: [18, 19, 20, 21, 22, 23, 0, 1, 2] });
    const filters: HeatFilter[] = [
      base,
      { ...base, categories: ['brand', 'klotter'], severity: { brand: 3, klotter: 0 }, res: 9 },
      { ...base, mask: evenings },
      { ...base, mask: evenings, holidaysAsWeekend: true, res: 8 },
      { ...base, mask: evenings, holidaysAsWeekend: true, fromDate: day(span.first, 1), toDate: day(span.last, -1) },
      { ...base, sources: ['police', 'staff'], fromDate: day(span.first, 2) },
      { ...base, mask: evenings, fromDate: '2026-06-10', toDate: '2026-06-25', categories: ['narkotika', 'ovrigt'] },
      { ...base, mask: makeWeekMask({ days: [5, 6] }), holidaysAsWeekend: true, res: 9 },
      { ...base, halfLifeDays: 30, severity: { brand: 2 } },
      { ...base, halfLifeDays: 7, mask: evenings, holidaysAsWeekend: true, fromDate: '2026-03-20', toDate: '2026-12-31' },
    ];
    for (const [i, f] of filters.entries()) {
      const special = specialDayMap(f, span.first, span.last);
      const want = new Map((await heatCells(t.sql, f, special)).map((g) => [g.cell, g]));
      const got = cube.heat(f, special);
      expect(got.map((g) => g.cell).sort(), `filter ${i}`).toEqual([...want.keys()].sort());
      for (const g of got) {
        expect(g.weight, `filter ${i} cell ${g.cell}`).toBeCloseTo(want.get(g.cell)!.weight, 9);
        expect(g.count, `filter ${i} cell ${g.cell}`).toBe(want.get(g.cell)!.count);
      }
    }
  });

  it('rebuilds to the same aggregate', async () => {
    const before = await t.sql`select local_date::text, cell::text, hour, category, source, district_id, round(weight::numeric, 9)::text as w, count, n from heat_hours order by 1,2,3,4,5,6`;
    const read = await rebuildHeat(t.sql, { batchSize: 97 });
    expect(read).toBeGreaterThan(400);
    const after = await t.sql`select local_date::text, cell::text, hour, category, source, district_id, round(weight::numeric, 9)::text as w, count, n from heat_hours order by 1,2,3,4,5,6`;
    expect(after).toEqual(before);
  });

  it('follows a single insert and delete in the cube, and empties with the reports table', async () => {
    const f = { res: 10 as const, mask: makeWeekMask({}), holidaysAsWeekend: false, refDate: '2026-11-20' };
    const before = (await cache.current()).heat(f, new Map()).reduce((a, c) => a + c.count, 0);
    const row = reportAt(cells[0]!, 'skaggetorp', Date.parse('2026-05-05T10:00:00Z'), Date.parse('2026-05-05T10:00:00Z'));
    await insertReports(t.sql, [row], 'insert');
    expect((await cache.current()).heat(f, new Map()).reduce((a, c) => a + c.count, 0)).toBe(before + 1);
    await t.sql`delete from reports where id = ${row.id}`;
    expect((await cache.current()).heat(f, new Map()).reduce((a, c) => a + c.count, 0)).toBe(before);
    // read() computes on the cube in hand while it checks, and again when the check brings a change.
    const total = (cube: HeatCube) => cube.heat(f, new Map()).reduce((a, c) => a + c.count, 0);
    expect(await cache.read(total)).toBe(before);
    await insertReports(t.sql, [{ ...row, id: randomUUID() }], 'insert');
    expect(await cache.read(total)).toBe(before + 1);
    const [a, b] = await Promise.all([cache.read(total), cache.read(total)]);
    expect([a, b]).toEqual([before + 1, before + 1]);
    await t.sql`truncate reports cascade`;
    expect((await t.sql`select count(*)::int as n from heat_hours`)[0]!.n).toBe(0);
    expect((await cache.current()).heat(f, new Map())).toEqual([]);
  });

  it('lists only known categories', () => {
    for (const c of CATS) expect(CATEGORY_CODES).toContain(c);
  });
});
