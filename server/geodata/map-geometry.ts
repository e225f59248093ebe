// Geometry for map features: clip to the area's box, bounding box, area in m², representative point.
import { area as turfArea, bboxClip, booleanPointInPolygon, pointOnFeature } from '@turf/turf';
import type { Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import { clipLine, type BBox } from './assign-districts.ts';
import { lineMidpoint } from './street-way.ts';

export type Ring = [number, number][];

/** Whether two boxes overlap (touching counts). */
export function bboxesIntersect(a: BBox, b: BBox): boolean {
  return a[0] <= b[2] && a[2] >= b[0] && a[1] <= b[3] && a[3] >= b[1];
}

export function bboxOfPositions(coords: Iterable<Position>): BBox {
  const b: BBox = [Infinity, Infinity, -Infinity, -Infinity];
  for (const c of coords) {
    if (c[0]! < b[0]) b[0] = c[0]!;
    if (c[1]! < b[1]) b[1] = c[1]!;
    if (c[0]! > b[2]) b[2] = c[0]!;
    if (c[1]! > b[3]) b[3] = c[1]!;
  }
  return b;
}

function* positionsOf(g: Geometry): Generator<Position> {
  switch (g.type) {
    case 'Point': yield g.coordinates; return;
    case 'LineString': case 'MultiPoint': yield* g.coordinates; return;
    case 'Polygon': case 'MultiLineString': for (const r of g.coordinates) yield* r; return;
    case 'MultiPolygon': for (const p of g.coordinates) for (const r of p) yield* r; return;
    default: return;
  }
}

export function bboxOfGeometry(g: Geometry): BBox {
  return bboxOfPositions(positionsOf(g));
}

const inside = (b: BBox, box: BBox) => b[0] >= box[0] && b[2] <= box[2] && b[1] >= box[1] && b[3] <= box[3];

/** Line pieces cut to the box: a LineString, a MultiLineString of the inside pieces, or null. */
export function clipLineGeometry(pieces: readonly Ring[], box: BBox): Geometry | null {
  const parts = pieces.flatMap((p) => clipLine(p, box));
  if (parts.length === 0) return null;
  return parts.length === 1 ? { type: 'LineString', coordinates: parts[0]! } : { type: 'MultiLineString', coordinates: parts };
}

const round7 = (v: number) => Math.round(v * 1e7) / 1e7;

/** A ring rounded to 1e-7° and kept only when it still encloses an area. */
function cleanRing(r: Position[]): Position[] | null {
  const out = r.map((p) => [round7(p[0]!), round7(p[1]!)]);
  return out.length >= 4 && signedArea(out) !== 0 ? out : null;
}

/** A polygon or multipolygon clipped to the box (Sutherland–Hodgman per ring, via turf's bboxClip), or null. */
export function clipPolygonGeometry(g: Polygon | MultiPolygon, box: BBox): Polygon | MultiPolygon | null {
  const b = bboxOfGeometry(g);
  if (inside(b, box)) return g;
  if (!bboxesIntersect(b, box)) return null;
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  const out: Position[][][] = [];
  for (const poly of polys) {
    if (!poly[0] || !bboxesIntersect(bboxOfPositions(poly[0]), box)) continue;
    const clipped = (bboxClip({ type: 'Polygon', coordinates: poly }, box).geometry as Polygon).coordinates;
    const outer = clipped[0] ? cleanRing(clipped[0]) : null;
    if (!outer) continue; // the part lay outside the box
    const holes = clipped.slice(1).map(cleanRing).filter((r): r is Position[] => r !== null);
    out.push([outer, ...holes]);
  }
  if (out.length === 0) return null;
  return out.length === 1 ? { type: 'Polygon', coordinates: out[0]! } : { type: 'MultiPolygon', coordinates: out };
}

/** Shoelace signed area in degrees² (positive = counter-clockwise). */
export function signedArea(ring: readonly Position[]): number {
  let s = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) s += (ring[j]![0]! - ring[i]![0]!) * (ring[j]![1]! + ring[i]![1]!);
  return s / 2;
}

/** Area in m² (turf, spherical). */
export function areaM2(g: Polygon | MultiPolygon): number {
  return turfArea(g);
}

/**
 * The point a label or icon goes at, and the point the district is looked up by: a Point itself,
 * a line's midpoint along its length, a polygon's centroid of its largest part when inside it,
 * else a point on the surface (turf pointOnFeature).
 */
export function representativePoint(g: Geometry): [number, number] {
  switch (g.type) {
    case 'Point':
      return [g.coordinates[0]!, g.coordinates[1]!];
    case 'LineString':
      return lineMidpoint(g.coordinates as Ring);
    case 'MultiLineString':
      return lineMidpoint(longest(g.coordinates as Ring[]));
    case 'Polygon':
    case 'MultiPolygon': {
      const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
      const largest = polys.reduce((a, b) => (Math.abs(signedArea(b[0]!)) > Math.abs(signedArea(a[0]!)) ? b : a));
      const c = ringCentroid(largest[0]!);
      const poly: Polygon = { type: 'Polygon', coordinates: largest };
      if (c && booleanPointInPolygon(c, poly)) return c;
      const p = pointOnFeature(poly).geometry.coordinates;
      return [p[0]!, p[1]!];
    }
    default:
      throw new Error(`representativePoint: unsupported ${g.type}`);
  }
}

function longest(lines: Ring[]): Ring {
  return lines.reduce((a, b) => (b.length > a.length ? b : a));
}

/** Area-weighted centroid of a ring (planar, fine at city scale), or null when degenerate. */
function ringCentroid(ring: readonly Position[]): [number, number] | null {
  let a = 0, cx = 0, cy = 0;
  const [x0, y0] = ring[0] as [number, number];
  for (let i = 0; i < ring.length - 1; i++) {
    const x1 = ring[i]![0]! - x0, y1 = ring[i]![1]! - y0;
    const x2 = ring[i + 1]![0]! - x0, y2 = ring[i + 1]![1]! - y0;
    const f = x1 * y2 - x2 * y1;
    a += f;
    cx += (x1 + x2) * f;
    cy += (y1 + y2) * f;
  }
  if (a === 0) return null;
  return [x0 + cx / (3 * a), y0 + cy / (3 * a)];
}
