// Cuts vector tiles from map_features and the districts with geojson-vt, encodes them with vt-pbf,
// compresses them once (gzip, brotli) and keeps them in map_tiles. The geojson-vt index is built
// once per map version and dropped when the version changes, so memory stays bounded by one
// version of the area (a few districts plus a margin).
import { createHash } from 'node:crypto';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import { GeoJSONVT } from '@maplibre/geojson-vt';
import type { GeoJSONVTTile } from '@maplibre/geojson-vt';
import { fromGeojsonVt } from '@maplibre/vt-pbf';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { Sql } from '../db/sql.ts';
import { currentTileVersion, deleteStaleTiles, loadTileSource, readCurrentTile, writeTile, type StoredTile } from '../db/queries/map-tiles.ts';
import {
  MAX_TILE_ZOOM, MIN_TILE_ZOOM, districtTileFeatures, geometryBbox, tileBbox, tileRange, toTileFeatures,
  type TileLayer, type TileProps,
} from '../domain/tile-schema.ts';

/** Tile extent (MVT units per tile side) and buffer around it, as MapLibre expects them. */
const EXTENT = 4096;
const BUFFER = 64;
/** Bytes of packed tiles (all encodings) kept in memory, most recently served first. */
const MEMORY_CACHE_BYTES = 32 * 1024 * 1024;
/** geojson-vt's simplification tolerance, in 1/EXTENT of a tile at every zoom (so it coarsens with lower zoom). */
const TOLERANCE = 3;

interface VersionIndex {
  version: string;
  index: GeoJSONVT;
  /** [w, s, e, n] of everything in the index: tiles outside it are empty without asking geojson-vt. */
  bbox: [number, number, number, number] | null;
}

export interface BuiltTile extends StoredTile {
  /** True when the tile has no feature (served as 204 No Content). */
  isEmpty: boolean;
}

function encode(tile: GeoJSONVTTile | null, z: number): Uint8Array {
  if (!tile) return new Uint8Array(0);
  // Split geojson-vt's one layer by the `_l` tag; leave out what starts at a higher zoom.
  const layers = new Map<TileLayer, GeoJSONVTTile['features']>();
  for (const f of tile.features) {
    const tags = f.tags as TileProps;
    if (tags._z > z) continue;
    const { _l, _z, ...rest } = tags;
    let list = layers.get(_l);
    if (!list) layers.set(_l, (list = []));
    list.push({ ...f, tags: rest });
  }
  if (layers.size === 0) return new Uint8Array(0);
  const byName: Record<string, GeoJSONVTTile> = {};
  for (const [name, features] of layers) byName[name] = { ...tile, features };
  return fromGeojsonVt(byName, { version: 2, extent: EXTENT });
}

/** Compresses and fingerprints encoded tile bytes. */
export function packTile(data: Uint8Array): BuiltTile {
  const gzip = gzipSync(data, { level: 6 });
  const br = brotliCompressSync(data, { params: { [zlib.BROTLI_PARAM_QUALITY]: 6, [zlib.BROTLI_PARAM_SIZE_HINT]: data.length } });
  const etag = createHash('sha256').update(data).digest('base64url').slice(0, 22);
  return { data, gzip, br, etag, isEmpty: data.length === 0 };
}

const EMPTY_TILE = packTile(new Uint8Array(0));

export interface TileStore {
  /** The tile z/x/y of the current version: stored, or cut now and stored. */
  get(z: number, x: number, y: number): Promise<{ version: string; tile: BuiltTile }>;
  /** Waits for the tile writes started by get() (tests, shutdown). */
  flush(): Promise<void>;
  /** The current version (map_meta 'version' and the districts' fingerprint). */
  version(): Promise<string>;
  /** Cuts and stores every tile of the area at z MIN..MAX_TILE_ZOOM; drops stale ones. */
  buildAll(opts?: { onProgress?: (done: number, total: number) => void }): Promise<{ version: string; tiles: number; nonEmpty: number }>;
}

