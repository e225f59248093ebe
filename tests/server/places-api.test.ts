// /api/places and /api/places/reverse over map_features filled with plain SQL inserts (as an
// import does), on PGlite and PostgreSQL: search, folding, ranking, limits, reverse geocoding,
// problem+json on bad input, the rate limit, and the index following the database — also when
// another server process on the same database made the change.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseTargets } from '../helpers/databases.ts';
import { makeTestApp } from '../helpers/test-app.ts';
import { ADDRESS_LAT, PLACE_FIXTURE, insertMapFeatures } from '../helpers/place-fixture.ts';
import { createApp } from '../../server/app.ts';
import { makeAreaCache } from '../../server/area-cache.ts';
import { makePlaceCache } from '../../server/place-cache.ts';
import { makeLogger } from '../../server/logger.ts';

interface PlaceFeature {
  geometry: { coordinates: [number, number] };
  properties: { name: string; kind: string; district: string | null; street: string | null; housenumber: string | null; subkind: string | null; distanceM?: number; label?: string };
}

describe.each(databaseTargets())('places API on $name', (target) => {
  let t: Awaited<ReturnType<typeof makeTestApp>>;
  beforeAll(async () => {
    t = await makeTestApp(target);
    await insertMapFeatures(t.sql, PLACE_FIXTURE, 'fixture-1');
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  const search = async (q: string, extra = '') => {
    const res = await t.app.request(`/api/places?q=${encodeURIComponent(q)}${extra}`);
    expect(res.status).toBe(200);
    return ((await res.json()) as { type: string; features: PlaceFeature[] }).features;
  };

  it('finds Åsgatan for "asg" and "Åsg", as a GeoJSON FeatureCollection', async () => {
    const res = await t.app.request('/api/places?q=asg');
    const body = (await res.json()) as { type: string; features: PlaceFeature[] };
    expect(body.type).toBe('FeatureCollection');
    expect(body.features[0]!.properties).toMatchObject({ name: 'Åsgatan', kind: 'street', district: 'Ryd' });
    expect((await search('Åsg'))[0]!.properties.name).toBe('Åsgatan');
  });

  it('gives street and housenumber for addresses, ordered by house number', async () => {
    const hits = await search('rydsvägen 1');
    expect(hits.map((h) => h.properties.name)).toEqual(['Rydsvägen 12', 'Rydsvägen 12B', 'Rydsvägen 120']);
    expect(hits[0]!.properties).toMatchObject({ kind: 'address', street: 'Rydsvägen', housenumber: '12', district: 'Ryd' });
    expect(hits[0]!.geometry.coordinates).toEqual([15.561, ADDRESS_LAT]);
  });

  it('finds a district by its name, and POIs with their subkind', async () => {
    expect((await search('skagget'))[0]!.properties).toMatchObject({ kind: 'district', name: 'Skäggetorp' });
    expect((await search('ryds bib'))[0]!.properties).toMatchObject({ kind: 'poi', subkind: 'library', name: 'Ryds bibliotek' });
  });

  it('keeps to the limit', async () => {
    expect(await search('r', '&limit=2')).toHaveLength(2);
    expect((await search('r', '&limit=50')).length).toBeGreaterThan(2);
  });

  it('answers bad input with problem+json', async () => {
    for (const path of ['/api/places', '/api/places?q=', '/api/places?q=a&limit=0', '/api/places?q=a&limit=x', '/api/places?q=a&kinds=moon', '/api/places/reverse?lat=91&lon=15', '/api/places/reverse?lat=58.4']) {
      const res = await t.app.request(path);
      expect(res.status, path).toBe(400);
      expect(res.headers.get('Content-Type'), path).toMatch(/application\/problem\+json/);
      expect(((await res.json()) as { errors: unknown[] }).errors.length, path).toBeGreaterThan(0);
    }
  });

  it('names the address next to a point with its distance', async () => {
    const res = await t.app.request(`/api/places/reverse?lat=${ADDRESS_LAT + 0.00003}&lon=15.561`);
    expect(res.status).toBe(200);
    const f = (await res.json()) as PlaceFeature;
    expect(f.properties).toMatchObject({ name: 'Rydsvägen 12', kind: 'address', street: 'Rydsvägen', housenumber: '12' });
    expect(f.properties.distanceM).toBeCloseTo(3.3, 0);
    expect(f.properties.label).toMatch(/^Rydsvägen 12/);
  });

  it('answers 404 no-place-near when nothing named is within the radius', async () => {
    const res = await t.app.request('/api/places/reverse?lat=58.30&lon=15.70&maxDistM=200');
    expect(res.status).toBe(404);
    expect(((await res.json()) as { code: string }).code).toBe('no-place-near');
  });

  it('rebuilds the index when map_features change (version bump), in this and in another server process', async () => {
    const other = createApp({ sql: t.sql, area: makeAreaCache(t.sql), places: makePlaceCache(t.sql, makeAreaCache(t.sql)), now: Date.now, newId: randomUUID, log: makeLogger('silent'), basemapStyleUrl: null });
    expect(await search('lärkvägen')).toEqual([]);
    expect(((await (await other.request('/api/places?q=larkv')).json()) as { features: unknown[] }).features).toEqual([]);
    await t.sql.begin(async (tx) => {
      await tx`delete from map_features`;
    });
    await insertMapFeatures(t.sql, [...PLACE_FIXTURE, { layer: 'road', kind: 'residential', name: 'Lärkvägen', districtId: 'ryd', props: {}, geometry: { type: 'LineString', coordinates: [[15.555, 58.418], [15.556, 58.418]] } }], 'fixture-2');
    expect((await search('larkv'))[0]!.properties.name).toBe('Lärkvägen');
    const seen = (await (await other.request('/api/places?q=LÄRKV')).json()) as { features: PlaceFeature[] };
    expect(seen.features[0]!.properties.name).toBe('Lärkvägen');
  });

  it("names a drawn route's stops and GPX waypoints with the place index", async () => {
    const leader = await t.signIn('teamleader', { team: 'ryd' });
    const route = {
      name: 'Ryd kväll', team: 'ryd', district: 'ryd', date: '2026-11-20', start: '18:00', end: '23:00',
      waypoints: [{ lon: 15.5646, lat: 58.4084 }, { lon: 15.561, lat: ADDRESS_LAT, stop: true, dwellMin: 12 }, { lon: 15.5646, lat: 58.4084 }],
    };
    const res = await t.json('POST', '/api/routes', route, leader.headers);
    expect(res.status).toBe(201);
    const saved = (await res.json()) as { id: string; waypoints: { lon: number; lat: number }[]; schedule: { place: string }[] };
    const stop = saved.waypoints[1]!;
    const named = (await (await t.app.request(`/api/places/reverse?lat=${stop.lat}&lon=${stop.lon}`)).json()) as PlaceFeature;
    expect(saved.schedule[0]!.place).toBe(named.properties.label);
    expect(saved.schedule[0]!.place).toMatch(/Rydsvägen/);
    const gpx = await (await t.app.request(`/api/routes/${saved.id}.gpx`, { headers: leader.headers })).text();
    expect(gpx).toContain(`<name>${saved.schedule[0]!.place}</name>`);
  });

  it('follows the districts: a renamed district is found by its new name', async () => {
    expect(await search('norra berga')).toEqual([]);
    await t.sql`update districts set name = 'Norra Berga', updated_at = now() where id = 'berga'`;
    expect((await search('norra berga'))[0]!.properties).toMatchObject({ kind: 'district', name: 'Norra Berga' });
    await t.sql`update districts set name = 'Berga', updated_at = now() where id = 'berga'`;
  });

  it('is in the OpenAPI document', async () => {
    const doc = (await (await t.app.request('/api/openapi.json')).json()) as { paths: Record<string, { get?: { parameters?: { name: string }[] } }> };
    expect(doc.paths['/api/places']!.get!.parameters!.map((p) => p.name)).toEqual(expect.arrayContaining(['q', 'limit']));
    expect(doc.paths['/api/places/reverse']!.get!.parameters!.map((p) => p.name)).toEqual(expect.arrayContaining(['lat', 'lon']));
  });
});

describe('places API rate limit', () => {
  let t: Awaited<ReturnType<typeof makeTestApp>>;
  beforeAll(async () => {
    t = await makeTestApp({ name: 'pglite' }, { security: { rateLimits: { publicWrite: { limit: 60, windowMs: 60_000 }, signIn: { limit: 30, windowMs: 60_000 }, placeSearch: { limit: 3, windowMs: 60_000 } } } });
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it('answers 429 with Retry-After past the per-address limit', async () => {
    for (let i = 0; i < 3; i++) expect((await t.app.request('/api/places?q=ryd')).status).toBe(200);
    const res = await t.app.request('/api/places?q=ryd');
    expect(res.status).toBe(429);
    expect(res.headers.get('Retry-After')).toBeTruthy();
  }, 120_000);
});
