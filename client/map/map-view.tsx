// Owns the one MapLibre map: creates it once, adds sources and layers on every style load, then only setData.
import { createEffect, createSignal, on, onCleanup, onMount } from 'solid-js';
import { AttributionControl, Map as MapLibreMap, NavigationControl, ScaleControl, prewarm } from 'maplibre-gl';
import type { GeoJSONSource, GeoJSONSourceSpecification, MapGeoJSONFeature } from 'maplibre-gl';
import type { FeatureCollection } from 'geojson';
import 'maplibre-gl/dist/maplibre-gl.css';
import type { BaseCollection, Bbox, Category, DistrictCollection, PinCollection, Report, StreetCollection } from '../api/types.ts';
import type { Lang } from '../i18n/messages.ts';
import type { Messages } from '../i18n/sv.ts';
import type { MapView as MapViewState } from '../state/url-state.ts';
import { sameView } from '../state/url-state.ts';
import { useBundledWorker } from './worker-url.ts';
import { makeCountImages } from './count-images.ts';
import { makeDistrictLabels } from './district-labels.tsx';
import { makeReportPopup } from './report-popup.tsx';
import * as districtLayer from './layers/districts.ts';
import * as streetLayer from './layers/streets.ts';
import * as baseLayer from './layers/bases.ts';
import { ATTRIBUTION_HTML } from './attribution.ts';
import { bindControlLanguage } from './control-language.ts';
import { basemapHasRoads, BASEMAP_BUILDING_LAYER_ID, BASEMAP_DISTRICT_LABEL_LAYER_ID, BASEMAP_ROAD_LABEL_LAYER_ID, addLayersBelowLabels, hideLayer, initialStyle, isAppStyle, makeBasemapFallback, makeBasemapNoteControl } from './basemap.ts';
import * as pinLayer from './layers/pins.ts';
import { addPlaceSearch } from './place-search-control.tsx';


export interface MapViewProps {
  basemapStyleUrl: string | null;
  areaBbox: Bbox | null;
  view: MapViewState | null;
  onViewChange: (view: MapViewState) => void;
  districts: DistrictCollection | undefined;
  streets: StreetCollection | undefined;
  bases: BaseCollection | undefined;
  pins: PinCollection | undefined;
  categories: Category[];
  lang: Lang;
  t: Messages;
  loadReport: (id: string, signal: AbortSignal) => Promise<Report>;
  onBasemapError: (detail: string) => void;
  /** Called once with the map after it is created, for features that add their own layers (e.g. routes). */
  onMap?: (map: MapLibreMap) => void;
  /** Called when the map has first drawn everything it has (data-ready turns true). */
  onReady?: () => void;
}

useBundledWorker();
// Start MapLibre's worker (a 120 KB download, then its parse) as soon as this chunk runs, not when
// the map is made after the page's config has come: the style and tiles are loaded by the worker.
prewarm();

/** Room around the area when framing it, in px; the top leaves space for district names drawn above their boundary. */
const FRAME_PADDING = { top: 64, bottom: 24, left: 24, right: 24 };

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

/** Our sources' data when the style loads (absent: still loading), keyed by source id. */
type SourceData = Partial<Record<string, FeatureCollection>>;

