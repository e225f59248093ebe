// The analytics view's map (the view replaces the pin map, so one map lives on the page):
// districts, the heat or hotspot hexagons, a selected cell; reports the zoom's H3 resolution
// and clicks on hexagons. Sources and layers are added once per style load, then only setData.
import { createEffect, createSignal, onCleanup, onMount } from 'solid-js';
import { Map as MapLibreMap, NavigationControl, ScaleControl, AttributionControl } from 'maplibre-gl';
import type { GeoJSONSource, MapLayerMouseEvent } from 'maplibre-gl';
import type { FeatureCollection } from 'geojson';
import { cellToLatLng } from 'h3-js';
import 'maplibre-gl/dist/maplibre-gl.css';
import type { Bbox, DistrictCollection } from '../api/types.ts';
import { bindControlLanguage } from './control-language.ts';
import { addLayersBelowLabels, initialStyle, makeBasemapFallback } from './basemap.ts';
import { useBundledWorker } from './worker-url.ts';
import * as districtLayer from './layers/districts.ts';
import * as heat from './layers/heat-hexagons.ts';
import * as hot from './layers/heat-hotspots.ts';
import * as desoLayer from './layers/deso-choropleth.ts';
import type { HeatCell, HotspotCell } from '../analytics/analytics-api.ts';
import type { Lang } from '../i18n/messages.ts';
import { addPlaceSearch } from './place-search-control.tsx';

useBundledWorker();

/** H3 resolution for a zoom level: hexagons stay roughly 10–40 px across. */
export function resolutionForZoom(zoom: number): 8 | 9 | 10 {
  if (zoom < 13) return 8;
  if (zoom < 14.8) return 9;
  return 10;
}

export interface AnalyticsMapProps {
  basemapStyleUrl: string | null;
  areaBbox: Bbox | null;
  districts: DistrictCollection | undefined;
  mode: 'heat' | 'hotspots';
  heatCells: HeatCell[];
  hotspotCells: HotspotCell[];
  /** The DeSO choropleth; when given it replaces the hexagons. */
  deso: FeatureCollection | null;
  scaleTop: number;
  selectedCell: string | null;
  attribution: string[];
  label: string;
  onResolution: (res: 8 | 9 | 10) => void;
  onCellClick: (cell: string) => void;
  onMap?: (map: MapLibreMap) => void;
  lang?: Lang;
}

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

