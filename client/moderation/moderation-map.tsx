// A small map for one report under moderation: its exact point and its duplicate suggestions.
import { createEffect, onCleanup, onMount } from 'solid-js';
import { Marker, type Map as MapLibreMap } from 'maplibre-gl';
import type { GeoJSONSource } from 'maplibre-gl';
import type { DistrictCollection } from '../api/types.ts';
import { addLayersBelowLabels } from '../map/basemap.ts';
import { makeAppMap } from '../map/app-map.ts';
import * as districtLayer from '../map/layers/districts.ts';
import type { QueueItem } from './moderation-api.ts';
import type { Lang } from '../i18n/messages.ts';


export function ModerationMap(props: { item: QueueItem | null; districts: DistrictCollection | undefined; label: string; lang?: Lang }) {
  let container!: HTMLDivElement;
  let map: MapLibreMap | undefined;
  let markers: Marker[] = [];
  let loaded = false;

  onMount(() => {
    const made = makeAppMap({ container, lang: () => props.lang ?? 'sv', center: [15.6, 58.41], zoom: 12, compactAttribution: true });
    map = made.map;
    map.on('load', () => {
      map!.addSource(districtLayer.DISTRICTS_SOURCE_ID, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
      addLayersBelowLabels(map!, districtLayer.districtLayers);
      loaded = true;
      draw();
    });
    onCleanup(made.dispose);
  });

  function draw() {
    if (!map || !loaded) return;
    if (props.districts) (map.getSource(districtLayer.DISTRICTS_SOURCE_ID) as GeoJSONSource | undefined)?.setData(districtLayer.toFeatureCollection(props.districts));
    for (const m of markers) m.remove();
    markers = [];
    const item = props.item;
    if (!item) return;
    markers.push(new Marker({ color: '#c2410c' }).setLngLat([item.lon, item.lat]).addTo(map));
    for (const d of item.duplicates) markers.push(new Marker({ color: '#7c2d92', scale: 0.75 }).setLngLat([d.report.lon, d.report.lat]).addTo(map));
    map.easeTo({ center: [item.lon, item.lat], zoom: 16.5, duration: 0 });
  }

  createEffect(() => {
    void props.item;
    void props.districts;
    draw();
  });

  return <div ref={container} class="moderation-map" role="region" aria-label={props.label} />;
}
