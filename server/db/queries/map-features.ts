// The area's map (map_features) and what it was built from (map_meta): replaced whole, together
// with the walkable network, in one transaction; map_meta read back by key.
import type { Geometry } from 'geojson';
import type { StreetRow } from '../../geodata/assign-districts.ts';
import { announceMapChange } from '../map-changes.ts';
import type { Sql, Tx } from '../sql.ts';
import { writeStreetRows } from './streets.ts';

export interface MapFeatureRow {
  layer: string;
  kind: string;
  name: string | null;
  osmType: 'n' | 'w' | 'r' | null;
  osmId: number | null;
  districtId: string | null;
  props: Record<string, unknown>;
  geometry: Geometry;
  /** [west, south, east, north] */
  bbox: [number, number, number, number];
}

export interface ReplaceMapInput {
  features: readonly MapFeatureRow[];
  /** The walkable network; null leaves the streets table as it is. */
  streets: readonly StreetRow[] | null;
  /** What was loaded, from where, with what counts: stored under map_meta `summaryKey`. */
  summary: Record<string, unknown>;
  /**
   * 'import' for an OpenStreetMap extract, 'network' for the bundled network (the style says
   * "shipped street network only" while no 'import' key exists). The other key is removed.
   */
  summaryKey: 'import' | 'network';
  /** map_meta 'version': a new unique string; tiles and the place index are rebuilt when it changes. */
  version: string;
}

const BATCH_ROWS = 2000;

/** Replaces map_features (and streets, the map_meta summary and 'version') in one transaction. */
export async function replaceMap(sql: Sql, input: ReplaceMapInput, onProgress?: (written: number, total: number) => void): Promise<void> {
  const total = input.features.length + (input.streets?.length ?? 0);
  await sql.begin(async (tx) => {
    await tx`delete from map_features`;
    for (let i = 0; i < input.features.length; i += BATCH_ROWS) {
      await insertFeatures(tx, input.features.slice(i, i + BATCH_ROWS));
      onProgress?.(Math.min(i + BATCH_ROWS, input.features.length), total);
    }
    if (input.streets) {
      await writeStreetRows(tx, input.streets, (n) => onProgress?.(input.features.length + n, total));
    }
    await tx`delete from map_meta where key in ('import', 'network')`;
    await setMeta(tx, input.summaryKey, input.summary);
    await setMeta(tx, 'version', input.version);
  });
  announceMapChange(sql);
}

async function insertFeatures(tx: Tx, rows: readonly MapFeatureRow[]): Promise<void> {
  await tx`
    insert into map_features (layer, kind, name, osm_type, osm_id, district_id, props, geometry, min_lon, min_lat, max_lon, max_lat)
    select layer, kind, name, osm_type, osm_id, district_id, props::jsonb, geometry::jsonb, min_lon, min_lat, max_lon, max_lat
    from unnest(
      ${rows.map((r) => r.layer)}::text[], ${rows.map((r) => r.kind)}::text[], ${rows.map((r) => r.name)}::text[],
      ${rows.map((r) => r.osmType)}::text[], ${rows.map((r) => r.osmId)}::bigint[], ${rows.map((r) => r.districtId)}::text[],
      ${rows.map((r) => JSON.stringify(r.props))}::text[], ${rows.map((r) => JSON.stringify(r.geometry))}::text[],
      ${rows.map((r) => r.bbox[0])}::float8[], ${rows.map((r) => r.bbox[1])}::float8[],
      ${rows.map((r) => r.bbox[2])}::float8[], ${rows.map((r) => r.bbox[3])}::float8[]
    ) as t(layer, kind, name, osm_type, osm_id, district_id, props, geometry, min_lon, min_lat, max_lon, max_lat)`;
}

async function setMeta(tx: Tx, key: string, value: unknown): Promise<void> {
  await tx`
    insert into map_meta (key, value, updated_at) values (${key}, ${JSON.stringify(value)}::text::jsonb, now())
    on conflict (key) do update set value = excluded.value, updated_at = excluded.updated_at`;
}

/** map_meta value of a key, or null. */
export async function getMapMeta<T = unknown>(sql: Sql, key: string): Promise<T | null> {
  const [row] = await sql<{ value: T }[]>`select value from map_meta where key = ${key}`;
  return row?.value ?? null;
}

export async function countMapFeatures(sql: Sql): Promise<number> {
  const [row] = await sql<{ n: number }[]>`select count(*)::int as n from map_features`;
  return row?.n ?? 0;
}
