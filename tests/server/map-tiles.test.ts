// The app's own vector tiles: cut from map_features (a GeoJSON fixture in Ryd) and the districts,
// stored per version, served with ETag, 304, compression and cache headers.
import { gunzipSync, brotliDecompressSync } from 'node:zlib';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { databaseTargets } from '../helpers/databases.ts';
import { makeTestApp } from '../helpers/test-app.ts';
import { loadMapFixture } from '../helpers/map-features.ts';
import { TILE_SCHEMA_FINGERPRINT, tileRange } from '../../server/domain/tile-schema.ts';
import { buildAllTiles, packTile } from '../../server/tiles/tile-builder.ts';
import { countTiles, currentTileVersion } from '../../server/db/queries/map-tiles.ts';
import { pickEncoding, tileAnswer } from '../../server/http/tile-response.ts';
import { announceMapChange } from '../../server/db/map-changes.ts';
import { runGeodataCli } from '../../server/cli/geodata.ts';
import { startEmbedded } from '../../server/db/embedded.ts';
import { createSql } from '../../server/db/sql.ts';
import { migrate } from '../../server/db/migrate.ts';
import { loadDefaultArea } from '../../server/geodata/import-files.ts';

/** The tile of zoom z holding a point. */
function tileAt(lon: number, lat: number, z: number): [number, number, number] {
  const r = tileRange([lon, lat, lon, lat], z);
  return [z, r.x0, r.y0];
}
const AT_ASGATAN: [number, number] = [15.5621, 58.4150];

function decode(bytes: Uint8Array): VectorTile {
  return new VectorTile(new PbfReader(bytes) as never);
}
function propsOf(tile: VectorTile, layer: string): Record<string, unknown>[] {
  const l = tile.layers[layer];
  if (!l) return [];
  return Array.from({ length: l.length }, (_, i) => l.feature(i).properties);
}

describe('tile headers helpers', () => {
  it('picks brotli when accepted, gzip next, and none for identity or q=0', () => {
    expect(pickEncoding('gzip, deflate, br')).toBe('br');
    expect(pickEncoding('gzip')).toBe('gzip');
    expect(pickEncoding('br;q=0, gzip;q=0.5')).toBe('gzip');
    expect(pickEncoding(undefined)).toBeNull();
    expect(pickEncoding('identity')).toBeNull();
  });
  it('answers 304 when If-None-Match names the tile in any encoding, weak or strong, or *', () => {
    const tile = packTile(new Uint8Array([1, 2, 3, 4]));
    const status = (ifNoneMatch: string, acceptEncoding = 'br') => tileAnswer({ ifNoneMatch, acceptEncoding, v: undefined }, 'v1', tile).status;
    expect(status(`"${tile.etag}-gz"`)).toBe(304);
    expect(status(`W/"${tile.etag}", "x"`)).toBe(304);
    expect(status('*')).toBe(304);
    expect(status(`"${tile.etag.slice(0, -1)}"`)).toBe(200);
    expect(status(`"${tile.etag}-xx"`)).toBe(200);
  });
  it('marks a tile immutable only when ?v= is the version it is of', () => {
    const tile = packTile(new Uint8Array([1, 2, 3, 4]));
    const cacheControl = (v: string | undefined) => tileAnswer({ ifNoneMatch: undefined, acceptEncoding: undefined, v }, 'v2', tile).headers['Cache-Control'];
    expect(cacheControl('v2')).toContain('immutable');
    expect(cacheControl('v1')).toBe('public, max-age=60, must-revalidate');
    expect(cacheControl(undefined)).toBe('public, max-age=60, must-revalidate');
  });
});

