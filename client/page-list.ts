// The app's pages as plain data (no imports: the build's service-worker step and the size-budget
// test read it too). To add a page: one entry here (first matching prefix wins, so keep the staff
// map last), name its module `<folder>/<name>-page.tsx` exporting the component named in `export`,
// give it a first-load budget in client/budget.json, and a link in auth/page-links.ts.

export type PageAccess =
  /** Anyone, no session check (the residents' form): nothing waits for /api/auth/me. */
  | 'public'
  /** The page signs in by itself and keeps working offline (field mode). */
  | 'self'
  /** Behind the auth gate: the sign-in page unless signed in (the map at / is open signed out too). */
  | 'gated';

export interface PageEntry {
  /** Stable id: the key of client/budget.json and of the service worker's precache groups. */
  id: string;
  /** The page module, relative to client/. */
  module: string;
  /** The module's named export: the page component, given `{ path }`. */
  export: string;
  /** Paths this page shows: the prefix itself and everything under it ('/' matches all). */
  prefix: string;
  access: PageAccess;
  /**
   * Same-origin GETs the page makes as soon as it starts (API reads, the app's map style), exactly
   * as it requests them: the server names them in the page's Link header
   * (server/http/page-preloads.ts), so they load alongside the code instead of after it. Gated
   * pages get /api/auth/me without listing it.
   */
  preloadFetch?: readonly string[];
  /**
   * Modules (relative to client/) the page imports lazily but needs at once, e.g. its map: the
   * Link header names them with their static imports, so they download alongside the page's chunk.
   */
  preloadModules?: readonly string[];
  /**
   * The page's MapLibre map is an online extra (the residents' "Större karta" over the light map):
   * the service worker does not precache the ≈ 360 KiB it would need. Pages without it precache
   * their maps, lazy or not (field mode draws its map with no signal).
   */
  onlineOnlyMap?: boolean;
  /**
   * The page releases the service worker itself once its first view is drawn
   * (client/offline/register-sw.ts releaseServiceWorker): a first visit's install precaches
   * hundreds of KB, which on a slow link would otherwise share it with the page's own downloads
   * (the staff map's MapLibre), as the window's load event comes before them.
   */
  holdsServiceWorker?: boolean;
}

/**
 * The staff map's first reads: its API data, then the app's style (client/map/basemap.ts
 * APP_STYLE_PATH). Not the sprite: fetched alongside MapLibre's chunk it would only delay it; the
 * page prefetches it once that chunk is in (client/map/prefetch-after-maplibre.ts).
 */
// The streets' unlit ways only: what the staff map draws over the app's basemap (which draws the streets
// themselves). A map without roads fetches the whole network once /api/config says so.
const STAFF_MAP_FETCHES = ['/api/config', '/api/categories', '/api/districts', '/api/bases', '/api/streets?lit=no', '/map/style.json'];

export const PAGE_LIST: readonly PageEntry[] = [
  // The form's categories and the districts the light map's first view fits (a few KiB): with them
  // in by the time the page runs, the map picture is asked for at once instead of after a round trip.
  { id: 'report', module: 'report/report-page.tsx', export: 'ReportPage', prefix: '/rapportera', access: 'public', onlineOnlyMap: true, preloadFetch: ['/api/categories', '/api/districts'] },
  { id: 'field', module: 'field/field-page.tsx', export: 'FieldPage', prefix: '/falt', access: 'self' },
  { id: 'moderation', module: 'moderation/moderation-page.tsx', export: 'ModerationPage', prefix: '/granskning', access: 'gated' },
  { id: 'coverage', module: 'coverage/coverage-page.tsx', export: 'CoveragePage', prefix: '/tackning', access: 'gated' },
  { id: 'lagesbild', module: 'lagesbild/lagesbild-page.tsx', export: 'LagesbildPage', prefix: '/lagesbild', access: 'gated' },
  { id: 'interventions', module: 'interventions/interventions-page.tsx', export: 'InterventionsPage', prefix: '/insatser', access: 'gated' },
  { id: 'sign-in-blocks', module: 'admin/sign-in-blocks-page.tsx', export: 'SignInBlocksPage', prefix: '/admin/inloggning', access: 'gated' },
  { id: 'admin', module: 'admin/admin-page.tsx', export: 'AdminPage', prefix: '/admin', access: 'gated' },
  { id: 'staff-map', module: 'staff-map/staff-map-page.tsx', export: 'StaffMapPage', prefix: '/', access: 'gated', preloadModules: ['map/map-view.tsx'], preloadFetch: STAFF_MAP_FETCHES, holdsServiceWorker: true },
];

export function pageEntryFor(path: string): PageEntry {
  const matches = (p: PageEntry) => p.prefix === '/' || path === p.prefix || path.startsWith(`${p.prefix}/`);
  return PAGE_LIST.find(matches) ?? PAGE_LIST.at(-1)!;
}
