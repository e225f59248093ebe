// The intervention page's map: districts, logged interventions' cells, and the choice being made
// (click a cell to toggle it, or click corners to draw a polygon). One map, sources added once.
import { createEffect, onCleanup, onMount } from 'solid-js';
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import type { FeatureCollection } from 'geojson';
import type { DistrictCollection } from '../api/types.ts';
import type { Lang } from '../i18n/messages.ts';
import { addLayersBelowLabels } from '../map/basemap.ts';
import { makeAppMap } from '../map/app-map.ts';
import * as districtLayer from '../map/layers/districts.ts';
import { INTERVENTIONS_SOURCE_ID, SELECTION_SOURCE_ID, interventionLayers } from '../map/layers/interventions.ts';

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

export interface InterventionsMapProps {
  districts: DistrictCollection | undefined;
  interventions: FeatureCollection;
  selection: FeatureCollection;
  focus: [number, number] | null;
  label: string;
  lang: Lang;
  onClick: (lngLat: [number, number]) => void;
}

export function InterventionsMap(props: InterventionsMapProps) {
  let container!: HTMLDivElement;
  let map: MapLibreMap | undefined;
  let loaded = false;

  onMount(() => {
    const made = makeAppMap({ container, lang: () => props.lang, center: [15.6, 58.41], zoom: 12 });
    map = made.map;
    map.on('load', () => {
      map!.addSource(districtLayer.DISTRICTS_SOURCE_ID, { type: 'geojson', data: EMPTY });
      addLayersBelowLabels(map!, districtLayer.districtLayers);
      map!.addSource(INTERVENTIONS_SOURCE_ID, { type: 'geojson', data: EMPTY });
      map!.addSource(SELECTION_SOURCE_ID, { type: 'geojson', data: EMPTY });
      addLayersBelowLabels(map!, interventionLayers);
      loaded = true;
      container.dataset.ready = 'true';
      draw();
    });
    map.on('click', (e) => props.onClick([e.lngLat.lng, e.lngLat.lat]));
    onCleanup(made.dispose);
  });

  const source = (id: string) => map?.getSource(id) as GeoJSONSource | undefined;
  function draw() {
    if (!map || !loaded) return;
    if (props.districts) source(districtLayer.DISTRICTS_SOURCE_ID)?.setData(districtLayer.toFeatureCollection(props.districts));
    source(INTERVENTIONS_SOURCE_ID)?.setData(props.interventions);
    source(SELECTION_SOURCE_ID)?.setData(props.selection);
  }
  createEffect(() => {
    void props.districts;
    void props.interventions;
    void props.selection;
    draw();
  });
  createEffect(() => {
    const f = props.focus;
    if (f && map) map.easeTo({ center: f, zoom: 15, duration: 0 });
  });

  return <div ref={container} class="interventions-map" data-testid="interventions-map" role="region" aria-label={props.label} />;
}
