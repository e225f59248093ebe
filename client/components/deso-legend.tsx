// Legend of the DeSO choropleth: reports per 1,000 residents in five steps of the largest
// comparable rate, and the grey, dashed areas whose numbers are too small to compare.
import { For } from 'solid-js';
import { DESO_COLORS } from '../map/layers/deso-choropleth.ts';
import type { AnalyticsMessages } from '../i18n/analytics-sv.ts';

export function DesoLegend(props: { top: number; t: AnalyticsMessages; locale: string }) {
  const fmt = (n: number) => n.toLocaleString(props.locale, { maximumFractionDigits: 1 });
  return (
    <div class="heat-legend" data-testid="deso-legend">
      <p>{props.t.ratePer1000Legend}</p>
      <ul class="heat-legend__steps">
        <For each={[...DESO_COLORS]}>
          {(color, i) => (
            <li>
              <span class="swatch" style={{ background: color }} />
              {`${fmt((props.top * i()) / 5)}–${i() === 4 ? '' : fmt((props.top * (i() + 1)) / 5)}`}
            </li>
          )}
        </For>
        <li>
          <span class="swatch" style={{ background: '#d4d4d4', border: '1px dashed #525252' }} />
          {props.t.rateTooSmall}
        </li>
      </ul>
    </div>
  );
}
