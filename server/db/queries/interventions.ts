// The intervention log: insert, update, close, read and list (newest start first).
import type { Polygon } from 'geojson';
import type { Sql } from '../sql.ts';

export const INTERVENTION_KINDS = ['patrol', 'lighting', 'vegetation', 'camera', 'cleaning', 'youth-activity', 'guard', 'environment', 'other'] as const;
export type InterventionKind = (typeof INTERVENTION_KINDS)[number];

export interface InterventionRow {
  id: string;
  kind: InterventionKind;
  title: string;
  whereKind: 'cells' | 'polygon' | 'place';
  cells: string[];
  geometry: Polygon | null;
  placeName: string;
  lat: number;
  lon: number;
  districts: string[];
  start: string;
  end: string | null;
  organisation: string;
  cost: number | null;
  notes: string;
  actionId: string | null;
  controlCells: string[] | null;
  weeks: number;
  bufferRings: number;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
}

export type NewIntervention = Omit<InterventionRow, 'createdAt' | 'updatedAt' | 'closedAt'>;

const columns = (sql: Sql) => sql`
  id, kind, title, where_kind as "whereKind", cells, geometry, place_name as "placeName", lat, lon, districts,
  start_date::text as start, end_date::text as "end", organisation, cost_sek::float8 as cost, notes,
  action_id as "actionId", control_cells as "controlCells", weeks, buffer_rings as "bufferRings",
  created_by as "createdBy", to_json(created_at)#>>'{}' as "createdAt", to_json(updated_at)#>>'{}' as "updatedAt",
  to_json(closed_at)#>>'{}' as "closedAt"`;

export async function insertIntervention(sql: Sql, r: NewIntervention): Promise<InterventionRow> {
  const [row] = await sql<InterventionRow[]>`
    insert into interventions (id, kind, title, where_kind, cells, geometry, place_name, lat, lon, districts, start_date, end_date,
                               organisation, cost_sek, notes, action_id, control_cells, weeks, buffer_rings, created_by)
    values (${r.id}, ${r.kind}, ${r.title}, ${r.whereKind}, ${r.cells}, ${r.geometry ? sql.json(r.geometry as never) : null}, ${r.placeName},
            ${r.lat}, ${r.lon}, ${r.districts}, ${r.start}, ${r.end}, ${r.organisation}, ${r.cost}, ${r.notes}, ${r.actionId},
            ${r.controlCells}, ${r.weeks}, ${r.bufferRings}, ${r.createdBy})
    returning ${columns(sql)}`;
  return row!;
}

export async function updateIntervention(sql: Sql, id: string, r: Omit<NewIntervention, 'id' | 'createdBy'>, nowIso: string): Promise<InterventionRow | null> {
  const [row] = await sql<InterventionRow[]>`
    update interventions set kind = ${r.kind}, title = ${r.title}, where_kind = ${r.whereKind}, cells = ${r.cells},
      geometry = ${r.geometry ? sql.json(r.geometry as never) : null}, place_name = ${r.placeName}, lat = ${r.lat}, lon = ${r.lon},
      districts = ${r.districts}, start_date = ${r.start}, end_date = ${r.end}, organisation = ${r.organisation}, cost_sek = ${r.cost},
      notes = ${r.notes}, action_id = ${r.actionId}, control_cells = ${r.controlCells}, weeks = ${r.weeks}, buffer_rings = ${r.bufferRings},
      updated_at = ${nowIso}
    where id = ${id}
    returning ${columns(sql)}`;
  return row ?? null;
}

/** Sets the end date (when it has none or a later one) and marks the intervention closed. */
export async function closeIntervention(sql: Sql, id: string, end: string, nowIso: string): Promise<InterventionRow | null> {
  const [row] = await sql<InterventionRow[]>`
    update interventions set end_date = greatest(start_date, least(coalesce(end_date, ${end}::date), ${end}::date)), closed_at = ${nowIso}, updated_at = ${nowIso}
    where id = ${id}
    returning ${columns(sql)}`;
  return row ?? null;
}

export async function getIntervention(sql: Sql, id: string): Promise<InterventionRow | null> {
  const [row] = await sql<InterventionRow[]>`select ${columns(sql)} from interventions where id = ${id}`;
  return row ?? null;
}

export async function listInterventions(sql: Sql, f: { kind?: string | undefined; district?: string | undefined; actionId?: string | undefined }): Promise<InterventionRow[]> {
  return sql<InterventionRow[]>`
    select ${columns(sql)} from interventions
    where true
      ${f.kind ? sql`and kind = ${f.kind}` : sql``}
      ${f.district ? sql`and ${f.district} = any(districts)` : sql``}
      ${f.actionId ? sql`and action_id = ${f.actionId}` : sql``}
    order by start_date desc, created_at desc
    limit 1000`;
}
