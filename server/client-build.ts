// Builds the client with Vite when dist/client is missing or older than its sources (client/, build/,
// server/http/page-preloads.ts, vite.config.ts).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function newestMtime(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

export function isClientStale(root: string): boolean {
  const index = join(root, 'dist/client/index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  // build/ holds the build's own plugins (icons, service worker, precompression); the service
  // worker's precache manifest carries each page's Link header from server/http/page-preloads.ts.
  const sources = [join(root, 'client'), join(root, 'build'), join(root, 'server/http/page-preloads.ts'), join(root, 'vite.config.ts')].filter((p) => existsSync(p));
  return sources.some((p) => newestMtime(p) > built);
}

/** Returns the directory of the built client. */
export async function ensureClientBuilt(root: string, log: (msg: string) => void = console.log): Promise<string> {
  const out = join(root, 'dist/client');
  if (isClientStale(root)) {
    log('Building the client (vite build)…');
    const { build } = await import('vite');
    // Always the production client, as `npm run build` makes it: under the test runner NODE_ENV is
    // 'test', which Vite would carry into the bundle (a larger, non-production client).
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await build({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn', mode: 'production' });
    } finally {
      if (nodeEnv === undefined) delete process.env.NODE_ENV;
      else process.env.NODE_ENV = nodeEnv;
    }
  }
  return out;
}
