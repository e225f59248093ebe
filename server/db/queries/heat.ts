// Reads of the heat_hours aggregate (migration 00004) under a HeatFilter: the heat map per cell,
// the 7 × 24 data clock, weekly series per cell and recent counts. Never touches raw reports.
import type { Sql } from '../sql.ts';
import type { HeatFilter } from '../../domain/heat-filter.ts';
import type { DayKind } from '../../domain/holidays.ts';
import { parentMasks } from '../../domain/h3-parent.ts';
import { cellToBigint } from '../../domain/cells.ts';
import { HOURS_PER_WEEK } from '../../domain/hour-of-week.ts';
import { darknessRange, keptHoursBetween, type DarknessCalendar, type TimeOfDay } from '../../domain/darkness.ts';

export interface HeatCell {
  cell: string;
  weight: number;
  count: number;
}

/** A 168-bit mask as bytes for get_bit(bytea, n): bit n is byte n >> 3, bit n & 7 from the right. */
export function maskBytes(mask: readonly boolean[]): Buffer {
  const bytes = Buffer.alloc(HOURS_PER_WEEK / 8);
  mask.forEach((on, i) => {
    if (on) bytes[i >> 3]! |= 1 << (i & 7);
  });
  return bytes;
}

/** The cell column rolled up to the filter's resolution. */
export function cellAt(sql: Sql, res: number) {
  if (res === 10) return sql`cell`;
  const m = parentMasks(res);
  return sql`((cell & ${m.clear.toString()}::int8) | ${m.set.toString()}::int8)`;
}

/** The row's weekday after the holiday switch (holidays → Sunday, eves → Saturday). */
function weekday(sql: Sql, special: ReadonlyMap<string, DayKind>) {
  const holidays = [...special].filter(([, k]) => k === 'holiday').map(([d]) => d);
  const eves = [...special].filter(([, k]) => k === 'eve').map(([d]) => d);
  if (!holidays.length && !eves.length) return sql`dow`;
  return sql`(case when local_date = any(${holidays}::date[]) then 6 when local_date = any(${eves}::date[]) then 5 else dow end)`;
}

export interface WhereOptions {
  /** Leave the hours-of-week mask out (the clock shows every hour). */
  ignoreMask?: boolean;
  /** Only rows of this cell (at the filter's resolution). */
  cell?: string | undefined;
}

/**
 * "Mörker" on heat_hours rows: per date from `first` to `last`, the bits of the local hours kept
 * (darkness.ts: an hour is dark when its midpoint is after sunset or before sunrise); rows on
 * dates outside the range do not pass.
 */
export function darknessClause(sql: Sql, cal: DarknessCalendar, which: TimeOfDay, first: string, last: string) {
  const kept = keptHoursBetween(cal, which, first, last);
  return sql`((${kept}::int4[])[(local_date - ${first}::date) + 1] >> hour) & 1 = 1`;
}

/** The WHERE fragment for a filter. */
export function heatWhere(sql: Sql, f: HeatFilter, special: ReadonlyMap<string, DayKind>, opts: WhereOptions = {}) {
  const parts = [sql`true`];
  if (f.fromDate) parts.push(sql`local_date >= ${f.fromDate}::date`);
  if (f.toDate) parts.push(sql`local_date <= ${f.toDate}::date`);
  if (f.categories) parts.push(sql`category = any(${f.categories as string[]}::text[])`);
  if (f.districts) parts.push(sql`district_id = any(${f.districts as string[]}::text[])`);
  if (f.sources) parts.push(sql`source = any(${f.sources as string[]}::text[])`);
  if (!opts.ignoreMask && !f.mask.every(Boolean)) parts.push(sql`get_bit(${maskBytes(f.mask)}::bytea, ${weekday(sql, special)} * 24 + hour) = 1`);
  if (f.timeOfDay && f.darkness) {
    const { first, last } = darknessRange(f.fromDate, f.toDate, f.refDate);
    parts.push(darknessClause(sql, f.darkness, f.timeOfDay, first, last));
  }
  if (opts.cell) {
    const c = cellToBigint(opts.cell);
    parts.push(f.res === 10 ? sql`cell = ${c}::int8` : sql`${cellAt(sql, f.res)} = ${c}::int8`);
  }
  return parts.reduce((acc, p) => sql`${acc} and ${p}`);
}

