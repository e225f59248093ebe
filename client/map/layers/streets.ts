// The walkable street network: thin grey lines, with ways tagged lit=no drawn in a warning colour.
import type { FeatureCollection, LineString } from 'geojson';
import type { LayerSpecification } from 'maplibre-gl';
import type { StreetCollection, StreetProps } from '../../api/types.ts';

export const STREETS_SOURCE_ID = 'streets';
export const STREET_LAYER_ID = 'streets-line';
export const STREET_UNLIT_LAYER_ID = 'streets-unlit';

export const STREET_COLOR = '#9aa4ae';
export const STREET_UNLIT_COLOR = '#c2410c';

const width = ['interpolate', ['linear'], ['zoom'], 12, 0.5, 15, 1.6, 18, 4] as const;

export const streetLayers: LayerSpecification[] = [
  {
    id: STREET_LAYER_ID,
    type: 'line',
    source: STREETS_SOURCE_ID,
    layout: { 'line-join': 'round', 'line-cap': 'round' },
    paint: { 'line-color': STREET_COLOR, 'line-width': [...width] as never },
  },
  {
    id: STREET_UNLIT_LAYER_ID,
    type: 'line',
    source: STREETS_SOURCE_ID,
    filter: ['==', ['get', 'lit'], 'no'],
    layout: { 'line-join': 'round', 'line-cap': 'round' },
    paint: { 'line-color': STREET_UNLIT_COLOR, 'line-width': [...width] as never, 'line-dasharray': [2, 1.5] },
  },
];

export function toFeatureCollection(streets: StreetCollection): FeatureCollection<LineString, StreetProps> {
  return {
    type: 'FeatureCollection',
    features: streets.features
      .filter((f) => f.geometry?.type === 'LineString' && f.geometry.coordinates.length >= 2)
      .map((f) => ({ type: 'Feature', properties: f.properties, geometry: f.geometry })),
  };
}
