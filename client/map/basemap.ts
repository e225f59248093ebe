// The basemap under every map of the app: the app's own style (GET /map/style.json: its tiles,
// fonts and icons), or an online style when BASEMAP_STYLE_URL is set. The app's layers go above
// the basemap and below its labels; a basemap that cannot load falls back (online → the app's
// style → a plain background), and the style's note (only the shipped network is drawn) is shown.
import type { ControlPosition, IControl, LayerSpecification, Map as MapLibreMap, StyleSpecification } from 'maplibre-gl';
import type { Lang } from '../i18n/messages.ts';
import { makeOfflineStyle } from './offline-style.ts';

/** Where the app serves its style (a contract shared with the service worker's cache). */
export const APP_STYLE_PATH = '/map/style.json';
/** The app's sprite (server/map/style.ts), without MapLibre's pixel-ratio suffix and extension. */
export const APP_SPRITE_PATH = '/map/sprite';
/** Layer ids of the app's style (server/map/style.ts) that pages refer to. */
export const BASEMAP_ROAD_LABEL_LAYER_ID = 'label-road';
export const BASEMAP_DISTRICT_LABEL_LAYER_ID = 'label-district';
export const BASEMAP_BUILDING_LAYER_ID = 'building';
const NOTE_METADATA_KEY = 'trygghetskartan:note';

/** The app's style as an absolute URL (MapLibre needs one). */
export function appStyleUrl(): string {
  return new URL(APP_STYLE_PATH, window.location.origin).href;
}

/** The sprite files MapLibre loads for the app's style on this screen (it asks for @2x above 1 dppx). */
export function appSpriteFiles(pixelRatio: number): string[] {
  const base = APP_SPRITE_PATH + (pixelRatio > 1 ? '@2x' : '');
  return [`${base}.json`, `${base}.png`];
}

/** The style a map starts with: the online basemap when configured, else the app's own. */
export function initialStyle(basemapStyleUrl: string | null): string {
  return basemapStyleUrl ?? appStyleUrl();
}

/**
 * The first label (symbol) layer of the basemap, or undefined when it has none: the app's layers
 * go before it. The app's style names it in its metadata; for an online style it is the first
 * symbol layer not drawn from a GeoJSON source (the app's own layers all are).
 */
export function firstLabelLayerId(map: MapLibreMap): string | undefined {
  const style = map.getStyle();
  const ours = (style?.metadata as Record<string, unknown> | undefined)?.['trygghetskartan:first-label-layer'];
  if (typeof ours === 'string' && map.getLayer(ours)) return ours;
  return style?.layers.find((l) => l.type === 'symbol' && style.sources[l.source]?.type !== 'geojson')?.id;
}

/** Adds the app's layers above the basemap and below its labels, in the order given. */
export function addLayersBelowLabels(map: MapLibreMap, layers: readonly LayerSpecification[]): void {
  const before = firstLabelLayerId(map);
  for (const layer of layers) map.addLayer(layer, before);
}

/**
 * Falls back when the starting style cannot load: an online basemap → the app's style → a plain
 * background. Calls `onFallback` with MapLibre's message each time. Returns the cleanup.
 */
export function makeBasemapFallback(map: MapLibreMap, opts: { isOnline: boolean; onFallback?: (detail: string) => void }): () => void {
  let stage: 'online' | 'app' | 'offline' = opts.isOnline ? 'online' : 'app';
  let loaded = false;
  const onLoad = () => (loaded = true);
  const onError = (e: { error?: { message?: string } }) => {
    if (loaded || stage === 'offline') return;
    opts.onFallback?.(e.error?.message ?? 'unknown error');
    if (stage === 'online') {
      stage = 'app';
      map.setStyle(appStyleUrl());
    } else {
      stage = 'offline';
      map.setStyle(makeOfflineStyle() as StyleSpecification);
    }
  };
  map.on('style.load', onLoad);
  map.on('error', onError);
  return () => {
    map.off('style.load', onLoad);
    map.off('error', onError);
  };
}

type StyleNote = Partial<Record<Lang, string>> & { short?: Partial<Record<Lang, string>> };

/** The note the app's style carries when only the shipped street network is drawn, in `lang`: a short title and the text. */
export function basemapNote(map: MapLibreMap, lang: Lang): { short: string; text: string } | null {
  const note = (map.getStyle()?.metadata as Record<string, unknown> | undefined)?.[NOTE_METADATA_KEY] as StyleNote | null | undefined;
  const text = note?.[lang] ?? note?.sv;
  if (!text) return null;
  return { short: note?.short?.[lang] ?? note?.short?.sv ?? text, text };
}

/** A small note on the map, kept in step with the style: shown while the style has one. Returns the cleanup. */
export function makeBasemapNoteControl(map: MapLibreMap, lang: () => Lang, position: ControlPosition = 'bottom-left'): () => void {
  // A short line that opens to the whole text (how to load an extract).
  const el = document.createElement('details');
  el.className = 'maplibregl-ctrl basemap-note';
  el.dataset.testid = 'basemap-note';
  const summary = document.createElement('summary');
  const body = document.createElement('p');
  el.append(summary, body);
  const control: IControl = { onAdd: () => el, onRemove: () => el.remove() };
  const update = () => {
    const note = basemapNote(map, lang());
    summary.textContent = note?.short ?? '';
    body.textContent = note?.text ?? '';
    el.hidden = !note;
  };
  map.addControl(control, position);
  map.on('style.load', update);
  update();
  return () => {
    map.off('style.load', update);
    map.removeControl(control);
  };
}

/** Whether the map shows the app's own style (not an online one or the plain fallback). */
export function isAppStyle(map: MapLibreMap): boolean {
  return (map.getStyle()?.metadata as Record<string, unknown> | undefined)?.['trygghetskartan:version'] !== undefined;
}

/** Whether the basemap draws the streets itself (the app's style with roads, or an online style). */
export function basemapHasRoads(map: MapLibreMap): boolean {
  const meta = map.getStyle()?.metadata as Record<string, unknown> | undefined;
  return isAppStyle(map) ? meta?.['trygghetskartan:has-roads'] === true : map.getStyle()?.sources !== undefined && Object.keys(map.getStyle()!.sources).length > 0;
}

/** Hides a layer the page shows in another way (e.g. district names as HTML labels). */
export function hideLayer(map: MapLibreMap, id: string): void {
  if (map.getLayer(id)) map.setLayoutProperty(id, 'visibility', 'none');
}
