// The place search box: an ARIA 1.2 combobox (input + listbox) — arrow keys move through the
// results, Enter picks, Escape closes and then clears; each result shows its kind and district.
import { For, Show, createSignal, createUniqueId } from 'solid-js';
import type { PlaceResult } from '../api/places-api.ts';
import { placeDetail, type PlaceMessages } from '../i18n/places.ts';
import type { PlaceSearchStatus } from '../state/create-place-search.ts';

export interface PlaceSearchProps {
  t: PlaceMessages;
  query: string;
  results: PlaceResult[];
  status: PlaceSearchStatus;
  onQuery: (q: string) => void;
  onPick: (place: PlaceResult) => void;
}

export function PlaceSearch(props: PlaceSearchProps) {
  const id = createUniqueId();
  const listId = `place-search-list-${id}`;
  const [open, setOpen] = createSignal(false);
  const [active, setActive] = createSignal(-1);
  const optionId = (i: number) => `place-search-opt-${id}-${i}`;
  const isOpen = () => open() && props.query.trim() !== '' && (props.results.length > 0 || props.status === 'done' || props.status === 'failed' || props.status === 'offline');

  const pick = (i: number) => {
    const p = props.results[i];
    if (!p) return;
    props.onPick(p);
    props.onQuery(p.properties.name);
    setOpen(false);
    setActive(-1);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    const n = props.results.length;
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setOpen(true);
      if (n) setActive((a) => (a + 1) % n);
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setOpen(true);
      if (n) setActive((a) => (a <= 0 ? n - 1 : a - 1));
    } else if (e.key === 'Enter') {
      if (!n) return;
      e.preventDefault();
      pick(active() >= 0 ? active() : 0);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      if (isOpen()) setOpen(false);
      else props.onQuery('');
      setActive(-1);
    }
  };

  return (
    <div class="place-search" data-testid="place-search">
      <label class="visually-hidden" for={`place-search-input-${id}`}>{props.t.label}</label>
      <input
        id={`place-search-input-${id}`}
        class="place-search__input"
        type="text"
        inputmode="search"
        enterkeyhint="search"
        autocomplete="off"
        spellcheck={false}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={isOpen() ? 'true' : 'false'}
        aria-controls={listId}
        aria-activedescendant={isOpen() && active() >= 0 ? optionId(active()) : undefined}
        placeholder={props.t.placeholder}
        value={props.query}
        onInput={(e) => {
          props.onQuery(e.currentTarget.value);
          setOpen(true);
          setActive(-1);
        }}
        onKeyDown={onKeyDown}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
      />
      <Show when={props.query}>
        <button type="button" class="place-search__clear" aria-label={props.t.clear} title={props.t.clear} onMouseDown={(e) => e.preventDefault()} onClick={() => props.onQuery('')}>
          ×
        </button>
      </Show>
      <ul id={listId} class="place-search__list" role="listbox" aria-label={props.t.label} hidden={!isOpen()}>
        <For each={props.results}>
          {(p, i) => (
            <li
              id={optionId(i())}
              role="option"
              class="place-search__option"
              classList={{ 'is-active': active() === i() }}
              aria-selected={active() === i() ? 'true' : 'false'}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => pick(i())}
              onMouseEnter={() => setActive(i())}
            >
              <span class="place-search__name">{p.properties.name}</span>
              <span class="place-search__detail">{placeDetail(p.properties, props.t)}</span>
            </li>
          )}
        </For>
        <Show when={props.results.length === 0}>
          <li class="place-search__empty" role="option" aria-disabled="true" aria-selected="false">{props.status === 'failed' ? props.t.failed : props.status === 'offline' ? props.t.offline : props.t.noResults}</li>
        </Show>
      </ul>
      <div class="visually-hidden" role="status" aria-live="polite">
        {props.query.trim() && props.status === 'done' ? (props.results.length ? props.t.results(props.results.length) : props.t.noResults) : props.status === 'failed' ? props.t.failed : props.status === 'offline' ? props.t.offline : ''}
      </div>
    </div>
  );
}