export function makeTileStore(sql: Sql, opts: { onWriteError?: (err: unknown) => void } = {}): TileStore {
  let current: Promise<VersionIndex> | null = null;
  let currentVersion: string | null = null;
  // Recently served tiles by version/z/x/y (a Map keeps insertion order: the first is the oldest).
  const memory = new Map<string, BuiltTile>();
  let memoryBytes = 0;
  let memoryVersion: string | null = null;
  const pending = new Set<Promise<void>>();
  const remember = (key: string, tile: BuiltTile) => {
    const size = tile.data.byteLength + tile.gzip.byteLength + tile.br.byteLength;
    memory.delete(key);
    memory.set(key, tile);
    memoryBytes += size;
    for (const [k, t] of memory) {
      if (memoryBytes <= MEMORY_CACHE_BYTES) break;
      memory.delete(k);
      memoryBytes -= t.data.byteLength + t.gzip.byteLength + t.br.byteLength;
    }
  };

  async function buildIndex(version: string): Promise<VersionIndex> {
    const source = await loadTileSource(sql);
    const features: Feature<Geometry, TileProps>[] = [];
    for (const row of source.features) features.push(...toTileFeatures(row));
    for (const d of source.districts) features.push(...districtTileFeatures(d));
    const fc: FeatureCollection<Geometry, TileProps> = { type: 'FeatureCollection', features };
    const bbox = geometryBbox({ type: 'GeometryCollection', geometries: features.map((f) => f.geometry) });
    const index = new GeoJSONVT(fc, { maxZoom: MAX_TILE_ZOOM, indexMaxZoom: 5, tolerance: TOLERANCE, extent: EXTENT, buffer: BUFFER });
    return { version, index, bbox };
  }

  /** The index of `version`; a new version replaces (and so frees) the old one. */
  function indexFor(version: string): Promise<VersionIndex> {
    if (current && currentVersion === version) return current;
    currentVersion = version;
    current = buildIndex(version);
    current.catch(() => {
      if (currentVersion === version) (current = null), (currentVersion = null);
    });
    return current;
  }

  function intersects(a: readonly number[], b: readonly number[]): boolean {
    return a[0]! <= b[2]! && a[2]! >= b[0]! && a[1]! <= b[3]! && a[3]! >= b[1]!;
  }

  async function cut(version: string, z: number, x: number, y: number): Promise<BuiltTile> {
    const vi = await indexFor(version);
    if (z < MIN_TILE_ZOOM || z > MAX_TILE_ZOOM || !vi.bbox || !intersects(tileBbox(z, x, y), vi.bbox)) return EMPTY_TILE;
    return packTile(encode(vi.index.getTile(z, x, y), z));
  }

  return {
    version: () => currentTileVersion(sql),
    async flush() {
      await Promise.all([...pending]);
    },
    async get(z, x, y) {
      // The version is read on every request (so a stale tile is never served); the tile itself
      // comes from memory, else from map_tiles, else it is cut now.
      const version = await currentTileVersion(sql);
      if (version !== memoryVersion) {
        // A new version: the old one's tiles can never be served again.
        memory.clear();
        memoryBytes = 0;
        memoryVersion = version;
      }
      const key = `${version}/${z}/${x}/${y}`;
      const hot = memory.get(key);
      if (hot) return { version, tile: hot };
      const stored = await readCurrentTile(sql, z, x, y);
      if (stored.tile && stored.version === version) {
        const tile = { ...stored.tile, isEmpty: stored.tile.data.length === 0 };
        remember(key, tile);
        return { version, tile };
      }
      const vi = await indexFor(stored.version);
      // Outside the area: empty, and not stored (any z/x/y can be asked for).
      if (z < MIN_TILE_ZOOM || z > MAX_TILE_ZOOM || !vi.bbox || !intersects(tileBbox(z, x, y), vi.bbox)) return { version: stored.version, tile: EMPTY_TILE };
      const built = await cut(stored.version, z, x, y);
      remember(`${stored.version}/${z}/${x}/${y}`, built);
      // Stored for the next process start; the answer does not wait for the write.
      const write = writeTile(sql, z, x, y, stored.version, built).catch((err: unknown) => opts.onWriteError?.(err));
      pending.add(write);
      void write.finally(() => pending.delete(write));
      return { version: stored.version, tile: built };
    },
    async buildAll(opts = {}) {
      const version = await currentTileVersion(sql);
      await deleteStaleTiles(sql, version);
      const vi = await indexFor(version);
      if (!vi.bbox) return { version, tiles: 0, nonEmpty: 0 };
      const jobs: [number, number, number][] = [];
      for (let z = MIN_TILE_ZOOM; z <= MAX_TILE_ZOOM; z++) {
        const r = tileRange(vi.bbox, z);
        for (let x = r.x0; x <= r.x1; x++) for (let y = r.y0; y <= r.y1; y++) jobs.push([z, x, y]);
      }
      let nonEmpty = 0;
      for (const [i, [z, x, y]] of jobs.entries()) {
        const built = await cut(version, z, x, y);
        if (!built.isEmpty) nonEmpty++;
        await writeTile(sql, z, x, y, version, built);
        opts.onProgress?.(i + 1, jobs.length);
      }
      return { version, tiles: jobs.length, nonEmpty };
    },
  };
}

/**
 * Cuts and stores every tile of the area for the current map version. The OSM import calls this
 * after its transaction commits (`npm run geodata -- build-tiles` does the same by hand).
 */
export async function buildAllTiles(sql: Sql, opts: { onProgress?: (done: number, total: number) => void } = {}) {
  return makeTileStore(sql).buildAll(opts);
}
