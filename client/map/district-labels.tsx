// District names as HTML markers (MapLibre symbol text would need glyph PBFs, which we do not have offline).
import { Marker } from 'maplibre-gl';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { Show } from 'solid-js';
import type { DistrictCollection } from '../api/types.ts';
import { labelPosition } from './layers/districts.ts';
import { hasPartialStreets } from '../state/coverage.ts';

export interface DistrictLabelNotes {
  partialStreets: string;
}

/** Adds one label per district; call inside a reactive owner so the notes follow the language. Returns the cleanup. */
export function makeDistrictLabels(map: MapLibreMap, districts: DistrictCollection, notes: () => DistrictLabelNotes): () => void {
  const markers = districts.features.map((f) => {
    const el = (
      <div class="district-label" data-testid="district-label" data-district={f.properties.id}>
        <span class="district-label__name">{f.properties.name}</span>
        <Show when={hasPartialStreets(f.properties)}>
          <span class="district-label__note district-label__note--warn">{notes().partialStreets}</span>
        </Show>
      </div>
    ) as HTMLElement;
    return new Marker({ element: el, anchor: 'bottom', offset: [0, -4] }).setLngLat(labelPosition(f)).addTo(map);
  });
  return () => markers.forEach((m) => m.remove());
}
