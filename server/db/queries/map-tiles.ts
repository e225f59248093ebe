// The stored vector tiles (map_tiles) and what they are cut from (map_features, districts).
import type { Geometry } from 'geojson';
import type { Sql } from '../sql.ts';
import { TILE_SCHEMA_FINGERPRINT, geometryBbox } from '../../domain/tile-schema.ts';

export interface StoredTile {
  data: Uint8Array;
  gzip: Uint8Array;
  br: Uint8Array;
  etag: string;
}

export interface SourceFeatureRow {
  layer: string;
  kind: string;
  name: string | null;
  props: Record<string, unknown>;
  geometry: Geometry;
}

export interface DistrictOutlineRow {
  id: string;
  name: string;
  approximate: boolean;
  geometry: Geometry;
}

/**
 * The version tiles are built for: map_meta 'version' (set by every import of map_features) and a
 * fingerprint of the districts (their outlines and names are in the tiles too), and the tile
 * schema's fingerprint (an upgrade that cuts tiles differently), so a change of any makes every
 * stored tile stale.
 */
const VERSION_EXPR = `coalesce((select value #>> '{}' from map_meta where key = 'version'), 'none')
  || '.' || (select count(*) || '-' || coalesce(floor(extract(epoch from max(updated_at)) * 1000)::bigint, 0) from districts)
  || '.${TILE_SCHEMA_FINGERPRINT}'`;

export async function currentTileVersion(sql: Sql): Promise<string> {
  const [row] = await sql<{ v: string }[]>`select ${sql.unsafe(VERSION_EXPR)} as v`;
  return row!.v;
}

/** A tile to store at z/x/y. */
export interface TileAt {
  z: number;
  x: number;
  y: number;
  tile: StoredTile;
}

const b64 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');

/**
 * Stores tiles of `version` in one statement, replacing whatever their z/x/y held, unless `version`
 * is no longer the current one (a late write must not replace a newer version's tile). The bytes
 * travel as base64 text arrays (postgres.js sends no bytea[]), decoded by the database.
 */
export async function writeTiles(sql: Sql, version: string, tiles: readonly TileAt[]): Promise<void> {
  if (!tiles.length) return;
  await sql`
    insert into map_tiles (z, x, y, version, data, data_gzip, data_br, etag, built_at)
    select z, x, y, ${version}, decode(data, 'base64'), decode(gzip, 'base64'), decode(br, 'base64'), etag, now()
    from unnest(
      ${tiles.map((t) => t.z)}::int[], ${tiles.map((t) => t.x)}::int[], ${tiles.map((t) => t.y)}::int[],
      ${tiles.map((t) => b64(t.tile.data))}::text[], ${tiles.map((t) => b64(t.tile.gzip))}::text[],
      ${tiles.map((t) => b64(t.tile.br))}::text[], ${tiles.map((t) => t.tile.etag)}::text[]
    ) as t(z, x, y, data, gzip, br, etag)
    where ${version} = (${sql.unsafe(VERSION_EXPR)})
    on conflict (z, x, y) do update set
      version = excluded.version, data = excluded.data, data_gzip = excluded.data_gzip,
      data_br = excluded.data_br, etag = excluded.etag, built_at = excluded.built_at`;
}

/** The stored tile z/x/y of `version`, or null. */
export async function readTile(sql: Sql, z: number, x: number, y: number, version: string): Promise<StoredTile | null> {
  const [r] = await sql<{ data: Uint8Array; gzip: Uint8Array; br: Uint8Array; etag: string }[]>`
    select data, data_gzip as gzip, data_br as br, etag from map_tiles
    where z = ${z} and x = ${x} and y = ${y} and version = ${version}`;
  return r ? { data: r.data, gzip: r.gzip, br: r.br, etag: r.etag } : null;
}

/** Drops every tile not of `version`; returns how many. */
export async function deleteStaleTiles(sql: Sql, version: string): Promise<number> {
  const res = await sql`delete from map_tiles where version <> ${version}`;
  return res.count;
}

export async function countTiles(sql: Sql, version: string): Promise<number> {
  const [row] = await sql<{ n: number }[]>`select count(*)::int as n from map_tiles where version = ${version}`;
  return row!.n;
}

/** Everything the tiles are cut from. Whole, once per version: the area is a few districts. */
export async function loadTileSource(sql: Sql): Promise<{ features: SourceFeatureRow[]; districts: DistrictOutlineRow[] }> {
  const [features, districts] = await Promise.all([
    sql<SourceFeatureRow[]>`select layer, kind, name, props, geometry from map_features order by id`,
    sql<DistrictOutlineRow[]>`select id, name, approximate, geometry from districts order by id`,
  ]);
  return { features, districts };
}

/**
 * What the style needs to know about the map: its version, whether an OSM extract was imported
 * (an 'import' summary not written by the bundled network, server/geodata/bundled-network.ts) and
 * whether it has roads.
 */
export async function readMapMeta(sql: Sql): Promise<{ version: string; hasOsmImport: boolean; hasRoads: boolean }> {
  const [row] = await sql<{ v: string; imported: boolean; roads: boolean }[]>`
    select ${sql.unsafe(VERSION_EXPR)} as v, exists (select 1 from map_meta where key = 'import' and coalesce(value ->> 'source', '') not like 'bundled network%') as imported,
           exists (select 1 from map_features where layer = 'road') as roads`;
  return { version: row!.v, hasOsmImport: row!.imported, hasRoads: row!.roads };
}

/** [w, s, e, n] around map_features and the districts, or null when both are empty. */
export async function mapBounds(sql: Sql): Promise<[number, number, number, number] | null> {
  const [row] = await sql<{ w: number | null; s: number | null; e: number | null; n: number | null }[]>`
    select min(min_lon) as w, min(min_lat) as s, max(max_lon) as e, max(max_lat) as n from map_features`;
  const districts = await sql<{ geometry: Geometry }[]>`select geometry from districts`;
  let box: [number, number, number, number] | null = row && row.w !== null ? [row.w, row.s!, row.e!, row.n!] : null;
  for (const d of districts) {
    const b = geometryBbox(d.geometry);
    if (b) box = box ? [Math.min(box[0], b[0]), Math.min(box[1], b[1]), Math.max(box[2], b[2]), Math.max(box[3], b[3])] : b;
  }
  return box;
}
