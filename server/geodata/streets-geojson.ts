// Reads a walkable network from GeoJSON LineStrings/MultiLineStrings (properties name, highway, lit, osm_way_id).
import { readFile } from 'node:fs/promises';
import type { StreetWay } from './street-way.ts';

export interface GeoJsonStreetsResult {
  ways: StreetWay[];
  stats: { features: number; kept: number; skipped: number };
}

type Position = [number, number];

/** Parses GeoJSON text; features that are not lines (or have < 2 valid positions) are skipped. */
export function parseStreetsGeoJson(text: string, label = 'GeoJSON'): GeoJsonStreetsResult {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new Error(`${label}: not valid JSON (${(err as Error).message})`);
  }
  const features = featuresOf(doc, label);
  const ways: StreetWay[] = [];
  let skipped = 0;
  for (const f of features) {
    const lines = linesOf(f?.geometry);
    if (lines.length === 0) {
      skipped++;
      continue;
    }
    const p = (f?.properties ?? {}) as Record<string, unknown>;
    for (const coords of lines) {
      ways.push({ osmWayId: toWayId(p.osm_way_id), name: toText(p.name), highway: toText(p.highway), lit: toText(p.lit), coords });
    }
  }
  return { ways, stats: { features: features.length, kept: features.length - skipped, skipped } };
}

export async function readStreetsGeoJson(path: string): Promise<GeoJsonStreetsResult> {
  return parseStreetsGeoJson(await readFile(path, 'utf8'), path);
}

interface LooseFeature {
  geometry?: { type?: unknown; coordinates?: unknown } | null;
  properties?: unknown;
}

function featuresOf(doc: unknown, label: string): LooseFeature[] {
  const d = doc as { type?: unknown; features?: unknown };
  if (d?.type === 'FeatureCollection' && Array.isArray(d.features)) return d.features as LooseFeature[];
  if (d?.type === 'Feature') return [d as LooseFeature];
  throw new Error(`${label}: expected a GeoJSON FeatureCollection`);
}

function linesOf(g: LooseFeature['geometry']): Position[][] {
  const parts =
    g?.type === 'LineString' ? [g.coordinates] : g?.type === 'MultiLineString' && Array.isArray(g.coordinates) ? g.coordinates : [];
  return (parts as unknown[]).map(toPositions).filter((line) => line.length >= 2);
}

function toPositions(line: unknown): Position[] {
  if (!Array.isArray(line)) return [];
  return line.filter(
    (pt): pt is Position => Array.isArray(pt) && Number.isFinite(pt[0]) && Number.isFinite(pt[1]),
  ).map((pt) => [pt[0], pt[1]]);
}

function toText(v: unknown): string | null {
  if (typeof v === 'string' && v !== '') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return null;
}

function toWayId(v: unknown): number | null {
  const n = typeof v === 'string' ? Number(v) : v;
  return typeof n === 'number' && Number.isSafeInteger(n) ? n : null;
}
