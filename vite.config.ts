// Vite builds the SolidJS client from client/ into dist/client; Vitest runs tests/ from the repo root.
import { defineConfig } from 'vitest/config';
import solid from 'vite-plugin-solid';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));
const apiPort = Number(process.env.PORT ?? 8787);

export default defineConfig({
  root: `${root}client`,
  plugins: [solid()],
  build: { outDir: `${root}dist/client`, emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 2000 },
  server: {
    port: 5173,
    proxy: { '/api': `http://127.0.0.1:${apiPort}`, '/open311': `http://127.0.0.1:${apiPort}` },
  },
  test: {
    root,
    include: ['tests/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    environment: 'node',
  },
});
