// Rows that carry a district by their geometry (reports, streets, track presence cells), read
// and re-pointed when a district's polygon is replaced (server/geodata/area-upgrade.ts).
import type { Tx } from '../sql.ts';

export interface Located {
  id: string;
  districtId: string | null;
  lon: number;
  lat: number;
}

/** Reports whose point lies in the box [west, south, east, north]. */
export async function reportsInBox(tx: Tx, box: readonly [number, number, number, number]): Promise<Located[]> {
  return tx<Located[]>`
    select id, district_id as "districtId", lon, lat from reports
    where lon between ${box[0]} and ${box[2]} and lat between ${box[1]} and ${box[3]}`;
}

/** Moves reports to new districts in one statement (the heat triggers follow). */
export async function setReportDistricts(tx: Tx, moves: readonly { id: string; districtId: string }[]): Promise<void> {
  if (!moves.length) return;
  await tx`
    update reports r set district_id = v.d, updated_at = now()
    from (select unnest(${moves.map((m) => m.id)}::uuid[]) as id, unnest(${moves.map((m) => m.districtId)}::text[]) as d) v
    where r.id = v.id`;
}

/** Streets with their line, for re-assignment by midpoint. */
export async function streetLines(tx: Tx): Promise<{ id: string; districtId: string | null; coords: [number, number][] }[]> {
  return tx`select id::text as id, district_id as "districtId", coords from streets`;
}

export async function setStreetDistricts(tx: Tx, moves: readonly { id: string; districtId: string | null }[]): Promise<void> {
  if (!moves.length) return;
  await tx`
    update streets s set district_id = v.d
    from (select unnest(${moves.map((m) => m.id)}::bigint[]) as id, unnest(${moves.map((m) => m.districtId)}::text[]) as d) v
    where s.id = v.id`;
}

/** Distinct presence cells (hex) with their stored district. */
export async function presenceCells(tx: Tx): Promise<{ cell: string; districtId: string | null }[]> {
  return tx`select distinct to_hex(cell) as cell, district_id as "districtId" from track_presence`;
}

/** `cell` as the 63-bit integer string (domain/cells.ts cellToBigint). */
export async function setPresenceDistricts(tx: Tx, moves: readonly { cell: string; districtId: string | null }[]): Promise<void> {
  if (!moves.length) return;
  await tx`
    update track_presence p set district_id = v.d
    from (select unnest(${moves.map((m) => m.cell)}::bigint[]) as cell, unnest(${moves.map((m) => m.districtId)}::text[]) as d) v
    where p.cell = v.cell`;
}
