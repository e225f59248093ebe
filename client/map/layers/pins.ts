// Report pins: one clustered GeoJSON source; clusters as circles with a glyph-free count image, single reports by category colour.
import type { FeatureCollection, Point } from 'geojson';
import type { ExpressionSpecification, GeoJSONSourceSpecification, LayerSpecification } from 'maplibre-gl';
import type { Category, PinCollection, PinProps } from '../../api/types.ts';

export const PINS_SOURCE_ID = 'reports';
export const CLUSTER_LAYER_ID = 'reports-clusters';
export const CLUSTER_COUNT_LAYER_ID = 'reports-cluster-count';
export const POINT_LAYER_ID = 'reports-points';

export const CLUSTER_COLOR = '#0e7490';
export const FALLBACK_PIN_COLOR = '#6b7280';
/** Prefix of the style image ids that hold a cluster's count, e.g. "count:42". */
export const COUNT_IMAGE_PREFIX = 'count:';

export const pinSourceSpec: GeoJSONSourceSpecification = {
  type: 'geojson',
  data: { type: 'FeatureCollection', features: [] },
  cluster: true,
  /** Cluster radius in screen pixels. */
  clusterRadius: 48,
  /** Above this zoom every report is drawn on its own. */
  clusterMaxZoom: 15,
};

export function categoryColorExpression(categories: Category[]): ExpressionSpecification | string {
  if (categories.length === 0) return FALLBACK_PIN_COLOR;
  const pairs = categories.flatMap((c) => [c.code, c.color]);
  return ['match', ['get', 'category'], ...pairs, FALLBACK_PIN_COLOR] as unknown as ExpressionSpecification;
}

export function pinLayers(categories: Category[]): LayerSpecification[] {
  return [
    {
      id: CLUSTER_LAYER_ID,
      type: 'circle',
      source: PINS_SOURCE_ID,
      filter: ['has', 'point_count'],
      paint: {
        'circle-color': CLUSTER_COLOR,
        'circle-opacity': 0.88,
        'circle-radius': ['step', ['get', 'point_count'], 13, 10, 16, 100, 20, 1000, 25],
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 2,
      },
    },
    {
      id: CLUSTER_COUNT_LAYER_ID,
      type: 'symbol',
      source: PINS_SOURCE_ID,
      filter: ['has', 'point_count'],
      layout: {
        'icon-image': ['concat', COUNT_IMAGE_PREFIX, ['to-string', ['get', 'point_count']]],
        'icon-allow-overlap': true,
        'icon-ignore-placement': true,
      },
    },
    {
      id: POINT_LAYER_ID,
      type: 'circle',
      source: PINS_SOURCE_ID,
      filter: ['!', ['has', 'point_count']],
      paint: {
        'circle-color': categoryColorExpression(categories),
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 12, 4, 17, 7],
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 1.5,
      },
    },
  ];
}

/** The pins as a plain FeatureCollection (the API's total/truncated members stay out of the map source). */
export function toFeatureCollection(pins: PinCollection): FeatureCollection<Point, PinProps> {
  return {
    type: 'FeatureCollection',
    features: pins.features.map((f) => ({ type: 'Feature', properties: f.properties, geometry: f.geometry })),
  };
}

/** The count a count image id stands for, or null when the id is not one of ours. */
export function parseCountImageId(id: string): number | null {
  if (!id.startsWith(COUNT_IMAGE_PREFIX)) return null;
  const n = Number(id.slice(COUNT_IMAGE_PREFIX.length));
  return Number.isInteger(n) && n >= 0 ? n : null;
}
