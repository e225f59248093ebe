// Filters for the residents' pin layer: recency (7/30/90 days), status (closed off by default), category.
import { For } from 'solid-js';
import type { Category } from '../api/types.ts';
import { PUBLIC_STATUSES, RECENCIES, type PublicStatus, type Recency, type ResidentFilters } from '../map/layers/resident-pins.ts';
import type { ReportLang, ReportMessages } from './report-messages.ts';

export function ResidentFilterBar(props: { filters: ResidentFilters; categories: Category[]; lang: ReportLang; t: ReportMessages; onChange: (f: ResidentFilters) => void }) {
  const toggleStatus = (s: PublicStatus, on: boolean) => {
    const next = on ? [...props.filters.statuses, s] : props.filters.statuses.filter((x) => x !== s);
    props.onChange({ ...props.filters, statuses: PUBLIC_STATUSES.filter((x) => next.includes(x)) });
  };
  return (
    <div class="resident-filters" role="group" aria-label={props.t.filters} data-testid="resident-filters">
      <label class="resident-filters__item">
        <span class="visually-hidden">{props.t.filters}</span>
        <select value={String(props.filters.days)} onChange={(e) => props.onChange({ ...props.filters, days: Number(e.currentTarget.value) as Recency })}>
          <For each={RECENCIES}>{(d) => <option value={String(d)}>{props.t.days(d)}</option>}</For>
        </select>
      </label>
      <label class="resident-filters__item">
        <span class="visually-hidden">{props.t.categoriesLabel}</span>
        <select value={props.filters.categories[0] ?? ''} onChange={(e) => props.onChange({ ...props.filters, categories: e.currentTarget.value ? [e.currentTarget.value] : [] })}>
          <option value="">{props.t.allCategories}</option>
          <For each={props.categories}>{(c) => <option value={c.code}>{c[props.lang]}</option>}</For>
        </select>
      </label>
      <fieldset class="resident-filters__statuses">
        <legend class="visually-hidden">{props.t.statusLabel}</legend>
        <For each={PUBLIC_STATUSES}>
          {(s) => (
            <label class="choice choice--inline">
              <input type="checkbox" checked={props.filters.statuses.includes(s)} onChange={(e) => toggleStatus(s, e.currentTarget.checked)} />
              {props.t.statuses[s]}
            </label>
          )}
        </For>
      </fieldset>
    </div>
  );
}
