// Every API read the page makes, as reactive queries: the area once, the pins whenever the filters change.
import { createMemo } from 'solid-js';
import type { Api } from '../api/client.ts';
import type { Filters } from './url-state.ts';
import { createQuery } from './create-query.ts';
import { filtersToPinQuery } from './filters.ts';

export function createAppData(api: Api, filters: () => Filters, now: () => Date) {
  const once = () => true;
  const config = createQuery(once, (_k, signal) => api.config(signal));
  const categories = createQuery(once, (_k, signal) => api.categories(signal));
  const districts = createQuery(once, (_k, signal) => api.districts(signal));
  const bases = createQuery(once, (_k, signal) => api.bases(signal));
  // The network's lines once the config says which: over the app's basemap, which draws the
  // streets, only the unlit ways it marks (a few KiB; the bundled network whole is ≈ 370 KiB br).
  const streetsQuery = createMemo(() => {
    const c = config.data();
    if (c) return c.streetsInBasemap ? { lit: 'no' as const } : {};
    return config.error() ? {} : null;
  });
  const streets = createQuery(streetsQuery, (q, signal) => api.streets(signal, q));
  const pinQuery = createMemo(() => filtersToPinQuery(filters(), now()));
  const pins = createQuery(pinQuery, (q, signal) => api.pins(q, signal));
  return { config, categories, districts, bases, streets, pins, pinQuery };
}

export type AppData = ReturnType<typeof createAppData>;
