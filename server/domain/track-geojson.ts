// Reads a recorded patrol from GeoJSON: a LineString/MultiLineString with per-vertex times
// (properties.coordTimes or properties.times, as togeojson writes them, or a 4th coordinate in
// epoch seconds/ms), or Point features with properties.time / timestamp.
import { DomainError } from './domain-error.ts';
import type { TrackPoint } from './track-point.ts';
import type { ParsedTrack } from './gpx-track.ts';

type Json = Record<string, unknown>;

function toMs(v: unknown, where: string): number {
  if (typeof v === 'number' && Number.isFinite(v)) return v < 1e11 ? v * 1000 : v; // epoch seconds or ms
  if (typeof v === 'string') {
    const t = Date.parse(v);
    if (!Number.isNaN(t)) return t;
  }
  throw new DomainError('geojson-invalid', `${where} has no readable time (ISO 8601 string or epoch number).`, where);
}

function lineTimes(props: Json): unknown[] | null {
  const t = props.coordTimes ?? props.times ?? props.timestamps;
  return Array.isArray(t) ? t : null;
}

function fromLine(coords: unknown[], times: unknown[] | null, where: string, out: TrackPoint[]): void {
  coords.forEach((c, i) => {
    const p = c as number[];
    const w = `${where}[${i}]`;
    if (!Array.isArray(p) || typeof p[0] !== 'number' || typeof p[1] !== 'number') throw new DomainError('geojson-invalid', `${w} is not a [lon, lat] position.`, w);
    const time = times ? times[i] : p[3];
    if (time === undefined) throw new DomainError('geojson-invalid', `${w} has no time: give properties.coordTimes (one per vertex) or a 4th coordinate.`, w);
    out.push({ t: toMs(time, w), lon: p[0], lat: p[1], accuracyM: null });
  });
}

function fromFeature(f: Json, where: string, out: TrackPoint[]): string | null {
  const g = f.geometry as Json | null;
  const props = (f.properties ?? {}) as Json;
  if (!g) return null;
  const times = lineTimes(props);
  if (g.type === 'LineString') fromLine(g.coordinates as unknown[], times, `${where}.geometry.coordinates`, out);
  else if (g.type === 'MultiLineString') (g.coordinates as unknown[][]).forEach((line, li) => fromLine(line, times ? ((times[li] as unknown[]) ?? null) : null, `${where}.geometry.coordinates[${li}]`, out));
  else if (g.type === 'Point') {
    const c = g.coordinates as number[];
    const time = props.time ?? props.timestamp ?? c[3];
    out.push({ t: toMs(time, `${where}.properties.time`), lon: Number(c[0]), lat: Number(c[1]), accuracyM: typeof props.accuracy === 'number' ? props.accuracy : null });
  } else return null;
  return typeof props.name === 'string' ? props.name : null;
}

export function parseGeoJsonTrack(text: string): ParsedTrack {
  let doc: Json;
  try {
    doc = JSON.parse(text) as Json;
  } catch (err) {
    throw new DomainError('geojson-invalid', `The file is not valid JSON (${(err as Error).message}).`, 'body');
  }
  const points: TrackPoint[] = [];
  let name: string | null = null;
  if (doc?.type === 'FeatureCollection' && Array.isArray(doc.features)) {
    (doc.features as Json[]).forEach((f, i) => (name ??= fromFeature(f, `features[${i}]`, points)));
  } else if (doc?.type === 'Feature') {
    name = fromFeature(doc, 'feature', points);
  } else if (doc?.type === 'LineString' || doc?.type === 'MultiLineString' || doc?.type === 'Point') {
    fromFeature({ type: 'Feature', geometry: doc, properties: {} }, 'geometry', points);
  } else {
    throw new DomainError('geojson-invalid', 'Expected a GeoJSON FeatureCollection, Feature or geometry.', 'body');
  }
  if (points.length === 0) throw new DomainError('geojson-invalid', 'The GeoJSON holds no timed track positions (LineString with coordTimes, or Points with a time).', 'body');
  return { points, name };
}
