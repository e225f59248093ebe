// Patrol routes on the map: the route being drawn (legs along the network, waypoints, numbered
// stops) and suggested routes (one colour per team, numbered stops, the base). Layer specs as
// data; stop numbers are small canvas images (route-number-N), so no glyphs are needed offline.
import type { Feature, FeatureCollection, LineString, Point } from 'geojson';
import type { LayerSpecification } from 'maplibre-gl';
import type { SavedRoute, SuggestAnswer } from '../../api/route-types.ts';
import { stopNumbers, type DraftWaypoint } from '../../state/route-draft.ts';

export const ROUTE_DRAFT_SOURCE_ID = 'route-draft';
export const ROUTE_PLAN_SOURCE_ID = 'route-plan';
export const DRAFT_LINE_LAYER_ID = 'route-draft-line';
export const DRAFT_WAYPOINT_LAYER_ID = 'route-draft-waypoint';
export const PLAN_STOP_LAYER_ID = 'route-plan-stop';
export const NUMBER_IMAGE_PREFIX = 'route-number-';
/** Stop numbers drawn as images: 1 … this. */
export const MAX_NUMBER_IMAGE = 30;

export const DRAFT_COLOR = '#6d28d9';
/** Team 1, 2, 3 (distinct from each other and from the category pins, readable on paper). */
export const TEAM_COLORS = ['#be185d', '#1d4ed8', '#047857'] as const;

export const teamColor = (team: number) => TEAM_COLORS[(team - 1) % TEAM_COLORS.length]!;

const isKind = (kind: string) => ['==', ['get', 'kind'], kind] as const;
const numberIcon = ['concat', NUMBER_IMAGE_PREFIX, ['to-string', ['get', 'number']]] as unknown as string;

function lineLayers(prefix: string, source: string, color: unknown): LayerSpecification[] {
  return [
    {
      id: `${prefix}-casing`, type: 'line', source, filter: isKind('line') as never,
      layout: { 'line-join': 'round', 'line-cap': 'round' },
      paint: { 'line-color': '#ffffff', 'line-width': ['interpolate', ['linear'], ['zoom'], 12, 5, 17, 10], 'line-opacity': 0.9 },
    },
    {
      id: prefix, type: 'line', source, filter: isKind('line') as never,
      layout: { 'line-join': 'round', 'line-cap': 'round' },
      paint: { 'line-color': color as string, 'line-width': ['interpolate', ['linear'], ['zoom'], 12, 2.5, 17, 6] },
    },
  ];
}

function numberLayer(id: string, source: string, kind: string): LayerSpecification {
  return {
    id, type: 'symbol', source, filter: ['all', isKind(kind), ['has', 'number']] as never,
    layout: { 'icon-image': numberIcon, 'icon-allow-overlap': true, 'icon-ignore-placement': true },
  };
}

export const routeLayers: LayerSpecification[] = [
  ...lineLayers('route-plan-line', ROUTE_PLAN_SOURCE_ID, ['get', 'color']),
  {
    id: 'route-plan-base', type: 'circle', source: ROUTE_PLAN_SOURCE_ID, filter: isKind('base') as never,
    paint: { 'circle-color': '#111827', 'circle-radius': 8, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 3 },
  },
  {
    id: PLAN_STOP_LAYER_ID, type: 'circle', source: ROUTE_PLAN_SOURCE_ID, filter: isKind('stop') as never,
    paint: { 'circle-color': ['get', 'color'], 'circle-radius': 11, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 2 },
  },
  numberLayer('route-plan-number', ROUTE_PLAN_SOURCE_ID, 'stop'),
  ...lineLayers(DRAFT_LINE_LAYER_ID, ROUTE_DRAFT_SOURCE_ID, DRAFT_COLOR),
  {
    id: DRAFT_WAYPOINT_LAYER_ID, type: 'circle', source: ROUTE_DRAFT_SOURCE_ID, filter: isKind('waypoint') as never,
    paint: {
      'circle-color': ['case', ['get', 'stop'], DRAFT_COLOR, ['get', 'start'], '#111827', '#ffffff'],
      'circle-radius': ['case', ['get', 'stop'], 11, ['get', 'start'], 8, 6],
      'circle-stroke-color': ['case', ['get', 'stop'], '#ffffff', ['get', 'start'], '#ffffff', DRAFT_COLOR],
      'circle-stroke-width': ['case', ['get', 'stop'], 2, 3],
    },
  },
  numberLayer('route-draft-number', ROUTE_DRAFT_SOURCE_ID, 'waypoint'),
];

