// GET /map/static.svg: one view of the basemap drawn as SVG from the stored tiles (the Ryd fixture),
// or from the street network when the map has no roads; ETag and 304, compression, bad parameters.
import { announceMapChange } from '../../server/db/map-changes.ts';
import { brotliDecompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseTargets } from '../helpers/databases.ts';
import { makeTestApp } from '../helpers/test-app.ts';
import { loadMapFixture } from '../helpers/map-features.ts';
import { fitBounds, panBy, project, unproject } from '../../server/domain/map-view.ts';
import { clipLine, pathOf, tilesForView, widthAt } from '../../server/map/static-map.ts';
import { COLORS, ROADS } from '../../server/map/style.ts';

/** Åsgatan in the Ryd fixture. */
const AT_ASGATAN = { lon: 15.5621, lat: 58.415 };
const query = (v: Record<string, number | string | undefined>) => `/map/static.svg?${new URLSearchParams(Object.entries(v).filter(([, x]) => x !== undefined).map(([k, x]) => [k, String(x)]))}`;

describe('the static map view', () => {
  it('puts the centre in the middle and unprojects what it projects', () => {
    const view = { lon: 15.58, lat: 58.41, zoom: 14.5, width: 390, height: 300 };
    expect(project(view, view.lon, view.lat)).toEqual([195, 150]);
    const p = unproject(view, 12, 280);
    const [x, y] = project(view, p.lon, p.lat);
    expect(x).toBeCloseTo(12, 6);
    expect(y).toBeCloseTo(280, 6);
  });
  it('moves the content with the finger: a pan right puts the old centre right of the middle', () => {
    const view = { lon: 15.58, lat: 58.41, zoom: 14, width: 400, height: 300 };
    const [x, y] = project(panBy(view, 50, -20), view.lon, view.lat);
    expect(x).toBeCloseTo(250, 6);
    expect(y).toBeCloseTo(130, 6);
  });
  it('fits bounds inside the picture with the padding, at a zoom step', () => {
    const v = fitBounds([15.54, 58.38, 15.66, 58.44], 390, 300, { paddingPx: 16 });
    expect(v.zoom % 0.25).toBe(0);
    const [x0, y0] = project(v, 15.54, 58.44);
    const [x1, y1] = project(v, 15.66, 58.38);
    expect(x0).toBeGreaterThanOrEqual(16);
    expect(y0).toBeGreaterThanOrEqual(16);
    expect(x1).toBeLessThanOrEqual(390 - 16);
    expect(y1).toBeLessThanOrEqual(300 - 16);
  });
  it('covers a view with the tiles of its floored zoom', () => {
    const tiles = tilesForView({ lon: 15.58, lat: 58.41, zoom: 14.6, width: 390, height: 300 });
    expect(new Set(tiles.map((t) => t.z))).toEqual(new Set([14]));
    // 512·2^0.6 ≈ 776 px per tile: a 390 × 300 picture touches one to four of them.
    expect(tiles.length).toBeGreaterThanOrEqual(1);
    expect(tiles.length).toBeLessThanOrEqual(4);
  });
  it('clips a line to the picture, splitting it where it leaves and comes back', () => {
    expect(clipLine([[-10, 50], [50, 50]], 100, 100)).toEqual([[[0, 50], [50, 50]]]);
    expect(clipLine([[10, 10], [10, 200], [20, 200], [20, 10]], 100, 100)).toEqual([[[10, 10], [10, 100]], [[20, 100], [20, 10]]]);
    expect(clipLine([[-10, -10], [-5, -20]], 100, 100)).toEqual([]);
  });
  it('writes a street network as few, short paths: ways joined at shared pixels, straight runs as one step, specks left out', () => {
    // Three ways meeting end to end (one drawn backwards), a straight way of five points, a way inside one pixel.
    const d = pathOf([[[0, 0], [10, 0.2]], [[20, 5], [10.4, 0]], [[20, 5], [20, 15]], [[50, 50], [51, 51.1], [52, 52], [53, 53], [54, 54.2]], [[70.1, 70.2], [70.3, 69.9]]], false);
    expect(d).toBe('M0 0l10 0 10 5 0 10M50 50l4 4');
    // Rings stay rings: closed, not joined to one another.
    expect(pathOf([[[0, 0], [4, 0], [4, 4], [0, 0]], [[4, 0], [8, 0], [8, 4], [4, 0]]], true)).toBe('M0 0l4 0 0 4-4-4zM4 0l4 0 0 4-4-4z');
  });
  it("reads the style's road width ramps like MapLibre's exponential interpolation", () => {
    expect(widthAt(ROADS.major!.w, 13)).toBe(3);
    expect(widthAt(ROADS.major!.w, 9)).toBe(1.4);
    expect(widthAt([[10, 1], [12, 5]], 11, 1)).toBe(3);
  });
});

