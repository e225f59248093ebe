// Zod schemas for the area resources: config, categories, districts, bases, streets.
import { z } from 'zod';

export const ClientConfig = z.object({
  basemapStyleUrl: z.string().nullable().describe('Optional online basemap style; the offline style is used when null'),
  area: z.object({ name: z.string(), bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]) }),
  streetsInBasemap: z.boolean().describe("The app's own basemap draws the street network (bundled or imported): a map over it needs only the unlit ways of GET /api/streets?lit=no, not the whole network"),
});

export const CategoryList = z.object({
  categories: z.array(z.object({ code: z.string(), sv: z.string(), en: z.string(), color: z.string() })),
});

const Geometry = z.object({ type: z.string(), coordinates: z.array(z.unknown()) });

export const DistrictCollection = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      id: z.string(),
      geometry: Geometry,
      properties: z.object({
        id: z.string(),
        name: z.string(),
        approximate: z.boolean().describe('True when the boundary is hand-drawn, not official'),
        source: z.string(),
        streetKm: z.number().describe('Length of the loaded walkable network inside the district, km'),
      }),
    }),
  ),
});

export const BaseCollection = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(z.object({ type: z.literal('Feature'), geometry: Geometry, properties: z.object({ id: z.string(), name: z.string(), district: z.string().nullable() }) })),
});

export const StreetCollection = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      geometry: Geometry,
      properties: z.object({ name: z.string().nullable(), highway: z.string().nullable(), lit: z.string().nullable(), district: z.string().nullable() }),
    }),
  ),
});

export const StreetQuery = z.object({
  district: z.string().max(64).optional().describe('Only streets of this district'),
  lit: z.literal('no').optional().describe('Only the ways tagged lit=no: what the staff map marks on top of a basemap that draws the streets itself (ClientConfig.streetsInBasemap)'),
});
