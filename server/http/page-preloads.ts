// A `Link` header for each client route: the page's first-load files (its chunk, the chunks and CSS
// it imports statically, and those of the modules it loads at once, client/page-list.ts
// `preloadModules`) and the API reads (and map style) it fetches at once (`preloadFetch`), so the browser fetches them while index.html's entry script still downloads and
// runs, instead of one after another (entry → page chunk → MapLibre → data → worker). Read from
// Vite's build manifest; a build without one (or a test fixture's empty one) gets no header.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { compressedSize, readManifest, staticFiles } from '../../build/first-load.ts';
import { PAGE_LIST, pageEntryFor } from '../../client/page-list.ts';

/** One Link header entry per file, by kind (RFC 8288; `preload` per the HTML standard). */
function linkFor(file: string): string {
  const url = `</${file}>`;
  // crossorigin as on the stylesheet links Vite writes (and its loader adds): a preload whose
  // credentials mode differs is not used, and the browser fetched each stylesheet twice.
  if (file.endsWith('.css')) return `${url}; rel=preload; as=style; crossorigin`;
  return `${url}; rel=modulepreload`;
}

/** Where the app's own map style, sprite and tiles are served (client/map/basemap.ts APP_STYLE_PATH). */
const APP_STYLE_PREFIX = '/map/';

/**
 * The Link header value for each page id; empty when the build has no manifest. `appStyle: false`
 * (an online basemap is configured, BASEMAP_STYLE_URL) leaves out the app's style and sprite.
 */
export function loadPagePreloads(distDir: string, opts: { appStyle: boolean } = { appStyle: true }): Map<string, string> {
  const byPage = new Map<string, string>();
  if (!existsSync(join(distDir, '.vite/manifest.json'))) return byPage;
  const manifest = readManifest(distDir);
  if (!manifest['index.html']) return byPage;
  // The entry first: index.html names it too, but only after the header's preloads would the
  // browser get to it, and nothing runs before it. HTTP/1.1 allows 6 requests at a time, so the
  // rest go smallest first: the page's own chunks and the API answers are in before MapLibre.
  const entry = staticFiles(manifest, 'index.html');
  const bySize = (a: string, b: string) => compressedSize(distDir, a) - compressedSize(distDir, b);
  for (const page of PAGE_LIST) {
    if (!manifest[page.module]) continue;
    const fetches = [...(page.access === 'gated' ? ['/api/auth/me'] : []), ...(page.preloadFetch ?? [])]
      .filter((f) => opts.appStyle || !f.startsWith(APP_STYLE_PREFIX))
      .map((f) => `<${f}>; rel=preload; as=fetch; crossorigin`);
    const modules = [page.module, ...(page.preloadModules ?? [])].filter((m) => manifest[m]);
    // MapLibre's worker (.mjs) is left out: from the start it would halve the bandwidth the entry
    // and MapLibre get (the staff map prefetches it once MapLibre's chunk is in, into the HTTP cache
    // a worker reads: client/map/prefetch-after-maplibre.ts; a worker does not use the page's preloads).
    const files = [...new Set(modules.flatMap((m) => staticFiles(manifest, m)))].filter((f) => !entry.includes(f) && !f.endsWith('.mjs')).sort(bySize);
    const links = [...entry.map(linkFor), ...fetches, ...files.map(linkFor)];
    byPage.set(page.id, links.join(', '));
  }
  return byPage;
}

/** The Link header for a client route (a path index.html answers), or undefined. */
export function pagePreloadFor(links: Map<string, string>, path: string): string | undefined {
  return links.get(pageEntryFor(path).id) || undefined;
}
