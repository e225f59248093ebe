// Field mode's map (loaded on demand by field-page.tsx, so the page's buttons come first): the
// app's basemap, the team's district, today's route with the next stop marked, the track walked
// on this patrol and where the phone is, the place search box, credits and a follow-me button.
// Offline it draws from the service worker's caches (style, fonts, sprite, tiles precached for
// the district at patrol start). One map, sources added on every style load, then only setData.
import { createEffect, createSignal, onCleanup, onMount } from 'solid-js';
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import type { FeatureCollection } from 'geojson';
import type { DistrictCollection } from '../api/types.ts';
import { makeAppMap } from '../map/app-map.ts';
import { addLayersBelowLabels } from '../map/basemap.ts';
import { addNumberImages } from '../map/route-map.ts';
import * as districtLayer from '../map/layers/districts.ts';
import { collectionBbox } from '../map/layers/routes.ts';
import {
  EMPTY_FIELD, FIELD_POSITION_LAYER_ID, FIELD_POSITION_SOURCE_ID, FIELD_ROUTE_LINE_LAYER_ID, FIELD_ROUTE_SOURCE_ID, FIELD_STOP_LAYER_ID,
  FIELD_TRACK_LAYER_ID, FIELD_TRACK_SOURCE_ID, fieldRouteLayers, fieldTopLayers, positionToFeatureCollection, routeToFeatureCollection,
  trackToFeatureCollection, type FieldRouteInput,
} from '../map/layers/field.ts';
import { bboxOfDistrict } from './district-precache.ts';
import type { FieldLang, FieldMessages } from './field-messages.ts';
import type { Fix } from './geo-recorder.ts';
import './field-map.css';

export interface FieldMapProps {
  t: FieldMessages;
  lang: FieldLang;
  districts: DistrictCollection | undefined;
  /** The team's id, which names its district (null: all districts). */
  team: string | null;
  route: FieldRouteInput | null;
  /** Index of the next stop in the schedule, null when all are done. */
  next: number | null;
  /** Fixes recorded on this patrol, oldest first (empty when no patrol runs). */
  track: readonly Fix[];
}

/** Linköping's three districts, before the district polygons arrive. */
const AREA_BOUNDS: [number, number, number, number] = [15.54, 58.38, 15.66, 58.44];
/** Zoom when following the phone: street level. */
const FOLLOW_ZOOM = 16.5;
const reducedMotion = () => typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;

function setSourceData(map: MapLibreMap, id: string, data: FeatureCollection) {
  (map.getSource(id) as GeoJSONSource | undefined)?.setData(data);
}

function install(map: MapLibreMap) {
  addNumberImages(map);
  for (const id of [districtLayer.DISTRICTS_SOURCE_ID, FIELD_ROUTE_SOURCE_ID, FIELD_TRACK_SOURCE_ID, FIELD_POSITION_SOURCE_ID]) map.addSource(id, { type: 'geojson', data: EMPTY_FIELD });
  addLayersBelowLabels(map, [...districtLayer.districtLayers, ...fieldRouteLayers]);
  for (const layer of fieldTopLayers) map.addLayer(layer);
}

