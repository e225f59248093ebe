// The tile cache: tiles held in memory are answered before the middleware stack with the same
// headers as the route, cut tiles are stored after the answer, and a new map version (an import
// in this process, or one another process committed) is never answered with an old version's tile.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { databaseTargets } from '../helpers/databases.ts';
import { FIXED_NOW, makeTestApp } from '../helpers/test-app.ts';
import { loadMapFixture } from '../helpers/map-features.ts';
import { OSM_FIXTURE, writeOsmFixture } from '../helpers/osm-fixture.ts';
import { importOsmFile } from '../../server/geodata/import-osm.ts';
import { tileRange } from '../../server/domain/tile-schema.ts';
import { currentTileVersion } from '../../server/db/queries/map-tiles.ts';

/** The z15 tile over the fixture's bus stop: Ryd's map fixture and the OSM fixture both draw there. */
const r = tileRange([...OSM_FIXTURE.busStop.at, ...OSM_FIXTURE.busStop.at], 15);
const TILE = `/tiles/15/${r.x0}/${r.y0}.mvt`;

async function roadNames(res: Response): Promise<string[]> {
  const tile = new VectorTile(new PbfReader(new Uint8Array(await res.arrayBuffer())) as never);
  const l = tile.layers.road;
  return l ? [...new Set(Array.from({ length: l.length }, (_, i) => String(l.feature(i).properties.name ?? '')))].filter(Boolean) : [];
}

/** Every header but the request id, which only the middleware stack adds. */
const headersOf = (res: Response) => Object.fromEntries([...res.headers].filter(([k]) => k !== 'x-request-id'));

