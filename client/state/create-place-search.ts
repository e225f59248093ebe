// Search as you type: the query, debounced, sent to the place search (the previous request
// aborted), with the results and the request's state. Owned: timers and requests end with the owner.
// Without signal a failed search says so ('offline') and runs again when the device is back online.
import { createSignal, onCleanup } from 'solid-js';
import type { PlaceResult } from '../api/places-api.ts';

export type PlaceSearchStatus = 'idle' | 'searching' | 'done' | 'failed' | 'offline';

export interface PlaceSearchOptions {
  search: (q: string, signal: AbortSignal) => Promise<PlaceResult[]>;
  /** Milliseconds of quiet typing before a request goes out. */
  debounceMs?: number;
  /** Whether the device has a network (default navigator.onLine). */
  isOnline?: () => boolean;
  /** Calls back when the network returns; returns the unsubscription (default the window's 'online' event). */
  onOnline?: (again: () => void) => () => void;
}

const browserOnline = () => typeof navigator === 'undefined' || navigator.onLine !== false;
const browserOnOnline = (again: () => void) => {
  if (typeof window === 'undefined') return () => {};
  window.addEventListener('online', again);
  return () => window.removeEventListener('online', again);
};

export function createPlaceSearch(opts: PlaceSearchOptions) {
  const [query, setQueryNow] = createSignal('');
  const [results, setResults] = createSignal<PlaceResult[]>([]);
  const [status, setStatus] = createSignal<PlaceSearchStatus>('idle');
  let timer: ReturnType<typeof setTimeout> | undefined;
  let controller: AbortController | undefined;

  const cancel = () => {
    clearTimeout(timer);
    controller?.abort();
    controller = undefined;
  };

  function setQuery(q: string) {
    setQueryNow(q);
    cancel();
    if (!q.trim()) {
      setResults([]);
      setStatus('idle');
      return;
    }
    setStatus('searching');
    timer = setTimeout(() => {
      const c = new AbortController();
      controller = c;
      opts.search(q, c.signal).then(
        (found) => {
          if (c.signal.aborted) return;
          setResults(found);
          setStatus('done');
        },
        () => {
          if (c.signal.aborted) return;
          setResults([]);
          setStatus((opts.isOnline ?? browserOnline)() ? 'failed' : 'offline');
        },
      );
    }, opts.debounceMs ?? 200);
  }

  const unsubscribe = (opts.onOnline ?? browserOnOnline)(() => {
    if (status() === 'offline') setQuery(query());
  });
  onCleanup(() => {
    cancel();
    unsubscribe();
  });
  return { query, setQuery, results, status, clear: () => setQuery('') };
}
