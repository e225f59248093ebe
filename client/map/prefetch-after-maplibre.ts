// Files MapLibre asks for only once it runs (its worker script, the style's sprite) into the HTTP
// cache as soon as MapLibre's own chunk has downloaded — not before: on a slow link every byte
// fetched alongside that chunk (≈ 240 KB brotli, the page's longest download) delays it, and
// nothing draws before it has run. Its evaluation and the map's construction (≈ 1 s on a slow
// phone) then overlap these downloads instead of waiting for them.

/** MapLibre's chunk as the build names it (vite.config.ts codeSplitting group 'maplibre'); its worker is an .mjs. */
const MAPLIBRE_CHUNK = /\/assets\/maplibre-[^/]*\.js$/;

/**
 * Prefetches the files `urls()` names at the moment MapLibre's chunk has arrived (seen in Resource
 * Timing). Where the chunk never shows up (a dev server) nothing is prefetched: MapLibre fetches
 * the files itself. Returns the cleanup.
 */
export function makePrefetchAfterMapLibre(urls: () => readonly string[]): () => void {
  if (typeof PerformanceObserver === 'undefined') return () => {};
  const observer = new PerformanceObserver((list) => {
    if (!list.getEntries().some((e) => MAPLIBRE_CHUNK.test(e.name))) return;
    observer.disconnect();
    for (const href of urls()) document.head.append(Object.assign(document.createElement('link'), { rel: 'prefetch', href }));
  });
  observer.observe({ type: 'resource', buffered: true });
  return () => observer.disconnect();
}
