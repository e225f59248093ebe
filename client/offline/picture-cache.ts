// The light map's pictures (/map/static.svg) kept for opening the residents' form offline: the
// service worker keeps those it serves; the page keeps the ones it drew before a worker controlled
// it (the first visit), so the first offline reload still has its map.

/** Cache Storage name shared by the page and the worker (client/offline/sw.ts). */
export const PICTURE_CACHE = 'tk-map-pictures';
/** Pictures kept (the worker trims the oldest beyond this). */
export const MAX_PICTURES = 40;

/** Keeps a drawn picture's URL in the cache when it is not there yet (from the HTTP cache, normally). */
export async function keepPicture(url: string): Promise<void> {
  if (typeof caches === 'undefined') return;
  const cache = await caches.open(PICTURE_CACHE);
  if (!(await cache.match(url))) await cache.add(url);
}
