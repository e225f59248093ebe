// The place search as a MapLibre control (top left on every map page): the box, then the map
// flies to the chosen place (a street or district framed whole) and a marker marks it.
import { render } from 'solid-js/web';
import { Marker, type IControl, type Map as MapLibreMap } from 'maplibre-gl';
import { placesApi, type PlaceResult } from '../api/places-api.ts';
import { PlaceSearch } from '../components/place-search.tsx';
import { createPlaceSearch } from '../state/create-place-search.ts';
import { placeMessages } from '../i18n/places.ts';
import type { Lang } from '../i18n/messages.ts';

/** Results shown in the list. */
const RESULT_LIMIT = 8;
/** Zoom for a point place (address, POI). */
const POINT_ZOOM = 17;

export interface PlaceSearchControlOptions {
  lang: () => Lang;
  /** Called with the chosen place after the map moved (e.g. the report form sets its point). */
  onPick?: (place: PlaceResult) => void;
  /** Mark the chosen place with a marker of the control's own (default true). */
  mark?: boolean;
}

const reducedMotion = () => typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;

/** Moves the map to a place: areas and streets framed whole, points at street level. */
export function flyToPlace(map: MapLibreMap, place: PlaceResult): void {
  const [w, s, e, n] = place.properties.bbox;
  const duration = reducedMotion() ? 0 : 800;
  if (e - w > 0.0004 || n - s > 0.0002) map.fitBounds([[w, s], [e, n]], { padding: 48, maxZoom: POINT_ZOOM, duration });
  else map.flyTo({ center: place.geometry.coordinates, zoom: Math.max(map.getZoom(), POINT_ZOOM), duration });
}

/** Adds the search control to a map; returns its removal. */
export function addPlaceSearch(map: MapLibreMap, opts: PlaceSearchControlOptions): () => void {
  let dispose: (() => void) | undefined;
  let marker: Marker | undefined;
  let box: HTMLDivElement | undefined;

  const choose = (p: PlaceResult) => {
    flyToPlace(map, p);
    if (opts.mark ?? true) {
      marker?.remove();
      const el = document.createElement('div');
      el.className = 'place-search-marker';
      el.setAttribute('role', 'img');
      el.setAttribute('aria-label', p.properties.name);
      el.title = p.properties.name;
      el.append(Object.assign(document.createElement('div'), { className: 'place-search-marker__pin' }));
      marker = new Marker({ element: el, anchor: 'bottom' }).setLngLat(p.geometry.coordinates).addTo(map);
    }
    map.getContainer().dataset.placePicked = p.properties.name;
    opts.onPick?.(p);
  };

  const control: IControl = {
    onAdd() {
      box = document.createElement('div');
      box.className = 'maplibregl-ctrl place-search-ctrl';
      dispose = render(() => {
        const s = createPlaceSearch({ search: (q, signal) => placesApi.search(q, RESULT_LIMIT, signal) });
        return <PlaceSearch t={placeMessages(opts.lang())} query={s.query()} results={s.results()} status={s.status()} onQuery={s.setQuery} onPick={choose} />;
      }, box);
      return box;
    },
    onRemove() {
      dispose?.();
      marker?.remove();
      box?.remove();
    },
  };
  map.addControl(control, 'top-left');
  let removed = false;
  map.once('remove', () => (removed = true));
  return () => {
    if (!removed) map.removeControl(control);
  };
}
