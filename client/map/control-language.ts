// MapLibre's own control texts (zoom buttons, credits toggle, the canvas's name) in the page's
// language. MapLibre reads its `locale` once, when a control is added: the texts are set before
// the controls are added and set again on the buttons already there whenever the language changes.
import { createEffect, on } from 'solid-js';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { mapControlLocale } from '../i18n/map-controls.ts';
import type { Lang } from '../i18n/messages.ts';

/** The buttons MapLibre names, with the text id each is named by. */
const NAMED: readonly (readonly [selector: string, id: string])[] = [
  ['.maplibregl-ctrl-zoom-in', 'NavigationControl.ZoomIn'],
  ['.maplibregl-ctrl-zoom-out', 'NavigationControl.ZoomOut'],
  ['.maplibregl-ctrl-compass', 'NavigationControl.ResetBearing'],
  ['.maplibregl-ctrl-attrib-button', 'AttributionControl.ToggleAttribution'],
];

function applyControlLanguage(map: MapLibreMap, lang: Lang): void {
  const texts = mapControlLocale(lang);
  map._locale = { ...map._locale, ...texts };
  const root = map.getContainer();
  for (const [selector, id] of NAMED) {
    for (const el of root.querySelectorAll<HTMLElement>(selector)) {
      el.title = texts[id]!;
      el.setAttribute('aria-label', texts[id]!);
    }
  }
  map.getCanvas().setAttribute('aria-label', texts['Map.Title']!);
}

/** Call right after making the map, before adding its controls, inside the component that owns it. */
export function bindControlLanguage(map: MapLibreMap, lang: () => Lang): void {
  applyControlLanguage(map, lang());
  createEffect(on(lang, (l) => applyControlLanguage(map, l), { defer: true }));
}
