// The intervention layer: logged interventions' cells as hexagons coloured by kind, the cells
// being chosen in the form, and the polygon being drawn. Layer specs as data, pure builders.
import { cellToBoundary } from 'h3-js';
import type { Feature, FeatureCollection, Polygon } from 'geojson';
import type { LayerSpecification } from 'maplibre-gl';

export const INTERVENTIONS_SOURCE_ID = 'interventions';
export const SELECTION_SOURCE_ID = 'intervention-selection';

export const KIND_COLORS: Record<string, string> = {
  patrol: '#1d4ed8', lighting: '#ca8a04', vegetation: '#15803d', camera: '#7c3aed', cleaning: '#0e7490',
  'youth-activity': '#db2777', guard: '#b45309', environment: '#4d7c0f', other: '#475569',
};

const hexagon = (cell: string, properties: Record<string, unknown>): Feature<Polygon> => {
  const ring = cellToBoundary(cell, true);
  return { type: 'Feature', properties, geometry: { type: 'Polygon', coordinates: [[...ring, ring[0]!]] } };
};

export function interventionsToFeatureCollection(items: readonly { id: string; kind: string; cells: readonly string[] }[]): FeatureCollection {
  return { type: 'FeatureCollection', features: items.flatMap((i) => i.cells.map((c) => hexagon(c, { id: i.id, kind: i.kind, color: KIND_COLORS[i.kind] ?? '#475569' }))) };
}

/** The chosen cells and, while drawing, the polygon's points as a line. */
export function selectionToFeatureCollection(cells: readonly string[], drawing: readonly [number, number][]): FeatureCollection {
  const features: Feature[] = cells.map((c) => hexagon(c, { role: 'cell' }));
  if (drawing.length >= 2) features.push({ type: 'Feature', properties: { role: 'draw' }, geometry: { type: 'LineString', coordinates: drawing.map((p) => [...p]) } });
  return { type: 'FeatureCollection', features };
}

export const interventionLayers: LayerSpecification[] = [
  { id: 'interventions-fill', type: 'fill', source: INTERVENTIONS_SOURCE_ID, paint: { 'fill-color': ['get', 'color'], 'fill-opacity': 0.35 } },
  { id: 'interventions-line', type: 'line', source: INTERVENTIONS_SOURCE_ID, paint: { 'line-color': ['get', 'color'], 'line-width': 1 } },
  { id: 'selection-fill', type: 'fill', source: SELECTION_SOURCE_ID, filter: ['==', ['get', 'role'], 'cell'], paint: { 'fill-color': '#f97316', 'fill-opacity': 0.45 } },
  { id: 'selection-line', type: 'line', source: SELECTION_SOURCE_ID, paint: { 'line-color': '#9a3412', 'line-width': 2 } },
];
