// The reactive URL state: filters push history entries, map moves replace them, popstate restores.
import { describe, expect, it } from 'vitest';
import { createRoot } from 'solid-js';
import { createUrlState } from '../../client/state/create-url-state.ts';
import type { UrlStateWindow } from '../../client/state/create-url-state.ts';

function fakeWindow(search = '') {
  const entries = [search];
  let index = 0;
  const listeners = new Set<() => void>();
  const win: UrlStateWindow & { back(): void; entries: string[] } = {
    location: { get search() { return entries[index] ?? ''; }, pathname: '/' },
    history: {
      pushState: (_d, _u, url) => { entries.splice(index + 1, Infinity, url === '/' ? '' : url); index++; },
      replaceState: (_d, _u, url) => { entries[index] = url === '/' ? '' : url; },
    },
    addEventListener: (_t, fn) => listeners.add(fn),
    removeEventListener: (_t, fn) => listeners.delete(fn),
    back: () => { index--; listeners.forEach((fn) => fn()); },
    entries,
  };
  return win;
}

describe('createUrlState', () => {
  it('pushes a history entry per filter change and restores it on back', () => {
    createRoot((dispose) => {
      const win = fakeWindow('?map=12.00/58.40000/15.60000');
      const url = createUrlState(win);
      url.setFilters({ districts: [], categories: ['brand'], from: null, to: null });
      expect(win.entries).toEqual(['?map=12.00/58.40000/15.60000', '?c=brand&map=12.00/58.40000/15.60000']);
      expect(url.filters().categories).toEqual(['brand']);
      win.back();
      expect(url.filters().categories).toEqual([]);
      dispose();
    });
  });

  it('replaces the current entry when the map moves', () => {
    createRoot((dispose) => {
      const win = fakeWindow('?c=brand');
      const url = createUrlState(win);
      url.setView({ zoom: 14, lat: 58.41, lon: 15.58 });
      expect(win.entries).toEqual(['?c=brand&map=14.00/58.41000/15.58000']);
      expect(url.view()?.zoom).toBe(14);
      dispose();
    });
  });

  it('keeps the same filters object when nothing changed', () => {
    createRoot((dispose) => {
      const win = fakeWindow('?c=brand');
      const url = createUrlState(win);
      const before = url.filters();
      url.setView({ zoom: 10, lat: 58, lon: 15 });
      expect(url.filters()).toBe(before);
      dispose();
    });
  });
});
