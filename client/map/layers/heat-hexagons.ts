// The heat layer: H3 cells from the API drawn as hexagons built on the client (cellToBoundary),
// coloured by weight on a scale whose top can be held fixed so frames compare.
import { cellToBoundary } from 'h3-js';
import type { FeatureCollection, Polygon } from 'geojson';
import type { ExpressionSpecification, LayerSpecification } from 'maplibre-gl';

export const HEAT_SOURCE_ID = 'heat-cells';
export const HEAT_FILL_LAYER_ID = 'heat-fill';
export const HEAT_OUTLINE_LAYER_ID = 'heat-outline';
export const HEAT_SELECTED_LAYER_ID = 'heat-selected';

/** Sequential colours (ColorBrewer YlOrRd, 5 classes) from low to high share of the scale top. */
export const HEAT_COLORS = ['#ffffb2', '#fecc5c', '#fd8d3c', '#f03b20', '#bd0026'] as const;

export interface HeatProps {
  cell: string;
  weight: number;
  count: number;
  /** weight / scale top, clamped to [0, 1]. */
  level: number;
}

export function toFeatureCollection(cells: readonly { cell: string; weight: number; count: number }[], scaleTop: number): FeatureCollection<Polygon, HeatProps> {
  const top = scaleTop > 0 ? scaleTop : 1;
  return {
    type: 'FeatureCollection',
    features: cells.map((c) => {
      const ring = cellToBoundary(c.cell, true);
      return {
        type: 'Feature',
        id: parseInt(c.cell.slice(-8), 16),
        geometry: { type: 'Polygon', coordinates: [[...ring, ring[0]!]] },
        properties: { cell: c.cell, weight: c.weight, count: c.count, level: Math.min(1, Math.max(0, c.weight / top)) },
      };
    }),
  };
}

/** The top of the colour scale for a frame: its largest weight. */
export function scaleTopOf(cells: readonly { weight: number }[]): number {
  return cells.reduce((m, c) => Math.max(m, c.weight), 0);
}

const colorByLevel: ExpressionSpecification = ['step', ['get', 'level'], HEAT_COLORS[0], 0.2, HEAT_COLORS[1], 0.4, HEAT_COLORS[2], 0.6, HEAT_COLORS[3], 0.8, HEAT_COLORS[4]];

export const heatLayers: LayerSpecification[] = [
  { id: HEAT_FILL_LAYER_ID, type: 'fill', source: HEAT_SOURCE_ID, paint: { 'fill-color': colorByLevel, 'fill-opacity': 0.72 } },
  { id: HEAT_OUTLINE_LAYER_ID, type: 'line', source: HEAT_SOURCE_ID, paint: { 'line-color': '#7f1d1d', 'line-opacity': 0.25, 'line-width': 0.5 } },
  { id: HEAT_SELECTED_LAYER_ID, type: 'line', source: HEAT_SOURCE_ID, filter: ['==', ['get', 'cell'], ''], paint: { 'line-color': '#1e3a8a', 'line-width': 3 } },
];
