// The set-up every map of the app shares: MapLibre's bundled worker, the app's style (or an
// online basemap), credits with licence links, zoom buttons (their texts in the page's language),
// the place search box, the basemap fallback (online → the app's style → a plain background)
// and the style's note. Call it inside the component that owns the map (the control texts follow
// its language); returns the map and one cleanup.
import { AttributionControl, Map as MapLibreMap, NavigationControl, type LngLatBoundsLike } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import type { Lang } from '../i18n/messages.ts';
import { bindControlLanguage } from './control-language.ts';
import { ATTRIBUTION_HTML } from './attribution.ts';
import { initialStyle, makeBasemapFallback, makeBasemapNoteControl } from './basemap.ts';
import { addPlaceSearch, type PlaceSearchControlOptions } from './place-search-control.tsx';
import { useBundledWorker } from './worker-url.ts';

export interface AppMapOptions {
  container: HTMLElement;
  lang: () => Lang;
  /** The online basemap's style URL (BASEMAP_STYLE_URL), or null for the app's own style. */
  basemapStyleUrl?: string | null;
  /** The first view: bounds [w, s, e, n] (framed with `padding`, px) or a centre and zoom. */
  bounds?: LngLatBoundsLike;
  padding?: number;
  center?: [number, number];
  zoom?: number;
  /** Credits folded into an (i) button: narrow screens (default: MapLibre decides by width). */
  compactAttribution?: boolean;
  /** The place search box's options beyond the language; false for none. */
  placeSearch?: Omit<PlaceSearchControlOptions, 'lang'> | false;
  /**
   * One finger scrolls the page, two move the map (Ctrl + wheel zooms): for a map inside a page
   * that scrolls on a phone, so a swipe over it does not trap the user (default false).
   */
  cooperativeGestures?: boolean;
  /** Told each time the style falls back, with MapLibre's message. */
  onBasemapError?: (detail: string) => void;
}

/** Upper zoom of every map: the basemap's z16 tiles are overzoomed beyond. */
export const APP_MAX_ZOOM = 19;

export function makeAppMap(opts: AppMapOptions): { map: MapLibreMap; dispose: () => void } {
  useBundledWorker();
  const basemapStyleUrl = opts.basemapStyleUrl ?? null;
  const map = new MapLibreMap({
    container: opts.container,
    style: initialStyle(basemapStyleUrl),
    ...(opts.bounds ? { bounds: opts.bounds, fitBoundsOptions: { padding: opts.padding ?? 24 } } : {}),
    ...(!opts.bounds && opts.center ? { center: opts.center, zoom: opts.zoom ?? 14 } : {}),
    attributionControl: false,
    maxZoom: APP_MAX_ZOOM,
    cooperativeGestures: opts.cooperativeGestures ?? false,
  });
  bindControlLanguage(map, opts.lang);
  map.addControl(new AttributionControl({ customAttribution: ATTRIBUTION_HTML, ...(opts.compactAttribution !== undefined ? { compact: opts.compactAttribution } : {}) }), 'bottom-right');
  map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
  const removeSearch = opts.placeSearch === false ? () => {} : addPlaceSearch(map, { ...opts.placeSearch, lang: opts.lang });
  const stopFallback = makeBasemapFallback(map, { isOnline: basemapStyleUrl !== null, ...(opts.onBasemapError ? { onFallback: opts.onBasemapError } : {}) });
  const stopNote = makeBasemapNoteControl(map, opts.lang);
  return {
    map,
    dispose: () => {
      stopFallback();
      stopNote();
      removeSearch();
      map.remove();
    },
  };
}