describe.each(databaseTargets())('GET /map/static.svg on $name', (target) => {
  let t: Awaited<ReturnType<typeof makeTestApp>>;
  beforeAll(async () => {
    t = await makeTestApp(target);
  });
  afterAll(async () => {
    await t?.close();
  });

  const view = { lon: AT_ASGATAN.lon, lat: AT_ASGATAN.lat, zoom: 16, width: 390, height: 320 };

  it('draws the street network and the district outlines when the map has no roads', async () => {
    await t.sql`delete from map_features`;
    await t.sql`insert into streets (name, highway, length_m, district_id, coords)
      values ('Provgatan', 'residential', 200, 'ryd', ${JSON.stringify([[AT_ASGATAN.lon - 0.002, AT_ASGATAN.lat], [AT_ASGATAN.lon + 0.002, AT_ASGATAN.lat]])}::text::jsonb)`;
    const res = await t.app.request(query({ ...view, zoom: 13 }));
    expect(res.status).toBe(200);
    const svg = await res.text();
    expect(svg).toContain(`stroke="${ROADS.minor!.color}"`);
    expect(svg).toContain(`stroke="${COLORS.district}"`);
    expect(svg).toContain('>RYD<');
    const closer = await (await t.app.request(query(view))).text();
    expect(closer).toContain('>Provgatan</textPath>');
    await t.sql`delete from streets`;
  });

  it('draws the fixture: roads by class with their names, buildings, the lake and the park', async () => {
    await loadMapFixture(t.sql, { version: 'fixture-svg-1' });
    const res = await t.app.request(query(view));
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('image/svg+xml; charset=utf-8');
    const svg = await res.text();
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" width="390" height="320"')).toBe(true);
    expect(svg).toContain(`stroke="${ROADS.medium!.color}"`); // Rydsvägen (tertiary)
    expect(svg).toContain(`fill="${COLORS.building}"`);
    expect(svg).toContain(`fill="${COLORS.water}"`);
    expect(svg).toContain(`fill="${COLORS.park}"`);
    expect(svg).toMatch(/>(Åsgatan|Rydsvägen)<\/textPath>/);
    expect(svg).not.toContain('<script');
  });

  it('answers 304 to its ETag and compresses as asked', async () => {
    const first = await t.app.request(query(view), { headers: { 'Accept-Encoding': 'br' } });
    expect(first.headers.get('Content-Encoding')).toBe('br');
    expect(first.headers.get('Vary')).toBe('Accept-Encoding');
    const tag = first.headers.get('ETag')!;
    expect(tag).toMatch(/^"[\w-]+-br"$/);
    const svg = brotliDecompressSync(Buffer.from(await first.arrayBuffer())).toString('utf8');
    expect(svg).toContain('<svg');
    const again = await t.app.request(query(view), { headers: { 'If-None-Match': tag, 'Accept-Encoding': 'gzip' } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    const moved = await t.app.request(query({ ...view, lon: view.lon + 0.001 }), { headers: { 'If-None-Match': tag } });
    expect(moved.status).toBe(200);
  });

  it('draws a new picture for a new map version', async () => {
    const before = (await t.app.request(query(view))).headers.get('ETag');
    expect(await (await t.app.request(query(view))).text()).toContain('>Rydsvägen</textPath>');
    await t.sql`update map_features set name = 'Nyvägen' where name = 'Rydsvägen'`;
    await t.sql`update map_meta set value = '"fixture-svg-2"'::jsonb where key = 'version'`;
    announceMapChange(t.sql); // as every import does after its commit (server/db/map-changes.ts)
    const after = await t.app.request(query(view));
    expect(after.headers.get('ETag')).not.toBe(before);
    const svg = await after.text();
    expect(svg).toContain('>Nyvägen</textPath>');
    expect(svg).not.toContain('Rydsvägen');
  });

  it('refuses missing or out-of-range parameters with a static-map-invalid problem naming each', async () => {
    for (const bad of [{ ...view, zoom: 25 }, { ...view, width: 5000 }, { lon: 'x', lat: 58.4, zoom: 14, width: 300, height: 300 }, { lat: 58.4, zoom: 14, width: 300, height: 300 }]) {
      const res = await t.app.request(query(bad));
      expect(res.status).toBe(400);
      expect(res.headers.get('Content-Type')).toContain('application/problem+json');
      const body = (await res.json()) as { code: string; errors: { path: string }[] };
      expect(body.code).toBe('static-map-invalid');
      expect(body.errors.length).toBeGreaterThan(0);
    }
    const doc = (await (await t.app.request('/api/openapi.json')).json()) as { paths: Record<string, { get: { parameters: { name: string; schema: unknown }[] } }> };
    const params = doc.paths['/map/static.svg']!.get.parameters;
    expect(params.map((p) => p.name).sort()).toEqual(['height', 'lat', 'lon', 'width', 'zoom']);
    for (const p of params) expect(p.schema).toBeTruthy();
  });
});
