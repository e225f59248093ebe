// The basemap, served by the app itself: vector tiles (GET /tiles/{z}/{x}/{y}.mvt), the style
// (GET /map/style.json), its fonts (/map/fonts/…) and icon sprite (/map/sprite[@2x].json|png).
// Tiles carry a strong ETag (304 on If-None-Match), come gzip- or brotli-compressed as asked, and
// are immutable when the URL names the current version (?v=…, as the style's tile URL does):
// server/http/tile-response.ts, which also answers tiles held in memory before the middleware.
// GET /map/static.svg draws one view of the same basemap as a picture (the residents' light map).
import { encodedEtag, etagOf, isNotModified, isNotModifiedInAnyEncoding } from '../http/etag.ts';
import { Hono } from 'hono';
import type { Context } from 'hono';
import { compress } from 'hono/compress';
import type { AppDeps } from '../deps.ts';
import { guard } from '../http/guard.ts';
import { describe, validate } from '../http/validate.ts';
import { HttpProblem } from '../http/problem.ts';
import { mapBounds, readMapMeta } from '../db/queries/map-tiles.ts';
import type { TileStore } from '../tiles/tile-builder.ts';
import { MAX_REQUEST_ZOOM, TILE_CONTENT_TYPE, pickEncoding, tileAnswer } from '../http/tile-response.ts';
import { makeBasemapStyle } from '../map/style.ts';
import { makeStaticMapService, type StaticMapService } from '../map/static-map-service.ts';
import { z } from 'zod';
import { FONT_LICENCE, fontFaces, readFontFile } from '../map/fonts.ts';
import { ICON_LICENCE, getSprite } from '../map/sprite.ts';

/** Fonts and the sprite change only with the app's packages. */
const ASSET = 'public, max-age=86400';

/** A static map's view: where, how close, how large (CSS px). */
export const staticMapQuery = z.object({
  lon: z.coerce.number().min(-180).max(180).describe('Centre longitude, degrees (WGS 84)'),
  lat: z.coerce.number().min(-85).max(85).describe('Centre latitude, degrees (WGS 84)'),
  zoom: z.coerce.number().min(10).max(19).describe('MapLibre zoom (512-px world at zoom 0), 10–19; fractions allowed'),
  width: z.coerce.number().int().min(64).max(1600).describe('Picture width, CSS px, 64–1600'),
  height: z.coerce.number().int().min(64).max(1600).describe('Picture height, CSS px, 64–1600'),
});
/** Pictures change only with the map version: an hour fresh, then revalidated with the ETag. */
const STATIC_MAP_CACHE = 'public, max-age=3600';

function requestOrigin(c: Context, trustProxy: boolean): string {
  const url = new URL(c.req.url);
  if (trustProxy) {
    const proto = c.req.header('X-Forwarded-Proto')?.split(',')[0]?.trim();
    const host = c.req.header('X-Forwarded-Host')?.split(',')[0]?.trim();
    return `${proto ?? url.protocol.replace(':', '')}://${host ?? url.host}`;
  }
  return url.origin;
}

function parseTileParams(z: string, x: string, y: string): [number, number, number] {
  const [zn, xn, yn] = [Number(z), Number(x), Number(y.replace(/\.mvt$/, ''))];
  const n = 2 ** zn;
  if (!Number.isInteger(zn) || zn < 0 || zn > MAX_REQUEST_ZOOM || !Number.isInteger(xn) || !Number.isInteger(yn) || xn < 0 || yn < 0 || xn >= n || yn >= n) {
    throw new HttpProblem(400, `There is no tile ${z}/${x}/${y}: z must be 0–${MAX_REQUEST_ZOOM} and x, y 0–2^z−1.`, { code: 'tile-out-of-range' });
  }
  return [zn, xn, yn];
}

