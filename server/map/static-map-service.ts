// Gathers what a static map picture needs (the tiles of its view, the districts, the street network
// when the tiles have no roads), renders it (static-map.ts), compresses it once and keeps the last
// pictures in memory, keyed by map version and view, so the same view is answered without work.
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import type { Sql } from '../db/sql.ts';
import { listDistricts } from '../db/queries/districts.ts';
import { listStreets } from '../db/queries/streets.ts';
import { readMapMeta } from '../db/queries/map-tiles.ts';
import { etagOf } from '../http/etag.ts';
import type { MapView } from '../domain/map-view.ts';
import type { TileStore } from '../tiles/tile-builder.ts';
import { renderStaticMap, tilesForView, type StaticDistrict, type StaticStreet, type TileBytes } from './static-map.ts';

/** Pictures kept in memory (a few hundred KB at most: each is tens of KB raw). */
export const STATIC_MAP_CACHE_ENTRIES = 64;

export interface StaticMapPicture {
  svg: Uint8Array;
  gzip: Uint8Array;
  br: Uint8Array;
  /** Strong ETag of the raw SVG (quoted); encodings add -gz / -br. */
  etag: string;
}

interface VersionData { version: string; districts: StaticDistrict[]; streets: StaticStreet[] | null }

export interface StaticMapService {
  picture(view: MapView): Promise<StaticMapPicture>;
}

export function makeStaticMapService(sql: Sql, tiles: TileStore, opts: { entries?: number } = {}): StaticMapService {
  const max = opts.entries ?? STATIC_MAP_CACHE_ENTRIES;
  const memory = new Map<string, StaticMapPicture>();
  let data: Promise<VersionData> | null = null;

  async function dataFor(version: string): Promise<VersionData> {
    const known = data ? await data.catch(() => null) : null;
    if (known?.version === version) return known;
    data = (async () => {
      const [meta, districts] = await Promise.all([readMapMeta(sql), listDistricts(sql)]);
      const streets = meta.hasRoads ? null : (await listStreets(sql)).map((s) => ({ name: s.name, highway: s.highway, coords: s.coords }));
      return { version, districts: districts.map((d) => ({ name: d.name, geometry: d.geometry })), streets };
    })();
    return data;
  }

  return {
    async picture(view) {
      const version = await tiles.version();
      const key = `${version}|${view.lon}|${view.lat}|${view.zoom}|${view.width}|${view.height}`;
      const hit = memory.get(key);
      if (hit) {
        memory.delete(key);
        memory.set(key, hit);
        return hit;
      }
      const [d, cut] = await Promise.all([
        dataFor(version),
        Promise.all(tilesForView(view).map(async ({ z, x, y }): Promise<TileBytes | null> => {
          const { tile } = await tiles.get(z, x, y);
          return tile.isEmpty ? null : { z, x, y, data: tile.data };
        })),
      ]);
      const text = renderStaticMap({ view, tiles: cut.filter((t): t is TileBytes => t !== null), districts: d.districts, streets: d.streets });
      const svg = new TextEncoder().encode(text);
      const picture: StaticMapPicture = {
        svg,
        gzip: gzipSync(svg, { level: 6 }),
        br: brotliCompressSync(svg, { params: { [zlib.BROTLI_PARAM_QUALITY]: 5, [zlib.BROTLI_PARAM_SIZE_HINT]: svg.length } }),
        etag: etagOf(svg),
      };
      memory.set(key, picture);
      for (const k of memory.keys()) {
        if (memory.size <= max) break;
        memory.delete(k);
      }
      return picture;
    },
  };
}
