// Reads SCB DeSO areas with their population from GeoJSON, validated at the edge. Takes the
// project's own spelling (geodata/linkoping/deso.geojson: code, regso, regso_name, district,
// population) or SCB's (desokod, regsokod, regsonamn, population / befolkning).
import { z } from 'zod';
import type { MultiPolygon, Polygon } from 'geojson';

export interface DesoInput {
  code: string;
  regso: string;
  regsoName: string;
  /**
   * District named in the file (null: outside every district), checked against the database;
   * undefined when the file does not say (SCB's own files): located by the polygon then.
   */
  districtId: string | null | undefined;
  population: number;
  source: string;
  geometry: Polygon | MultiPolygon;
}

const Position = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]).rest(z.number());
const Ring = z.array(Position).min(4, 'a linear ring needs at least 4 positions');
const Geometry = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Polygon'), coordinates: z.array(Ring).min(1) }),
  z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(Ring).min(1)).min(1) }),
]);
const Count = z.number().int().min(0);
const Props = z
  .object({
    code: z.string().min(1).optional(),
    desokod: z.string().min(1).optional(),
    regso: z.string().optional(),
    regsokod: z.string().optional(),
    regso_name: z.string().optional(),
    regsonamn: z.string().optional(),
    district: z.string().min(1).nullish(),
    population: Count.optional(),
    befolkning: Count.optional(),
    source: z.string().optional(),
  })
  .passthrough()
  .refine((p) => p.code ?? p.desokod, { message: 'needs code (or desokod)' })
  .refine((p) => (p.population ?? p.befolkning) !== undefined, { message: 'needs population (or befolkning)' });

const Collection = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(z.object({ type: z.literal('Feature'), properties: Props, geometry: Geometry })).min(1),
});

export function parseDesoGeoJson(text: string, label = 'deso'): DesoInput[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new Error(`${label}: not valid JSON (${(err as Error).message})`);
  }
  const parsed = Collection.safeParse(doc);
  if (!parsed.success) {
    const lines = parsed.error.issues.slice(0, 5).map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`${label}: not the expected DeSO GeoJSON\n${lines.join('\n')}`);
  }
  const seen = new Set<string>();
  return parsed.data.features.map((f) => {
    const p = f.properties;
    const code = (p.code ?? p.desokod)!;
    if (seen.has(code)) throw new Error(`${label}: duplicate DeSO code '${code}'`);
    seen.add(code);
    return {
      code,
      regso: p.regso ?? p.regsokod ?? '',
      regsoName: p.regso_name ?? p.regsonamn ?? '',
      districtId: p.district === undefined ? undefined : p.district,
      population: (p.population ?? p.befolkning)!,
      source: p.source ?? '',
      geometry: f.geometry as Polygon | MultiPolygon,
    };
  });
}
