// The coverage page's map: districts, gap hexagons and presence outlines; one map, sources
// added once after load and updated with setData.
import { createEffect, onCleanup, onMount } from 'solid-js';
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import type { FeatureCollection } from 'geojson';
import type { DistrictCollection } from '../api/types.ts';
import { addLayersBelowLabels } from '../map/basemap.ts';
import { makeAppMap } from '../map/app-map.ts';
import * as districtLayer from '../map/layers/districts.ts';
import type { Lang } from '../i18n/messages.ts';
import { GAPS_SOURCE_ID, PRESENCE_SOURCE_ID, coverageLayers } from '../map/layers/coverage.ts';


const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

export function CoverageMap(props: { districts: DistrictCollection | undefined; gaps: FeatureCollection; presence: FeatureCollection; focus: [number, number] | null; label: string; lang?: Lang }) {
  let container!: HTMLDivElement;
  let map: MapLibreMap | undefined;
  let loaded = false;

  onMount(() => {
    const made = makeAppMap({ container, lang: () => props.lang ?? 'sv', center: [15.6, 58.41], zoom: 12 });
    map = made.map;
    map.on('load', () => {
      map!.addSource(districtLayer.DISTRICTS_SOURCE_ID, { type: 'geojson', data: EMPTY });
      addLayersBelowLabels(map!, districtLayer.districtLayers);
      map!.addSource(GAPS_SOURCE_ID, { type: 'geojson', data: EMPTY });
      map!.addSource(PRESENCE_SOURCE_ID, { type: 'geojson', data: EMPTY });
      addLayersBelowLabels(map!, coverageLayers);
      loaded = true;
      container.dataset.ready = 'true';
      draw();
    });
    onCleanup(made.dispose);
  });

  const source = (id: string) => map?.getSource(id) as GeoJSONSource | undefined;
  function draw() {
    if (!map || !loaded) return;
    if (props.districts) source(districtLayer.DISTRICTS_SOURCE_ID)?.setData(districtLayer.toFeatureCollection(props.districts));
    source(GAPS_SOURCE_ID)?.setData(props.gaps);
    source(PRESENCE_SOURCE_ID)?.setData(props.presence);
  }

  createEffect(() => {
    void props.districts;
    void props.gaps;
    void props.presence;
    draw();
  });
  createEffect(() => {
    const f = props.focus;
    if (f && map) map.easeTo({ center: f, zoom: 16, duration: 0 });
  });

  return <div ref={container} class="coverage-map" data-testid="coverage-map" role="region" aria-label={props.label} />;
}