export const EMPTY_ROUTES: FeatureCollection = { type: 'FeatureCollection', features: [] };

type Pair = [number, number];

/** The draft: one line per leg (legIndex), then the waypoints (index, stop number). */
export function draftToFeatureCollection(ws: readonly DraftWaypoint[], legs: readonly { coordinates: Pair[] }[] | null, snapped: readonly Pair[] | null): FeatureCollection<LineString | Point> {
  const numbers = stopNumbers(ws);
  const lines: Feature<LineString>[] = (legs ?? []).map((l, i) => ({
    type: 'Feature', properties: { kind: 'line', legIndex: i },
    geometry: { type: 'LineString', coordinates: l.coordinates.length > 1 ? l.coordinates : [l.coordinates[0] ?? [0, 0], l.coordinates[0] ?? [0, 0]] },
  }));
  const points: Feature<Point>[] = ws.map((w, i) => ({
    type: 'Feature', id: i,
    properties: { kind: 'waypoint', index: i, stop: w.stop, start: i === 0, ...(numbers[i] !== null ? { number: numbers[i] } : {}) },
    geometry: { type: 'Point', coordinates: snapped && snapped.length === ws.length ? snapped[i]! : [w.lon, w.lat] },
  }));
  return { type: 'FeatureCollection', features: [...lines, ...points] };
}

/** Suggested routes: a line and numbered stops per team in the team's colour, and the base. */
export function suggestionToFeatureCollection(s: SuggestAnswer, only: number | null = null): FeatureCollection<LineString | Point> {
  const routes = s.routes.filter((r) => only === null || r.team === only);
  return {
    type: 'FeatureCollection',
    features: [
      ...routes.map((r): Feature<LineString> => ({ type: 'Feature', properties: { kind: 'line', team: r.team, color: teamColor(r.team) }, geometry: r.geometry })),
      { type: 'Feature', properties: { kind: 'base', name: s.base.name }, geometry: { type: 'Point', coordinates: [s.base.lon, s.base.lat] } } as Feature<Point>,
      ...routes.flatMap((r) =>
        r.stops.map((st, i): Feature<Point> => ({
          type: 'Feature', properties: { kind: 'stop', team: r.team, number: i + 1, color: teamColor(r.team), place: st.place },
          geometry: { type: 'Point', coordinates: [st.lon, st.lat] },
        })),
      ),
    ],
  };
}

/** A saved route shown read-only (its line and numbered stops, in the draft colour). */
export function savedToFeatureCollection(r: SavedRoute): FeatureCollection<LineString | Point> {
  const features: Feature<LineString | Point>[] = [];
  if (r.geometry) features.push({ type: 'Feature', properties: { kind: 'line', team: 0, color: DRAFT_COLOR }, geometry: r.geometry });
  r.schedule.forEach((s, i) => {
    const w = r.waypoints[s.index];
    if (w) features.push({ type: 'Feature', properties: { kind: 'stop', number: i + 1, color: DRAFT_COLOR, place: s.place }, geometry: { type: 'Point', coordinates: [w.lon, w.lat] } });
  });
  return { type: 'FeatureCollection', features };
}

/** Bounds [w, s, e, n] of a collection's coordinates, or null when empty. */
export function collectionBbox(fc: FeatureCollection<LineString | Point>): [number, number, number, number] | null {
  let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
  const add = ([x, y]: number[]) => {
    w = Math.min(w, x!), e = Math.max(e, x!), s = Math.min(s, y!), n = Math.max(n, y!);
  };
  for (const f of fc.features) {
    if (f.geometry.type === 'Point') add(f.geometry.coordinates);
    else f.geometry.coordinates.forEach(add);
  }
  return Number.isFinite(w) ? [w, s, e, n] : null;
}
