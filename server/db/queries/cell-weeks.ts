// Weekly report counts per H3 cell for an evaluation, read from the analytics aggregate
// heat_hours (a report counts once, in the local hour of its window's midpoint; rejected and
// merged reports are already left out), with the part that fell in darkness when asked.
import { cellToBigint } from '../../domain/cells.ts';
import { dayNo } from '../../domain/stats/evaluation-periods.ts';
import type { DarknessCalendar } from '../../domain/darkness.ts';
import type { CellWeeks } from '../../domain/stats/evaluation.ts';
import type { Sql } from '../sql.ts';

/** First local date with any data, or null. */
export async function firstDataDate(sql: Sql): Promise<string | null> {
  const [r] = await sql<{ d: string | null }[]>`select min(local_date)::text as d from heat_hours`;
  return r?.d ?? null;
}

export interface CellDayHour {
  cell: string;
  localDate: string;
  hour: number;
  count: number;
}

/** Counts per cell, date and hour over [from, to) for the given cells (hex). */
export async function cellDayHours(sql: Sql, cells: readonly string[], from: string, to: string): Promise<CellDayHour[]> {
  if (!cells.length) return [];
  const rows = await sql<{ cell: string; d: string; h: number; n: number }[]>`
    select to_hex(cell) as cell, local_date::text as d, hour::int as h, sum(count)::int as n
    from heat_hours
    where local_date >= ${from}::date and local_date < ${to}::date and cell = any(${cells.map(cellToBigint)}::bigint[])
    group by 1, 2, 3
    having sum(count) > 0`;
  return rows.map((r) => ({ cell: r.cell, localDate: r.d, hour: r.h, count: r.n }));
}

/** Folds (cell, date, hour) counts into the evaluation's weekly matrix. */
export function toCellWeeks(universe: readonly string[], weekStarts: readonly string[], rows: readonly CellDayHour[], dark?: DarknessCalendar): CellWeeks {
  const weeks = weekStarts.length / 2;
  const W = weekStarts.length;
  const index = new Map(universe.map((c, i) => [c, i]));
  const first = W ? dayNo(weekStarts[0]!) : 0;
  const counts = new Int32Array(universe.length * W);
  const darkCounts = dark ? new Int32Array(universe.length * W) : undefined;
  // Rows come per (cell, date, hour): the week of each date and its dark hours are worked out once.
  const dates = new Map<string, { w: number; dark: number }>();
  for (const r of rows) {
    let d = dates.get(r.localDate);
    if (!d) dates.set(r.localDate, (d = { w: Math.floor((dayNo(r.localDate) - first) / 7), dark: dark ? dark.darkMask(r.localDate) : 0 }));
    if (d.w < 0 || d.w >= W) continue;
    const i = index.get(r.cell);
    if (i === undefined) continue;
    counts[i * W + d.w]! += r.count;
    if (darkCounts && (d.dark >> r.hour) & 1) darkCounts[i * W + d.w]! += r.count;
  }
  return { cells: universe, weeks, counts, dark: darkCounts };
}
