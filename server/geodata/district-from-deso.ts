// A district polygon built from SCB DeSO areas: the union of the chosen DeSOs, cleaned of the
// slivers and overlaps the source's simplification leaves, and cut against its neighbours'
// detailed polygons so districts never overlap. GeoJSON in, GeoJSON out (turf).
import { area, difference, featureCollection, intersect, polygon, union, multiPolygon } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';

export type AreaGeometry = Polygon | MultiPolygon;

export interface CleanOptions {
  /** Holes and parts smaller than this are slivers of the simplification (m², default 20,000). */
  minPartM2?: number;
  /** Decimal places kept (default 6 ≈ 0.1 m). */
  decimals?: number;
}

const asFeature = (g: AreaGeometry): Feature<AreaGeometry> => (g.type === 'Polygon' ? polygon(g.coordinates) : multiPolygon(g.coordinates));

function partsOf(g: AreaGeometry): Position[][][] {
  return g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
}

function fromParts(parts: Position[][][]): AreaGeometry {
  if (parts.length === 0) throw new Error('the district has no area left');
  return parts.length === 1 ? { type: 'Polygon', coordinates: parts[0]! } : { type: 'MultiPolygon', coordinates: parts };
}

const ringAreaM2 = (ring: Position[]) => area(polygon([ring]));

/** Drops holes and parts smaller than minPartM2 (the gaps and crumbs between separately simplified neighbours). */
export function dropSlivers(g: AreaGeometry, minPartM2: number): AreaGeometry {
  const kept = partsOf(g)
    .filter((p) => ringAreaM2(p[0]!) >= minPartM2)
    .map((p) => [p[0]!, ...p.slice(1).filter((hole) => ringAreaM2(hole) >= minPartM2)]);
  return fromParts(kept);
}

/** Rounds to `decimals` places and drops the repeated positions rounding makes. */
export function roundGeometry(g: AreaGeometry, decimals: number): AreaGeometry {
  const f = 10 ** decimals;
  const parts = partsOf(g).map((p) =>
    p.map((ring) => {
      const out: Position[] = [];
      for (const [lon, lat] of ring) {
        const q = [Math.round(lon! * f) / f, Math.round(lat! * f) / f];
        const prev = out.at(-1);
        if (!prev || prev[0] !== q[0] || prev[1] !== q[1]) out.push(q);
      }
      return out;
    }),
  );
  return fromParts(parts.filter((p) => p[0]!.length >= 4).map((p) => [p[0]!, ...p.slice(1).filter((r) => r.length >= 4)]));
}

/** Area of the overlap of two geometries in m² (0 when they do not overlap). */
export function overlapM2(a: AreaGeometry, b: AreaGeometry): number {
  const x = intersect(featureCollection([asFeature(a), asFeature(b)]));
  return x ? area(x) : 0;
}

export function areaM2(g: AreaGeometry): number {
  return area(asFeature(g));
}

/**
 * The union of `areas`, with slivers removed, minus each of `neighbours` (their detailed
 * polygons win where the simplified DeSO edges overlap them), slivers removed again, rounded.
 */
export function districtFromDeso(areas: readonly AreaGeometry[], neighbours: readonly AreaGeometry[], opts: CleanOptions = {}): AreaGeometry {
  const minPartM2 = opts.minPartM2 ?? 20_000;
  if (areas.length === 0) throw new Error('no DeSO areas to join');
  const joined = areas.length === 1 ? asFeature(areas[0]!) : union(featureCollection(areas.map(asFeature)));
  if (!joined) throw new Error('the union of the DeSO areas is empty');
  let g: AreaGeometry = dropSlivers(joined.geometry, minPartM2);
  for (const n of neighbours) {
    const cut = difference(featureCollection([asFeature(g), asFeature(n)]));
    if (!cut) throw new Error('a neighbour covers the whole district');
    g = dropSlivers(cut.geometry, minPartM2);
  }
  g = roundGeometry(g, opts.decimals ?? 6);
  // Rounding can move a shared vertex by ≤ 0.05 µ°; cut once more so the result never overlaps.
  for (const n of neighbours) {
    if (overlapM2(g, n) > 0) {
      const cut = difference(featureCollection([asFeature(g), asFeature(n)]));
      if (cut) g = dropSlivers(cut.geometry, minPartM2);
    }
  }
  return g;
}
