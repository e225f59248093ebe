// Zod schemas for /api/places (search) and /api/places/reverse (reverse geocoding).
import { z } from 'zod';

export const PLACE_KINDS = ['street', 'address', 'poi', 'place', 'district', 'base', 'building'] as const;

export const PlaceSearchQuery = z.object({
  q: z.string().trim().min(1, 'give at least one character').max(100).describe('What to look for: a prefix of a name or address, any case, å/ä/ö may be typed as a/o'),
  limit: z.coerce.number().int().min(1).max(50).default(10).describe('Most places returned (1–50, default 10)'),
  kinds: z
    .string()
    .max(100)
    .optional()
    .transform((s, ctx) => {
      if (!s) return undefined;
      const list = s.split(',').map((k) => k.trim()).filter(Boolean);
      const bad = list.filter((k) => !(PLACE_KINDS as readonly string[]).includes(k));
      if (bad.length) ctx.addIssue({ code: 'custom', message: `unknown kind ${bad.join(', ')}; use ${PLACE_KINDS.join(', ')}` });
      return list as (typeof PLACE_KINDS)[number][];
    })
    .describe(`Only these kinds, comma-separated (${PLACE_KINDS.join(', ')})`),
});

export const ReverseQuery = z.object({
  lat: z.coerce.number().min(-90).max(90).describe('Latitude, WGS84 degrees'),
  lon: z.coerce.number().min(-180).max(180).describe('Longitude, WGS84 degrees'),
  maxDistM: z.coerce.number().min(1).max(5000).default(1000).describe('Search radius in metres (default 1000)'),
});

const PointGeometry = z.object({ type: z.literal('Point'), coordinates: z.tuple([z.number(), z.number()]) });

export const PlaceProperties = z.object({
  name: z.string().describe('What people call it; for addresses "Street number"'),
  kind: z.enum(PLACE_KINDS),
  subkind: z.string().nullable().describe('POIs, places and buildings: what it is (school, bus_stop, suburb, square …)'),
  district: z.string().nullable().describe("The district's name, null outside the districts"),
  districtId: z.string().nullable(),
  street: z.string().nullable().describe('Addresses: the street'),
  housenumber: z.string().nullable().describe('Addresses: the house number'),
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]).describe('[west, south, east, north] of the place (streets and districts: their extent)'),
});

export const PlaceFeature = z.object({ type: z.literal('Feature'), geometry: PointGeometry, properties: PlaceProperties });

export const PlaceCollection = z.object({ type: z.literal('FeatureCollection'), features: z.array(PlaceFeature) });

export const ReverseFeature = z.object({
  type: z.literal('Feature'),
  geometry: PointGeometry,
  properties: PlaceProperties.extend({
    distanceM: z.number().describe('Metres from the query point to the place (to the line, for streets)'),
    label: z.string().describe('A human label in Swedish, e.g. "Rydsvägen 12, vid Ryds centrum"'),
    labelEn: z.string().describe('The label in English'),
  }),
});