describe.each(databaseTargets())('tile cache on $name', (target) => {
  let t: Awaited<ReturnType<typeof makeTestApp>>;
  let clock = FIXED_NOW;
  let dir: string;
  beforeAll(async () => {
    t = await makeTestApp(target, { now: () => clock });
    await loadMapFixture(t.sql, { version: 'cache-1' });
    dir = mkdtempSync(join(tmpdir(), 'tile-cache-'));
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const get = (path: string, headers: Record<string, string> = {}) => t.app.request(path, { headers });

  it('answers a tile held in memory before the middleware: same bytes and headers, security headers kept', async () => {
    const cold = await get(TILE, { 'Accept-Encoding': 'gzip, br' });
    expect(cold.status).toBe(200);
    expect(cold.headers.get('X-Request-Id')).toBeTruthy(); // cut by the route, through the stack
    const hot = await get(TILE, { 'Accept-Encoding': 'gzip, br' });
    expect(hot.status).toBe(200);
    expect(hot.headers.get('X-Request-Id')).toBeNull(); // answered by the fast path
    expect(headersOf(hot)).toEqual(headersOf(cold));
    expect(hot.headers.get('Content-Encoding')).toBe('br');
    expect(hot.headers.get('Vary')).toBe('Accept-Encoding');
    expect(hot.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(hot.headers.get('Content-Security-Policy')).toContain("default-src 'self'");
    expect(new Uint8Array(await hot.arrayBuffer())).toEqual(new Uint8Array(await cold.arrayBuffer()));

    const gz = await get(TILE, { 'Accept-Encoding': 'gzip' });
    expect(gz.headers.get('Content-Encoding')).toBe('gzip');
    expect(gz.headers.get('ETag')).toBe(hot.headers.get('ETag')!.replace(/-br"$/, '-gz"'));
    const notModified = await get(TILE, { 'If-None-Match': hot.headers.get('ETag')!, 'Accept-Encoding': 'gzip, br' });
    expect(notModified.status).toBe(304);
    expect(notModified.headers.get('X-Request-Id')).toBeNull();
    expect(notModified.headers.get('ETag')).toBe(hot.headers.get('ETag'));
    expect(await notModified.text()).toBe('');
    // Impossible tiles still reach the route and its problem+json.
    const bad = await get('/tiles/3/9/0.mvt');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { code: string }).code).toBe('tile-out-of-range');
  });

  it('stores a tile cut on request after answering it', async () => {
    const s = tileRange([...OSM_FIXTURE.busStop.at, ...OSM_FIXTURE.busStop.at], 16);
    expect((await get(`/tiles/16/${s.x0}/${s.y0}.mvt`)).status).toBe(200);
    const version = await currentTileVersion(t.sql);
    await expect.poll(async () => {
      const [row] = await t.sql<{ n: number }[]>`select count(*)::int as n from map_tiles where z = 16 and x = ${s.x0} and y = ${s.y0} and version = ${version}`;
      return row!.n;
    }, { timeout: 10_000, interval: 100 }).toBe(1);
  });

  it('after an import in this process the next request serves the new version, bare or with ?v=', async () => {
    const before = await get(TILE);
    expect(await roadNames(before)).not.toContain('Örngränd');
    await importOsmFile(t.sql, writeOsmFixture(dir));
    const after = await get(TILE); // no clock step: the import announced itself
    expect(after.headers.get('ETag')).not.toBe(before.headers.get('ETag'));
    expect(await roadNames(after)).toContain('Örngränd');
    const version = await currentTileVersion(t.sql);
    const named = await get(`${TILE}?v=${encodeURIComponent(version)}`);
    expect(named.headers.get('Cache-Control')).toContain('immutable');
    expect(await roadNames(named)).toContain('Örngränd');
  }, 60_000);

  it("after another process's import: ?v= naming it is served at once, a bare URL within a second, an old ?v= never as immutable", async () => {
    const oldVersion = await currentTileVersion(t.sql);
    const old = await get(TILE);
    expect(await roadNames(old)).toContain('Åsgatan');
    // What another process's import looks like from here: committed rows, nothing announced.
    await t.sql.begin(async (tx) => {
      await tx`update map_features set name = 'Nya Åsgatan' where name = 'Åsgatan'`;
      await tx`update map_meta set value = '"cache-other-process"'::jsonb, updated_at = now() where key = 'version'`;
    });
    const newVersion = await currentTileVersion(t.sql);
    // The style names the new version (it reads the database on every request) ...
    const style = (await (await get('/map/style.json')).json()) as { sources: Record<string, { tiles?: string[] }> };
    const tileUrl = Object.values(style.sources).flatMap((s) => s.tiles ?? []).find((u) => u.includes('/tiles/'))!;
    expect(new URL(tileUrl).searchParams.get('v')).toBe(newVersion);
    // ... and a bare URL within the version's second may still get the old tile, revalidated after 60 s.
    const bareSoon = await get(TILE);
    expect(bareSoon.headers.get('Cache-Control')).toBe('public, max-age=60, must-revalidate');
    // The tile asked for with that ?v= is the new one, immutable.
    const named = await get(`${TILE}?v=${encodeURIComponent(newVersion)}`);
    expect(named.headers.get('Cache-Control')).toContain('immutable');
    const names = await roadNames(named);
    expect(names).toContain('Nya Åsgatan');
    expect(names).not.toContain('Åsgatan');
    // Pages with the old style get the new tile, never marked immutable.
    const oldNamed = await get(`${TILE}?v=${encodeURIComponent(oldVersion)}`);
    expect(oldNamed.headers.get('Cache-Control')).not.toContain('immutable');
    expect(oldNamed.headers.get('ETag')).toBe(named.headers.get('ETag')!);

    // A second import elsewhere, and no request naming it: bare URLs get it once a second has passed.
    await t.sql`update map_features set name = 'Tredje Åsgatan' where name = 'Nya Åsgatan'`;
    await t.sql`update map_meta set value = '"cache-other-process-2"'::jsonb, updated_at = now() where key = 'version'`;
    clock += 1_000;
    const later = await get(TILE);
    expect(await roadNames(later)).toContain('Tredje Åsgatan');
  });
});
