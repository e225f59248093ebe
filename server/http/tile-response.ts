// The answer to GET /tiles/{z}/{x}/{y}.mvt, shared by the route (server/routes/map.ts) and the
// fast path in front of the middleware stack (tileFastPath), so both answer alike: strong ETag per encoding, 304 on
// If-None-Match, 204 for an empty tile, brotli or gzip as Accept-Encoding allows, immutable when
// ?v= names the version served.
import type { MiddlewareHandler } from 'hono';
import { encodedEtag, isNotModifiedInAnyEncoding } from './etag.ts';
import type { BuiltTile, TileStore } from '../tiles/tile-builder.ts';

export const TILE_CONTENT_TYPE = 'application/vnd.mapbox-vector-tile';
/** Tiles whose URL names the current version never change: a year, immutable. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Tiles asked for without (or with an old) version: kept briefly, then revalidated with the ETag. */
const SHORT = 'public, max-age=60, must-revalidate';
/** Highest zoom a tile may be asked for (MapLibre overzooms beyond the style's maxzoom itself). */
export const MAX_REQUEST_ZOOM = 22;

/** The encoding to answer with: brotli when the client takes it, else gzip, else none. */
export function pickEncoding(acceptEncoding: string | undefined): 'br' | 'gzip' | null {
  if (!acceptEncoding) return null;
  const accepted = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    accepted.set(name, q === undefined ? 1 : Number(q));
  }
  const ok = (n: string) => (accepted.get(n) ?? accepted.get('*') ?? 0) > 0;
  return ok('br') ? 'br' : ok('gzip') ? 'gzip' : null;
}

export interface TileRequest {
  acceptEncoding: string | undefined;
  ifNoneMatch: string | undefined;
  /** The URL's ?v=. */
  v: string | undefined;
}

export type TileAnswer =
  | { status: 200; headers: Record<string, string>; body: Uint8Array<ArrayBuffer> }
  | { status: 204 | 304; headers: Record<string, string>; body: null };

/** The answer for `tile` of `version`; If-None-Match naming the tile in any encoding is a 304. */
export function tileAnswer(req: TileRequest, version: string, tile: BuiltTile): TileAnswer {
  const encoding = tile.isEmpty ? null : pickEncoding(req.acceptEncoding);
  const headers: Record<string, string> = {
    ETag: encodedEtag(tile.etag, encoding),
    'Cache-Control': req.v === version ? IMMUTABLE : SHORT,
    Vary: 'Accept-Encoding',
  };
  if (isNotModifiedInAnyEncoding(req.ifNoneMatch, tile.etag)) return { status: 304, headers, body: null };
  if (tile.isEmpty) return { status: 204, headers, body: null };
  const body = (encoding === 'br' ? tile.br : encoding === 'gzip' ? tile.gzip : tile.data) as Uint8Array<ArrayBuffer>;
  headers['Content-Type'] = TILE_CONTENT_TYPE;
  headers['Content-Length'] = String(body.byteLength);
  if (encoding) headers['Content-Encoding'] = encoding;
  return { status: 200, headers, body };
}

/** z/x/y of a tile path within the zooms served, or null (the route answers those with 400). */
export function parseTilePath(path: string): [number, number, number] | null {
  const m = /^\/tiles\/(\d{1,2})\/(\d{1,7})\/(\d{1,7})\.mvt$/.exec(path);
  if (!m) return null;
  const [z, x, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const n = 2 ** z;
  return z <= MAX_REQUEST_ZOOM && x < n && y < n ? [z, x, y] : null;
}

/**
 * Answers a tile held in memory before the rest of the middleware stack (request id, request
 * log, database gate, session): mounted right after the security headers, which every response
 * carries. Anything else — a tile not in memory, a version to read, a bad path — goes on to
 * the route, which answers the same way (tileResponse) and logs.
 */
export function tileFastPath(tiles: TileStore): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method === 'GET' && c.req.path.startsWith('/tiles/')) {
      const zxy = parseTilePath(c.req.path);
      const v = c.req.query('v');
      const hit = zxy && tiles.peek(zxy[0], zxy[1], zxy[2], v);
      if (hit) {
        const a = tileAnswer({ acceptEncoding: c.req.header('Accept-Encoding'), ifNoneMatch: c.req.header('If-None-Match'), v }, hit.version, hit.tile);
        return new Response(a.body, { status: a.status, headers: a.headers });
      }
    }
    await next();
  };
}
