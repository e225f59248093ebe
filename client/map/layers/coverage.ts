// Coverage and gaps as H3 hexagons: gap cells (need share − presence share; red = neglected,
// green = covered beyond its need) under presence outlines (thicker with more minutes).
import { cellToBoundary } from 'h3-js';
import type { FeatureCollection, Polygon } from 'geojson';
import type { LayerSpecification } from 'maplibre-gl';

export const GAPS_SOURCE_ID = 'coverage-gaps';
export const PRESENCE_SOURCE_ID = 'coverage-presence';
export const GAPS_FILL_LAYER_ID = 'coverage-gaps-fill';
export const PRESENCE_LINE_LAYER_ID = 'coverage-presence-line';

export interface GapCellProps {
  cell: string;
  gap: number;
  presenceMin: number;
  label: string;
}

export interface PresenceCellProps {
  cell: string;
  minutes: number;
}

export const coverageLayers: LayerSpecification[] = [
  {
    id: GAPS_FILL_LAYER_ID,
    type: 'fill',
    source: GAPS_SOURCE_ID,
    paint: {
      'fill-color': ['interpolate', ['linear'], ['get', 'gap'], -0.1, '#15803d', 0, '#f8fafc', 0.02, '#fca5a5', 0.1, '#b91c1c'],
      'fill-opacity': 0.6,
      'fill-outline-color': '#7f1d1d',
    },
  },
  {
    id: PRESENCE_LINE_LAYER_ID,
    type: 'line',
    source: PRESENCE_SOURCE_ID,
    paint: { 'line-color': '#1d4ed8', 'line-width': ['interpolate', ['linear'], ['get', 'minutes'], 0, 0.5, 30, 2, 240, 5] },
  },
];

const hexagon = (cell: string): Polygon => {
  const ring = cellToBoundary(cell, true);
  return { type: 'Polygon', coordinates: [[...ring, ring[0]!]] };
};

export function gapsToFeatureCollection(cells: readonly { cell: string; gap: number; presenceMin: number; text: { sv: string; en: string } }[], lang: 'sv' | 'en'): FeatureCollection<Polygon, GapCellProps> {
  return {
    type: 'FeatureCollection',
    features: cells.map((c) => ({ type: 'Feature', id: c.cell, properties: { cell: c.cell, gap: c.gap, presenceMin: c.presenceMin, label: c.text[lang] }, geometry: hexagon(c.cell) })),
  };
}

export function presenceToFeatureCollection(cells: readonly { cell: string; minutes: number }[]): FeatureCollection<Polygon, PresenceCellProps> {
  return {
    type: 'FeatureCollection',
    features: cells.map((c) => ({ type: 'Feature', id: c.cell, properties: { cell: c.cell, minutes: c.minutes }, geometry: hexagon(c.cell) })),
  };
}
