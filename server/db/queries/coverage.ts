// Reads for coverage analytics: presence per cell and hour of the week (track_presence), need
// per cell and hour of the week (the heat_hours aggregate of issue 4, same filter), latest
// visits, reports against patrol hours (fairness) and a saved route's stops (plan vs actual).
import type { Sql } from '../sql.ts';
import type { HeatFilter } from '../../domain/heat-filter.ts';
import type { DayKind } from '../../domain/holidays.ts';
import { heatWhere, weightExpr } from './heat.ts';
import { bigintToCell, cellToBigint } from '../../domain/cells.ts';
import type { NeedRow, PresenceRow } from '../../domain/track-gaps.ts';

export interface PresenceFilter {
  fromDate?: string | undefined;
  toDate?: string | undefined;
  /** 168 booleans (hour of the week); all when absent. */
  mask?: readonly boolean[] | undefined;
  districts?: readonly string[] | undefined;
  teams?: readonly string[] | undefined;
}

function presenceWhere(sql: Sql, f: PresenceFilter) {
  const hows = f.mask && !f.mask.every(Boolean) ? f.mask.flatMap((on, i) => (on ? [i] : [])) : null;
  return sql`true
    ${f.fromDate ? sql`and local_date >= ${f.fromDate}::date` : sql``}
    ${f.toDate ? sql`and local_date <= ${f.toDate}::date` : sql``}
    ${hows ? sql`and hour_of_week = any(${hows}::int2[])` : sql``}
    ${f.districts ? sql`and district_id = any(${f.districts as string[]}::text[])` : sql``}
    ${f.teams ? sql`and team_id = any(${f.teams as string[]}::text[])` : sql``}`;
}

export interface CoverageCell {
  cell: string;
  minutes: number;
  stopMinutes: number;
  lastVisitAt: string;
}

/** Presence minutes per cell under a filter, most first. */
export async function coverageCells(sql: Sql, f: PresenceFilter): Promise<CoverageCell[]> {
  const rows = await sql<{ cell: string; minutes: number; stop: number; last: Date }[]>`
    select cell::text as cell, sum(minutes)::float8 as minutes, sum(stop_minutes)::float8 as stop, max(last_at) as last
    from track_presence where ${presenceWhere(sql, f)}
    group by cell order by 2 desc, 1`;
  return rows.map((r) => ({ cell: bigintToCell(r.cell), minutes: round2(r.minutes), stopMinutes: round2(r.stop), lastVisitAt: r.last.toISOString() }));
}

/** Presence minutes per cell × hour of the week. */
export async function presenceByHour(sql: Sql, f: PresenceFilter): Promise<PresenceRow[]> {
  const rows = await sql<{ cell: string; how: number; minutes: number }[]>`
    select cell::text as cell, hour_of_week as how, sum(minutes)::float8 as minutes
    from track_presence where ${presenceWhere(sql, f)} group by 1, 2`;
  return rows.map((r) => ({ cell: bigintToCell(r.cell), hourOfWeek: r.how, minutes: r.minutes }));
}

/** Report weight per res-10 cell × hour of the week under the analytics filter. */
export async function needByHour(sql: Sql, f: HeatFilter, special: ReadonlyMap<string, DayKind>): Promise<NeedRow[]> {
  const rows = await sql<{ cell: string; how: number; weight: number }[]>`
    select cell::text as cell, (dow * 24 + hour)::int as how, sum(${weightExpr(sql, f)})::float8 as weight
    from heat_hours where ${heatWhere(sql, { ...f, res: 10 }, special)}
    group by 1, 2 having sum(weight) > 0`;
  return rows.map((r) => ({ cell: bigintToCell(r.cell), hourOfWeek: r.how, weight: r.weight }));
}

/** Latest presence per cell (any team), ms. */
export async function lastVisits(sql: Sql, cells: readonly string[], since: string): Promise<Map<string, number>> {
  if (!cells.length) return new Map();
  const rows = await sql<{ cell: string; last: Date }[]>`
    select cell::text as cell, max(last_at) as last from track_presence
    where cell = any(${cells.map(cellToBigint)}::int8[]) and local_date >= ${since}::date group by cell`;
  return new Map(rows.map((r) => [bigintToCell(r.cell), r.last.getTime()]));
}

export interface FairnessRow {
  cell: string;
  patrolMinutes: number;
  patrolReports: number;
  otherReports: number;
}

/** Per cell: patrol minutes and reports, those discovered on patrol kept apart from the rest. */
export async function fairnessRows(sql: Sql, f: { fromDate: string; toDate: string; fromMs: number; toMs: number; districts?: readonly string[] | undefined }): Promise<FairnessRow[]> {
  const districts = f.districts as string[] | undefined;
  const rows = await sql<{ cell: string; minutes: number; patrol: number; other: number }[]>`
    with p as (
      select cell, sum(minutes)::float8 as minutes from track_presence
      where local_date between ${f.fromDate}::date and ${f.toDate}::date
        ${districts ? sql`and district_id = any(${districts}::text[])` : sql``}
      group by cell
    ), r as (
      select cell, count(*) filter (where discovered_on_patrol)::int as patrol, count(*) filter (where not discovered_on_patrol)::int as other
      from reports
      where observed_to >= ${new Date(f.fromMs)} and observed_from <= ${new Date(f.toMs)} and status <> 'rejected'
        ${districts ? sql`and district_id = any(${districts}::text[])` : sql``}
      group by cell
    )
    select coalesce(p.cell, r.cell)::text as cell, coalesce(p.minutes, 0) as minutes, coalesce(r.patrol, 0) as patrol, coalesce(r.other, 0) as other
    from p full join r on p.cell = r.cell`;
  return rows.map((r) => ({ cell: bigintToCell(r.cell), patrolMinutes: round2(r.minutes), patrolReports: r.patrol, otherReports: r.other }));
}

export interface RouteForPlan {
  id: string;
  name: string;
  team: string | null;
  date: string;
  shiftStart: string;
  shiftEnd: string;
  waypoints: { stop?: boolean; dwellMin?: number; cell?: string; lat: number; lon: number; place?: string }[];
  schedule: { index: number; cell: string | null; place: string | null; arrival: string; departure: string }[];
}

/** A saved patrol route (issue 5's table), or null. */
export async function routeForPlan(sql: Sql, id: string): Promise<RouteForPlan | null> {
  const [row] = await sql<RouteForPlan[]>`
    select id, name, team, to_char(date, 'YYYY-MM-DD') as date, shift_start as "shiftStart", shift_end as "shiftEnd", waypoints, schedule
    from patrol_routes where id = ${id}`;
  return row ?? null;
}

/** Ids of the tracks of a team that overlap [from, to]. */
export async function teamTrackIds(sql: Sql, team: string, from: Date, to: Date): Promise<string[]> {
  const rows = await sql<{ id: string }[]>`
    select id from tracks where team_id = ${team} and started_at <= ${to} and coalesce(ended_at, last_at, started_at) >= ${from}`;
  return rows.map((r) => r.id);
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
