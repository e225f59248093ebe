// The light map's pure parts: the picture URL for a view (rounded so nearby views share a cached
// picture), the residents' pins clustered on a pixel grid, and the place search's framing.
import { fitBounds, project, type MapView } from '../../server/domain/map-view.ts';

/** Zooms the light map allows (the server draws 10–19). */
export const MIN_ZOOM = 11;
export const MAX_ZOOM = 18;
/** Pins closer than this (px, a finger's width) are drawn as one circle with a count. */
export const CLUSTER_PX = 44;
/** Zoom for a point place (address, POI), as the MapLibre map's place search. */
export const POINT_ZOOM = 17;

/** The view the server draws: lon/lat to 1e-6° (≈ 0.1 m), zoom to 1/100, size in whole px. */
export function roundView(v: MapView): MapView {
  const r = (x: number, d: number) => Math.round(x * d) / d;
  return { lon: r(v.lon, 1e6), lat: r(v.lat, 1e6), zoom: r(Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, v.zoom)), 100), width: Math.round(v.width), height: Math.round(v.height) };
}

export function staticMapUrl(v: MapView): string {
  return `/map/static.svg?lon=${v.lon}&lat=${v.lat}&zoom=${v.zoom}&width=${v.width}&height=${v.height}`;
}

export interface PinCluster { x: number; y: number; count: number; key: string }

/** The radius (px) of the circle drawn for `count` pins: a single pin small, clusters growing with the count. */
export function clusterRadius(count: number): number {
  return count > 1 ? Math.min(15, 9 + Math.log2(count) * 1.5) : 7;
}

/** Pixels left between two circles: closer ones are merged, so no circle hides another's count. */
const CLUSTER_GAP_PX = 2;

/**
 * Pins within the picture (plus a margin) grouped by CLUSTER_PX grid cell, drawn at their mean
 * pixel; then circles that would overlap (neighbouring cells' means can lie side by side) are
 * merged, largest first, until none do.
 */
export function clusterPins(view: MapView, points: readonly [number, number][]): PinCluster[] {
  const cells = new Map<string, { sx: number; sy: number; count: number }>();
  for (const [lon, lat] of points) {
    const [x, y] = project(view, lon, lat);
    if (x < -CLUSTER_PX || y < -CLUSTER_PX || x > view.width + CLUSTER_PX || y > view.height + CLUSTER_PX) continue;
    const key = `${Math.floor(x / CLUSTER_PX)}:${Math.floor(y / CLUSTER_PX)}`;
    const c = cells.get(key) ?? { sx: 0, sy: 0, count: 0 };
    c.sx += x;
    c.sy += y;
    c.count++;
    cells.set(key, c);
  }
  const groups = [...cells].map(([key, c]) => ({ key, ...c }));
  const overlap = (a: (typeof groups)[number], b: (typeof groups)[number]) =>
    Math.hypot(a.sx / a.count - b.sx / b.count, a.sy / a.count - b.sy / b.count) < clusterRadius(a.count) + clusterRadius(b.count) + CLUSTER_GAP_PX;
  for (let merged = true; merged; ) {
    merged = false;
    groups.sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : 1));
    outer: for (let i = 0; i < groups.length; i++) {
      for (let j = i + 1; j < groups.length; j++) {
        if (!overlap(groups[i]!, groups[j]!)) continue;
        const [a, b] = [groups[i]!, groups[j]!];
        groups[i] = { key: a.key, sx: a.sx + b.sx, sy: a.sy + b.sy, count: a.count + b.count };
        groups.splice(j, 1);
        merged = true;
        break outer;
      }
    }
  }
  return groups.map((c) => ({ key: c.key, x: c.sx / c.count, y: c.sy / c.count, count: c.count }));
}

/** [w, s, e, n] around polygons' outer rings (the districts), or null when there are none. */
export function boundsOf(features: readonly { geometry: { type: string; coordinates: unknown } }[]): [number, number, number, number] | null {
  let b: [number, number, number, number] | null = null;
  for (const f of features) {
    const polys = (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.type === 'MultiPolygon' ? f.geometry.coordinates : []) as number[][][][];
    for (const poly of polys) for (const [lon, lat] of poly[0] ?? []) {
      b = b ? [Math.min(b[0], lon!), Math.min(b[1], lat!), Math.max(b[2], lon!), Math.max(b[3], lat!)] : [lon!, lat!, lon!, lat!];
    }
  }
  return b;
}

/** Where the map goes for a chosen place: areas and streets framed whole, points at street level. */
export function viewForPlace(view: MapView, bbox: readonly [number, number, number, number], at: readonly [number, number]): MapView {
  const [w, s, e, n] = bbox;
  if (e - w > 0.0004 || n - s > 0.0002) return fitBounds(bbox, view.width, view.height, { paddingPx: 48, maxZoom: POINT_ZOOM });
  return { ...view, lon: at[0], lat: at[1], zoom: Math.max(view.zoom, POINT_ZOOM) };
}