/** Adds our sources, each with the data already at hand (no empty source filled a moment later), and layers. */
function addOurLayers(map: MapLibreMap, categories: Category[], data: SourceData) {
  const geojson = (id: string): GeoJSONSourceSpecification => ({ type: 'geojson', data: data[id] ?? EMPTY });
  map.addSource(districtLayer.DISTRICTS_SOURCE_ID, geojson(districtLayer.DISTRICTS_SOURCE_ID));
  map.addSource(streetLayer.STREETS_SOURCE_ID, geojson(streetLayer.STREETS_SOURCE_ID));
  map.addSource(pinLayer.PINS_SOURCE_ID, { ...pinLayer.pinSourceSpec, data: data[pinLayer.PINS_SOURCE_ID] ?? EMPTY });
  map.addSource(baseLayer.BASES_SOURCE_ID, geojson(baseLayer.BASES_SOURCE_ID));
  // Bases sit above single pins but under the clusters: a cluster over a base keeps its count
  // readable (zooming in splits it and shows the base).
  const pins = pinLayer.pinLayers(categories);
  const points = pins.filter((l) => l.id === pinLayer.POINT_LAYER_ID);
  const clusters = pins.filter((l) => l.id !== pinLayer.POINT_LAYER_ID);
  const layers = [...districtLayer.districtLayers, ...streetLayer.streetLayers, ...points, ...baseLayer.baseLayers, ...clusters];
  addLayersBelowLabels(map, layers);
  // District names are HTML labels here (with their notes); the roads come from the basemap, so
  // the network's grey lines would only double them (its unlit ways stay marked).
  hideLayer(map, BASEMAP_DISTRICT_LABEL_LAYER_ID);
  if (isAppStyle(map) && basemapHasRoads(map)) hideLayer(map, streetLayer.STREET_LAYER_ID);
}

function setSourceData(map: MapLibreMap, id: string, data: FeatureCollection) {
  (map.getSource(id) as GeoJSONSource | undefined)?.setData(data);
}

/**
 * Hands each source its data once per style: the API answer last given to a source is kept, so the
 * effects that follow a style load do not send the worker the data the source was made with (each
 * setData re-tiles the source and draws again, half a second a time on a slow phone).
 */
function makeSourceFeeder(map: MapLibreMap) {
  const given = new Map<string, unknown>();
  return {
    /** The data for the sources of a style about to get them; the feeder starts over. */
    initial(inputs: { id: string; raw: unknown; toFeatures: () => FeatureCollection }[]): SourceData {
      given.clear();
      const data: SourceData = {};
      for (const { id, raw, toFeatures } of inputs) if (raw) (given.set(id, raw), (data[id] = toFeatures()));
      return data;
    },
    /** Sends `raw` (as features) to the source unless it already holds it. */
    give<T>(id: string, raw: T | undefined, toFeatures: (raw: T) => FeatureCollection): void {
      if (!raw || given.get(id) === raw) return;
      given.set(id, raw);
      setSourceData(map, id, toFeatures(raw));
    },
  };
}

function currentView(map: MapLibreMap): MapViewState {
  const c = map.getCenter();
  return { zoom: map.getZoom(), lat: c.lat, lon: c.lng };
}

