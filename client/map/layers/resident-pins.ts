// Residents' reports as their own clustered layer (separate from staff/partner pins): source
// id, layer specs as data, and a pure toFeatureCollection(). Points sit at H3 cell centres.
import type { FeatureCollection, Point } from 'geojson';
import type { GeoJSONSourceSpecification, LayerSpecification } from 'maplibre-gl';

export const RESIDENT_PINS_SOURCE_ID = 'resident-reports';
export const RESIDENT_CLUSTER_LAYER_ID = 'resident-reports-clusters';
export const RESIDENT_POINT_LAYER_ID = 'resident-reports-points';

/** Residents' pins are drawn as rings so they never read as staff reports. */
export const RESIDENT_COLOR = '#7c2d92';

export interface ResidentPinProps {
  id: string;
  category: string;
  cell: string;
  observedFrom: string;
  observedTo: string;
  status: string;
  description: string | null;
  publicNote: string | null;
  mergedInto: string | null;
}

export interface ResidentPinCollection {
  type: 'FeatureCollection';
  total: number;
  truncated: boolean;
  features: { type: 'Feature'; geometry: { type: 'Point'; coordinates: [number, number] }; properties: ResidentPinProps }[];
}

export const residentSourceSpec: GeoJSONSourceSpecification = {
  type: 'geojson',
  data: { type: 'FeatureCollection', features: [] },
  cluster: true,
  /** Cluster radius in screen pixels. */
  clusterRadius: 40,
  /** Pins share cell centres, so clusters split only when zoomed in close. */
  clusterMaxZoom: 16,
};

export const residentLayers: LayerSpecification[] = [
  {
    id: RESIDENT_CLUSTER_LAYER_ID,
    type: 'circle',
    source: RESIDENT_PINS_SOURCE_ID,
    filter: ['has', 'point_count'],
    paint: {
      'circle-color': '#ffffff',
      'circle-stroke-color': RESIDENT_COLOR,
      'circle-stroke-width': 4,
      'circle-radius': ['step', ['get', 'point_count'], 12, 10, 16, 100, 20],
    },
  },
  {
    id: RESIDENT_POINT_LAYER_ID,
    type: 'circle',
    source: RESIDENT_PINS_SOURCE_ID,
    filter: ['!', ['has', 'point_count']],
    paint: {
      'circle-color': ['match', ['get', 'status'], 'approved', RESIDENT_COLOR, 'closed', '#9ca3af', '#ffffff'],
      'circle-stroke-color': RESIDENT_COLOR,
      'circle-stroke-width': 3,
      'circle-radius': ['interpolate', ['linear'], ['zoom'], 12, 6, 17, 10],
    },
  },
];

/** The pins as a plain FeatureCollection for the map source. */
export function toFeatureCollection(pins: ResidentPinCollection): FeatureCollection<Point, ResidentPinProps> {
  return { type: 'FeatureCollection', features: pins.features.map((f) => ({ type: 'Feature', geometry: f.geometry, properties: f.properties })) };
}

export type Recency = 7 | 30 | 90;
export const RECENCIES: readonly Recency[] = [7, 30, 90];
/** Statuses a resident may filter on; closed is off by default. */
export const PUBLIC_STATUSES = ['new', 'approved', 'confirmed', 'closed'] as const;
export type PublicStatus = (typeof PUBLIC_STATUSES)[number];
export const DEFAULT_STATUSES: readonly PublicStatus[] = ['new', 'approved', 'confirmed'];

export interface ResidentFilters {
  days: Recency;
  statuses: readonly PublicStatus[];
  categories: readonly string[];
}

/** Query parameters for GET /api/public/pins; empty category list means all. */
export function residentQuery(f: ResidentFilters): Record<string, string> {
  return {
    days: String(f.days),
    status: (f.statuses.length ? f.statuses : DEFAULT_STATUSES).join(','),
    ...(f.categories.length ? { categories: f.categories.join(',') } : {}),
  };
}
