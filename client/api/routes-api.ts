// Patrol-route calls (/api/routes) and who-am-I, through the one hc<AppType> client; every call
// resolves to the body or throws a ProblemError. GPX import posts raw XML, so it uses fetch.
import { call, client, init } from './client.ts';
import { readJson, toProblemError } from './problem-error.ts';
import { reverseName } from './places-api.ts';
import type { LonLatPair, Me, PathAnswer, RouteInput, SavedRoute, SuggestAnswer, SuggestQuery } from './route-types.ts';

/** For calls with a JSON body: headers here would replace the Content-Type hc sets. */
const bodyInit = (signal?: AbortSignal): RequestInit => (signal ? { signal } : {});

/** Download links (the browser fetches them with the session cookie). */
export const routeGpxUrl = (id: string) => `/api/routes/${id}.gpx`;
export const routeGeoJsonUrl = (id: string) => `/api/routes/${id}.geojson`;

export const routesApi = {
  /** A drawn stop's name ("Rydsvägen 12, vid Ryds centrum"); null when nothing named is near. */
  placeName: async (lat: number, lon: number) => (await reverseName(lat, lon))?.properties.label ?? null,
  me: (signal?: AbortSignal) => call<Me>(client.auth.me.$get(undefined, { init: init(signal) })),
  path: (waypoints: LonLatPair[], district: string | undefined, signal?: AbortSignal) =>
    call<PathAnswer>(client.routes.path.$post({ json: { waypoints, ...(district ? { district } : {}) } }, { init: bodyInit(signal) })),
  suggest: (q: SuggestQuery, signal?: AbortSignal) => call<SuggestAnswer>(client.routes.suggest.$post({ json: q }, { init: bodyInit(signal) })),
  list: async (signal?: AbortSignal) => (await call<{ routes: SavedRoute[] }>(client.routes.$get({ query: {} }, { init: init(signal) }))).routes,
  get: (id: string, signal?: AbortSignal) => call<SavedRoute>(client.routes[':id'].$get({ param: { id } }, { init: init(signal) })),
  create: (r: RouteInput) => call<SavedRoute>(client.routes.$post({ json: r }, { init: bodyInit() })),
  update: (id: string, r: RouteInput) => call<SavedRoute>(client.routes[':id'].$put({ param: { id }, json: r }, { init: bodyInit() })),
  duplicate: (id: string) => call<SavedRoute>(client.routes[':id'].duplicate.$post({ param: { id } }, { init: init() })),
  remove: async (id: string) => {
    const res = await client.routes[':id'].$delete({ param: { id } }, { init: init() }).catch((err: unknown) => {
      throw toProblemError(err);
    });
    if (!res.ok) await readJson(res);
  },
  importGpx: (xml: string, q: { name?: string; district?: string; team?: string; date?: string; start?: string; end?: string }) => {
    const params = new URLSearchParams(Object.entries(q).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''));
    return call<SavedRoute>(fetch(`/api/routes/import-gpx?${params}`, { method: 'POST', headers: { 'Content-Type': 'application/gpx+xml', accept: 'application/json' }, body: xml }));
  },
};

export type RoutesApi = typeof routesApi;