/** @param tiles the app's one tile store, shared with the fast path in front of the middleware (server/app.ts) */
export function mapRoutes(deps: AppDeps, tiles: TileStore, opts: { trustProxy?: boolean; staticMaps?: StaticMapService } = {}) {
  const staticMaps = opts.staticMaps ?? makeStaticMapService(deps.sql, tiles);
  const trustProxy = opts.trustProxy ?? false;
  const compressJson = compress();
  return new Hono()
    .get(
      '/tiles/:z{[0-9]+}/:x{[0-9]+}/:y{[0-9]+\\.mvt}',
      guard.public(),
      describe({
        summary: 'A vector tile of the basemap (Mapbox Vector Tile)',
        description: 'Cut from the imported map and the districts, z 10–16 (the style overzooms beyond). 204 when the tile has no feature. '
          + 'Strong ETag (304 on If-None-Match); gzip or br per Accept-Encoding; immutable when ?v= names the current version. Layers: docs/tiles.md.',
        tags: ['map'],
        responses: { 200: { description: 'The tile', contentType: TILE_CONTENT_TYPE }, 204: { description: 'An empty tile (outside the area or nothing there)' }, 304: { description: 'Not modified' }, 400: { description: 'No such tile (code tile-out-of-range)' } },
      }),
      async (c) => {
        const [z, x, y] = parseTileParams(c.req.param('z'), c.req.param('x'), c.req.param('y'));
        const v = c.req.query('v');
        const { version, tile } = await tiles.get(z, x, y, v);
        const a = tileAnswer({ acceptEncoding: c.req.header('Accept-Encoding'), ifNoneMatch: c.req.header('If-None-Match'), v }, version, tile);
        return a.status === 200 ? c.body(a.body, 200, a.headers) : c.body(null, a.status, a.headers);
      },
    )
    .get(
      '/map/style.json',
      guard.public(),
      describe({
        summary: 'The basemap style (MapLibre style JSON)',
        description: "The app's own tiles, fonts and icons; metadata['trygghetskartan:note'] says (sv, en) when only the shipped street network is drawn.",
        tags: ['map'],
        responses: { 200: { description: 'Style', contentType: 'application/json' }, 304: { description: 'Not modified' } },
      }),
      compressJson,
      async (c) => {
        const origin = requestOrigin(c, trustProxy);
        const [meta, bounds] = await Promise.all([readMapMeta(deps.sql), mapBounds(deps.sql)]);
        const style = makeBasemapStyle({ origin, version: meta.version, hasOsmImport: meta.hasOsmImport, hasRoads: meta.hasRoads, bounds, fontFaces: fontFaces(origin), credits: [FONT_LICENCE, ICON_LICENCE] });
        const body = JSON.stringify(style);
        const etag = etagOf(body);
        const headers = { ETag: etag, 'Cache-Control': 'no-cache', Vary: 'Accept-Encoding' };
        if (isNotModified(c.req.header('If-None-Match'), etag)) return c.body(null, 304, headers);
        return c.body(body, 200, { ...headers, 'Content-Type': 'application/json; charset=utf-8' });
      },
    )
    .get(
      '/map/static.svg',
      guard.public(),
      describe({
        summary: 'One view of the basemap as an SVG picture',
        description: "Drawn from the stored vector tiles in the style's colours: land cover, water, buildings, roads by class, rail, the districts' outlines and names, "
          + 'street and place names where they fit; the street network when the map has no roads. Used by the residents\' form instead of MapLibre. '
          + 'Pixel x, y of a position follow web mercator with a 512·2^zoom px world centred on lon, lat (server/domain/map-view.ts). '
          + 'Strong ETag (304 on If-None-Match); gzip or br per Accept-Encoding.',
        tags: ['map'],
        responses: { 200: { description: 'The picture', contentType: 'image/svg+xml' }, 304: { description: 'Not modified' }, 400: { description: 'Parameters missing or out of range (code static-map-invalid, errors per field)' } },
      }),
      validate('query', staticMapQuery, { code: 'static-map-invalid' }),
      async (c) => {
        const view = c.req.valid('query');
        const picture = await staticMaps.picture(view);
        const encoding = pickEncoding(c.req.header('Accept-Encoding'));
        const tag = picture.etag.slice(1, -1);
        const headers: Record<string, string> = {
          ETag: encodedEtag(tag, encoding),
          'Cache-Control': STATIC_MAP_CACHE,
          Vary: 'Accept-Encoding',
        };
        if (isNotModifiedInAnyEncoding(c.req.header('If-None-Match'), tag)) return c.body(null, 304, headers);
        const body = encoding === 'br' ? picture.br : encoding === 'gzip' ? picture.gzip : picture.svg;
        return c.body(body as Uint8Array<ArrayBuffer>, 200, {
          ...headers,
          'Content-Type': 'image/svg+xml; charset=utf-8',
          'Content-Length': String(body.byteLength),
          // Drawn here from escaped names; no script or outside resource is ever meant to run in it.
          'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
          ...(encoding ? { 'Content-Encoding': encoding } : {}),
        });
      },
    )
    .get(
      '/map/fonts/:file{[a-z0-9-]+\\.woff2}',
      guard.public(),
      describe({ summary: 'A font file the style names in font-faces (Noto Sans, OFL)', tags: ['map'], responses: { 200: { description: 'woff2', contentType: 'font/woff2' }, 404: { description: 'No such font' } } }),
      (c) => {
        const data = readFontFile(c.req.param('file'));
        if (!data) throw new HttpProblem(404, `There is no font ${c.req.param('file')}; the style's font-faces names the ones served.`, { code: 'font-not-found' });
        return c.body(data as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': 'font/woff2', 'Cache-Control': ASSET });
      },
    )
    .get('/map/sprite.json', guard.public(), describe({ summary: 'Icon sprite index, 1x (Maki icons, CC0)', tags: ['map'], responses: { 200: { description: 'Sprite JSON' } } }), compressJson, (c) => spriteJson(c, 1))
    .get('/map/sprite@2x.json', guard.public(), describe({ summary: 'Icon sprite index, 2x', tags: ['map'], responses: { 200: { description: 'Sprite JSON' } } }), compressJson, (c) => spriteJson(c, 2))
    .get('/map/sprite.png', guard.public(), describe({ summary: 'Icon sprite image, 1x', tags: ['map'], responses: { 200: { description: 'PNG', contentType: 'image/png' } } }), (c) => spritePng(c, 1))
    .get('/map/sprite@2x.png', guard.public(), describe({ summary: 'Icon sprite image, 2x', tags: ['map'], responses: { 200: { description: 'PNG', contentType: 'image/png' } } }), (c) => spritePng(c, 2));
}

async function spriteJson(c: Context, ratio: 1 | 2) {
  const s = await getSprite(ratio);
  const headers = { ETag: `"${s.etag}-json"`, 'Cache-Control': ASSET };
  if (isNotModified(c.req.header('If-None-Match'), headers.ETag)) return c.body(null, 304, headers);
  return c.json(s.json, 200, headers);
}

async function spritePng(c: Context, ratio: 1 | 2) {
  const s = await getSprite(ratio);
  const headers = { ETag: `"${s.etag}"`, 'Cache-Control': ASSET };
  if (isNotModified(c.req.header('If-None-Match'), headers.ETag)) return c.body(null, 304, headers);
  return c.body(s.png as Uint8Array<ArrayBuffer>, 200, { ...headers, 'Content-Type': 'image/png' });
}