export function FieldMap(props: FieldMapProps) {
  let container!: HTMLDivElement;
  const [map, setMap] = createSignal<MapLibreMap>();
  /** Bumped on every style load; 0 until our sources exist. */
  const [styleEpoch, setStyleEpoch] = createSignal(0);
  const [isReady, setReady] = createSignal(false);
  const [rendered, setRendered] = createSignal({ routeLines: 0, stops: 0, track: 0, position: 0, basemap: 0 });
  const [isFollowing, setFollowing] = createSignal(false);
  const [liveFix, setLiveFix] = createSignal<Fix | null>(null);
  const [geoState, setGeoState] = createSignal<'idle' | 'locating' | 'failed'>('idle');
  /** The newest of the recorder's last fix and the follow button's own watch. */
  const position = (): Fix | null => {
    const a = props.track.at(-1) ?? null;
    const b = liveFix();
    return !a ? b : !b ? a : a.t >= b.t ? a : b;
  };
  let hasMovedByHand = false;

  onMount(() => {
    const { map: m, dispose } = makeAppMap({ container, lang: () => props.lang, bounds: AREA_BOUNDS, padding: 16, compactAttribution: true, cooperativeGestures: true });
    m.getCanvas().setAttribute('aria-label', props.t.mapLabel);
    m.on('style.load', () => {
      install(m);
      setStyleEpoch((n) => n + 1);
    });
    // A pan by hand ends following (and keeps the view from being reframed); a programmatic move has no originalEvent.
    const byHand = (e: { originalEvent?: unknown }) => {
      if (!e.originalEvent) return;
      hasMovedByHand = true;
      setFollowing(false);
    };
    m.on('dragstart', byHand);
    m.on('zoomstart', (e) => (e.originalEvent ? (hasMovedByHand = true) : undefined));
    // Rendered counts on the container, for people debugging and for the browser test.
    m.on('idle', () => {
      const count = (layer: string) => (m.getLayer(layer) ? m.queryRenderedFeatures({ layers: [layer] }).length : 0);
      const basemapLayers = (m.getStyle()?.layers ?? []).filter((l) => 'source' in l && l.source === 'basemap').map((l) => l.id);
      setRendered({
        routeLines: count(FIELD_ROUTE_LINE_LAYER_ID), stops: count(FIELD_STOP_LAYER_ID), track: count(FIELD_TRACK_LAYER_ID), position: count(FIELD_POSITION_LAYER_ID),
        basemap: basemapLayers.length ? m.queryRenderedFeatures({ layers: basemapLayers }).length : 0,
      });
      setReady(styleEpoch() > 0);
    });
    setMap(m);
    onCleanup(dispose);
  });

  // One effect per concern: each data set goes into its source once the style has our sources.
  createEffect(() => {
    const m = map();
    if (!m || styleEpoch() === 0 || !props.districts) return;
    const mine = props.districts.features.filter((f) => f.properties.id === props.team);
    setSourceData(m, districtLayer.DISTRICTS_SOURCE_ID, districtLayer.toFeatureCollection(mine.length ? { ...props.districts, features: mine } : props.districts));
  });
  const routeFeatures = () => routeToFeatureCollection(props.route, props.next);
  createEffect(() => {
    const m = map();
    if (!m || styleEpoch() === 0) return;
    setSourceData(m, FIELD_ROUTE_SOURCE_ID, routeFeatures());
  });
  createEffect(() => {
    const m = map();
    if (!m || styleEpoch() === 0) return;
    setSourceData(m, FIELD_TRACK_SOURCE_ID, trackToFeatureCollection(props.track));
  });
  createEffect(() => {
    const m = map();
    if (!m || styleEpoch() === 0) return;
    setSourceData(m, FIELD_POSITION_SOURCE_ID, positionToFeatureCollection(position()));
  });
  // Frame the team's district, then today's route once it arrives, until the user moves the map or follows.
  let framed: 'none' | 'district' | 'route' = 'none';
  createEffect(() => {
    const m = map();
    if (!m || hasMovedByHand || isFollowing()) return;
    const route = collectionBbox(routeFeatures());
    const district = props.districts ? bboxOfDistrict(props.districts, props.team) : null;
    const [bbox, what] = route ? [route, 'route' as const] : [district, 'district' as const];
    if (!bbox || framed === what || framed === 'route') return;
    framed = what;
    m.fitBounds(bbox, { padding: 48, maxZoom: 16, duration: 0 });
  });
  // Following: the map keeps the phone in the middle.
  createEffect(() => {
    const m = map();
    const p = position();
    if (!m || !p || !isFollowing()) return;
    m.easeTo({ center: [p.lon, p.lat], zoom: Math.max(m.getZoom(), FOLLOW_ZOOM), duration: reducedMotion() ? 0 : 500 });
  });
  // While following, the phone's own watch keeps the dot moving between the recorder's fixes.
  createEffect(() => {
    if (!isFollowing() || !('geolocation' in navigator)) return;
    if (!position()) setGeoState('locating');
    const id = navigator.geolocation.watchPosition(
      (pos) => {
        setGeoState('idle');
        setLiveFix({ t: Math.round(pos.timestamp), lat: pos.coords.latitude, lon: pos.coords.longitude, acc: Number.isFinite(pos.coords.accuracy) ? pos.coords.accuracy : null });
      },
      () => setGeoState(position() ? 'idle' : 'failed'),
      { enableHighAccuracy: true, maximumAge: 5_000, timeout: 30_000 },
    );
    onCleanup(() => navigator.geolocation.clearWatch(id));
  });

  return (
    <div class="field-map-wrap">
      <div
        ref={container}
        class="field-map"
        role="region"
        aria-label={props.t.mapLabel}
        data-testid="field-map"
        data-ready={isReady() ? 'true' : 'false'}
        data-route-lines={rendered().routeLines}
        data-stops={rendered().stops}
        data-track={rendered().track}
        data-position={rendered().position}
        data-basemap={rendered().basemap}
        data-following={isFollowing() ? 'true' : 'false'}
      />
      <button
        type="button"
        class="field-map__follow"
        data-testid="follow-me"
        aria-pressed={isFollowing() ? 'true' : 'false'}
        aria-label={props.t.followMe}
        title={props.t.followMe}
        onClick={() => {
          hasMovedByHand = true; // the user has taken the view: no reframing after following ends
          setFollowing(!isFollowing());
        }}
      >
        <svg viewBox="0 0 24 24" width="28" height="28" aria-hidden="true">
          <circle cx="12" cy="12" r="4" fill="currentColor" />
          <circle cx="12" cy="12" r="8" fill="none" stroke="currentColor" stroke-width="2" />
          <path d="M12 1v4M12 19v4M1 12h4M19 12h4" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
        </svg>
      </button>
      <p class="field-map__geo" role="status">
        {geoState() === 'locating' ? props.t.locating : geoState() === 'failed' ? props.t.positionUnavailable : ''}
      </p>
    </div>
  );
}
