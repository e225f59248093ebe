// Search as you type: debounced (fake timers), one request for a burst of keys, the previous
// request aborted, results and state; and the kind/district line of a result.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createRoot } from 'solid-js';
import { createPlaceSearch } from '../../client/state/create-place-search.ts';
import { placeDetail, placeMessages } from '../../client/i18n/places.ts';
import type { PlaceResult } from '../../client/api/places-api.ts';

const place = (name: string, kind: string, district: string | null, subkind: string | null = null): PlaceResult => ({
  type: 'Feature',
  geometry: { type: 'Point', coordinates: [15.56, 58.41] },
  properties: { name, kind, subkind, district, districtId: null, street: null, housenumber: null, bbox: [15.56, 58.41, 15.56, 58.41] },
});

describe('createPlaceSearch', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sends one request after the typing pauses, aborting the one before', async () => {
    const calls: { q: string; signal: AbortSignal }[] = [];
    await createRoot(async (dispose) => {
      const s = createPlaceSearch({ debounceMs: 200, search: (q, signal) => (calls.push({ q, signal }), Promise.resolve([place(`${q}gatan`, 'street', 'Ryd')])) });
      s.setQuery('å');
      s.setQuery('ås');
      expect(s.status()).toBe('searching');
      await vi.advanceTimersByTimeAsync(199);
      expect(calls).toEqual([]);
      await vi.advanceTimersByTimeAsync(1);
      expect(calls.map((c) => c.q)).toEqual(['ås']);
      expect(s.results().map((r) => r.properties.name)).toEqual(['åsgatan']);
      expect(s.status()).toBe('done');

      s.setQuery('åsg');
      await vi.advanceTimersByTimeAsync(200);
      s.setQuery('');
      expect(calls[1]!.signal.aborted).toBe(true);
      expect(s.results()).toEqual([]);
      expect(s.status()).toBe('idle');
      dispose();
    });
  });

  it('says failed when the search fails', async () => {
    await createRoot(async (dispose) => {
      const s = createPlaceSearch({ search: () => Promise.reject(new Error('down')), isOnline: () => true });
      s.setQuery('ryd');
      await vi.advanceTimersByTimeAsync(300);
      expect(s.status()).toBe('failed');
      dispose();
    });
  });

  it('says offline without a network and searches again when the network returns', async () => {
    let online = false;
    let back: (() => void) | undefined;
    const calls: string[] = [];
    await createRoot(async (dispose) => {
      const s = createPlaceSearch({
        search: (q) => (calls.push(q), online ? Promise.resolve([place('Rydsvägen', 'street', 'Ryd')]) : Promise.reject(new TypeError('Failed to fetch'))),
        isOnline: () => online,
        onOnline: (again) => ((back = again), () => (back = undefined)),
      });
      s.setQuery('ryd');
      await vi.advanceTimersByTimeAsync(300);
      expect(s.status()).toBe('offline');
      expect(s.results()).toEqual([]);
      online = true;
      back!();
      await vi.advanceTimersByTimeAsync(300);
      expect(calls).toEqual(['ryd', 'ryd']);
      expect(s.status()).toBe('done');
      expect(s.results().map((r) => r.properties.name)).toEqual(['Rydsvägen']);
      dispose();
      expect(back).toBeUndefined();
    });
  });
});

describe('placeDetail', () => {
  it('shows the most telling kind word and the district, in Swedish and English', () => {
    expect(placeDetail(place('Åsgatan', 'street', 'Ryd').properties, placeMessages('sv'))).toBe('Gata · Ryd');
    expect(placeDetail(place('Rydsskolan', 'poi', 'Ryd', 'school').properties, placeMessages('en'))).toBe('School · Ryd');
    expect(placeDetail(place('Ryd', 'district', 'Ryd').properties, placeMessages('sv'))).toBe('Stadsdel');
  });
});
