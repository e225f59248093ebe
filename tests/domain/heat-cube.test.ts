// The in-process heat cube equals a brute force over its rows (rowMatches × rowFactor) for random
// filters that reach every way it answers (dense sums, sums minus left-out days, holiday moves,
// per-day sums, hour runs, recency), also after days are replaced, removed and added one by one.
import { describe, expect, it } from 'vitest';
import { gridDisk, latLngToCell } from 'h3-js';
import { HeatCube, type CubeRow } from '../../server/domain/heat-cube.ts';
import { rowFactor, rowMatches, specialDayMap, type HeatFilter } from '../../server/domain/heat-filter.ts';
import { parentOfBigint } from '../../server/domain/h3-parent.ts';
import { makeWeekMask } from '../../server/domain/hour-of-week.ts';
import type { DayKind } from '../../server/domain/holidays.ts';
import { seeded } from '../server/analytics-helpers.ts';

const CELLS = gridDisk(latLngToCell(58.4261, 15.5832, 10), 3);
const CATS = ['brand', 'klotter', 'narkotika', 'ovrigt'];
const SOURCES = ['staff', 'resident', 'police'];
const DISTRICTS = ['skaggetorp', 'ryd'];
const pick = <T>(rnd: () => number, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
const subset = <T>(rnd: () => number, xs: readonly T[]): T[] | undefined => (rnd() < 0.4 ? undefined : xs.filter(() => rnd() < 0.5).concat(pick(rnd, xs)));
const DAY_MS = 86_400_000;
const dateAt = (i: number) => new Date(Date.parse('2026-03-25T00:00:00Z') + i * DAY_MS).toISOString().slice(0, 10);
/** 2026-03-25 … 2026-07-02: Easter, Valborg, 1 May, Ascension, Whitsun, 6 June and Midsummer. */
const DAYS = 100;

/** One date's rows: distinct (cell, hour, category, source, district), as in heat_hours. */
function dayRows(rnd: () => number, date: string, n: number, cells: readonly string[] = CELLS): CubeRow[] {
  const byKey = new Map<string, CubeRow>();
  for (let i = 0; i < n; i++) {
    const r: CubeRow = {
      localDate: date, cell: pick(rnd, cells), hour: Math.floor(rnd() * 24), category: pick(rnd, CATS), source: pick(rnd, SOURCES),
      districtId: pick(rnd, DISTRICTS), weight: Math.round(rnd() * 1000) / 997, count: rnd() < 0.3 ? 1 + Math.floor(rnd() * 3) : 0,
    };
    byKey.set(`${r.cell} ${r.hour} ${r.category} ${r.source} ${r.districtId}`, r);
  }
  return [...byKey.values()];
}

function randomFilter(rnd: () => number): HeatFilter {
  const date = () => dateAt(Math.floor(rnd() * (DAYS + 10)) - 5);
  const a = date();
  const b = rnd() < 0.1 ? date() : a; // sometimes from > to
  const span = Math.floor(rnd() * DAYS);
  const to = rnd() < 0.5 ? dateAt(Math.min(DAYS + 3, Number(a.slice(8)) + span)) : b;
  const shape = rnd();
  const start = Math.floor(rnd() * 24);
  const hours = Array.from({ length: 1 + Math.floor(rnd() * 20) }, (_, i) => (start + i) % 24);
  const days = [0, 1, 2, 3, 4, 5, 6].filter(() => rnd() < 0.5);
  const mask =
    shape < 0.3 ? makeWeekMask({})
    : shape < 0.45 ? makeWeekMask({ days })
    : shape < 0.6 ? makeWeekMask({ hours })
    : shape < 0.95 ? makeWeekMask({ days, hours })
    : makeWeekMask({ slots: [] });
  return {
    res: pick(rnd, [8, 9, 10] as const),
    fromDate: rnd() < 0.5 ? (rnd() < 0.7 ? a : dateAt(Math.floor(rnd() * 4))) : undefined,
    toDate: rnd() < 0.5 ? (rnd() < 0.7 ? to : dateAt(DAYS - 1 - Math.floor(rnd() * 4))) : undefined,
    mask,
    categories: subset(rnd, CATS),
    sources: rnd() < 0.7 ? undefined : subset(rnd, SOURCES),
    districts: rnd() < 0.7 ? undefined : [pick(rnd, DISTRICTS)],
    holidaysAsWeekend: rnd() < 0.5,
    severity: rnd() < 0.25 ? { brand: 3, klotter: 0, narkotika: 0.5 } : undefined,
    halfLifeDays: rnd() < 0.25 ? pick(rnd, [7, 30]) : undefined,
    refDate: dateAt(60),
  };
}

function bruteForce(rows: Iterable<CubeRow>, f: HeatFilter, special: ReadonlyMap<string, DayKind>) {
  const out = new Map<string, { weight: number; count: number }>();
  for (const r of rows) {
    if (!rowMatches(f, r, special)) continue;
    const cell = f.res === 10 ? r.cell : parentOfBigint(BigInt(`0x${r.cell}`), f.res).toString(16);
    const acc = out.get(cell) ?? { weight: 0, count: 0 };
    acc.weight += r.weight * rowFactor(f, r);
    acc.count += r.count;
    out.set(cell, acc);
  }
  return out;
}

function expectSame(cube: HeatCube, rows: Iterable<CubeRow>, f: HeatFilter, label: string) {
  const special = specialDayMap(f, dateAt(0), dateAt(DAYS));
  const want = bruteForce(rows, f, special);
  const got = cube.heat(f, special);
  expect(got.map((g) => g.cell).sort(), label).toEqual([...want.keys()].sort());
  for (const g of got) {
    expect(g.weight, `${label} ${g.cell}`).toBeCloseTo(want.get(g.cell)!.weight, 9);
    expect(g.count, `${label} ${g.cell}`).toBe(want.get(g.cell)!.count);
  }
  for (let i = 1; i < got.length; i++) expect(got[i - 1]!.weight).toBeGreaterThanOrEqual(got[i]!.weight);
}

describe('HeatCube', () => {
  it('equals the brute force for 400 random filters over 100 days', () => {
    const rnd = seeded(5);
    const rows = Array.from({ length: DAYS }, (_, i) => dayRows(rnd, dateAt(i), 60)).flat();
    const cube = new HeatCube();
    cube.replaceDays([], rows);
    expect(cube.rowCount).toBe(rows.length);
    expect(cube.span()).toEqual({ first: dateAt(0), last: dateAt(DAYS - 1) });
    const frnd = seeded(6);
    for (let i = 0; i < 400; i++) expectSame(cube, rows, randomFilter(frnd), `filter ${i}`);
  });

  it('answers each way: no dates, all but a few days, a few days, holidays moved, recency', () => {
    const rnd = seeded(7);
    const rows = Array.from({ length: DAYS }, (_, i) => dayRows(rnd, dateAt(i), 200)).flat();
    const cube = new HeatCube();
    cube.replaceDays([], rows);
    const base: HeatFilter = { res: 10, mask: makeWeekMask({}), holidaysAsWeekend: false, refDate: dateAt(60) };
    const evenings = makeWeekMask({ days: [4, 5, 6], hours: [18, 19, 20, 21, 22, 23, 0, 1] });
    const cases: [string, HeatFilter][] = [
      ['everything', base],
      ['facets, all dates', { ...base, categories: ['brand', 'klotter'], districts: ['ryd'], severity: { brand: 2 } }],
      ['hours of the week, all dates', { ...base, mask: evenings }],
      ['holidays moved to the weekend', { ...base, mask: evenings, holidaysAsWeekend: true, res: 9 }],
      ['all but two days, hours', { ...base, mask: evenings, fromDate: dateAt(1), toDate: dateAt(DAYS - 2), holidaysAsWeekend: true }],
      ['all but two days, facets', { ...base, fromDate: dateAt(2), categories: ['narkotika'] }],
      ['a week, hours and facets', { ...base, mask: evenings, fromDate: dateAt(40), toDate: dateAt(46), sources: ['police'] }],
      ['weekend days whole, weekdays in runs', { ...base, mask: makeWeekMask({ slots: [...Array(48).keys()].map((i) => 120 + i).concat([30, 31, 32]) }), res: 8 }],
      ['recency and severity', { ...base, halfLifeDays: 7, severity: { brand: 3, klotter: 0 } }],
      ['recency, hours, range', { ...base, halfLifeDays: 30, mask: evenings, fromDate: dateAt(10), toDate: dateAt(80), holidaysAsWeekend: true }],
      ['nothing: empty mask', { ...base, mask: makeWeekMask({ slots: [] }) }],
      ['nothing: from after to', { ...base, fromDate: dateAt(50), toDate: dateAt(49) }],
      ['nothing: before the data', { ...base, toDate: '2020-01-01' }],
    ];
    for (const [label, f] of cases) expectSame(cube, rows, f, label);
    expect(cube.heat(cases.at(-1)![1], new Map())).toEqual([]);
  });

  it('answers the same without the dense tables once they would outgrow their memory limit', () => {
    const rnd = seeded(10);
    const rows = Array.from({ length: 30 }, (_, i) => dayRows(rnd, dateAt(i), 80)).flat();
    const small = new HeatCube({ maxSumEntries: 2_000 });
    small.replaceDays([], rows);
    const frnd = seeded(11);
    for (let i = 0; i < 100; i++) expectSame(small, rows, randomFilter(frnd), `filter ${i}`);
  });

  it('stays equal while days are replaced, removed and added one at a time', () => {
    const rnd = seeded(8);
    const state = new Map<string, CubeRow[]>();
    for (let i = 0; i < 40; i++) state.set(dateAt(i), dayRows(rnd, dateAt(i), 50));
    const cube = new HeatCube();
    cube.replaceDays([], [...state.values()].flat());
    const frnd = seeded(9);
    const newCells = gridDisk(latLngToCell(58.4, 15.55, 10), 1); // cells the cube has not seen yet
    for (let step = 0; step < 300; step++) {
      const date = dateAt(Math.floor(rnd() * 60) - 10);
      const r = rnd();
      const rows = r < 0.2 ? [] : dayRows(rnd, date, 1 + Math.floor(rnd() * 50), r < 0.3 ? newCells : CELLS);
      if (rows.length) state.set(date, rows);
      else state.delete(date);
      cube.replaceDays([date], rows);
      if (step % 10 === 0) for (let i = 0; i < 5; i++) expectSame(cube, [...state.values()].flat(), randomFilter(frnd), `step ${step} filter ${i}`);
    }
    // A change spanning several dates, and one emptying everything.
    const dates = [dateAt(3), dateAt(4), dateAt(5)];
    const rows = dates.flatMap((d) => dayRows(rnd, d, 30));
    for (const d of dates) state.set(d, rows.filter((x) => x.localDate === d));
    cube.replaceDays(dates, rows);
    for (let i = 0; i < 30; i++) expectSame(cube, [...state.values()].flat(), randomFilter(frnd), `after batch ${i}`);
    expect(cube.rowCount).toBe([...state.values()].flat().length);
    cube.replaceDays([...state.keys()], []);
    expect(cube.rowCount).toBe(0);
    expect(cube.span()).toBeNull();
    for (let i = 0; i < 10; i++) expect(cube.heat(randomFilter(frnd), new Map())).toEqual([]);
  });
});
