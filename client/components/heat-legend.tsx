// Legend of the analytics map: the heat colour steps with their weights, or the Gi* classes.
import { For, Show } from 'solid-js';
import { HEAT_COLORS } from '../map/layers/heat-hexagons.ts';
import { HOTSPOT_COLORS } from '../map/layers/heat-hotspots.ts';
import type { AnalyticsMessages } from '../i18n/analytics-sv.ts';

export interface HeatLegendProps {
  mode: 'heat' | 'hotspots';
  scaleTop: number;
  isHeld: boolean;
  t: AnalyticsMessages;
}

export function HeatLegend(props: HeatLegendProps) {
  return (
    <div class="heat-legend" data-testid="heat-legend">
      <Show
        when={props.mode === 'heat'}
        fallback={
          <ul>
            <For each={[3, 2, 1, -1, -2, -3]}>
              {(c) => (
                <li>
                  <span class="swatch" style={{ background: HOTSPOT_COLORS[String(c)] }} />
                  {c > 0 ? props.t.legendHot([90, 95, 99][c - 1]!) : props.t.legendCold([90, 95, 99][-c - 1]!)}
                </li>
              )}
            </For>
            <li>
              <span class="swatch" style={{ background: 'transparent', border: '1px solid #999' }} />
              {props.t.legendNotSig}
            </li>
          </ul>
        }
      >
        <p>
          {props.t.legendHeat}
          {props.isHeld ? ' 🔒' : ''}
        </p>
        <ul class="heat-legend__steps">
          <For each={[...HEAT_COLORS]}>
            {(color, i) => (
              <li>
                <span class="swatch" style={{ background: color }} />
                {`${((props.scaleTop * i()) / 5).toFixed(1)}–${i() === 4 ? '' : ((props.scaleTop * (i() + 1)) / 5).toFixed(1)}`}
              </li>
            )}
          </For>
        </ul>
      </Show>
    </div>
  );
}