export function AnalyticsMap(props: AnalyticsMapProps) {
  let container!: HTMLDivElement;
  const [map, setMap] = createSignal<MapLibreMap>();
  const [epoch, setEpoch] = createSignal(0);
  const [isIdle, setIdle] = createSignal(false);
  const [rendered, setRendered] = createSignal(0);
  /** The heaviest drawn hexagon and its screen point, for people debugging and for the browser test. */
  const [probe, setProbe] = createSignal('');

  onMount(() => {
    const m = new MapLibreMap({
      container,
      style: initialStyle(props.basemapStyleUrl),
      ...(props.areaBbox ? { bounds: props.areaBbox, fitBoundsOptions: { padding: 24 } } : { center: [15.58, 58.41] as [number, number], zoom: 12 }),
      attributionControl: false,
      maxZoom: 18,
      canvasContextAttributes: { preserveDrawingBuffer: true }, // lets the PNG export read the canvas
    });
    bindControlLanguage(m, () => props.lang ?? 'sv');
    m.addControl(new AttributionControl({ customAttribution: props.attribution }), 'bottom-right');
    m.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    addPlaceSearch(m, { lang: () => props.lang ?? 'sv' });
    m.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-left');
    m.on('style.load', () => {
      m.addSource(districtLayer.DISTRICTS_SOURCE_ID, { type: 'geojson', data: EMPTY });
      m.addSource(heat.HEAT_SOURCE_ID, { type: 'geojson', data: EMPTY });
      m.addSource(hot.HOTSPOT_SOURCE_ID, { type: 'geojson', data: EMPTY });
      m.addSource(desoLayer.DESO_SOURCE_ID, { type: 'geojson', data: EMPTY });
      addLayersBelowLabels(m, [...desoLayer.desoLayers, ...districtLayer.districtLayers.filter((l) => l.type !== 'fill'), ...heat.heatLayers, ...hot.hotspotLayers]);
      setEpoch((n) => n + 1);
    });
    const emitRes = () => props.onResolution(resolutionForZoom(m.getZoom()));
    m.on('load', emitRes);
    m.on('zoomend', emitRes);
    m.on('movestart', () => setIdle(false));
    m.on('idle', () => {
      const layer = props.mode === 'heat' ? heat.HEAT_FILL_LAYER_ID : hot.HOTSPOT_FILL_LAYER_ID;
      const features = m.getLayer(layer) ? m.queryRenderedFeatures({ layers: [layer] }) : [];
      setRendered(features.length);
      const top = props.heatCells.find((c) => features.some((f) => f.properties?.cell === c.cell));
      if (top) {
        const [lat, lng] = cellToLatLng(top.cell);
        const p = m.project([lng, lat]);
        setProbe(`${top.cell}@${Math.round(p.x)},${Math.round(p.y)}`);
      } else setProbe('');
      setIdle(epoch() > 0);
    });
    const click = (e: MapLayerMouseEvent) => {
      const cell = e.features?.[0]?.properties?.cell as string | undefined;
      if (cell) props.onCellClick(cell);
    };
    for (const layer of [heat.HEAT_FILL_LAYER_ID, hot.HOTSPOT_FILL_LAYER_ID]) {
      m.on('click', layer, click);
      m.on('mouseenter', layer, () => (m.getCanvas().style.cursor = 'pointer'));
      m.on('mouseleave', layer, () => (m.getCanvas().style.cursor = ''));
    }
    const stopFallback = makeBasemapFallback(m, { isOnline: props.basemapStyleUrl !== null });
    setMap(m);
    props.onMap?.(m);
    onCleanup(() => {
      stopFallback();
      m.remove();
    });
  });

  const setData = (id: string, data: FeatureCollection) => (map()?.getSource(id) as GeoJSONSource | undefined)?.setData(data);
  let isFramed = false;
  createEffect(() => {
    if (epoch() === 0 || !props.districts) return;
    setData(districtLayer.DISTRICTS_SOURCE_ID, districtLayer.toFeatureCollection(props.districts));
    // Frame all districts once, whatever size the container had when the map was created.
    const bbox = districtLayer.districtsBbox(props.districts);
    if (!isFramed && bbox) map()?.fitBounds(bbox, { padding: { top: 40, bottom: 30, left: 230, right: 40 }, duration: 0 });
    isFramed = true;
  });
  createEffect(() => {
    if (epoch() === 0) return;
    setIdle(false);
    setData(heat.HEAT_SOURCE_ID, props.mode === 'heat' && !props.deso ? heat.toFeatureCollection(props.heatCells, props.scaleTop) : EMPTY);
  });
  createEffect(() => {
    if (epoch() === 0) return;
    setIdle(false);
    setData(hot.HOTSPOT_SOURCE_ID, props.mode === 'hotspots' && !props.deso ? hot.toFeatureCollection(props.hotspotCells) : EMPTY);
  });
  createEffect(() => {
    if (epoch() === 0) return;
    setData(desoLayer.DESO_SOURCE_ID, props.deso ?? EMPTY);
  });
  createEffect(() => {
    const m = map();
    if (!m || epoch() === 0) return;
    m.setFilter(heat.HEAT_SELECTED_LAYER_ID, ['==', ['get', 'cell'], props.selectedCell ?? '']);
  });

  return (
    <div
      class="map-view analytics-map"
      ref={container}
      role="region"
      aria-label={props.label}
      data-testid="analytics-map"
      data-ready={isIdle() ? 'true' : 'false'}
      data-rendered={rendered()}
      data-probe={probe()}
      data-cells={props.mode === 'heat' ? props.heatCells.length : props.hotspotCells.filter((c) => c.class !== 0).length}
      data-deso-areas={props.deso?.features.length ?? 0}
      data-signature={props.heatCells.slice(0, 5).map((c) => `${c.cell}:${c.weight.toFixed(3)}`).join('|')}
    />
  );
}
