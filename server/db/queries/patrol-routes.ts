// Saved patrol routes: insert, update, read, list (by date, team, district) and delete.
// listRoutesForShift is what plan-against-actual (issue 7) reads.
import type { LineString } from 'geojson';
import type { Sql } from '../sql.ts';

export interface RouteWaypoint {
  lon: number;
  lat: number;
  /** A stop the team dwells at; other waypoints only shape the line. */
  stop: boolean;
  dwellMin: number;
  cell?: string | null | undefined;
  place?: string | null | undefined;
}

export interface RouteScheduleEntry {
  /** Index into waypoints. */
  index: number;
  cell: string | null;
  place: string | null;
  arrival: string;
  departure: string;
}

export interface PatrolRouteRow {
  id: string;
  name: string;
  team: string | null;
  district: string | null;
  date: string;
  start: string;
  end: string;
  speedKmh: number;
  waypoints: RouteWaypoint[];
  geometry: LineString | null;
  schedule: RouteScheduleEntry[];
  lengthM: number;
  graph: 'streets' | 'hex-grid';
  source: 'drawn' | 'suggested' | 'imported';
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export type NewPatrolRoute = Omit<PatrolRouteRow, 'createdAt' | 'updatedAt'>;

export interface RouteFilter {
  date?: string | undefined;
  team?: string | undefined;
  district?: string | undefined;
}

function columns(sql: Sql) {
  return sql`
    id::text as id, name, team, district_id as district, date::text as date, shift_start as start, shift_end as "end",
    speed_kmh as "speedKmh", waypoints, geometry, schedule, length_m as "lengthM", graph, source,
    created_by as "createdBy", to_json(created_at)#>>'{}' as "createdAt", to_json(updated_at)#>>'{}' as "updatedAt"`;
}

const json = (v: unknown) => JSON.stringify(v);

export async function insertRoute(sql: Sql, r: NewPatrolRoute, nowMs: number): Promise<PatrolRouteRow> {
  const now = new Date(nowMs);
  const [row] = await sql<PatrolRouteRow[]>`
    insert into patrol_routes (id, name, team, district_id, date, shift_start, shift_end, speed_kmh, waypoints,
                               geometry, schedule, length_m, graph, source, created_by, created_at, updated_at)
    values (${r.id}, ${r.name}, ${r.team}, ${r.district}, ${r.date}, ${r.start}, ${r.end}, ${r.speedKmh},
            ${json(r.waypoints)}::text::jsonb, ${r.geometry ? json(r.geometry) : null}::text::jsonb, ${json(r.schedule)}::text::jsonb,
            ${r.lengthM}, ${r.graph}, ${r.source}, ${r.createdBy}, ${now}, ${now})
    returning ${columns(sql)}`;
  return row!;
}

export async function updateRoute(sql: Sql, id: string, r: Omit<NewPatrolRoute, 'id' | 'createdBy'>, nowMs: number): Promise<PatrolRouteRow | null> {
  const [row] = await sql<PatrolRouteRow[]>`
    update patrol_routes set
      name = ${r.name}, team = ${r.team}, district_id = ${r.district}, date = ${r.date}, shift_start = ${r.start},
      shift_end = ${r.end}, speed_kmh = ${r.speedKmh}, waypoints = ${json(r.waypoints)}::text::jsonb,
      geometry = ${r.geometry ? json(r.geometry) : null}::text::jsonb, schedule = ${json(r.schedule)}::text::jsonb,
      length_m = ${r.lengthM}, graph = ${r.graph}, source = ${r.source}, updated_at = ${new Date(nowMs)}
    where id = ${id}
    returning ${columns(sql)}`;
  return row ?? null;
}

export async function getRoute(sql: Sql, id: string): Promise<PatrolRouteRow | null> {
  const [row] = await sql<PatrolRouteRow[]>`select ${columns(sql)} from patrol_routes where id = ${id}`;
  return row ?? null;
}

export async function listRoutes(sql: Sql, f: RouteFilter = {}): Promise<PatrolRouteRow[]> {
  const conds = [
    f.date === undefined ? null : sql`date = ${f.date}`,
    f.team === undefined ? null : sql`team = ${f.team}`,
    f.district === undefined ? null : sql`district_id = ${f.district}`,
  ].filter((x) => x !== null);
  const where = conds.length ? sql`where ${conds.reduce((a, b) => sql`${a} and ${b}`)}` : sql``;
  return sql<PatrolRouteRow[]>`select ${columns(sql)} from patrol_routes ${where} order by date desc, shift_start, name, id`;
}

/** The planned routes of one shift date (optionally one team), for plan against actual. */
export function listRoutesForShift(sql: Sql, date: string, team?: string): Promise<PatrolRouteRow[]> {
  return listRoutes(sql, { date, team });
}

export async function deleteRoute(sql: Sql, id: string): Promise<boolean> {
  const rows = await sql`delete from patrol_routes where id = ${id} returning id`;
  return rows.length > 0;
}
