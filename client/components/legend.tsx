// The legend: what each symbol means, notes about missing streets, and the sources.
import { For, Show } from 'solid-js';
import type { Category, DistrictProps } from '../api/types.ts';
import type { Lang } from '../i18n/messages.ts';
import type { Messages } from '../i18n/sv.ts';
import { hasPartialStreets } from '../state/coverage.ts';

export interface LegendProps {
  categories: Category[];
  districts: DistrictProps[];
  /** Whether any street network is loaded at all; undefined while unknown. */
  hasStreets: boolean | undefined;
  attribution: string[];
  lang: Lang;
  t: Messages;
}

export function Legend(props: LegendProps) {
  const partial = () => props.districts.filter(hasPartialStreets);
  return (
    <section class="legend" aria-labelledby="legend-heading" data-testid="legend">
      <h2 id="legend-heading">{props.t.legendHeading}</h2>
      <ul class="legend__list">
        <li><span class="swatch swatch--line" aria-hidden="true" />{props.t.legendDistrict}</li>
        <li><span class="swatch swatch--street" aria-hidden="true" />{props.t.legendStreet}</li>
        <li><span class="swatch swatch--street swatch--unlit" aria-hidden="true" />{props.t.legendUnlit}</li>
        <li><span class="swatch swatch--base" aria-hidden="true" />{props.t.legendBase}</li>
        <li><span class="swatch swatch--cluster" aria-hidden="true">12</span>{props.t.legendCluster}</li>
      </ul>
      <ul class="legend__list legend__list--categories">
        <For each={props.categories}>
          {(c) => (
            <li><span class="swatch swatch--dot" style={{ background: c.color }} aria-hidden="true" />{c[props.lang]}</li>
          )}
        </For>
      </ul>
      <div class="legend__notes">
        <Show when={props.hasStreets === false} fallback={
          <For each={partial()}>{(d) => <p class="note note--warn" data-testid="streets-partial">{props.t.streetsMissing(d.name)}</p>}</For>
        }>
          <p class="note note--warn" data-testid="streets-missing">{props.t.streetsNotLoaded}</p>
        </Show>
      </div>
      <p class="legend__sources">
        {props.attribution.join(' · ')}
      </p>
    </section>
  );
}
