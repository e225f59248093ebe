// District polygons: a light fill and a solid outline (every boundary is official: SCB RegSO / DeSO).
import type { FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import type { LayerSpecification } from 'maplibre-gl';
import type { DistrictCollection, DistrictFeature, DistrictProps } from '../../api/types.ts';

export const DISTRICTS_SOURCE_ID = 'districts';
export const DISTRICT_FILL_LAYER_ID = 'districts-fill';
export const DISTRICT_OUTLINE_LAYER_ID = 'districts-outline';

export const DISTRICT_COLOR = '#0b4f7c';

export const districtLayers: LayerSpecification[] = [
  {
    id: DISTRICT_FILL_LAYER_ID,
    type: 'fill',
    source: DISTRICTS_SOURCE_ID,
    paint: { 'fill-color': DISTRICT_COLOR, 'fill-opacity': 0.06 },
  },
  {
    id: DISTRICT_OUTLINE_LAYER_ID,
    type: 'line',
    source: DISTRICTS_SOURCE_ID,
    layout: { 'line-join': 'round' },
    paint: { 'line-color': DISTRICT_COLOR, 'line-width': ['interpolate', ['linear'], ['zoom'], 11, 1.5, 16, 3.5] },
  },
];

export function toFeatureCollection(districts: DistrictCollection): FeatureCollection<Polygon | MultiPolygon, DistrictProps> {
  return {
    type: 'FeatureCollection',
    features: districts.features.map((f) => ({
      type: 'Feature',
      id: f.properties.id,
      properties: { ...f.properties, approximate: f.properties.approximate === true },
      geometry: f.geometry,
    })),
  };
}

/** Signed area and centroid of a ring in plain lon/lat degrees (good enough to place a label). */
function ringCentroid(ring: Position[]): { area: number; lon: number; lat: number } {
  let area = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [x0, y0] = ring[j] as [number, number];
    const [x1, y1] = ring[i] as [number, number];
    const cross = x0 * y1 - x1 * y0;
    area += cross;
    cx += (x0 + x1) * cross;
    cy += (y0 + y1) * cross;
  }
  area /= 2;
  if (area === 0) {
    const [lon, lat] = (ring[0] ?? [0, 0]) as [number, number];
    return { area: 0, lon, lat };
  }
  return { area, lon: cx / (6 * area), lat: cy / (6 * area) };
}

/** Where to put a district's name: above the top of its largest outer ring, at the ring's centroid longitude, as [lon, lat].
 * The label then sits on the boundary instead of over the district's pins. */
export function labelPosition(feature: DistrictFeature): [number, number] {
  const outerRings = feature.geometry.type === 'Polygon' ? [feature.geometry.coordinates[0] ?? []] : feature.geometry.coordinates.map((p) => p[0] ?? []);
  let best = { area: -1, lon: 0, top: 0 };
  for (const ring of outerRings) {
    const c = ringCentroid(ring);
    const top = Math.max(...ring.map((p) => p[1] ?? -90));
    if (Math.abs(c.area) > best.area) best = { area: Math.abs(c.area), lon: c.lon, top };
  }
  return [best.lon, best.top];
}

/** [west, south, east, north] around every district, or null when there are none. */
export function districtsBbox(districts: DistrictCollection): [number, number, number, number] | null {
  let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
  for (const f of districts.features) {
    const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    for (const poly of polys) for (const ring of poly) for (const [x, y] of ring as [number, number][]) {
      w = Math.min(w, x); s = Math.min(s, y); e = Math.max(e, x); n = Math.max(n, y);
    }
  }
  return Number.isFinite(w) ? [w, s, e, n] : null;
}
