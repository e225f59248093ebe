// Patrol-dosage experiments: insert, read, list, the ones running on a date, and the presence
// minutes delivered per cell and evening (track_presence).
import type { Sql } from '../sql.ts';
import { cellToBigint } from '../../domain/cells.ts';
import type { Assigned } from '../../domain/stats/experiment.ts';
import type { PowerRow } from '../../domain/stats/experiment.ts';

export interface ExperimentRow {
  id: string;
  name: string;
  cells: string[];
  assignment: Assigned[];
  weeks: number;
  start: string;
  visitsPerEvening: number;
  visitMin: number;
  eveningStart: string;
  eveningEnd: string;
  seed: number;
  power: PowerRow[];
  createdBy: string | null;
  createdAt: string;
}

const columns = (sql: Sql) => sql`
  id, name, cells, assignment, weeks, start_date::text as start, visits_per_evening as "visitsPerEvening", visit_min as "visitMin",
  evening_start as "eveningStart", evening_end as "eveningEnd", seed, power, created_by as "createdBy", to_json(created_at)#>>'{}' as "createdAt"`;

export async function insertExperiment(sql: Sql, r: Omit<ExperimentRow, 'createdAt'>): Promise<ExperimentRow> {
  const [row] = await sql<ExperimentRow[]>`
    insert into experiments (id, name, cells, assignment, weeks, start_date, visits_per_evening, visit_min, evening_start, evening_end, seed, power, created_by)
    values (${r.id}, ${r.name}, ${r.cells}, ${sql.json(r.assignment as never)}, ${r.weeks}, ${r.start}, ${r.visitsPerEvening}, ${r.visitMin},
            ${r.eveningStart}, ${r.eveningEnd}, ${r.seed}, ${sql.json(r.power as never)}, ${r.createdBy})
    returning ${columns(sql)}`;
  return row!;
}

export async function getExperiment(sql: Sql, id: string): Promise<ExperimentRow | null> {
  const [row] = await sql<ExperimentRow[]>`select ${columns(sql)} from experiments where id = ${id}`;
  return row ?? null;
}

export async function listExperiments(sql: Sql): Promise<ExperimentRow[]> {
  return sql<ExperimentRow[]>`select ${columns(sql)} from experiments order by start_date desc, created_at desc limit 200`;
}

/** Experiments running on a local date: start ≤ date < start + weeks × 7. */
export async function runningExperiments(sql: Sql, date: string): Promise<ExperimentRow[]> {
  return sql<ExperimentRow[]>`
    select ${columns(sql)} from experiments
    where start_date <= ${date}::date and ${date}::date < start_date + weeks * 7
    order by start_date, id`;
}

export interface DeliveredRow {
  cell: string;
  localDate: string;
  hour: number;
  minutes: number;
}

/** Presence minutes per cell, local date and local hour over [from, to). */
export async function deliveredMinutes(sql: Sql, cells: readonly string[], from: string, to: string): Promise<DeliveredRow[]> {
  if (!cells.length) return [];
  const rows = await sql<{ cell: string; d: string; h: number; m: number }[]>`
    select to_hex(cell) as cell, local_date::text as d, (hour_of_week % 24)::int as h, sum(minutes)::float8 as m
    from track_presence
    where cell = any(${cells.map(cellToBigint)}::bigint[]) and local_date >= ${from}::date and local_date < ${to}::date
    group by 1, 2, 3`;
  return rows.map((r) => ({ cell: r.cell, localDate: r.d, hour: r.h, minutes: r.m }));
}

/** The district most of each cell's reports were filed in (cells without reports are absent). */
export async function districtsOfCells(sql: Sql, cells: readonly string[]): Promise<Map<string, string>> {
  const rows = await sql<{ cell: string; district: string }[]>`
    select distinct on (cell) to_hex(cell) as cell, district_id as district
    from heat_hours where cell = any(${cells.map(cellToBigint)}::bigint[])
    group by cell, district_id
    order by cell, sum(count) desc, district_id`;
  return new Map(rows.map((r) => [r.cell, r.district]));
}
