// Emerging hot spots over weekly steps: Gi* per week over the study area, then each cell's
// pattern from its weekly classes and the Mann–Kendall trend of its z-scores, plus the
// near-repeat flag from the last 7 days (see emerging-hotspots.ts, near-repeat.ts).
import { giStar, type HotspotClass } from './gi-star.ts';
import { emergingPattern, type EmergingPattern } from './emerging-hotspots.ts';
import { nearRepeatCells } from './near-repeat.ts';

export interface WeekValue {
  cell: string;
  weekStart: string;
  weight: number;
}

export interface CellTrend {
  cell: string;
  pattern: EmergingPattern;
  trendZ: number;
  trendP: number;
  nearRepeat: boolean;
  /** Weight per week, oldest first. */
  series: number[];
}

const DAY_MS = 86_400_000;

/** The Mondays of the `count` complete weeks before the week holding refDate, oldest first. */
export function weekStarts(refDate: string, count: number): string[] {
  const t = Date.parse(`${refDate}T00:00:00Z`);
  const monday = t - ((new Date(t).getUTCDay() + 6) % 7) * DAY_MS;
  return Array.from({ length: count }, (_, i) => new Date(monday - (count - i) * 7 * DAY_MS).toISOString().slice(0, 10));
}

export function analyseTrends(opts: { universe: readonly string[]; weeks: readonly string[]; values: readonly WeekValue[]; recentCounts: ReadonlyMap<string, number>; k?: number }): CellTrend[] {
  const { weeks } = opts;
  const col = new Map(weeks.map((w, i) => [w, i]));
  const series = new Map<string, number[]>();
  for (const v of opts.values) {
    const i = col.get(v.weekStart);
    if (i === undefined) continue;
    let s = series.get(v.cell);
    if (!s) series.set(v.cell, (s = new Array<number>(weeks.length).fill(0)));
    s[i]! += v.weight;
  }
  const universe = [...new Set([...opts.universe, ...series.keys()])];
  const classes = new Map<string, HotspotClass[]>();
  const zs = new Map<string, number[]>();
  weeks.forEach((_, i) => {
    const values = new Map<string, number>();
    for (const [cell, s] of series) if (s[i]) values.set(cell, s[i]!);
    for (const g of giStar(universe, values, { k: opts.k ?? 1 })) {
      if (!series.has(g.cell)) continue; // cells without any report have no pattern to report
      (classes.get(g.cell) ?? classes.set(g.cell, []).get(g.cell)!).push(g.class);
      (zs.get(g.cell) ?? zs.set(g.cell, []).get(g.cell)!).push(g.z);
    }
  });
  const flagged = nearRepeatCells(opts.recentCounts, { k: opts.k ?? 1 });
  const cells = new Set([...series.keys(), ...flagged]);
  return [...cells].sort().map((cell) => {
    const s = series.get(cell) ?? new Array<number>(weeks.length).fill(0);
    const e = emergingPattern(classes.get(cell) ?? [], zs.get(cell) ?? []);
    return { cell, pattern: e.pattern, trendZ: e.trend.z, trendP: e.trend.p, nearRepeat: flagged.has(cell), series: s };
  });
}
