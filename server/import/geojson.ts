// Reads report records from a GeoJSON FeatureCollection of Points: coordinates give lat/lon,
// properties the other fields (same names and aliases as the CSV columns). Features are numbered
// from 1 in rejections ("line" = feature number).
import type { CsvRecord } from './csv.ts';

export const GEOJSON_COORD_HEADERS = ['lat', 'lon'] as const;

/** A header and records shaped like CSV, so the same column mapping applies. */
export function geojsonRecords(text: string): { header: string[]; records: CsvRecord[]; errors: { line: number; field: string; reason: string }[] } {
  let doc: { type?: string; features?: unknown[] };
  try {
    doc = JSON.parse(text) as typeof doc;
  } catch (err) {
    throw new Error(`The file is not valid JSON: ${(err as Error).message}`);
  }
  if (doc?.type !== 'FeatureCollection' || !Array.isArray(doc.features)) throw new Error('Expected a GeoJSON FeatureCollection.');
  const keys = new Set<string>();
  for (const f of doc.features as { properties?: Record<string, unknown> | null }[]) for (const k of Object.keys(f?.properties ?? {})) keys.add(k);
  keys.delete('lat');
  keys.delete('lon');
  const header = [...GEOJSON_COORD_HEADERS, ...keys];
  const records: CsvRecord[] = [];
  const errors: { line: number; field: string; reason: string }[] = [];
  (doc.features as { geometry?: { type?: string; coordinates?: unknown } | null; properties?: Record<string, unknown> | null }[]).forEach((f, i) => {
    const line = i + 1;
    const c = f?.geometry?.type === 'Point' ? (f.geometry.coordinates as unknown[]) : null;
    if (!c || typeof c[0] !== 'number' || typeof c[1] !== 'number') {
      errors.push({ line, field: 'geometry', reason: 'not a Point with [lon, lat] coordinates' });
      return;
    }
    const props = f.properties ?? {};
    records.push({ line, fields: [String(c[1]), String(c[0]), ...[...keys].map((k) => (props[k] == null ? '' : String(props[k])))] });
  });
  return { header, records, errors };
}
