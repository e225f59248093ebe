// The walkable network: replaced whole in one transaction, listed per district, summed per district.
import { prepareStreets, type DistrictShape, type StreetRow } from '../../geodata/assign-districts.ts';
import type { StreetWay } from '../../geodata/street-way.ts';
import type { Sql, Tx } from '../sql.ts';

export interface StreetListRow {
  id: number;
  osmWayId: number | null;
  name: string | null;
  highway: string | null;
  lit: string | null;
  lengthM: number;
  districtId: string | null;
  /** [[lon, lat], …]: the coordinates of a GeoJSON LineString. */
  coords: [number, number][];
}

export interface CoverageRow {
  /** null: streets inside the clip box but outside every district. */
  districtId: string | null;
  name: string | null;
  km: number;
}

export interface ReplaceStreetsResult {
  inserted: number;
  /** Ways wholly outside the districts' bounding box + margin. */
  clippedOut: number;
}

/** Rows per INSERT … SELECT FROM unnest(…): keeps one statement's parameters to a few MB. */
const BATCH_ROWS = 2000;

/**
 * Clips the ways to the districts (+ marginM), assigns districts and replaces the whole network
 * in one transaction: on any error the previous network stays as it was.
 */
export async function replaceStreets(
  sql: Sql,
  ways: readonly StreetWay[],
  districts: readonly DistrictShape[],
  opts: { marginM?: number; onProgress?: (inserted: number, total: number) => void } = {},
): Promise<ReplaceStreetsResult> {
  const { rows, clippedOut } = prepareStreets(ways, districts, opts);
  await sql.begin((tx) => writeStreetRows(tx, rows, opts.onProgress));
  return { inserted: rows.length, clippedOut };
}

/** Deletes every street and inserts the rows; run it inside a transaction (tx). */
export async function writeStreetRows(tx: Tx, rows: readonly StreetRow[], onProgress?: (inserted: number, total: number) => void): Promise<void> {
  await tx`delete from streets`;
  for (let i = 0; i < rows.length; i += BATCH_ROWS) {
    const batch = rows.slice(i, i + BATCH_ROWS);
    await tx`
      insert into streets (osm_way_id, name, highway, lit, length_m, district_id, coords)
      select way_id, name, highway, lit, length_m, district_id, coords::jsonb
      from unnest(
        ${batch.map((r) => r.osmWayId)}::bigint[], ${batch.map((r) => r.name)}::text[],
        ${batch.map((r) => r.highway)}::text[], ${batch.map((r) => r.lit)}::text[],
        ${batch.map((r) => r.lengthM)}::float8[], ${batch.map((r) => r.districtId)}::text[],
        ${batch.map((r) => JSON.stringify(r.coords))}::text[]
      ) as t(way_id, name, highway, lit, length_m, district_id, coords)`;
    onProgress?.(i + batch.length, rows.length);
  }
}

/** The streets, optionally of one district and/or only those tagged lit=`lit`. */
export async function listStreets(sql: Sql, filter: { districtId?: string; lit?: string } = {}): Promise<StreetListRow[]> {
  return sql<StreetListRow[]>`
    select id::float8 as id, osm_way_id::float8 as "osmWayId", name, highway, lit,
           length_m as "lengthM", district_id as "districtId", coords
    from streets
    where (${filter.districtId ?? null}::text is null or district_id = ${filter.districtId ?? null})
      and (${filter.lit ?? null}::text is null or lit = ${filter.lit ?? null})
    order by id`;
}

export async function countStreets(sql: Sql): Promise<number> {
  const [row] = await sql<{ n: number }[]>`select count(*)::int as n from streets`;
  return row?.n ?? 0;
}

/** Kilometres of street per district (every district, 0 when none), plus the unassigned rest. */
export async function streetCoverage(sql: Sql): Promise<CoverageRow[]> {
  return sql<CoverageRow[]>`
    select d.id as "districtId", d.name, coalesce(sum(s.length_m), 0) / 1000 as km
    from districts d left join streets s on s.district_id = d.id
    group by d.id, d.name
    union all
    select null, null, coalesce(sum(length_m), 0) / 1000 from streets where district_id is null
    order by 1 nulls last`;
}
