// Filters: districts and categories as checkbox facets (none checked = all) and an inclusive date range.
import { For, Show } from 'solid-js';
import type { Category } from '../api/types.ts';
import type { Lang } from '../i18n/messages.ts';
import type { Messages } from '../i18n/sv.ts';
import type { DateRange } from '../state/date-range.ts';
import { isValidRange, toggleCode } from '../state/filters.ts';
import type { Filters } from '../state/url-state.ts';
import { EMPTY_FILTERS } from '../state/url-state.ts';

export interface DistrictOption {
  id: string;
  name: string;
}

export interface FilterPanelProps {
  filters: Filters;
  range: DateRange;
  districts: DistrictOption[];
  categories: Category[];
  lang: Lang;
  t: Messages;
  onChange: (filters: Filters) => void;
}

export function FilterPanel(props: FilterPanelProps) {
  const set = (patch: Partial<Filters>) => props.onChange({ ...props.filters, ...patch });
  const isDefault = () =>
    props.filters.districts.length === 0 && props.filters.categories.length === 0 && !props.filters.from && !props.filters.to;

  return (
    <form class="filter-panel" id="filters" aria-labelledby="filters-heading" onSubmit={(e) => e.preventDefault()}>
      <div class="panel-section__head">
        <h2 id="filters-heading">{props.t.filtersHeading}</h2>
        <button type="button" class="button button--link" disabled={isDefault()} onClick={() => props.onChange(EMPTY_FILTERS)}>
          {props.t.resetFilters}
        </button>
      </div>

      <fieldset class="facet">
        <legend>{props.t.districtsLegend}</legend>
        <For each={props.districts}>
          {(d) => (
            <label class="facet__option">
              <input
                type="checkbox"
                name="district"
                value={d.id}
                checked={props.filters.districts.includes(d.id)}
                onChange={() => set({ districts: toggleCode(props.filters.districts, d.id) })}
              />
              <span>{d.name}</span>
            </label>
          )}
        </For>
        <p class="facet__hint">{props.filters.districts.length === 0 ? props.t.allDistricts : ''}</p>
      </fieldset>

      <fieldset class="facet">
        <legend>{props.t.categoriesLegend}</legend>
        <For each={props.categories}>
          {(c) => (
            <label class="facet__option">
              <input
                type="checkbox"
                name="category"
                value={c.code}
                checked={props.filters.categories.includes(c.code)}
                onChange={() => set({ categories: toggleCode(props.filters.categories, c.code) })}
              />
              <span class="swatch swatch--dot" style={{ background: c.color }} aria-hidden="true" />
              <span>{c[props.lang]}</span>
            </label>
          )}
        </For>
        <p class="facet__hint">{props.filters.categories.length === 0 ? props.t.allCategories : ''}</p>
      </fieldset>

      <fieldset class="facet facet--dates">
        <legend>{props.t.dateRangeLegend}</legend>
        <div class="date-range">
          <label>
            <span>{props.t.dateFrom}</span>
            <input
              type="date"
              name="from"
              value={props.range.from}
              max={props.range.to}
              onChange={(e) => set({ from: e.currentTarget.value || null })}
            />
          </label>
          <label>
            <span>{props.t.dateTo}</span>
            <input
              type="date"
              name="to"
              value={props.range.to}
              min={props.range.from}
              onChange={(e) => set({ to: e.currentTarget.value || null })}
            />
          </label>
        </div>
        <Show when={!props.filters.from && !props.filters.to}>
          <p class="facet__hint">{props.t.last90Days}</p>
        </Show>
        <Show when={!isValidRange(props.range)}>
          <p class="facet__error" role="alert">{props.t.dateRangeInvalid}</p>
        </Show>
      </fieldset>
    </form>
  );
}
