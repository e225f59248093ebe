// The area: client config, categories, districts, DeSO areas, team bases and the walkable street network.
import { Hono } from 'hono';
import { bbox as turfBbox } from '@turf/turf';
import type { AppDeps } from '../deps.ts';
import { describe, validate } from '../http/validate.ts';
import { guard } from '../http/guard.ts';
import { CATEGORIES } from '../domain/categories.ts';
import { listBases, listDistricts } from '../db/queries/districts.ts';
import { listStreets, streetCoverage } from '../db/queries/streets.ts';
import { listDesoAreas } from '../db/queries/deso.ts';
import { readMapMeta } from '../db/queries/map-tiles.ts';
import { DesoAreaCollection } from '../schemas/analytics.ts';
import { BaseCollection, CategoryList, ClientConfig, DistrictCollection, StreetCollection, StreetQuery } from '../schemas/area.ts';

export function areaRoutes(deps: AppDeps) {
  const { sql } = deps;
  return new Hono()
    .get('/config', guard.public(), describe({ summary: 'Client configuration', tags: ['area'], responses: { 200: { description: 'Config', schema: ClientConfig } } }), async (c) => {
      const districts = await listDistricts(sql);
      const box = districts.length
        ? turfBbox({ type: 'FeatureCollection', features: districts.map((d) => ({ type: 'Feature', properties: {}, geometry: d.geometry })) })
        : [15.54, 58.37, 15.68, 58.44];
      const [w, s, e, n] = box as [number, number, number, number];
      const streetsInBasemap = deps.basemapStyleUrl === null && (await readMapMeta(sql)).hasRoads;
      return c.json({ basemapStyleUrl: deps.basemapStyleUrl, area: { name: 'Linköping', bbox: [w, s, e, n] as [number, number, number, number] }, streetsInBasemap }, 200);
    })
    .get('/categories', guard.public(), describe({ summary: 'Report categories with Swedish and English labels', tags: ['area'], responses: { 200: { description: 'Categories', schema: CategoryList } } }), (c) =>
      c.json({ categories: CATEGORIES.map((x) => ({ ...x })) }, 200),
    )
    .get('/districts', guard.public(), describe({ summary: 'Districts as GeoJSON', tags: ['area'], responses: { 200: { description: 'FeatureCollection of district polygons', schema: DistrictCollection, contentType: 'application/geo+json' } } }), async (c) => {
      const [districts, coverage] = await Promise.all([listDistricts(sql), streetCoverage(sql)]);
      const km = new Map(coverage.map((x) => [x.districtId, x.km]));
      const body = {
        type: 'FeatureCollection' as const,
        features: districts.map((d) => ({
          type: 'Feature' as const,
          id: d.id,
          geometry: d.geometry,
          properties: { id: d.id, name: d.name, approximate: d.approximate, source: d.source, streetKm: Math.round((km.get(d.id) ?? 0) * 10) / 10 },
        })),
      };
      return c.json(body, 200);
    })
    .get(
      '/deso',
      guard.public(),
      describe({
        summary: 'DeSO areas with their residents as GeoJSON',
        description: "SCB's demographic statistics areas (DeSO 2025, CC0, Källa: SCB) loaded with the area, each with its population and district (null: outside the districts). The polygons of the per-DeSO choropleth (GET /api/analytics/deso has the values). Empty when none are loaded (npm run geodata -- import-deso).",
        tags: ['area'],
        responses: { 200: { description: 'FeatureCollection of DeSO polygons', schema: DesoAreaCollection, contentType: 'application/geo+json' } },
      }),
      async (c) => {
        const areas = await listDesoAreas(sql);
        const features = areas.map((a) => ({
          type: 'Feature' as const,
          id: a.code,
          geometry: a.geometry,
          properties: { code: a.code, regso: a.regso, regsoName: a.regsoName, district: a.districtId, population: a.population, source: a.source },
        }));
        return c.json({ type: 'FeatureCollection' as const, attribution: 'Källa: SCB', features }, 200);
      },
    )
    .get('/bases', guard.public(), describe({ summary: 'Team bases as GeoJSON points', tags: ['area'], responses: { 200: { description: 'FeatureCollection', schema: BaseCollection } } }), async (c) => {
      const bases = await listBases(sql);
      return c.json(
        {
          type: 'FeatureCollection' as const,
          features: bases.map((b) => ({ type: 'Feature' as const, geometry: { type: 'Point' as const, coordinates: [b.lon, b.lat] }, properties: { id: b.id, name: b.name, district: b.districtId } })),
        },
        200,
      );
    })
    .get(
      '/streets',
      guard.public(),
      describe({ summary: 'The walkable street network as GeoJSON', description: 'Empty when no network is loaded.', tags: ['area'], responses: { 200: { description: 'FeatureCollection of LineStrings', schema: StreetCollection } } }),
      validate('query', StreetQuery),
      async (c) => {
        const { district, lit } = c.req.valid('query');
        const streets = await listStreets(sql, { ...(district ? { districtId: district } : {}), ...(lit ? { lit } : {}) });
        return c.json(
          {
            type: 'FeatureCollection' as const,
            features: streets.map((s) => ({
              type: 'Feature' as const,
              geometry: { type: 'LineString' as const, coordinates: s.coords },
              properties: { name: s.name, highway: s.highway, lit: s.lit, district: s.districtId },
            })),
          },
          200,
        );
      },
    );
}