/** weight × severity × recency, as in rowFactor(). */
export function weightExpr(sql: Sql, f: HeatFilter) {
  let e = sql`weight`;
  if (f.severity) {
    const codes = Object.keys(f.severity);
    const ws = codes.map((c) => f.severity![c]!);
    e = sql`${e} * coalesce((${ws}::float8[])[array_position(${codes}::text[], category)], 1)`;
  }
  if (f.halfLifeDays) e = sql`${e} * power(0.5, greatest(0, ${f.refDate}::date - local_date)::float8 / ${f.halfLifeDays}::float8)`;
  return e;
}

/** The heat map: one row per cell at the filter's resolution with weight and report count. */
export async function heatCells(sql: Sql, f: HeatFilter, special: ReadonlyMap<string, DayKind>): Promise<HeatCell[]> {
  const rows = await sql<{ cell: string; weight: number; count: number }[]>`
    select to_hex(g) as cell, w as weight, c::int as count from (
      select ${cellAt(sql, f.res)} as g, sum(${weightExpr(sql, f)}) as w, sum(count) as c
      from heat_hours where ${heatWhere(sql, f, special)}
      group by 1) t
    order by w desc`;
  return rows;
}

/** The 7 × 24 clock: weight and count per effective weekday and hour (every hour, mask ignored). */
export async function heatClock(sql: Sql, f: HeatFilter, special: ReadonlyMap<string, DayKind>, cell?: string): Promise<{ matrix: number[][]; counts: number[][] }> {
  const rows = await sql<{ d: number; h: number; w: number; c: number }[]>`
    select ${weekday(sql, special)} as d, hour as h, sum(${weightExpr(sql, f)}) as w, sum(count)::int as c
    from heat_hours where ${heatWhere(sql, f, special, { ignoreMask: true, cell })}
    group by 1, 2`;
  const matrix = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  const counts = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  for (const r of rows) {
    matrix[r.d]![r.h] = r.w;
    counts[r.d]![r.h] = r.c;
  }
  return { matrix, counts };
}

/** Weight per cell per ISO week (weekStart = the Monday, local date) within the filter. */
export async function weeklyCellSeries(sql: Sql, f: HeatFilter, special: ReadonlyMap<string, DayKind>): Promise<{ cell: string; weekStart: string; weight: number; count: number }[]> {
  return sql<{ cell: string; weekStart: string; weight: number; count: number }[]>`
    select to_hex(g) as cell, wk::text as "weekStart", w as weight, c::int as count from (
      select ${cellAt(sql, f.res)} as g, local_date - dow as wk, sum(${weightExpr(sql, f)}) as w, sum(count) as c
      from heat_hours where ${heatWhere(sql, f, special)}
      group by 1, 2) t`;
}

/** Per-district, per-category weight and count under the filter (the comparison bars). */
export async function districtCategoryTotals(sql: Sql, f: HeatFilter, special: ReadonlyMap<string, DayKind>): Promise<{ district: string; category: string; weight: number; count: number }[]> {
  return sql<{ district: string; category: string; weight: number; count: number }[]>`
    select district_id as district, category, sum(${weightExpr(sql, f)}) as weight, sum(count)::int as count
    from heat_hours where ${heatWhere(sql, f, special)}
    group by 1, 2 order by 1, 2`;
}

/** Weight and count per resolution-10 cell and district under the filter (the per-DeSO analytics sum them by DeSO). */
export async function cellDistrictTotals(sql: Sql, f: HeatFilter, special: ReadonlyMap<string, DayKind>): Promise<{ cell: string; district: string; weight: number; count: number }[]> {
  return sql<{ cell: string; district: string; weight: number; count: number }[]>`
    select to_hex(cell) as cell, district_id as district, sum(${weightExpr(sql, f)}) as weight, sum(count)::int as count
    from heat_hours where ${heatWhere(sql, f, special)}
    group by cell, district_id`;
}

/** The first and last local dates in the aggregate (null when empty). */
export async function heatSpan(sql: Sql): Promise<{ first: string; last: string } | null> {
  const [r] = await sql<{ first: string | null; last: string | null }[]>`select min(local_date)::text as first, max(local_date)::text as last from heat_hours`;
  return r?.first && r.last ? { first: r.first, last: r.last } : null;
}
