// Vite plugin: after the client is bundled, works out what each page needs to open offline (its
// chunk and every chunk, stylesheet and asset it imports, lazily too — except lazy chunks that
// need MapLibre, which a page that opens without it fetches only online) and builds
// client/offline/sw.ts into dist/client/sw.js (one classic script) with that list inside; then
// precompresses the whole output (build/precompress.ts), the worker included.
import { existsSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { build, type Plugin, type Rollup } from 'vite';
import { PAGE_LIST } from '../client/page-list.ts';
import type { PrecacheManifest } from '../client/offline/sw-types.ts';
import { ICONS } from './web-manifest.ts';
import { precompressDir } from './precompress.ts';
import { loadPagePreloads } from '../server/http/page-preloads.ts';

type Bundle = Rollup.OutputBundle;
type Chunk = Rollup.OutputChunk & { viteMetadata?: { importedCss: Set<string>; importedAssets: Set<string> } };

/**
 * The files a chunk needs: itself, its static imports (and with `lazy` its dynamic ones), their CSS
 * and assets. Chunks in `known` (the shell) are neither listed nor followed: the entry chunk lazily
 * imports every page, and a page's group must not become the whole app.
 */
export function chunkClosure(bundle: Bundle, start: string, lazy: boolean, known: ReadonlySet<string> = new Set(), skipLazy: (fileName: string) => boolean = () => false): string[] {
  const seen = new Set<string>(known);
  const files = new Set<string>();
  const visit = (fileName: string) => {
    if (seen.has(fileName)) return;
    seen.add(fileName);
    const c = bundle[fileName] as Chunk | undefined;
    if (!c || c.type !== 'chunk') return;
    files.add(fileName);
    for (const css of c.viteMetadata?.importedCss ?? []) files.add(css);
    for (const asset of c.viteMetadata?.importedAssets ?? []) files.add(asset);
    for (const i of c.imports) visit(i);
    if (lazy) for (const i of c.dynamicImports) if (!skipLazy(i)) visit(i);
  };
  visit(start);
  return [...files];
}

/**
 * Whether a chunk needs MapLibre (it is the MapLibre chunk, or imports it statically). On a page
 * whose map is an online extra (page-list.ts onlineOnlyMap: the residents' "larger map") such a
 * chunk reached only lazily is not precached (≈ 360 KiB).
 */
export function needsMapLibre(bundle: Bundle, fileName: string, seen = new Set<string>()): boolean {
  if (seen.has(fileName)) return false;
  seen.add(fileName);
  const c = bundle[fileName];
  if (!c || c.type !== 'chunk') return false;
  if (c.name === 'maplibre' || c.moduleIds.some((id) => /node_modules[\\/]maplibre-gl[\\/]/.test(id))) return true;
  return c.imports.some((i) => needsMapLibre(bundle, i, seen));
}

export function makePrecacheManifest(bundle: Bundle, clientDir: string): PrecacheManifest {
  const chunks = Object.values(bundle).filter((c): c is Chunk => c.type === 'chunk');
  const entry = chunks.find((c) => c.isEntry);
  if (!entry) throw new Error('no entry chunk in the bundle');
  const entryFiles = chunkClosure(bundle, entry.fileName, false);
  const shell = ['/index.html', '/manifest.webmanifest', '/icons/icon.svg', ...ICONS.map((i) => `/${i.file}`), ...entryFiles.map((f) => `/${f}`)];
  const pages: Record<string, string[]> = {};
  const core: Record<string, string[]> = {};
  for (const page of PAGE_LIST) {
    const chunk = chunks.find((c) => c.facadeModuleId === join(clientDir, page.module));
    if (!chunk) throw new Error(`page ${page.id}: no chunk for ${page.module}`);
    const closure = (skipMapLibre: boolean) => chunkClosure(bundle, chunk.fileName, true, new Set(entryFiles), (f) => skipMapLibre && needsMapLibre(bundle, f)).map((f) => `/${f}`);
    pages[page.id] = closure(page.onlineOnlyMap === true);
    core[page.id] = closure(true);
  }
  const version = createHash('sha256').update(JSON.stringify({ shell, pages, core })).digest('hex').slice(0, 12);
  return { version, shell, pages, core };
}

export function serviceWorker(opts: { clientDir: string; outDir: string; entry: string }): Plugin {
  let manifest: PrecacheManifest | null = null;
  return {
    name: 'tk-service-worker',
    apply: 'build',
    generateBundle(_options, bundle) {
      manifest = makePrecacheManifest(bundle, opts.clientDir);
    },
    async closeBundle() {
      if (!manifest) return;
      // A chunk that held only CSS (e.g. a stylesheet shared by two pages) is in the bundle
      // generateBundle saw, but Vite drops its empty .js afterwards: precache only files written,
      // or cache.addAll fails and the worker never installs.
      const written = (url: string) => existsSync(join(opts.outDir, url));
      manifest = {
        ...manifest,
        shell: manifest.shell.filter(written),
        pages: Object.fromEntries(Object.entries(manifest.pages).map(([id, urls]) => [id, urls.filter(written)])),
        core: Object.fromEntries(Object.entries(manifest.core).map(([id, urls]) => [id, urls.filter(written)])),
        // From the build manifest Vite has written by now.
        links: Object.fromEntries(loadPagePreloads(opts.outDir, { appStyle: false })),
      };
      await build({
        configFile: false,
        logLevel: 'warn',
        publicDir: false,
        define: { __TK_PRECACHE__: JSON.stringify(manifest) },
        build: {
          outDir: opts.outDir,
          emptyOutDir: false,
          copyPublicDir: false,
          minify: true,
          sourcemap: false,
          lib: { entry: opts.entry, formats: ['iife'], name: 'tkServiceWorker', fileName: () => 'sw.js' },
        },
      });
      precompressDir(opts.outDir);
    },
  };
}
