// The one place the client talks to the API, through hc<AppType>. Every call resolves to the body or throws a ProblemError.
import { hc } from 'hono/client';
import type { AppType } from '../../server/app.ts';
import { readJson, toProblemError, isAbortError } from './problem-error.ts';
import type {
  AppConfig, BaseCollection, Category, DistrictCollection, PinCollection, PinQuery, Report, StreetCollection,
} from './types.ts';

export const client = hc<AppType>('/api');

/** Awaits an hc call: the parsed body on 2xx, a ProblemError otherwise (status 0 when no answer came). */
export async function call<T>(request: Promise<Response>): Promise<T> {
  let res: Response;
  try {
    res = await request;
  } catch (err) {
    if (isAbortError(err)) throw err;
    throw toProblemError(err);
  }
  return readJson<T>(res);
}

export const init = (signal?: AbortSignal): RequestInit => ({ headers: { accept: 'application/json' }, ...(signal ? { signal } : {}) });

/** Query parameters for the pin endpoint; empty lists mean "all" and are left out. Dates are Stockholm calendar days, `to` inclusive. */
export function pinQueryToParams(q: PinQuery): Record<string, string> {
  return {
    from: q.from,
    to: q.to,
    ...(q.districts.length > 0 ? { districts: q.districts.join(',') } : {}),
    ...(q.categories.length > 0 ? { categories: q.categories.join(',') } : {}),
  };
}

export const api = {
  config: (signal?: AbortSignal) => call<AppConfig>(client.config.$get(undefined, { init: init(signal) })),
  categories: async (signal?: AbortSignal) =>
    (await call<{ categories: Category[] }>(client.categories.$get(undefined, { init: init(signal) }))).categories,
  districts: (signal?: AbortSignal) => call<DistrictCollection>(client.districts.$get(undefined, { init: init(signal) })),
  bases: (signal?: AbortSignal) => call<BaseCollection>(client.bases.$get(undefined, { init: init(signal) })),
  /** The street network; `lit: 'no'` only its unlit ways. */
  streets: (signal?: AbortSignal, query: { lit?: 'no' } = {}) => call<StreetCollection>(client.streets.$get({ query }, { init: init(signal) })),
  pins: (q: PinQuery, signal?: AbortSignal) =>
    call<PinCollection>(client.reports.pins.$get({ query: pinQueryToParams(q) }, { init: init(signal) })),
  report: (id: string, signal?: AbortSignal) => call<Report>(client.reports[':id'].$get({ param: { id } }, { init: init(signal) })),
};

export type Api = typeof api;

/** Compile-time check that the server's response types fit the client's wire types (fails `tsc` when they drift). */
type Fits<Server, Client> = [Server] extends [Client] ? true : false;
type Body<F> = F extends (...args: never[]) => Promise<infer R> ? (R extends { json(): Promise<infer J> } ? J : never) : never;
type Ok<F> = Extract<Body<F>, object>;
export const CONTRACT_FITS: [
  Fits<Ok<typeof client.config.$get>, AppConfig>,
  Fits<Ok<typeof client.categories.$get>, { categories: Category[] }>,
  Fits<Ok<typeof client.districts.$get>, DistrictCollection>,
  Fits<Ok<typeof client.bases.$get>, BaseCollection>,
  Fits<Ok<typeof client.streets.$get>, StreetCollection>,
  Fits<Ok<typeof client.reports.pins.$get>, PinCollection>,
  Fits<Ok<typeof client.reports[':id']['$get']>, Report>,
] = [true, true, true, true, true, true, true];