export function MapView(props: MapViewProps) {
  let container!: HTMLDivElement;
  const [map, setMap] = createSignal<MapLibreMap>();
  let feeder: ReturnType<typeof makeSourceFeeder> | undefined;
  /** Bumped on every style load; 0 until our sources exist. */
  const [styleEpoch, setStyleEpoch] = createSignal(0);
  const [isReady, setReady] = createSignal(false);
  const [rendered, setRendered] = createSignal({ clusters: 0, points: 0, roadLabels: '', buildings: 0 });
  let hasFramedView = props.view !== null;
  let closePopup: (() => void) | undefined;

  onMount(() => {
    const initial = props.view;
    const usesBasemap = props.basemapStyleUrl !== null;
    const m = new MapLibreMap({
      container,
      style: initialStyle(props.basemapStyleUrl),
      ...(initial ? { center: [initial.lon, initial.lat] as [number, number], zoom: initial.zoom } : {}),
      ...(!initial && props.areaBbox ? { bounds: props.areaBbox, fitBoundsOptions: { padding: FRAME_PADDING } } : {}),
      attributionControl: false,
      maxZoom: 19,
      // Labels appear at once instead of fading in: a fade is 300 ms of frames after every tile,
      // and a slow phone takes longer than that to draw one frame.
      fadeDuration: 0,
      // The styles are the app's own or the configured basemap's: checking them against the style
      // spec costs ≈ 70 ms of a slow phone's main thread before the first frame.
      validateStyle: false,
    });
    bindControlLanguage(m, () => props.lang);
    m.addControl(new AttributionControl({ customAttribution: ATTRIBUTION_HTML }), 'bottom-right');
    m.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    addPlaceSearch(m, { lang: () => props.lang });
    m.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-left');
    const stopCountImages = makeCountImages(m);

    feeder = makeSourceFeeder(m);
    m.on('style.load', () => {
      const data = feeder!.initial([
        { id: districtLayer.DISTRICTS_SOURCE_ID, raw: props.districts, toFeatures: () => districtLayer.toFeatureCollection(props.districts!) },
        { id: streetLayer.STREETS_SOURCE_ID, raw: props.streets, toFeatures: () => streetLayer.toFeatureCollection(props.streets!) },
        { id: baseLayer.BASES_SOURCE_ID, raw: props.bases, toFeatures: () => baseLayer.toFeatureCollection(props.bases!) },
        { id: pinLayer.PINS_SOURCE_ID, raw: props.pins, toFeatures: () => pinLayer.toFeatureCollection(props.pins!) },
      ]);
      addOurLayers(m, props.categories, data);
      setStyleEpoch((n) => n + 1);
    });
    // A basemap that cannot load (offline, wrong URL) falls back: online → the app's style → a background.
    const stopFallback = makeBasemapFallback(m, { isOnline: usesBasemap, onFallback: props.onBasemapError });
    const stopNote = makeBasemapNoteControl(m, () => props.lang);
    m.on('error', (e) => console.error('MapLibre error', e.error));
    m.on('moveend', () => props.onViewChange(currentView(m)));
    // Rendered counts on the container, for people debugging and for the browser test: in a task of
    // their own after the map reports itself drawn (four queryRenderedFeatures take ≈ 250 ms of a
    // slow phone's main thread, which data-ready need not wait for).
    let countTimer: ReturnType<typeof setTimeout> | undefined;
    const countRendered = () => {
      const count = (layer: string) => (m.getLayer(layer) ? m.queryRenderedFeatures({ layers: [layer] }).length : 0);
      const basemap = (layer: string) => (m.getLayer(layer) ? m.queryRenderedFeatures({ layers: [layer] }) : []);
      const roadLabels = [...new Set(basemap(BASEMAP_ROAD_LABEL_LAYER_ID).map((f) => String(f.properties.name)))].sort().join('|');
      setRendered({ clusters: count(pinLayer.CLUSTER_LAYER_ID), points: count(pinLayer.POINT_LAYER_ID), roadLabels, buildings: basemap(BASEMAP_BUILDING_LAYER_ID).length });
    };
    m.on('idle', () => {
      if (styleEpoch() > 0 && !isReady()) (setReady(true), props.onReady?.());
      clearTimeout(countTimer);
      countTimer = setTimeout(countRendered, 0);
    });
    onCleanup(() => clearTimeout(countTimer));

    m.on('click', pinLayer.CLUSTER_LAYER_ID, (e) => {
      const f = e.features?.[0] as MapGeoJSONFeature | undefined;
      const clusterId = f?.properties.cluster_id as number | undefined;
      if (!f || clusterId === undefined || f.geometry.type !== 'Point') return;
      const center = f.geometry.coordinates as [number, number];
      const source = m.getSource(pinLayer.PINS_SOURCE_ID) as GeoJSONSource;
      void source.getClusterExpansionZoom(clusterId).then((zoom) => m.easeTo({ center, zoom: zoom + 0.2 }));
    });
    m.on('click', pinLayer.POINT_LAYER_ID, (e) => {
      const f = e.features?.[0];
      if (!f || f.geometry.type !== 'Point') return;
      const id = typeof f.properties.id === 'string' && f.properties.id ? f.properties.id : null;
      const at = f.geometry.coordinates as [number, number];
      // A masked pin (public map) has no id: the card shows what the pin itself carries.
      const masked = (): Promise<Report> =>
        Promise.resolve({
          id: '', category: String(f.properties.category), lat: at[1], lon: at[0], cell: String(f.properties.cell ?? ''), district: '',
          observedFrom: String(f.properties.observedTo), observedTo: String(f.properties.observedTo), description: null, source: '', status: '', createdAt: '',
        });
      closePopup?.();
      closePopup = makeReportPopup(m, at, id ?? '', () => ({
        loadReport: id ? props.loadReport : masked,
        lang: props.lang,
        t: props.t,
        categoryLabel: (code) => props.categories.find((c) => c.code === code)?.[props.lang] ?? code,
        categoryColor: (code) => props.categories.find((c) => c.code === code)?.color ?? pinLayer.FALLBACK_PIN_COLOR,
        districtName: (id) => props.districts?.features.find((d) => d.properties.id === id)?.properties.name ?? id,
      }), id === null);
    });
    for (const layer of [pinLayer.CLUSTER_LAYER_ID, pinLayer.POINT_LAYER_ID]) {
      m.on('mouseenter', layer, () => (m.getCanvas().style.cursor = 'pointer'));
      m.on('mouseleave', layer, () => (m.getCanvas().style.cursor = ''));
    }

    setMap(m);
    props.onMap?.(m);
    onCleanup(() => {
      stopCountImages();
      stopFallback();
      stopNote();
      m.remove();
    });
  });

  // One effect per concern: each data set goes into its source once the style has our sources.
  createEffect(() => {
    if (!map() || styleEpoch() === 0) return;
    feeder?.give(districtLayer.DISTRICTS_SOURCE_ID, props.districts, districtLayer.toFeatureCollection);
  });
  createEffect(() => {
    if (!map() || styleEpoch() === 0) return;
    feeder?.give(streetLayer.STREETS_SOURCE_ID, props.streets, streetLayer.toFeatureCollection);
  });
  createEffect(() => {
    if (!map() || styleEpoch() === 0) return;
    feeder?.give(baseLayer.BASES_SOURCE_ID, props.bases, baseLayer.toFeatureCollection);
  });
  createEffect(() => {
    if (!map() || styleEpoch() === 0) return;
    feeder?.give(pinLayer.PINS_SOURCE_ID, props.pins, pinLayer.toFeatureCollection);
  });
  createEffect(() => {
    const m = map();
    if (!m || styleEpoch() === 0) return;
    m.setPaintProperty(pinLayer.POINT_LAYER_ID, 'circle-color', pinLayer.categoryColorExpression(props.categories));
  });
  // District names as HTML markers.
  createEffect(() => {
    const m = map();
    const d = props.districts;
    if (!m || !d) return;
    onCleanup(makeDistrictLabels(m, d, () => ({ partialStreets: props.t.streetsPartialShort })));
  });
  // Frame the area once when the URL gave no view and the config had no bbox.
  createEffect(() => {
    const m = map();
    const d = props.districts;
    if (!m || !d || hasFramedView) return;
    hasFramedView = true;
    if (props.areaBbox) return;
    const bbox = districtLayer.districtsBbox(d);
    if (bbox) m.fitBounds(bbox, { padding: FRAME_PADDING, duration: 0 });
  });
  // URL → map (back/forward, edited links). Map → URL goes through moveend.
  createEffect(
    on(
      () => props.view,
      (view) => {
        const m = map();
        if (!m || !view || sameView(view, currentView(m))) return;
        m.jumpTo({ center: [view.lon, view.lat], zoom: view.zoom });
      },
    ),
  );

  return (
    <div
      class="map-view"
      ref={container}
      role="region"
      aria-label={props.t.mapRegionLabel}
      data-testid="map"
      data-ready={isReady() ? 'true' : 'false'}
      data-clusters={rendered().clusters}
      data-points={rendered().points}
      data-road-labels={rendered().roadLabels}
      data-buildings={rendered().buildings}
    />
  );
}
