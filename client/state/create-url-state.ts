// Reactive URL state: filters and language push history entries, map moves replace the current one.
import { createMemo, createSignal, onCleanup } from 'solid-js';
import { parseUrlState, sameFilters, sameView, serialiseUrlState } from './url-state.ts';
import type { Filters, MapView, UrlState } from './url-state.ts';
import type { Lang } from '../i18n/messages.ts';

export interface UrlStateWindow {
  location: { search: string; pathname: string };
  history: { pushState(data: unknown, unused: string, url: string): void; replaceState(data: unknown, unused: string, url: string): void };
  addEventListener(type: 'popstate', fn: () => void): void;
  removeEventListener(type: 'popstate', fn: () => void): void;
}

export function createUrlState(win: UrlStateWindow = window) {
  const [state, setState] = createSignal<UrlState>(parseUrlState(win.location.search));
  const onPopState = () => setState(parseUrlState(win.location.search));
  win.addEventListener('popstate', onPopState);
  onCleanup(() => win.removeEventListener('popstate', onPopState));

  function commit(next: UrlState, mode: 'push' | 'replace') {
    const search = serialiseUrlState(next);
    if (search !== win.location.search) {
      const url = search || win.location.pathname;
      if (mode === 'push') win.history.pushState(null, '', url);
      else win.history.replaceState(null, '', url);
    }
    setState(next);
  }

  const filters = createMemo(() => state().filters, undefined, { equals: sameFilters });
  const view = createMemo(() => state().view, undefined, { equals: sameView });
  const lang = createMemo(() => state().lang);

  return {
    filters,
    view,
    lang,
    setFilters: (next: Filters) => {
      if (!sameFilters(next, state().filters)) commit({ ...state(), filters: next }, 'push');
    },
    setView: (next: MapView) => {
      if (!sameView(next, state().view)) commit({ ...state(), view: next }, 'replace');
    },
    setLang: (next: Lang) => {
      if (next !== state().lang) commit({ ...state(), lang: next }, 'push');
    },
  };
}

export type UrlStateStore = ReturnType<typeof createUrlState>;
