// At patrol start: asks the service worker to fetch the basemap (style, glyphs, sprite, tiles
// z10–16) for the team's district, so the map works in a dead spot. The district's bbox comes
// from /api/districts (the team id names its district); the whole area when no district matches.
import type { DistrictCollection } from '../api/types.ts';
import type { ToWorker } from '../offline/sw-types.ts';

type Bbox = [number, number, number, number];

export function bboxOfDistrict(districts: DistrictCollection, id: string | null): Bbox | null {
  const features = districts.features.filter((f) => id === null || f.properties.id === id);
  const chosen = features.length ? features : districts.features;
  let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
  const visit = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number') {
      const [x, y] = c as number[];
      w = Math.min(w, x!), e = Math.max(e, x!), s = Math.min(s, y!), n = Math.max(n, y!);
    } else if (Array.isArray(c)) c.forEach(visit);
  };
  for (const f of chosen) visit(f.geometry.coordinates);
  return Number.isFinite(w) ? [w, s, e, n] : null;
}

/**
 * Asks the worker to keep the district's basemap; resolves true once asked (false: no worker, no
 * districts). Waits for the worker to be active: on a first visit it may not control the page yet.
 */
export async function precacheTeamDistrict(team: string | null): Promise<boolean> {
  if (!('serviceWorker' in navigator) || import.meta.hot) return false;
  const res = await fetch('/api/districts', { headers: { accept: 'application/json' } }).catch(() => null);
  if (!res?.ok) return false;
  const bbox = bboxOfDistrict((await res.json()) as DistrictCollection, team);
  if (!bbox) return false;
  const worker = navigator.serviceWorker.controller ?? (await navigator.serviceWorker.ready).active;
  worker?.postMessage({ type: 'precache-area', bbox } satisfies ToWorker);
  return worker !== null && worker !== undefined;
}
