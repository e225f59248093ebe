// The residents' map: districts and streets for orientation (offline), the residents' clustered
// pins, and — when picking — a marker where the resident tapped. Created once; data via setData.
import { createEffect, onCleanup, onMount } from 'solid-js';
import { AttributionControl, Map as MapLibreMap, Marker, NavigationControl, Popup } from 'maplibre-gl';
import type { GeoJSONSource, MapGeoJSONFeature } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import type { Category, DistrictCollection, StreetCollection } from '../api/types.ts';
import { ATTRIBUTION_HTML } from '../map/attribution.ts';
import { bindControlLanguage } from '../map/control-language.ts';
import { addLayersBelowLabels, basemapHasRoads, initialStyle, isAppStyle, hideLayer, makeBasemapFallback, makeBasemapNoteControl } from '../map/basemap.ts';
import { useBundledWorker } from '../map/worker-url.ts';
import * as districtLayer from '../map/layers/districts.ts';
import * as streetLayer from '../map/layers/streets.ts';
import * as residentLayer from '../map/layers/resident-pins.ts';
import type { ResidentPinCollection, ResidentPinProps } from '../map/layers/resident-pins.ts';
import { addPlaceSearch } from '../map/place-search-control.tsx';
import { formatWindow, type ReportLang, type ReportMessages } from './report-messages.ts';

useBundledWorker();

export interface ReportMapProps {
  districts: DistrictCollection | undefined;
  streets: StreetCollection | undefined;
  pins: ResidentPinCollection | undefined;
  categories: Category[];
  place: { lat: number; lon: number } | null;
  onPick: (place: { lat: number; lon: number }) => void;
  /** Gives the parent a way to read the map centre and fly somewhere. */
  onReady: (api: { centre: () => { lat: number; lon: number }; flyTo: (p: { lat: number; lon: number }) => void }) => void;
  lang: ReportLang;
  t: ReportMessages;
}

/** Linköping's three districts, before the district polygons arrive. */
const AREA_BOUNDS: [number, number, number, number] = [15.54, 58.38, 15.66, 58.44];

/** The popup's content, built with textContent only (no HTML from reports reaches the page). */
export function pinPopupContent(p: ResidentPinProps, categoryLabel: string, lang: ReportLang, t: ReportMessages): HTMLElement {
  const root = document.createElement('div');
  root.className = 'resident-popup';
  root.dataset.testid = 'resident-popup';
  const add = (tag: string, cls: string, text: string) => {
    const el = document.createElement(tag);
    el.className = cls;
    el.textContent = text;
    root.append(el);
    return el;
  };
  add('h3', 'resident-popup__title', categoryLabel);
  add('p', 'resident-popup__time', `${t.time}: ${formatWindow(p.observedFrom, p.observedTo, lang)}`);
  add('p', `resident-popup__status status--${p.status}`, t.statuses[p.status] ?? p.status);
  add('p', 'resident-popup__text', p.description ?? t.notYetReviewed).classList.toggle('is-muted', !p.description);
  if (p.publicNote) add('p', 'resident-popup__note', `${t.publicNote}: ${p.publicNote}`);
  return root;
}

