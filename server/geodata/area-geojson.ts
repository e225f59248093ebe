// Reads the area's districts (Polygon/MultiPolygon) and team bases (Point) from GeoJSON, validated at the edge.
import { z } from 'zod';
import type { MultiPolygon, Polygon } from 'geojson';

export interface DistrictInput {
  id: string;
  name: string;
  approximate: boolean;
  source: string;
  geometry: Polygon | MultiPolygon;
}

export interface BaseInput {
  id: string;
  name: string;
  /** District id named in the file, if any; checked against the database on import. */
  districtId: string | null;
  lon: number;
  lat: number;
}

/** 'Skäggetorp' → 'skaggetorp', 'Ryds centrum' → 'ryds-centrum' (å/ä → a, ö → o, other marks dropped). */
export function slugify(name: string): string {
  return name
    .toLowerCase()
    .replace(/[åä]/g, 'a')
    .replace(/ö/g, 'o')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

const Lon = z.number().min(-180).max(180);
const Lat = z.number().min(-90).max(90);
const Position = z.tuple([Lon, Lat]).rest(z.number());
const Ring = z.array(Position).min(4, 'a linear ring needs at least 4 positions');
const PolygonGeom = z.object({ type: z.literal('Polygon'), coordinates: z.array(Ring).min(1) });
const MultiPolygonGeom = z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(Ring).min(1)).min(1) });
const Props = z
  .object({
    id: z.string().min(1).optional(),
    name: z.string().min(1),
    approximate: z.boolean().default(false),
    source: z.string().optional(),
    district: z.string().min(1).nullish(),
  })
  .passthrough();

const DistrictFeature = z.object({
  type: z.literal('Feature'),
  properties: Props,
  geometry: z.discriminatedUnion('type', [PolygonGeom, MultiPolygonGeom]),
});
const BaseFeature = z.object({
  type: z.literal('Feature'),
  properties: Props,
  geometry: z.object({ type: z.literal('Point'), coordinates: Position }),
});

function collectionOf<T extends z.ZodType>(feature: T) {
  return z.object({ type: z.literal('FeatureCollection'), features: z.array(feature).min(1) });
}

function parseWith<T extends z.ZodType>(schema: T, text: string, label: string): z.infer<T> {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new Error(`${label}: not valid JSON (${(err as Error).message})`);
  }
  const parsed = schema.safeParse(doc);
  if (!parsed.success) {
    const lines = parsed.error.issues.slice(0, 5).map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`${label}: not the expected GeoJSON\n${lines.join('\n')}`);
  }
  return parsed.data;
}

function uniqueIds<T extends { id: string }>(items: T[], label: string): T[] {
  const seen = new Set<string>();
  for (const item of items) {
    if (item.id === '') throw new Error(`${label}: a feature has neither properties.id nor a usable name`);
    if (seen.has(item.id)) throw new Error(`${label}: duplicate id '${item.id}'`);
    seen.add(item.id);
  }
  return items;
}

export function parseDistrictsGeoJson(text: string, label = 'districts'): DistrictInput[] {
  const fc = parseWith(collectionOf(DistrictFeature), text, label);
  const districts = fc.features.map((f) => ({
    id: f.properties.id ?? slugify(f.properties.name),
    name: f.properties.name,
    approximate: f.properties.approximate,
    source: f.properties.source ?? '',
    geometry: f.geometry as Polygon | MultiPolygon,
  }));
  return uniqueIds(districts, label);
}

export function parseBasesGeoJson(text: string, label = 'bases'): BaseInput[] {
  const fc = parseWith(collectionOf(BaseFeature), text, label);
  const bases = fc.features.map((f) => ({
    id: f.properties.id ?? slugify(f.properties.name),
    name: f.properties.name,
    districtId: f.properties.district ?? null,
    lon: f.geometry.coordinates[0],
    lat: f.geometry.coordinates[1],
  }));
  return uniqueIds(bases, label);
}
