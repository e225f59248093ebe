// What a page downloads before it can show anything: the entry chunk (index.html's script) and the
// page's own chunk, each with every chunk it imports statically and their CSS, read from Vite's
// build manifest (dist/client/.vite/manifest.json), with the scripts they import by URL (MapLibre's
// worker), and the modules the page loads lazily but at once (its `preloadModules`). Other lazy
// imports (a chart, the planner, the residents' map) are not first-load; `lazy`
// counts them too. Sizes are the brotli bytes the server sends (build/precompress.ts).
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface ManifestChunk {
  file: string;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
  assets?: string[];
  isEntry?: boolean;
  isDynamicEntry?: boolean;
}
export type ViteManifest = Record<string, ManifestChunk>;

/**
 * Files (relative to dist/client) a manifest key needs at once: its chunk, static imports and CSS
 * (with `lazy`, its lazy imports too). The entry (index.html) is never followed from a page: it
 * imports every page lazily.
 */
export function staticFiles(manifest: ViteManifest, key: string, lazy = false): string[] {
  const files = new Set<string>();
  const seen = new Set<string>(key === 'index.html' ? [] : ['index.html']);
  const visit = (k: string) => {
    if (seen.has(k)) return;
    seen.add(k);
    const c = manifest[k];
    if (!c) throw new Error(`the build manifest has no ${k}`);
    files.add(c.file);
    for (const css of c.css ?? []) files.add(css);
    // Scripts imported by URL: MapLibre's worker, which every map fetches before it draws.
    for (const a of c.assets ?? []) if (/\.(m?js|css)$/.test(a)) files.add(a);
    for (const i of c.imports ?? []) visit(i);
    if (lazy) for (const i of c.dynamicImports ?? []) visit(i);
  };
  visit(key);
  return [...files];
}

export function readManifest(distDir: string): ViteManifest {
  return JSON.parse(readFileSync(join(distDir, '.vite/manifest.json'), 'utf8')) as ViteManifest;
}

/** Bytes on the wire for a built file: its .br copy when there is one. */
export function compressedSize(distDir: string, file: string): number {
  const br = join(distDir, `${file}.br`);
  return statSync(existsSync(br) ? br : join(distDir, file)).size;
}

export interface PageWeight {
  files: string[];
  /** JavaScript, brotli bytes. */
  js: number;
  /** CSS, brotli bytes. */
  css: number;
}

/**
 * First-load JS and CSS of the page whose module is `pageModule` (relative to client/), with the
 * modules it imports lazily but at once (client/page-list.ts `preloadModules`, e.g. the staff map's
 * map): those are downloading from the start too.
 */
export function firstLoad(distDir: string, manifest: ViteManifest, pageModule: string, lazy = false, atOnce: readonly string[] = []): PageWeight {
  const files = [...new Set([...staticFiles(manifest, 'index.html'), ...[pageModule, ...atOnce].flatMap((m) => staticFiles(manifest, m, lazy))])];
  let js = 0, css = 0;
  for (const f of files) {
    const size = compressedSize(distDir, f);
    if (f.endsWith('.css')) css += size;
    else js += size;
  }
  return { files, js, css };
}
