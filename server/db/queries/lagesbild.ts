// Reads for the weekly lägesbild: counts per district × category (this week and the baseline
// weeks) and the weekday × hour pattern from the heat_hours aggregate; the week's EST reports
// (otrygghet, partners) from the reports table; team presence; the sources' limits.
import type { Sql } from '../sql.ts';
import { bigintToCell, cellToBigint } from '../../domain/cells.ts';

export interface WeekSpan {
  /** First baseline day and the week's Monday and Sunday (local dates, inclusive). */
  baselineFrom: string;
  monday: string;
  sunday: string;
}

/** Reports per district × category: this week and the baseline weeks together (count = window midpoint). */
export async function categoryCounts(sql: Sql, s: WeekSpan): Promise<{ district: string; category: string; count: number; baselineTotal: number }[]> {
  return sql<{ district: string; category: string; count: number; baselineTotal: number }[]>`
    select district_id as district, category,
      coalesce(sum(count) filter (where local_date >= ${s.monday}::date), 0)::int as count,
      coalesce(sum(count) filter (where local_date < ${s.monday}::date), 0)::int as "baselineTotal"
    from heat_hours where local_date between ${s.baselineFrom}::date and ${s.sunday}::date
    group by 1, 2 order by 1, 2`;
}

/** Aoristic weight per district × weekday × hour: this week and the baseline weeks together. */
export async function hourPattern(sql: Sql, s: WeekSpan): Promise<{ district: string; how: number; week: number; baseline: number }[]> {
  return sql<{ district: string; how: number; week: number; baseline: number }[]>`
    select district_id as district, (dow * 24 + hour)::int as how,
      coalesce(sum(weight) filter (where local_date >= ${s.monday}::date), 0)::float8 as week,
      coalesce(sum(weight) filter (where local_date < ${s.monday}::date), 0)::float8 as baseline
    from heat_hours where local_date between ${s.baselineFrom}::date and ${s.sunday}::date
    group by 1, 2`;
}

export interface EstReport {
  id: string;
  district: string;
  category: string;
  cell: string;
  observedTo: string;
  otrygghet: string | null;
  placeKind: string | null;
  organisation: string | null;
  source: string;
}

/** The week's reports that carry EST fields (a judgement or an organisation); no text, no contact data. */
export async function estReports(sql: Sql, fromMs: number, toMs: number): Promise<EstReport[]> {
  const rows = await sql<(Omit<EstReport, 'observedTo' | 'cell'> & { observedTo: Date; cell: string })[]>`
    select id, district_id as district, category, cell::text as cell, observed_to as "observedTo", otrygghet, place_kind as "placeKind", organisation_id as organisation, source
    from reports
    where observed_to >= ${new Date(fromMs)} and observed_from < ${new Date(toMs)}
      and observed_from + (observed_to - observed_from) / 2 >= ${new Date(fromMs)}
      and observed_from + (observed_to - observed_from) / 2 < ${new Date(toMs)}
      and status not in ('rejected', 'merged')
      and (otrygghet is not null or organisation_id is not null)
    order by observed_to, id`;
  return rows.map((r) => ({ ...r, cell: bigintToCell(r.cell), observedTo: r.observedTo.toISOString() }));
}

/** Presence minutes per district and team in the week (local dates). */
export async function presenceByDistrictTeam(sql: Sql, monday: string, sunday: string): Promise<{ district: string; team: string; minutes: number }[]> {
  return sql<{ district: string; team: string; minutes: number }[]>`
    select district_id as district, team_id as team, sum(minutes)::float8 as minutes
    from track_presence where local_date between ${monday}::date and ${sunday}::date
    group by 1, 2 order by 1, 2`;
}

/** Reports at the given res-10 cells (hex) per category, with window midpoint in [fromMs, toMs). */
export async function reportsAtCells(sql: Sql, cells: readonly string[], fromMs: number, toMs: number): Promise<{ category: string; count: number }[]> {
  if (!cells.length || toMs <= fromMs) return [];
  return sql<{ category: string; count: number }[]>`
    select category, count(*)::int as count from reports
    where cell = any(${cells.map(cellToBigint)}::int8[])
      and observed_from + (observed_to - observed_from) / 2 >= ${new Date(fromMs)}
      and observed_from + (observed_to - observed_from) / 2 < ${new Date(toMs)}
      and status not in ('rejected', 'merged')
    group by 1 order by 2 desc, 1`;
}

export interface SourceFacts {
  /** Latest police event imported (window end), or null. */
  latestPolice: string | null;
  reportsBySource: { source: string; count: number }[];
}

/** What the week's data rests on: the latest police import, report sources. */
export async function sourceFacts(sql: Sql, fromMs: number, toMs: number): Promise<SourceFacts> {
  const [[police], bySource] = await Promise.all([
    sql<{ at: Date | null }[]>`select max(observed_to) as at from reports where source = 'police'`,
    sql<{ source: string; count: number }[]>`
      select source, count(*)::int as count from reports
      where observed_to >= ${new Date(fromMs)} and observed_from < ${new Date(toMs)} and status not in ('rejected', 'merged')
      group by 1 order by 1`,
  ]);
  return { latestPolice: police?.at?.toISOString() ?? null, reportsBySource: bySource };
}

/** Highway classes drawn on the PDF map as main streets. */
export const MAIN_HIGHWAYS = ['trunk', 'primary', 'secondary', 'tertiary', 'unclassified', 'residential', 'living_street', 'pedestrian'];

/** The main streets of the districts (coordinates [lon, lat]). */
export async function mainStreets(sql: Sql, districts: readonly string[]): Promise<{ coords: [number, number][] }[]> {
  return sql<{ coords: [number, number][] }[]>`
    select coords from streets
    where district_id = any(${districts as string[]}::text[]) and highway = any(${MAIN_HIGHWAYS}::text[])`;
}

/** Reports of a frozen week that arrived after its meeting, per district and category. */
export async function lateReports(sql: Sql, week: string, fromMs: number, toMs: number): Promise<{ district: string; category: string; count: number }[]> {
  return sql<{ district: string; category: string; count: number }[]>`
    select r.district_id as district, r.category, count(*)::int as count
    from reports r join lagesbild_snapshots s on s.week = ${week} and s.district_id = r.district_id
    where r.observed_to >= ${new Date(fromMs)} and r.observed_from < ${new Date(toMs)}
      and r.observed_from + (r.observed_to - r.observed_from) / 2 >= ${new Date(fromMs)}
      and r.observed_from + (r.observed_to - r.observed_from) / 2 < ${new Date(toMs)}
      and r.status not in ('rejected', 'merged') and r.created_at > s.frozen_at
    group by 1, 2 order by 1, 3 desc, 2`;
}
