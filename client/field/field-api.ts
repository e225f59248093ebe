// Field mode's calls: plain fetch (the uploader must tell "no answer" from "refused"), each
// write carrying an Idempotency-Key so a retry after a lost answer stores nothing twice.
import type { LineString } from 'geojson';
import { readJson, toProblemError, isAbortError } from '../api/problem-error.ts';
import type { DistrictCollection } from '../api/types.ts';

export interface Me {
  id: string;
  email: string;
  role: string;
  team: string | null;
}

/** No answer at all (offline, connection dropped): the caller keeps the data and retries. */
export class OfflineError extends Error {}

async function send<T>(path: string, init: RequestInit & { key?: string } = {}): Promise<T> {
  const { key, ...rest } = init;
  let res: Response;
  try {
    res = await fetch(path, {
      ...rest,
      headers: { accept: 'application/json', ...(rest.body ? { 'Content-Type': 'application/json' } : {}), ...(key ? { 'Idempotency-Key': key } : {}), ...rest.headers },
    });
  } catch (err) {
    if (isAbortError(err)) throw err;
    throw new OfflineError(toProblemError(err).message);
  }
  return readJson<T>(res);
}

export interface RouteStop {
  index: number;
  cell: string | null;
  place: string | null;
  arrival: string;
  departure: string;
}

export interface TodayRoute {
  id: string;
  name: string;
  waypoints: { lon: number; lat: number; stop?: boolean; dwellMin?: number; place?: string }[];
  schedule: RouteStop[];
  /** The walking line along the network, when the route was saved with one. */
  geometry?: LineString | null;
}

export const fieldApi = {
  me: () => send<{ user: Me | null; permissions: string[] }>('/api/auth/me'),
  login: (email: string, password: string) => send<unknown>('/api/auth/login', { method: 'POST', body: JSON.stringify({ email, password }) }),
  startTrack: (localId: string, startedAt: number) =>
    send<{ id: string }>('/api/tracks', { method: 'POST', key: `start-${localId}`, body: JSON.stringify({ startedAt: new Date(startedAt).toISOString() }) }),
  appendFixes: (trackId: string, key: string, points: { t: number; lat: number; lon: number; acc: number | null }[]) =>
    send<{ accepted: number; duplicates: number }>(`/api/tracks/${trackId}/points`, { method: 'POST', key, body: JSON.stringify({ points }) }),
  endTrack: (trackId: string) => send<unknown>(`/api/tracks/${trackId}/end`, { method: 'POST' }),
  report: (id: string, body: Record<string, unknown>) => send<{ id: string }>('/api/reports', { method: 'POST', key: id, body: JSON.stringify(body) }),
  routesToday: (date: string, team: string) =>
    send<{ routes: TodayRoute[] }>(`/api/routes?${new URLSearchParams({ date, team })}`).then((r) => r.routes),
  districts: () => send<DistrictCollection>('/api/districts'),
  categories: () => send<{ categories: { code: string; sv: string; en: string; color: string }[] }>('/api/categories').then((r) => r.categories),
};

export type FieldApi = typeof fieldApi;
