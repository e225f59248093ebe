// The same-run baseline for `npm run bench -- web`: the client as it was before issue 13 (one
// bundle, no service worker), built from git at BASELINE_COMMIT and served the way the app served
// it then: plain files from disk (no compression, no Cache-Control), index.html for client
// routes, the API of the real app (compressed as today).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Hono } from 'hono';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';

/** The last commit before the client was split, compressed and made offline-capable. */
export const BASELINE_COMMIT = '57f4022';

/** Builds the baseline client into tmp/bench-web-baseline/dist/client; null when the commit is not in this clone. */
export async function buildBaseline(root: string): Promise<string | null> {
  const dir = join(root, 'tmp/bench-web-baseline');
  const dist = join(dir, 'dist/client');
  if (existsSync(join(dist, 'index.html'))) return dist;
  try {
    execFileSync('git', ['cat-file', '-e', `${BASELINE_COMMIT}^{commit}`], { cwd: root, stdio: 'ignore' });
  } catch {
    return null;
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  // Inside the repo, so the old client resolves this checkout's node_modules.
  execFileSync('sh', ['-c', `git archive ${BASELINE_COMMIT} client vite.config.ts | tar -x -C ${JSON.stringify(dir)}`], { cwd: root });
  const { build } = await import('vite');
  await build({ configFile: join(dir, 'vite.config.ts'), logLevel: 'warn', build: { sourcemap: false } });
  return dist;
}

/** Serves the baseline client as the app did then, with the API answered by `api`. Returns its port and a stop. */
export function serveBaseline(dist: string, api: { fetch: (req: Request) => Response | Promise<Response> }): Promise<{ port: number; stop: () => Promise<void> }> {
  const app = new Hono();
  app.all('/api/*', (c) => api.fetch(c.req.raw));
  const indexHtml = readFileSync(join(dist, 'index.html'), 'utf8');
  app.use('/*', serveStatic({ root: relative(process.cwd(), dist) || '.' }));
  app.get('*', (c) => c.html(indexHtml, 200));
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) =>
      resolve({ port: info.port, stop: () => new Promise((r) => server.close(() => r())) }),
    );
  });
}