export function ReportMap(props: ReportMapProps) {
  let container!: HTMLDivElement;
  let map: MapLibreMap | undefined;
  let marker: Marker | undefined;
  let isLoaded = false;

  const setData = (id: string, data: GeoJSON.FeatureCollection) => (map?.getSource(id) as GeoJSONSource | undefined)?.setData(data);

  onMount(() => {
    const m = new MapLibreMap({ container, style: initialStyle(null), bounds: AREA_BOUNDS, attributionControl: false, maxZoom: 19 });
    bindControlLanguage(m, () => props.lang);
    map = m;
    m.addControl(new AttributionControl({ compact: true, customAttribution: ATTRIBUTION_HTML }), 'bottom-right');
    m.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    // A resident may type an address instead of tapping: the chosen place becomes the report's point.
    addPlaceSearch(m, { lang: () => props.lang, mark: false, onPick: (p) => props.onPick({ lon: p.geometry.coordinates[0], lat: p.geometry.coordinates[1] }) });
    m.getCanvas().setAttribute('aria-label', props.t.mapLabel);
    m.on('load', () => {
      m.addSource(districtLayer.DISTRICTS_SOURCE_ID, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
      m.addSource(streetLayer.STREETS_SOURCE_ID, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
      m.addSource(residentLayer.RESIDENT_PINS_SOURCE_ID, residentLayer.residentSourceSpec);
      addLayersBelowLabels(m, [...districtLayer.districtLayers, ...streetLayer.streetLayers, ...residentLayer.residentLayers]);
      if (isAppStyle(m) && basemapHasRoads(m)) hideLayer(m, streetLayer.STREET_LAYER_ID); // the basemap draws the streets
      isLoaded = true;
      pushData();
      container.dataset.ready = 'true';
    });
    m.on('click', (e) => {
      const hit = m.queryRenderedFeatures(e.point, { layers: [residentLayer.RESIDENT_POINT_LAYER_ID, residentLayer.RESIDENT_CLUSTER_LAYER_ID] });
      if (hit.length) return; // a pin or cluster: its own handler
      props.onPick({ lat: e.lngLat.lat, lon: e.lngLat.lng });
    });
    m.on('click', residentLayer.RESIDENT_CLUSTER_LAYER_ID, (e) => {
      const f = e.features?.[0] as MapGeoJSONFeature | undefined;
      const clusterId = f?.properties.cluster_id as number | undefined;
      if (!f || clusterId === undefined || f.geometry.type !== 'Point') return;
      const center = f.geometry.coordinates as [number, number];
      void (m.getSource(residentLayer.RESIDENT_PINS_SOURCE_ID) as GeoJSONSource).getClusterExpansionZoom(clusterId).then((zoom) => m.easeTo({ center, zoom: zoom + 0.2 }));
    });
    m.on('click', residentLayer.RESIDENT_POINT_LAYER_ID, (e) => {
      const f = e.features?.[0];
      if (!f || f.geometry.type !== 'Point') return;
      const p = f.properties as ResidentPinProps;
      const label = props.categories.find((c) => c.code === p.category)?.[props.lang] ?? p.category;
      new Popup({ maxWidth: '300px', focusAfterOpen: true }).setLngLat(f.geometry.coordinates as [number, number]).setDOMContent(pinPopupContent(p, label, props.lang, props.t)).addTo(m);
    });
    for (const layer of [residentLayer.RESIDENT_POINT_LAYER_ID, residentLayer.RESIDENT_CLUSTER_LAYER_ID]) {
      m.on('mouseenter', layer, () => (m.getCanvas().style.cursor = 'pointer'));
      m.on('mouseleave', layer, () => (m.getCanvas().style.cursor = ''));
    }
    props.onReady({
      centre: () => ({ lat: m.getCenter().lat, lon: m.getCenter().lng }),
      flyTo: (p) => m.easeTo({ center: [p.lon, p.lat], zoom: Math.max(m.getZoom(), 16) }),
    });
    const stopFallback = makeBasemapFallback(m, { isOnline: false });
    const stopNote = makeBasemapNoteControl(m, () => props.lang);
    onCleanup(() => {
      stopFallback();
      stopNote();
      m.remove();
    });
  });

  function pushData() {
    if (!isLoaded) return;
    if (props.districts) setData(districtLayer.DISTRICTS_SOURCE_ID, districtLayer.toFeatureCollection(props.districts));
    if (props.streets) setData(streetLayer.STREETS_SOURCE_ID, streetLayer.toFeatureCollection(props.streets));
    if (props.pins) setData(residentLayer.RESIDENT_PINS_SOURCE_ID, residentLayer.toFeatureCollection(props.pins));
  }

  // One effect per concern.
  createEffect(() => {
    void props.districts;
    void props.streets;
    void props.pins;
    pushData();
  });
  createEffect(() => {
    const p = props.place;
    if (!map) return;
    if (!p) {
      marker?.remove();
      marker = undefined;
      return;
    }
    marker ??= new Marker({ color: '#c2410c', draggable: true }).setLngLat([p.lon, p.lat]).addTo(map);
    marker.setLngLat([p.lon, p.lat]);
    marker.off('dragend', onDrag);
    marker.on('dragend', onDrag);
  });
  const onDrag = () => {
    const ll = marker?.getLngLat();
    if (ll) props.onPick({ lat: ll.lat, lon: ll.lng });
  };

  return <div ref={container} class="report-map" data-testid="report-map" role="application" aria-label={props.t.mapLabel} />;
}
