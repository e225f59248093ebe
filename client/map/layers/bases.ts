// Team bases: a dark marker with a white ring, drawn above single pins and under clusters.
import type { FeatureCollection, Point } from 'geojson';
import type { LayerSpecification } from 'maplibre-gl';
import type { BaseCollection, BaseProps } from '../../api/types.ts';

export const BASES_SOURCE_ID = 'bases';
export const BASE_LAYER_ID = 'bases-point';
export const BASE_COLOR = '#1f2937';

export const baseLayers: LayerSpecification[] = [
  {
    id: BASE_LAYER_ID,
    type: 'circle',
    source: BASES_SOURCE_ID,
    paint: {
      'circle-color': BASE_COLOR,
      'circle-radius': ['interpolate', ['linear'], ['zoom'], 11, 5, 16, 9],
      'circle-stroke-color': '#ffffff',
      'circle-stroke-width': 2.5,
    },
  },
];

export function toFeatureCollection(bases: BaseCollection): FeatureCollection<Point, BaseProps> {
  return {
    type: 'FeatureCollection',
    features: bases.features.map((f) => ({ type: 'Feature', id: f.properties.id, properties: f.properties, geometry: f.geometry })),
  };
}
