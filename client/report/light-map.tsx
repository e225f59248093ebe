// The residents' light map: the basemap as one server-drawn SVG picture (GET /map/static.svg) with
// the public pins and the chosen point drawn over it — no MapLibre, so a phone on a slow line can
// tap a place within seconds. Drag to pan, pinch/wheel/± to zoom, arrow keys and Enter for the
// keyboard, the place search on top. While a new picture loads, the old one is moved and scaled to
// match the view. Offline it shows the last picture it drew (the service worker keeps /map/*).
import { For, Show, createEffect, createMemo, createSignal, on, onCleanup, onMount } from 'solid-js';
import { fitBounds, panBy, project, unproject, zoomAround, type MapView } from '../../server/domain/map-view.ts';
import { PlaceSearch } from '../components/place-search.tsx';
import { createPlaceSearch } from '../state/create-place-search.ts';
import { placesApi, type PlaceResult } from '../api/places-api.ts';
import { placeMessages } from '../i18n/places.ts';
import { RESIDENT_COLOR, type ResidentPinCollection } from '../map/layers/resident-pins.ts';
import { keepPicture } from '../offline/picture-cache.ts';
import { MAX_ZOOM, MIN_ZOOM, clusterPins, clusterRadius, roundView, staticMapUrl, viewForPlace } from './light-map-view.ts';
import type { ReportLang, ReportMessages } from './report-messages.ts';

export interface MapApi {
  centre: () => { lat: number; lon: number };
  flyTo: (p: { lat: number; lon: number }) => void;
}

export interface LightMapProps {
  /** [w, s, e, n] the first view fits (the districts'); null while they load. */
  bounds: [number, number, number, number] | null;
  pins: ResidentPinCollection | undefined;
  place: { lat: number; lon: number } | null;
  onPick: (place: { lat: number; lon: number }) => void;
  onReady: (api: MapApi) => void;
  /** Once: the first picture is drawn, or cannot be (offline with none kept). */
  onSettled?: () => void;
  lang: ReportLang;
  t: ReportMessages;
}

/** The last picture drawn (localStorage): shown when a new one cannot be fetched (offline). */
const LAST_KEY = 'tk-light-map-last';
/** A press that moves less than this (px) is a tap; more is a drag. */
const TAP_PX = 6;
/** Arrow keys move the map by this many px. */
const KEY_PAN_PX = 80;
/** Results shown in the place search. */
const RESULT_LIMIT = 8;

const clampZoom = (z: number) => Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, z));

function readLast(): { view: MapView; url: string } | null {
  try {
    return JSON.parse(localStorage.getItem(LAST_KEY) ?? 'null') as { view: MapView; url: string } | null;
  } catch {
    return null;
  }
}

/** The view that fitted the districts last time (localStorage), for starting before they arrive. */
const FIT_KEY = 'tk-light-map-fit';
/**
 * That view's picture URL (localStorage): index.html's first script asks for it on /rapportera
 * while the app's code still loads, so the picture is fetched and parsed by the time the map asks.
 */
const FIRST_PICTURE_KEY = 'tk-light-map-first';
let fitCache: MapView | null | undefined;
function readFit(): MapView | null {
  if (fitCache !== undefined) return fitCache;
  try {
    fitCache = JSON.parse(localStorage.getItem(FIT_KEY) ?? 'null') as MapView | null;
  } catch {
    fitCache = null;
  }
  return fitCache;
}
function writeFit(v: MapView) {
  fitCache = v;
  try {
    localStorage.setItem(FIT_KEY, JSON.stringify(v));
    localStorage.setItem(FIRST_PICTURE_KEY, staticMapUrl(v));
  } catch { /* private mode */ }
}