describe.each(databaseTargets())('vector tiles on $name', (target) => {
  let t: Awaited<ReturnType<typeof makeTestApp>>;
  beforeAll(async () => {
    t = await makeTestApp(target);
    await loadMapFixture(t.sql, { version: 'fixture-1' });
  });
  afterAll(async () => {
    await t?.close();
  });

  const get = (z: number, x: number, y: number, headers: Record<string, string> = {}, query = '') => t.app.request(`/tiles/${z}/${x}/${y}.mvt${query}`, { headers });

  it('decodes a z15 tile over Ryd to layers holding the fixture: streets, buildings, park, lake, school, bus stop, district', async () => {
    const [z, x, y] = tileAt(...AT_ASGATAN, 15);
    const res = await get(z, x, y);
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('application/vnd.mapbox-vector-tile');
    const tile = decode(new Uint8Array(await res.arrayBuffer()));
    const roads = propsOf(tile, 'road');
    expect(roads.map((p) => p.name)).toEqual(expect.arrayContaining(['Åsgatan', 'Rydsvägen']));
    expect(roads.find((p) => p.name === 'Rydsvägen')).toMatchObject({ kind: 'tertiary', class: 'medium', ref: '635', lit: 'yes' });
    expect(roads.find((p) => p.kind === 'footway')).toMatchObject({ class: 'path', surface: 'gravel' });
    expect(propsOf(tile, 'building').length).toBe(3);
    expect(propsOf(tile, 'landuse')).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'park', name: 'Rydsparken' })]));
    const lake = tile.layers.water!.feature(0);
    expect(lake.properties).toMatchObject({ kind: 'water', name: 'Rydsdammen' });
    expect(lake.loadGeometry().length).toBe(2); // the outer ring and the hole of the multipolygon
    expect(propsOf(tile, 'poi')).toEqual(expect.arrayContaining([
      expect.objectContaining({ kind: 'school', name: 'Rydskolan', icon: 'school' }),
      expect.objectContaining({ kind: 'bus_stop', name: 'Ryds centrum', icon: 'bus' }),
    ]));
    expect(propsOf(tile, 'district')).toEqual([expect.objectContaining({ id: 'ryd', name: 'Ryd' })]);
    expect(propsOf(tile, 'housenumber')).toEqual([]); // house numbers only at z16
    // No internal tags leak into the tiles.
    for (const name of Object.keys(tile.layers)) for (const p of propsOf(tile, name)) expect(Object.keys(p).some((k) => k.startsWith('_'))).toBe(false);
  });

  it('adds house numbers at z16 and leaves paths and buildings out at z12', async () => {
    const z16 = decode(new Uint8Array(await (await get(...tileAt(...AT_ASGATAN, 16))).arrayBuffer()));
    expect(propsOf(z16, 'housenumber').map((p) => p.housenumber).sort()).toEqual(expect.arrayContaining(['3', '7']));
    expect(propsOf(z16, 'housenumber').find((p) => p.housenumber === '7')).toMatchObject({ street: 'Åsgatan' });
    const z12 = decode(new Uint8Array(await (await get(...tileAt(...AT_ASGATAN, 12))).arrayBuffer()));
    expect(propsOf(z12, 'building')).toEqual([]);
    expect(propsOf(z12, 'road').map((p) => p.class)).not.toContain('path');
    // Below the label zoom a road carries no name (only what the style draws it by); at z13 it does.
    expect(propsOf(z12, 'road').map((p) => p.kind)).toContain('tertiary');
    expect(propsOf(z12, 'road').filter((p) => 'name' in p)).toEqual([]);
    const z13 = decode(new Uint8Array(await (await get(...tileAt(...AT_ASGATAN, 13))).arrayBuffer()));
    expect(propsOf(z13, 'road').map((p) => p.name)).toContain('Rydsvägen');
    expect(propsOf(z12, 'poi')).toEqual([]);
    expect(propsOf(z12, 'district_label').map((p) => p.name)).toContain('Ryd');
  });

  it('answers with a strong ETag, 304 on If-None-Match, and gzip or brotli as asked', async () => {
    const [z, x, y] = tileAt(...AT_ASGATAN, 15);
    const plain = await get(z, x, y);
    const raw = new Uint8Array(await plain.arrayBuffer());
    const etag = plain.headers.get('ETag')!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(plain.headers.get('Vary')).toBe('Accept-Encoding');
    expect(plain.headers.get('Content-Encoding')).toBeNull();

    const gz = await get(z, x, y, { 'Accept-Encoding': 'gzip' });
    expect(gz.headers.get('Content-Encoding')).toBe('gzip');
    expect(gunzipSync(new Uint8Array(await gz.arrayBuffer()))).toEqual(Buffer.from(raw));
    const br = await get(z, x, y, { 'Accept-Encoding': 'gzip, br' });
    expect(br.headers.get('Content-Encoding')).toBe('br');
    const brBytes = new Uint8Array(await br.arrayBuffer());
    expect(brBytes.length).toBeLessThan(raw.length);
    expect(brotliDecompressSync(brBytes)).toEqual(Buffer.from(raw));
    expect(new Set([etag, gz.headers.get('ETag'), br.headers.get('ETag')]).size).toBe(3);

    const again = await get(z, x, y, { 'If-None-Match': br.headers.get('ETag')!, 'Accept-Encoding': 'br' });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(again.headers.get('ETag')).toBe(br.headers.get('ETag'));
  });

  it('is immutable when the URL names the current version, and revalidated otherwise', async () => {
    const version = await currentTileVersion(t.sql);
    // The map's version, the districts' fingerprint and the tile schema's: an upgrade that cuts
    // tiles differently makes every stored tile stale.
    expect(version).toMatch(new RegExp(`^fixture-1\\.\\d+-\\d+\\.${TILE_SCHEMA_FINGERPRINT}$`));
    const [z, x, y] = tileAt(...AT_ASGATAN, 14);
    expect((await get(z, x, y, {}, `?v=${encodeURIComponent(version)}`)).headers.get('Cache-Control')).toContain('immutable');
    const bare = (await get(z, x, y)).headers.get('Cache-Control')!;
    expect(bare).not.toContain('immutable');
    expect(bare).toMatch(/max-age=\d+, must-revalidate/);
    expect((await get(z, x, y, {}, '?v=old')).headers.get('Cache-Control')).not.toContain('immutable');
  });

  it('answers 204 for tiles outside the area (and does not store them), 400 for impossible ones', async () => {
    const stockholm = tileAt(18.07, 59.33, 15);
    const res = await get(...stockholm);
    expect(res.status).toBe(204);
    expect(res.headers.get('ETag')).toBeTruthy();
    expect((await get(...tileAt(...AT_ASGATAN, 17))).status).toBe(204); // beyond maxzoom: the style overzooms z16
    const [z17] = [tileAt(...AT_ASGATAN, 17)];
    const [stored] = await t.sql<{ n: number }[]>`
      select count(*)::int as n from map_tiles
      where (z = ${stockholm[0]} and x = ${stockholm[1]} and y = ${stockholm[2]}) or (z = ${z17[0]} and x = ${z17[1]} and y = ${z17[2]})`;
    expect(stored?.n).toBe(0);
    const bad = await t.app.request('/tiles/3/9/0.mvt');
    expect(bad.status).toBe(400);
    expect(bad.headers.get('Content-Type')).toContain('application/problem+json');
    expect(((await bad.json()) as { code: string }).code).toBe('tile-out-of-range');
  });

  it('never serves a stale tile: a new map version is cut anew', async () => {
    const [z, x, y] = tileAt(...AT_ASGATAN, 15);
    const before = await get(z, x, y);
    const oldTag = before.headers.get('ETag')!;
    await t.sql`update map_features set name = 'Östra Åsgatan' where name = 'Åsgatan'`;
    // Same version: the stored tile is served as it was.
    expect((await get(z, x, y)).headers.get('ETag')).toBe(oldTag);
    await t.sql`update map_meta set value = '"fixture-2"'::jsonb where key = 'version'`;
    announceMapChange(t.sql); // as every import does after its commit (map-tiles-cache.test.ts: without it)
    const after = await get(z, x, y);
    expect(after.headers.get('ETag')).not.toBe(oldTag);
    const names = propsOf(decode(new Uint8Array(await after.arrayBuffer())), 'road').map((p) => p.name);
    expect(names).toContain('Östra Åsgatan');
    expect(names).not.toContain('Åsgatan');
  });

  it('prebuilds every area tile at z10–16 with buildAllTiles and drops the stale ones', async () => {
    await t.sql`update map_meta set value = '"fixture-3"'::jsonb where key = 'version'`;
    announceMapChange(t.sql);
    const result = await buildAllTiles(t.sql);
    expect(result.version.startsWith('fixture-3')).toBe(true);
    expect(result.tiles).toBeGreaterThan(result.nonEmpty);
    expect(result.nonEmpty).toBeGreaterThan(50);
    expect(await countTiles(t.sql, result.version)).toBe(result.tiles);
    const [stale] = await t.sql<{ n: number }[]>`select count(*)::int as n from map_tiles where version <> ${result.version}`;
    expect(stale?.n).toBe(0);
    const [z, x, y] = tileAt(...AT_ASGATAN, 16);
    const [row] = await t.sql<{ etag: string }[]>`select etag from map_tiles where z = ${z} and x = ${x} and y = ${y}`;
    expect((await get(z, x, y)).headers.get('ETag')).toBe(`"${row!.etag}"`);
  });
});

describe('npm run geodata -- build-tiles', () => {
  it('builds every tile of the embedded database and reports the count', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tiles-cli-'));
    try {
      const embedded = await startEmbedded({ dataDir: dir });
      const sql = createSql(embedded.url, { max: embedded.maxConnections });
      await migrate(sql);
      await loadDefaultArea(sql);
      await loadMapFixture(sql, { version: 'cli-1' });
      await sql.end({ timeout: 5 });
      await embedded.stop();
      const lines: string[] = [];
      const code = await runGeodataCli(['build-tiles'], { DATA_DIR: dir }, (l) => lines.push(l), (l) => lines.push(l));
      expect(code).toBe(0);
      expect(lines.at(-1)).toMatch(/^Built \d+ tiles \(\d+ with features\) for map version cli-1\./);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
