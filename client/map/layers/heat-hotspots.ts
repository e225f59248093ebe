// The hotspot layer: Gi* classes per cell (hot/cold at 99/95/90 %, FDR-corrected) as hexagons,
// in the diverging colours ArcGIS uses for hot-spot maps; non-significant cells are not drawn.
import { cellToBoundary } from 'h3-js';
import type { FeatureCollection, Polygon } from 'geojson';
import type { ExpressionSpecification, LayerSpecification } from 'maplibre-gl';

export const HOTSPOT_SOURCE_ID = 'hotspot-cells';
export const HOTSPOT_FILL_LAYER_ID = 'hotspot-fill';
export const HOTSPOT_OUTLINE_LAYER_ID = 'hotspot-outline';

/** Class → colour: −3 … +3 (0 is not drawn). */
export const HOTSPOT_COLORS: Record<string, string> = {
  '3': '#d62f27', '2': '#ed7551', '1': '#fab984', '-1': '#a3c4dc', '-2': '#6a96c6', '-3': '#3a5ea8',
};

export interface HotspotProps {
  cell: string;
  class: number;
  z: number;
}

export function toFeatureCollection(cells: readonly { cell: string; class: number; z: number }[]): FeatureCollection<Polygon, HotspotProps> {
  return {
    type: 'FeatureCollection',
    features: cells
      .filter((c) => c.class !== 0)
      .map((c) => {
        const ring = cellToBoundary(c.cell, true);
        return { type: 'Feature', geometry: { type: 'Polygon', coordinates: [[...ring, ring[0]!]] }, properties: { cell: c.cell, class: c.class, z: c.z } };
      }),
  };
}

const color = ['match', ['to-string', ['get', 'class']], ...Object.entries(HOTSPOT_COLORS).flat(), '#cccccc'] as unknown as ExpressionSpecification;

export const hotspotLayers: LayerSpecification[] = [
  { id: HOTSPOT_FILL_LAYER_ID, type: 'fill', source: HOTSPOT_SOURCE_ID, paint: { 'fill-color': color, 'fill-opacity': 0.75 } },
  { id: HOTSPOT_OUTLINE_LAYER_ID, type: 'line', source: HOTSPOT_SOURCE_ID, paint: { 'line-color': '#374151', 'line-width': 0.6, 'line-opacity': 0.5 } },
];
