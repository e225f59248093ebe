// Area resources and the API's self-description.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseTargets } from '../helpers/databases.ts';
import { makeTestApp } from '../helpers/test-app.ts';
import { toOpenApiPath } from '../../server/http/openapi.ts';
import { listDistricts } from '../../server/db/queries/districts.ts';
import { replaceMap } from '../../server/db/queries/map-features.ts';
import { prepareStreets } from '../../server/geodata/assign-districts.ts';

describe.each(databaseTargets())('area API on $name', (target) => {
  let t: Awaited<ReturnType<typeof makeTestApp>>;
  beforeAll(async () => {
    t = await makeTestApp(target);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lists the categories with Swedish and English labels', async () => {
    const { categories } = (await (await t.app.request('/api/categories')).json()) as { categories: { code: string; sv: string; en: string }[] };
    expect(categories.length).toBeGreaterThanOrEqual(9);
    expect(categories.find((c) => c.code === 'skadegorelse')).toMatchObject({ sv: 'Skadegörelse', en: 'Vandalism' });
    expect(categories.every((c) => c.sv && c.en)).toBe(true);
  });

  it('returns the three districts as GeoJSON, all official', async () => {
    const fc = (await (await t.app.request('/api/districts')).json()) as { type: string; features: { id: string; geometry: { type: string }; properties: { name: string; approximate: boolean; streetKm: number } }[] };
    expect(fc.type).toBe('FeatureCollection');
    const byId = Object.fromEntries(fc.features.map((f) => [f.id, f.properties]));
    expect(Object.keys(byId).sort()).toEqual(['berga', 'ryd', 'skaggetorp']);
    expect(byId.skaggetorp).toMatchObject({ name: 'Skäggetorp', approximate: false });
    expect(byId.ryd).toMatchObject({ name: 'Ryd', approximate: false, streetKm: 0 });
  });

  it('returns the team bases and an empty street network when none is loaded', async () => {
    const bases = (await (await t.app.request('/api/bases')).json()) as { features: { properties: { district: string } }[] };
    expect(bases.features.map((f) => f.properties.district).sort()).toEqual(['berga', 'ryd', 'skaggetorp']);
    const streets = (await (await t.app.request('/api/streets')).json()) as { features: unknown[] };
    expect(streets.features).toEqual([]);
  });

  it("tells whether the app's basemap draws the streets, and gives only the unlit ways when asked", async () => {
    const config = async () => (await (await t.app.request('/api/config')).json()) as { streetsInBasemap: boolean; basemapStyleUrl: string | null };
    expect(await config()).toMatchObject({ basemapStyleUrl: null, streetsInBasemap: false });
    const way = (name: string, lit: string | null, lat: number) => ({ osmWayId: null, name, highway: 'residential', lit, coords: [[15.56, lat], [15.562, lat]] as [number, number][] });
    const districts = await listDistricts(t.sql);
    await replaceMap(t.sql, {
      features: [{ layer: 'road', kind: 'residential', name: 'Lysgatan', osmType: null, osmId: null, districtId: 'ryd', props: {}, geometry: { type: 'LineString', coordinates: [[15.56, 58.415], [15.562, 58.415]] }, bbox: [15.56, 58.415, 15.562, 58.415] }],
      streets: prepareStreets([way('Lysgatan', 'yes', 58.415), way('Mörka stigen', 'no', 58.416), way('Okänd väg', null, 58.417)], districts, { marginM: 1e6 }).rows,
      version: 'area-api-1', summaryKey: 'network', summary: { source: 'test' },
    });
    expect(await config()).toMatchObject({ streetsInBasemap: true });
    const names = async (q: string) => ((await (await t.app.request(`/api/streets${q}`)).json()) as { features: { properties: { name: string; lit: string | null } }[] }).features.map((f) => f.properties.name).sort();
    expect(await names('')).toEqual(['Lysgatan', 'Mörka stigen', 'Okänd väg']);
    expect(await names('?lit=no')).toEqual(['Mörka stigen']);
    expect(await names('?lit=no&district=berga')).toEqual([]);
    const bad = await t.app.request('/api/streets?lit=yes');
    expect(bad.status).toBe(400);
    expect(bad.headers.get('Content-Type')).toContain('application/problem+json');
  });

  it('documents every API route in the OpenAPI 3.1 document', async () => {
    const doc = (await (await t.app.request('/api/openapi.json')).json()) as { openapi: string; paths: Record<string, Record<string, { parameters?: { name: string }[] }>> };
    expect(doc.openapi).toBe('3.1.0');
    for (const p of ['/api/reports', '/api/reports/{id}', '/api/reports/pins', '/api/categories', '/api/districts', '/api/deso', '/api/bases', '/api/streets', '/api/config']) expect(doc.paths).toHaveProperty(p);
    expect(doc.paths['/api/reports']!.post).toBeDefined();
    expect(doc.paths['/api/reports']!.get!.parameters!.map((x) => x.name)).toEqual(expect.arrayContaining(['bbox', 'district', 'category', 'from', 'to', 'status', 'limit', 'cursor']));
    const apiRoutes = t.app.routes.filter((r) => r.path.startsWith('/api/') && !r.path.includes('*') && r.method !== 'ALL' && !['/api/openapi.json', '/api/docs', '/api/docs.css'].includes(r.path));
    for (const r of apiRoutes) {
      const path = toOpenApiPath(r.path);
      expect(doc.paths[path]?.[r.method.toLowerCase()], `${r.method} ${r.path} is documented`).toBeDefined();
    }
    const html = await (await t.app.request('/api/docs')).text();
    expect(html).toContain('/api/reports');
  });

  it('answers /healthz and /readyz', async () => {
    expect((await t.app.request('/healthz')).status).toBe(200);
    expect((await t.app.request('/readyz')).status).toBe(200);
  });
});
