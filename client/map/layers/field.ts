// Field mode's layers: today's planned route (line and numbered stops, the next one marked, the
// ones done greyed), the patrol's recorded track, and the phone's own position with its accuracy
// circle. Layer specs as data and pure toFeatureCollection functions; stop numbers are the route
// number images (route-number-N, client/map/route-map.ts), so nothing needs glyphs offline.
import type { Feature, FeatureCollection, LineString, Point } from 'geojson';
import type { LayerSpecification } from 'maplibre-gl';
import { NUMBER_IMAGE_PREFIX } from './routes.ts';

export const FIELD_ROUTE_SOURCE_ID = 'field-route';
export const FIELD_TRACK_SOURCE_ID = 'field-track';
export const FIELD_POSITION_SOURCE_ID = 'field-position';
export const FIELD_ROUTE_LINE_LAYER_ID = 'field-route-line';
export const FIELD_STOP_LAYER_ID = 'field-route-stop';
export const FIELD_TRACK_LAYER_ID = 'field-track-line';
export const FIELD_POSITION_LAYER_ID = 'field-position-dot';

export const ROUTE_COLOR = '#1d4ed8';
export const NEXT_STOP_COLOR = '#c2410c';
export const DONE_STOP_COLOR = '#64748b';
export const TRACK_COLOR = '#15803d';
export const POSITION_COLOR = '#0b57d0';

/** The planned route as field mode has it: waypoints (stops among them), the schedule naming the stops, the walked line when saved. */
export interface FieldRouteInput {
  waypoints: readonly { lon: number; lat: number; stop?: boolean }[];
  schedule: readonly { index: number; place: string | null }[];
  geometry?: LineString | null;
}

type Pair = [number, number];
const isKind = (kind: string) => ['==', ['get', 'kind'], kind] as const;
const width = (stops: [number, number][]) => ['interpolate', ['linear'], ['zoom'], ...stops.flat()] as unknown as number;

/** Under the basemap's labels: the route, its stops and the track. */
export const fieldRouteLayers: LayerSpecification[] = [
  {
    id: 'field-route-casing', type: 'line', source: FIELD_ROUTE_SOURCE_ID, filter: isKind('line') as never,
    layout: { 'line-join': 'round', 'line-cap': 'round' },
    paint: { 'line-color': '#ffffff', 'line-width': width([[12, 6], [17, 12]]), 'line-opacity': 0.9 },
  },
  {
    id: FIELD_ROUTE_LINE_LAYER_ID, type: 'line', source: FIELD_ROUTE_SOURCE_ID, filter: isKind('line') as never,
    layout: { 'line-join': 'round', 'line-cap': 'round' },
    paint: { 'line-color': ROUTE_COLOR, 'line-width': width([[12, 3], [17, 7]]), 'line-opacity': 0.85 },
  },
  {
    id: FIELD_TRACK_LAYER_ID, type: 'line', source: FIELD_TRACK_SOURCE_ID,
    layout: { 'line-join': 'round', 'line-cap': 'round' },
    paint: { 'line-color': TRACK_COLOR, 'line-width': width([[12, 2], [17, 4]]), 'line-dasharray': [2, 1] },
  },
];

/** Above everything, labels included: the stops (tap targets in the eye) and where the phone is. */
export const fieldTopLayers: LayerSpecification[] = [
  {
    id: FIELD_STOP_LAYER_ID, type: 'circle', source: FIELD_ROUTE_SOURCE_ID, filter: isKind('stop') as never,
    paint: {
      'circle-color': ['case', ['get', 'isNext'], NEXT_STOP_COLOR, ['get', 'isDone'], DONE_STOP_COLOR, ROUTE_COLOR],
      'circle-radius': ['case', ['get', 'isNext'], 15, 11],
      'circle-stroke-color': '#ffffff',
      'circle-stroke-width': ['case', ['get', 'isNext'], 3, 2],
    },
  },
  {
    id: 'field-route-number', type: 'symbol', source: FIELD_ROUTE_SOURCE_ID, filter: isKind('stop') as never,
    layout: { 'icon-image': ['concat', NUMBER_IMAGE_PREFIX, ['to-string', ['get', 'number']]] as unknown as string, 'icon-allow-overlap': true, 'icon-ignore-placement': true },
  },
  {
    // The accuracy circle: `accPx20` is the accuracy in px at z20, halved per zoom level down.
    id: 'field-position-accuracy', type: 'circle', source: FIELD_POSITION_SOURCE_ID,
    paint: {
      'circle-color': POSITION_COLOR, 'circle-opacity': 0.12, 'circle-stroke-color': POSITION_COLOR, 'circle-stroke-opacity': 0.35, 'circle-stroke-width': 1,
      'circle-radius': ['interpolate', ['exponential', 2], ['zoom'], 0, ['/', ['get', 'accPx20'], 2 ** 20], 20, ['get', 'accPx20']] as unknown as number,
    },
  },
  {
    id: FIELD_POSITION_LAYER_ID, type: 'circle', source: FIELD_POSITION_SOURCE_ID,
    paint: { 'circle-color': POSITION_COLOR, 'circle-radius': 9, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 3 },
  },
];

export const EMPTY_FIELD: FeatureCollection = { type: 'FeatureCollection', features: [] };

/**
 * The route's line (the saved walking line, or straight legs between the waypoints when it has
 * none) and its stops numbered in schedule order; `next` is the index of the next stop (null when
 * all are done): stops before it are done.
 */
export function routeToFeatureCollection(route: FieldRouteInput | null, next: number | null): FeatureCollection<LineString | Point> {
  if (!route) return EMPTY_FIELD as FeatureCollection<LineString | Point>;
  const features: Feature<LineString | Point>[] = [];
  const line: Pair[] = route.geometry?.coordinates.length ? (route.geometry.coordinates as Pair[]) : route.waypoints.map((w): Pair => [w.lon, w.lat]);
  if (line.length >= 2) features.push({ type: 'Feature', properties: { kind: 'line' }, geometry: { type: 'LineString', coordinates: line } });
  route.schedule.forEach((s, i) => {
    const w = route.waypoints[s.index];
    if (!w) return;
    features.push({
      type: 'Feature',
      properties: { kind: 'stop', number: i + 1, place: s.place ?? '', isNext: next === i, isDone: next === null || i < next },
      geometry: { type: 'Point', coordinates: [w.lon, w.lat] },
    });
  });
  return { type: 'FeatureCollection', features };
}

/** The recorded track as one line (empty below two fixes). */
export function trackToFeatureCollection(fixes: readonly { lat: number; lon: number }[]): FeatureCollection<LineString> {
  if (fixes.length < 2) return EMPTY_FIELD as FeatureCollection<LineString>;
  return { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: fixes.map((f) => [f.lon, f.lat]) } }] };
}

/** Web Mercator metres per 512-px-tile pixel (MapLibre's) at z20 and a latitude. */
export function metresPerPixelAtZ20(lat: number): number {
  return (40_075_016.686 * Math.cos((lat * Math.PI) / 180)) / (512 * 2 ** 20);
}

/** The phone's position (accuracy in m, null when unknown, drawn as 0). */
export function positionToFeatureCollection(fix: { lat: number; lon: number; acc: number | null } | null): FeatureCollection<Point> {
  if (!fix) return EMPTY_FIELD as FeatureCollection<Point>;
  const accPx20 = (fix.acc ?? 0) / metresPerPixelAtZ20(fix.lat);
  return { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { acc: fix.acc, accPx20 }, geometry: { type: 'Point', coordinates: [fix.lon, fix.lat] } }] };
}
