// Clips streets to the area's bounding box and assigns each street (or base) to the district holding it.
import { bboxClip, lineString } from '@turf/turf';
import type { MultiPolygon, Polygon } from 'geojson';
import { makeDistrictIndex } from '../domain/district-index.ts';
import { EARTH_RADIUS_M, lineLengthM, lineMidpoint, type StreetWay } from './street-way.ts';

export interface DistrictShape {
  id: string;
  geometry: Polygon | MultiPolygon;
}

export type BBox = [west: number, south: number, east: number, north: number];

export interface StreetRow extends StreetWay {
  lengthM: number;
  districtId: string | null;
}

/** Default margin in metres kept around the districts' bounding box. */
export const DEFAULT_CLIP_MARGIN_M = 500;

function bboxOf(coords: Iterable<readonly number[]>): BBox {
  const b: BBox = [Infinity, Infinity, -Infinity, -Infinity];
  for (const c of coords) {
    b[0] = Math.min(b[0], c[0]!);
    b[1] = Math.min(b[1], c[1]!);
    b[2] = Math.max(b[2], c[0]!);
    b[3] = Math.max(b[3], c[1]!);
  }
  return b;
}

function* positionsOf(g: Polygon | MultiPolygon): Generator<number[]> {
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  for (const poly of polys) for (const ring of poly) yield* ring;
}

/** The districts' joint bounding box grown by marginM metres on every side. */
export function districtsBbox(districts: readonly DistrictShape[], marginM = DEFAULT_CLIP_MARGIN_M): BBox {
  const b = bboxOf(districts.flatMap((d) => [...positionsOf(d.geometry)]));
  const dLat = (marginM / EARTH_RADIUS_M) * (180 / Math.PI);
  const widestLat = Math.max(Math.abs(b[1]), Math.abs(b[3])) * (Math.PI / 180);
  const dLon = dLat / Math.cos(widestLat);
  return [b[0] - dLon, b[1] - dLat, b[2] + dLon, b[3] + dLat];
}

/** Returns a function naming the district whose polygon holds a [lon, lat] point, or null (see domain/district-index.ts). */
export function makeDistrictLocator(districts: readonly DistrictShape[]): (pt: [number, number]) => string | null {
  const index = makeDistrictIndex(districts.map((d) => ({ id: d.id, name: d.id, geometry: d.geometry })));
  return (pt) => index.locate(pt[0], pt[1]);
}

const round7 = (v: number) => Math.round(v * 1e7) / 1e7;

/** Cuts a line to the bbox; returns its inside pieces (the line itself when wholly inside). */
export function clipLine(coords: [number, number][], bbox: BBox): [number, number][][] {
  const lb = bboxOf(coords);
  if (lb[0] >= bbox[0] && lb[2] <= bbox[2] && lb[1] >= bbox[1] && lb[3] <= bbox[3]) return [coords];
  if (lb[2] < bbox[0] || lb[0] > bbox[2] || lb[3] < bbox[1] || lb[1] > bbox[3]) return [];
  const g = bboxClip(lineString(coords), bbox).geometry;
  const parts = (g.type === 'LineString' ? [g.coordinates] : g.coordinates) as [number, number][][];
  return parts.map((p) => p.map(([x, y]) => [round7(x), round7(y)] as [number, number])).filter((p) => p.length >= 2);
}

/**
 * Clips ways to the districts' bbox (+ marginM) and assigns each piece the district holding its
 * midpoint along the line. Zero-length pieces are dropped. Pure: no I/O.
 */
export function prepareStreets(
  ways: readonly StreetWay[],
  districts: readonly DistrictShape[],
  opts: { marginM?: number } = {},
): { rows: StreetRow[]; clippedOut: number } {
  if (districts.length === 0) throw new Error('no districts loaded: import districts before streets');
  const bbox = districtsBbox(districts, opts.marginM ?? DEFAULT_CLIP_MARGIN_M);
  const locate = makeDistrictLocator(districts);
  const rows: StreetRow[] = [];
  let clippedOut = 0;
  for (const way of ways) {
    const pieces = clipLine(way.coords, bbox);
    if (pieces.length === 0) clippedOut++;
    for (const coords of pieces) {
      const lengthM = lineLengthM(coords);
      if (!(lengthM > 0)) continue;
      rows.push({ ...way, coords, lengthM, districtId: locate(lineMidpoint(coords)) });
    }
  }
  return { rows, clippedOut };
}
