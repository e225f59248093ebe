// The offline base style: only a background. No tiles, sprites, fonts or glyphs are fetched.
import type { StyleSpecification } from 'maplibre-gl';

export const BACKGROUND_LAYER_ID = 'background';
export const BACKGROUND_COLOR = '#f3f1ec';

export function makeOfflineStyle(): StyleSpecification {
  return {
    version: 8,
    name: 'Trygghetskartan offline',
    sources: {},
    layers: [{ id: BACKGROUND_LAYER_ID, type: 'background', paint: { 'background-color': BACKGROUND_COLOR } }],
  };
}
