// The hot spots of the analytics view as a list of places (the server names each cell's centre as
// the lägesbild does): strongest first, each a button that selects its hexagon on the map.
import { For, Show } from 'solid-js';
import { HOTSPOT_COLORS } from '../map/layers/heat-hotspots.ts';
import type { AnalyticsMessages } from '../i18n/analytics-sv.ts';
import { topHotspots, type HotspotListCell } from '../analytics/top-hotspots.ts';

export interface HotspotListProps {
  cells: readonly HotspotListCell[];
  selected: string | null;
  onSelect: (cell: string) => void;
  t: AnalyticsMessages;
  limit?: number;
}

export function HotspotList(props: HotspotListProps) {
  const top = () => topHotspots(props.cells, props.limit ?? 10);
  return (
    <section class="hotspot-list" data-testid="hotspot-list" aria-labelledby="hotspot-list-heading">
      <h3 id="hotspot-list-heading">{props.t.hotspotListHeading}</h3>
      <Show when={top().length} fallback={<p class="hint">{props.t.hotspotListNone}</p>}>
        <ol>
          <For each={top()}>
            {(c) => (
              <li>
                <button type="button" class="hotspot-list__item" aria-pressed={props.selected === c.cell} onClick={() => props.onSelect(c.cell)}>
                  <span class="swatch" style={{ background: HOTSPOT_COLORS[String(c.class)] }} aria-hidden="true" />
                  <span class="hotspot-list__place">{c.place}</span>
                  <span class="hotspot-list__level">{props.t.legendHot([90, 95, 99][c.class - 1]!)}</span>
                </button>
              </li>
            )}
          </For>
        </ol>
      </Show>
    </section>
  );
}
