// The area's districts and team bases: upserts from the geodata import, lists for the API and the import.
import type { MultiPolygon, Polygon } from 'geojson';
import { announceMapChange } from '../map-changes.ts';
import type { Sql, Tx } from '../sql.ts';

export interface DistrictRow {
  id: string;
  name: string;
  approximate: boolean;
  source: string;
  geometry: Polygon | MultiPolygon;
}

export interface BaseRow {
  id: string;
  name: string;
  districtId: string | null;
  lon: number;
  lat: number;
}

/** Inserts or replaces districts by id (an official polygon replaces an approximate one). */
export async function upsertDistricts(sql: Sql, districts: readonly DistrictRow[]): Promise<number> {
  await sql.begin((tx) => writeDistricts(tx, districts));
  announceMapChange(sql);
  return districts.length;
}

/** upsertDistricts inside the caller's transaction. */
export async function writeDistricts(tx: Tx, districts: readonly DistrictRow[]): Promise<void> {
  for (const d of districts) {
    await tx`
      insert into districts (id, name, approximate, source, geometry, updated_at)
      values (${d.id}, ${d.name}, ${d.approximate}, ${d.source}, ${JSON.stringify(d.geometry)}::text::jsonb, now())
      on conflict (id) do update set
        name = excluded.name, approximate = excluded.approximate, source = excluded.source,
        geometry = excluded.geometry, updated_at = excluded.updated_at`;
  }
}

export async function listDistricts(sql: Sql | Tx): Promise<DistrictRow[]> {
  return sql<DistrictRow[]>`
    select id, name, approximate, source, geometry from districts order by name, id`;
}

export async function countDistricts(sql: Sql): Promise<number> {
  const [row] = await sql<{ n: number }[]>`select count(*)::int as n from districts`;
  return row?.n ?? 0;
}

/** Inserts or replaces team bases by id. */
export async function upsertBases(sql: Sql, bases: readonly BaseRow[]): Promise<number> {
  await sql.begin(async (tx) => {
    for (const b of bases) {
      await tx`
        insert into team_bases (id, name, district_id, lon, lat)
        values (${b.id}, ${b.name}, ${b.districtId}, ${b.lon}, ${b.lat})
        on conflict (id) do update set
          name = excluded.name, district_id = excluded.district_id, lon = excluded.lon, lat = excluded.lat`;
    }
  });
  return bases.length;
}

export async function listBases(sql: Sql): Promise<BaseRow[]> {
  return sql<BaseRow[]>`
    select id, name, district_id as "districtId", lon, lat from team_bases order by name, id`;
}
