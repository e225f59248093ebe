// Rates per 1,000 residents: /api/analytics/districts gains population and per1000 per district
// for any filter; /api/analytics/deso answers per DeSO area, its areas adding up to the
// district's count; /api/deso serves the polygons. Cross-checked against point-in-polygon on
// geodata/linkoping/deso.geojson.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { booleanPointInPolygon } from '@turf/turf';
import { cellToLatLng } from 'h3-js';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseTargets } from '../helpers/databases.ts';
import { FIXED_NOW } from '../helpers/test-app.ts';
import { makeAnalyticsApp } from './analytics-helpers.ts';
import { insertReport } from '../../server/db/queries/reports.ts';
import { reportCell } from '../../server/domain/cells.ts';
import type { CategoryCode } from '../../server/domain/categories.ts';
import { makeDesoIndex } from '../../server/domain/deso-index.ts';
import { makeAreaCache } from '../../server/area-cache.ts';
import { areaRoutes } from '../../server/routes/area.ts';

const deso = JSON.parse(readFileSync(fileURLToPath(new URL('../../geodata/linkoping/deso.geojson', import.meta.url)), 'utf8')) as FeatureCollection<Polygon | MultiPolygon, { code: string; district: string | null; population: number }>;
const POPULATION = { berga: 7334, ryd: 9275, skaggetorp: 8086 };
/** Points per district (lat, lon) with how many reports each gets. */
const PLANTED: { district: keyof typeof POPULATION; lat: number; lon: number; n: number; category: CategoryCode }[] = [
  { district: 'skaggetorp', lat: 58.42611, lon: 15.58325, n: 12, category: 'klotter' },
  { district: 'skaggetorp', lat: 58.4285, lon: 15.5905, n: 3, category: 'brand' },
  { district: 'ryd', lat: 58.40837, lon: 15.564625, n: 7, category: 'klotter' },
  { district: 'berga', lat: 58.38718, lon: 15.64268, n: 4, category: 'brand' },
];

describe('makeDesoIndex', () => {
  it('answers the area of the district holding the cell centre, else the nearest of that district', () => {
    const index = makeDesoIndex(deso.features.map((f) => ({ code: f.properties.code, districtId: f.properties.district, geometry: f.geometry })));
    const cell = reportCell(58.42611, 15.58325);
    const [lat, lon] = cellToLatLng(cell);
    const holder = deso.features.find((f) => f.properties.district === 'skaggetorp' && booleanPointInPolygon([lon, lat], f))!;
    expect(index.locate(cell, 'skaggetorp')).toBe(holder.properties.code);
    expect(index.locate(cell, 'skaggetorp')).toBe(holder.properties.code);
    expect(index.cached).toBe(1);
    // The same cell filed under Ryd (a sliver): the nearest Ryd area, never another district's.
    const ryd = deso.features.filter((f) => f.properties.district === 'ryd').map((f) => f.properties.code);
    expect(ryd).toContain(index.locate(cell, 'ryd'));
    expect(index.locate(cell, 'nowhere')).toBeNull();
  });
});

describe.each(databaseTargets())('rates per 1,000 residents on %s', (target) => {
  let t: Awaited<ReturnType<typeof makeAnalyticsApp>>;

  beforeAll(async () => {
    t = await makeAnalyticsApp(target);
    for (const p of PLANTED) {
      for (let i = 0; i < p.n; i++) {
        const at = new Date(FIXED_NOW - (i + 1) * 86_400_000);
        await insertReport(t.sql, { id: randomUUID(), category: p.category, lat: p.lat, lon: p.lon, cell: reportCell(p.lat, p.lon), districtId: p.district, observedFrom: at, observedTo: at, description: null, source: 'staff', status: 'new' });
      }
    }
  });
  afterAll(async () => t?.close());

  it('gives every district its residents and per1000 = count × 1000 / population', async () => {
    const { status, body } = await t.get('/api/analytics/districts');
    expect(status).toBe(200);
    const by = Object.fromEntries((body.districts as { district: string; count: number; population: number; per1000: number; smallNumbers: boolean }[]).map((d) => [d.district, d]));
    expect(by.berga).toMatchObject({ population: 7334, count: 4, per1000: (4 * 1000) / 7334, smallNumbers: true });
    expect(by.ryd).toMatchObject({ population: 9275, count: 7, per1000: (7 * 1000) / 9275, smallNumbers: true });
    expect(by.skaggetorp).toMatchObject({ population: 8086, count: 15, per1000: (15 * 1000) / 8086, smallNumbers: false });
    for (const r of body.rows as { district: keyof typeof POPULATION; count: number; population: number; per1000: number }[]) {
      expect(r.population).toBe(POPULATION[r.district]);
      expect(r.per1000).toBeCloseTo((r.count * 1000) / POPULATION[r.district], 12);
    }
    expect(body.smallNumbers).toEqual({ minCount: 10, minPopulation: 500 });
  });

  it('keeps population and per1000 under any filter', async () => {
    const { body } = await t.get('/api/analytics/districts?categories=brand&districts=skaggetorp,berga');
    expect((body.districts as { district: string }[]).map((d) => d.district)).toEqual(['berga', 'skaggetorp']);
    const s = (body.districts as { district: string; count: number; per1000: number; population: number }[]).find((d) => d.district === 'skaggetorp')!;
    expect(s).toMatchObject({ count: 3, population: 8086, per1000: 3000 / 8086 });
  });

  it('answers per DeSO area, the areas of a district adding up to its count', async () => {
    const { status, body } = await t.get('/api/analytics/deso');
    expect(status).toBe(200);
    const areas = body.areas as { code: string; district: string; population: number; count: number; per1000: number | null; smallNumbers: boolean }[];
    expect(areas).toHaveLength(13); // 0580C1670 (Tornby) belongs to no district
    for (const [district, n] of [['berga', 4], ['ryd', 7], ['skaggetorp', 15]] as const) {
      expect(areas.filter((a) => a.district === district).reduce((s, a) => s + a.count, 0)).toBe(n);
      expect(areas.filter((a) => a.district === district).reduce((s, a) => s + a.population, 0)).toBe(POPULATION[district]);
    }
    const [lat, lon] = cellToLatLng(reportCell(58.42611, 15.58325));
    const centre = deso.features.find((f) => f.properties.district === 'skaggetorp' && booleanPointInPolygon([lon, lat], f))!.properties;
    const a = areas.find((x) => x.code === centre.code)!;
    expect(a.count).toBeGreaterThanOrEqual(12);
    expect(a.per1000).toBeCloseTo((a.count * 1000) / centre.population, 12);
    expect(a.smallNumbers).toBe(false);
    expect(areas.filter((x) => x.count === 0).every((x) => x.smallNumbers && x.per1000 === 0)).toBe(true);
  });

  it('serves the DeSO polygons with their residents', async () => {
    const res = await areaRoutes({ ...t.deps, area: makeAreaCache(t.sql) }).request('/deso');
    const fc = (await res.json()) as { features: { id: string; properties: { population: number; district: string | null } }[] };
    expect(fc.features).toHaveLength(14);
    expect(fc.features.reduce((s, f) => s + (f.properties.district ? f.properties.population : 0), 0)).toBe(7334 + 9275 + 8086);
  });
});