export function LightMap(props: LightMapProps) {
  let surface!: HTMLDivElement;
  const [size, setSize] = createSignal<{ w: number; h: number } | null>(null);
  const [view, setView] = createSignal<MapView | null>(null);
  const [shown, setShown] = createSignal<{ view: MapView; url: string } | null>(null);
  const [state, setState] = createSignal<'loading' | 'ready' | 'offline'>('loading');
  createEffect(on(state, (st) => st !== 'loading' && props.onSettled?.(), { defer: true }));
  const search = createPlaceSearch({ search: (q, signal) => placesApi.search(q, RESULT_LIMIT, signal) });
  // A phone that fitted the districts before asks for that picture while the page is still being
  // built; the first request below (same URL) then finds it loaded or on its way.
  const early = readFit();
  if (early) new Image().src = staticMapUrl(roundView(early));

  onMount(() => {
    // Measured at once (a layout, but the first picture is then asked for while the page still
    // renders; waiting for the ResizeObserver's first report put it after the first frame).
    const measure = () => surface.clientWidth > 0 && setSize({ w: surface.clientWidth, h: surface.clientHeight });
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(surface);
    const onWheel = (e: WheelEvent) => {
      const v = view();
      if (!v) return;
      e.preventDefault();
      const r = surface.getBoundingClientRect();
      setView(zoomAround(v, clampZoom(v.zoom - e.deltaY / 300), e.clientX - r.left, e.clientY - r.top));
    };
    surface.addEventListener('wheel', onWheel, { passive: false });
    onCleanup(() => (ro.disconnect(), surface.removeEventListener('wheel', onWheel)));
    props.onReady({
      centre: () => {
        const v = view();
        return v ? { lat: v.lat, lon: v.lon } : { lat: 0, lon: 0 };
      },
      flyTo: (p) => {
        const v = view();
        if (v) setView({ ...v, lon: p.lon, lat: p.lat, zoom: Math.max(v.zoom, 16) });
      },
    });
  });

  // The first view fits the districts; later size changes keep the centre and zoom. A phone that
  // fitted them before at this size starts at once from that view (no wait for /api/districts):
  // when the districts arrive and fit elsewhere, and the resident has not moved yet, it refits.
  let moved = false;
  createEffect(() => {
    const s = size(), b = props.bounds;
    if (!s) return;
    const v = view();
    const fitted = readFit();
    if (!v && !b && fitted && fitted.width === s.w && fitted.height === s.h) setView(fitted);
    else if (b && (!v || (!moved && v === fitted))) {
      const fit = fitBounds(b, s.w, s.h, { paddingPx: 12, maxZoom: 16 });
      if (!v || roundView(fit).lon !== v.lon || roundView(fit).lat !== v.lat || roundView(fit).zoom !== v.zoom) setView(fit);
      writeFit(roundView(fit));
    } else if (v && (v.width !== s.w || v.height !== s.h)) setView({ ...v, width: s.w, height: s.h });
  });
  createEffect(on(view, (_v, prev) => void (prev && (moved = true)), { defer: true }));

  // A new picture when the view has rested a moment (not on every pointer move).
  let latest = '';
  let timer: ReturnType<typeof setTimeout> | undefined;
  const request = (v: MapView) => {
    const rv = roundView(v);
    const url = staticMapUrl(rv);
    if (shown()?.url === url || latest === url) return;
    latest = url;
    const img = new Image();
    img.onload = () => {
      if (latest !== url) return;
      setShown({ view: rv, url });
      setState('ready');
      try {
        localStorage.setItem(LAST_KEY, JSON.stringify({ view: rv, url }));
        void keepPicture(url).catch(() => {});
      } catch { /* private mode: no last picture */ }
    };
    img.onerror = () => {
      if (latest !== url) return;
      latest = '';
      const last = readLast();
      // Nothing drawn yet: go to the last picture this phone drew (the service worker has it).
      if (!shown() && last && last.url !== url) setView(last.view);
      else if (!shown()) setState('offline');
    };
    img.src = url;
  };
  createEffect(on(view, (v) => {
    if (!v) return;
    clearTimeout(timer);
    // The first picture is asked for at once, while the page still renders.
    if (shown()) timer = setTimeout(() => request(v), 180);
    else request(v);
  }));
  onCleanup(() => clearTimeout(timer));

  /** The shown picture moved and scaled to where the current view puts it. */
  const placement = createMemo(() => {
    const s = shown(), v = view();
    if (!s || !v) return undefined;
    const k = 2 ** (v.zoom - s.view.zoom);
    const [x, y] = project(v, s.view.lon, s.view.lat);
    return `width:${s.view.width}px;height:${s.view.height}px;transform:translate(${x - (s.view.width * k) / 2}px,${y - (s.view.height * k) / 2}px) scale(${k})`;
  });
  const clusters = createMemo(() => {
    const v = view();
    return v && props.pins ? clusterPins(v, props.pins.features.map((f) => f.geometry.coordinates as [number, number])) : [];
  });
  const marker = createMemo(() => {
    const v = view(), p = props.place;
    return v && p ? project(v, p.lon, p.lat) : null;
  });

  // Pointers: one drags (or taps), two pinch.
  const pointers = new Map<number, [number, number]>();
  let gesture: { start: MapView; x: number; y: number; moved: boolean; pinch?: { dist: number; mx: number; my: number } } | null = null;
  const local = (e: PointerEvent): [number, number] => {
    const r = surface.getBoundingClientRect();
    return [e.clientX - r.left, e.clientY - r.top];
  };
  const pair = () => {
    const [a, b] = [...pointers.values()] as [[number, number], [number, number]];
    return { dist: Math.hypot(a[0] - b[0], a[1] - b[1]) || 1, mx: (a[0] + b[0]) / 2, my: (a[1] + b[1]) / 2 };
  };
  const onPointerDown = (e: PointerEvent) => {
    const v = view();
    if (!v || (e.pointerType === 'mouse' && e.button !== 0)) return;
    surface.setPointerCapture(e.pointerId);
    pointers.set(e.pointerId, local(e));
    const [x, y] = local(e);
    gesture = pointers.size === 2 ? { start: v, x, y, moved: true, pinch: pair() } : pointers.size === 1 ? { start: v, x, y, moved: false } : gesture;
  };
  const onPointerMove = (e: PointerEvent) => {
    if (!pointers.has(e.pointerId) || !gesture) return;
    pointers.set(e.pointerId, local(e));
    if (gesture.pinch && pointers.size === 2) {
      const now = pair();
      const zoomed = zoomAround(gesture.start, clampZoom(gesture.start.zoom + Math.log2(now.dist / gesture.pinch.dist)), gesture.pinch.mx, gesture.pinch.my);
      setView(panBy(zoomed, now.mx - gesture.pinch.mx, now.my - gesture.pinch.my));
      return;
    }
    const [x, y] = local(e);
    if (!gesture.moved && Math.hypot(x - gesture.x, y - gesture.y) < TAP_PX) return;
    gesture.moved = true;
    setView(panBy(gesture.start, x - gesture.x, y - gesture.y));
  };
  const onPointerUp = (e: PointerEvent) => {
    if (!pointers.has(e.pointerId)) return;
    pointers.delete(e.pointerId);
    const v = view();
    if (gesture && !gesture.moved && pointers.size === 0 && v && e.type === 'pointerup') {
      const [x, y] = local(e);
      props.onPick(unproject(v, x, y));
    }
    if (pointers.size === 0) gesture = null;
    else if (gesture) gesture = { ...gesture, pinch: undefined, moved: true, start: view()!, x: [...pointers.values()][0]![0], y: [...pointers.values()][0]![1] };
  };

  const zoomBy = (dz: number) => {
    const v = view();
    if (v) setView({ ...v, zoom: clampZoom(Math.round(v.zoom + dz)) });
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const v = view();
    if (!v) return;
    const pan: Record<string, [number, number]> = { ArrowLeft: [KEY_PAN_PX, 0], ArrowRight: [-KEY_PAN_PX, 0], ArrowUp: [0, KEY_PAN_PX], ArrowDown: [0, -KEY_PAN_PX] };
    const by = pan[e.key];
    if (by) setView(panBy(v, by[0], by[1]));
    else if (e.key === '+' || e.key === '=') zoomBy(1);
    else if (e.key === '-' || e.key === '_') zoomBy(-1);
    else if (e.key === 'Enter' || e.key === ' ') props.onPick({ lat: v.lat, lon: v.lon });
    else return;
    e.preventDefault();
  };

  const choose = (p: PlaceResult) => {
    const v = view();
    if (v) setView(viewForPlace(v, p.properties.bbox, p.geometry.coordinates as [number, number]));
    surface.dataset.placePicked = p.properties.name;
    props.onPick({ lon: p.geometry.coordinates[0]!, lat: p.geometry.coordinates[1]! });
  };

  const hintId = `light-map-hint-${Math.random().toString(36).slice(2, 8)}`;
  return (
    <div class="report-map light-map" data-testid="report-map" data-ready={state() === 'ready' ? 'true' : undefined} data-state={state()}>
      <div
        ref={surface}
        class="light-map__surface"
        data-testid="light-map-surface"
        role="application"
        tabindex="0"
        aria-label={props.t.mapLabel}
        aria-describedby={hintId}
        data-view={view() ? JSON.stringify(view()) : undefined}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerUp}
        onKeyDown={onKeyDown}
      >
        <Show when={placement()}>
          <img class="light-map__picture" data-testid="light-map-picture" src={shown()!.url} alt="" draggable={false} style={placement()} />
        </Show>
        <svg class="light-map__pins" aria-hidden="true" width="100%" height="100%">
          <For each={clusters()}>
            {(c) => (
              <g transform={`translate(${c.x} ${c.y})`}>
                <circle r={clusterRadius(c.count)} fill={c.count > 1 ? RESIDENT_COLOR : '#ffffff'} stroke={c.count > 1 ? '#ffffff' : RESIDENT_COLOR} stroke-width="2.5" />
                <Show when={c.count > 1}>
                  <text text-anchor="middle" dy="0.35em" fill="#ffffff" font-size="12" font-weight="700">{c.count}</text>
                </Show>
              </g>
            )}
          </For>
        </svg>
        <Show when={marker()}>
          {(m) => <div class="light-map__marker" data-testid="light-map-marker" role="img" aria-label={props.t.chosenPlace} style={{ left: `${m()[0]}px`, top: `${m()[1]}px` }} />}
        </Show>
        <div class="light-map__crosshair" aria-hidden="true" />
      </div>
      <p id={hintId} class="visually-hidden">{props.t.mapKeys} {props.pins ? props.t.mapPins(clusters().reduce((n, c) => n + c.count, 0)) : ''}</p>
      <div class="light-map__search">
        <PlaceSearch t={placeMessages(props.lang)} query={search.query()} results={search.results()} status={search.status()} onQuery={search.setQuery} onPick={choose} />
      </div>
      <div class="light-map__zoom">
        <button type="button" class="light-map__button" aria-label={props.t.zoomIn} title={props.t.zoomIn} onClick={() => zoomBy(1)}>+</button>
        <button type="button" class="light-map__button" aria-label={props.t.zoomOut} title={props.t.zoomOut} onClick={() => zoomBy(-1)}>−</button>
      </div>
      {/* The picture is drawn from OpenStreetMap data (ODbL) and SCB's districts: credited as on every map. */}
      <p class="light-map__credit">
        <a href="https://www.openstreetmap.org/copyright" target="_blank" rel="noopener">© OpenStreetMap contributors</a> (<a href="https://opendatacommons.org/licenses/odbl/" target="_blank" rel="noopener">ODbL</a>) · Källa: SCB
      </p>
      <Show when={state() !== 'ready'}>
        <p class="light-map__note" role="status">{state() === 'offline' ? props.t.mapOffline : props.t.mapLoading}</p>
      </Show>
    </div>
  );
}
