// Vite builds the SolidJS client from client/ into dist/client (one chunk per page, MapLibre in
// its own chunk, icons and manifest, the service worker, .br/.gz copies); Vitest runs tests/.
import { defineConfig } from 'vitest/config';
import solid from 'vite-plugin-solid';
import { fileURLToPath } from 'node:url';
import { appIcons } from './build/app-icons.ts';
import { serviceWorker } from './build/service-worker.ts';

const root = fileURLToPath(new URL('.', import.meta.url));
const apiPort = Number(process.env.PORT ?? 8787);
const outDir = `${root}dist/client`;

export default defineConfig({
  root: `${root}client`,
  plugins: [
    solid(),
    appIcons(`${root}client/icons/app-icon.svg`),
    serviceWorker({ clientDir: `${root}client`, outDir, entry: `${root}client/offline/sw.ts` }),
  ],
  build: {
    outDir,
    emptyOutDir: true,
    sourcemap: true,
    manifest: true,
    chunkSizeWarningLimit: 2000,
    rollupOptions: {
      output: {
        // MapLibre (the largest dependency, shared by every map page) in one chunk of its own:
        // fetched once, cached for a year under its hash, unchanged when the app's code changes.
        // Its code only: a `?url` import of its worker is a string the staff map's page chunk uses
        // without waiting for MapLibre.
        codeSplitting: { groups: [{ name: 'maplibre', test: /node_modules[\\/]maplibre-gl[\\/][^?]*$/ }] },
      },
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': `http://127.0.0.1:${apiPort}`, '/open311': `http://127.0.0.1:${apiPort}` },
  },
  test: {
    root,
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // One process runs the files one after another: the server's modules are loaded and compiled
    // once, not per file (a third of the suite's time). Tests keep no state between files: each
    // opens its own database, app and browser, and module-level caches are keyed by those.
    isolate: false,
    environment: 'node',
  },
});
