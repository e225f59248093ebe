// Cuts vector tiles from map_features and the districts with geojson-vt, encodes them with vt-pbf,
// compresses them once (gzip, brotli) and keeps them in map_tiles and in memory (tile-memory.ts).
// The geojson-vt index is built once per map version and dropped when the version changes, so
// memory stays bounded by one version of the area (a few districts plus a margin).
import { createHash } from 'node:crypto';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import { GeoJSONVT } from '@maplibre/geojson-vt';
import type { GeoJSONVTTile } from '@maplibre/geojson-vt';
import { fromGeojsonVt } from '@maplibre/vt-pbf';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { Sql } from '../db/sql.ts';
import { currentTileVersion, deleteStaleTiles, loadTileSource, readTile, writeTiles, type StoredTile, type TileAt } from '../db/queries/map-tiles.ts';
import { makeTileMemory } from './tile-memory.ts';
import { makeVersionCache } from './map-version.ts';
import { mapGeneration } from '../db/map-changes.ts';
import { makeTileWriteQueue } from './tile-write-queue.ts';
import {
  MAX_TILE_ZOOM, MIN_TILE_ZOOM, districtTileFeatures, geometryBbox, tileBbox, tileRange, tilePropsAt, toTileFeatures,
  type TileLayer, type TileProps,
} from '../domain/tile-schema.ts';

/** Tile extent (MVT units per tile side) and buffer around it, as MapLibre expects them. */
const EXTENT = 4096;
const BUFFER = 64;
/** Bytes of packed tiles (all encodings) kept in memory, most recently served first. */
const MEMORY_CACHE_BYTES = 32 * 1024 * 1024;
/** How long a version read from the database is trusted when no change was announced, ms (map-version.ts). */
const VERSION_TTL_MS = 1000;
/** Tiles cut on request are stored after WRITE_IDLE_MS without a new one, or once WRITE_BATCH_TILES wait. */
const WRITE_IDLE_MS = 250;
const WRITE_BATCH_TILES = 128;
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
    list.push({ ...f, tags: tilePropsAt(_l, rest, z) });
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
  /**
   * The tile z/x/y of the current version when it is in memory and the version needs no database
   * read (the fast path, server/http/tile-fast-path.ts); else null. `wanted` is the request's ?v=.
   */
  peek(z: number, x: number, y: number, wanted?: string): { version: string; tile: BuiltTile } | null;
  /** The tile z/x/y of the current version: from memory, else stored, else cut now (and stored later). */
  get(z: number, x: number, y: number, wanted?: string): Promise<{ version: string; tile: BuiltTile }>;
  /** Writes the tiles cut by get() and still queued, and waits for them (tests, shutdown). */
  flush(): Promise<void>;
  /** The current version (map_meta 'version' and the districts' fingerprint), read now. */
  version(): Promise<string>;
  /** Cuts and stores every tile of the area at z MIN..MAX_TILE_ZOOM; drops stale ones. */
  buildAll(opts?: { onProgress?: (done: number, total: number) => void }): Promise<{ version: string; tiles: number; nonEmpty: number }>;
}

export interface TileStoreOptions {
  onWriteError?: (err: unknown) => void;
  /** How long the version read from the database is trusted without a change announced, ms (map-version.ts). */
  versionTtlMs?: number;
  /** Clock for that TTL, ms. */
  now?: () => number;
  /** Bytes of packed tiles kept in memory. */
  memoryBytes?: number;
}

/** Tiles stored per statement when buildAll() writes a whole version. */
const BUILD_BATCH = 64;

export function makeTileStore(sql: Sql, opts: TileStoreOptions = {}): TileStore {
  let current: Promise<VersionIndex> | null = null;
  let currentVersion: string | null = null;
  const memory = makeTileMemory(opts.memoryBytes ?? MEMORY_CACHE_BYTES);
  let memoryVersion: string | null = null;
  const versions = makeVersionCache(() => currentTileVersion(sql), {
    ttlMs: opts.versionTtlMs ?? VERSION_TTL_MS,
    now: opts.now ?? Date.now,
    generation: () => mapGeneration(sql),
  });
  const writes = makeTileWriteQueue((version, tiles) => writeTiles(sql, version, tiles), { idleMs: WRITE_IDLE_MS, maxTiles: WRITE_BATCH_TILES, onError: opts.onWriteError });

  /** Memory holds one version's tiles: a new version frees the old one's at once. */
  function memoryFor(version: string) {
    if (version !== memoryVersion) {
      memory.clear();
      memoryVersion = version;
    }
    return memory;
  }
  /** Keeps a tile unless its version was replaced while it was read or cut (a late answer must not switch memory back). */
  function remember(version: string, key: string, tile: BuiltTile) {
    if (version === memoryVersion) memory.set(key, tile);
  }

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

  /** Outside the zooms or the area: empty without asking geojson-vt (and never stored: any z/x/y can be asked for). */
  const isOutside = (vi: VersionIndex, z: number, x: number, y: number) =>
    z < MIN_TILE_ZOOM || z > MAX_TILE_ZOOM || !vi.bbox || !intersects(tileBbox(z, x, y), vi.bbox);

  async function cut(version: string, z: number, x: number, y: number): Promise<BuiltTile> {
    const vi = await indexFor(version);
    if (isOutside(vi, z, x, y)) return EMPTY_TILE;
    return packTile(encode(vi.index.getTile(z, x, y), z));
  }

  return {
    version: () => currentTileVersion(sql),
    flush: () => writes.flush(),
    peek(z, x, y, wanted) {
      const version = versions.peek(wanted);
      if (version === null || version !== memoryVersion) return null;
      const tile = memory.get(`${z}/${x}/${y}`);
      return tile ? { version, tile } : null;
    },
    async get(z, x, y, wanted) {
      const version = await versions.current(wanted);
      const key = `${z}/${x}/${y}`;
      const hot = memoryFor(version).get(key);
      if (hot) return { version, tile: hot };
      // Stored (by buildAll at import, or by any process since): no index needed for it.
      const stored = await readTile(sql, z, x, y, version);
      if (stored) {
        const tile = { ...stored, isEmpty: stored.data.length === 0 };
        remember(version, key, tile);
        return { version, tile };
      }
      // Outside the area: empty, neither stored nor remembered.
      const vi = await indexFor(version);
      if (isOutside(vi, z, x, y)) return { version, tile: EMPTY_TILE };
      const built = await cut(version, z, x, y);
      remember(version, key, built);
      writes.add(version, { z, x, y, tile: built });
      return { version, tile: built };
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
      let batch: TileAt[] = [];
      for (const [i, [z, x, y]] of jobs.entries()) {
        const built = await cut(version, z, x, y);
        if (!built.isEmpty) nonEmpty++;
        batch.push({ z, x, y, tile: built });
        if (batch.length >= BUILD_BATCH || i === jobs.length - 1) {
          await writeTiles(sql, version, batch);
          batch = [];
          opts.onProgress?.(i + 1, jobs.length);
        }
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
