// @ts-check
// `npm start`: runs the compiled server (dist/server/main.js, with source maps), building it
// first with esbuild when it is missing or older than any file under server/ — as the client is
// built by server/client-build.ts. Plain JavaScript, so production runs without tsx.
import { existsSync, readdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** @param {string} path */
function newestMtime(path) {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

/** The compiled entry point. @param {string} root */
export const serverBundle = (root) => join(root, 'dist/server/main.js');

/** True when the bundle is missing or a server source (or package.json) is newer. @param {string} root */
export function isServerStale(root) {
  const out = serverBundle(root);
  if (!existsSync(out)) return true;
  const built = statSync(out).mtimeMs;
  return newestMtime(join(root, 'server')) > built || statSync(join(root, 'package.json')).mtimeMs > built;
}

/**
 * Bundles server/main.ts into dist/server/main.js (ESM for Node 20, packages left as imports,
 * source maps beside it); written under a temporary name and renamed, so a reader never sees half.
 * @param {string} root
 */
export async function buildServer(root) {
  const { build, stop } = await import('esbuild');
  const out = serverBundle(root);
  const tmp = `${out}.${process.pid}.tmp.js`;
  await build({
    entryPoints: [join(root, 'server/main.ts')],
    outfile: tmp,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    sourcesContent: false,
    logLevel: 'warning',
  });
  await stop(); // esbuild's service process would otherwise live as long as the server
  renameSync(`${tmp}.map`, `${out}.map`);
  // The map is named after the temporary file inside the bundle's last line: point it at the final name.
  const { readFileSync, writeFileSync } = await import('node:fs');
  writeFileSync(tmp, readFileSync(tmp, 'utf8').replace(/sourceMappingURL=.*$/m, 'sourceMappingURL=main.js.map'));
  renameSync(tmp, out);
}

/** Builds when stale; returns the bundle's path. @param {string} root @param {(msg: string) => void} [log] */
export async function ensureServerBuilt(root, log = console.log) {
  if (isServerStale(root)) {
    log('Building the server (esbuild)…');
    await buildServer(root);
  }
  return serverBundle(root);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.setSourceMapsEnabled(true);
  const root = fileURLToPath(new URL('..', import.meta.url));
  // A cluster worker re-runs this file: the primary has built already.
  const bundle = process.env.TK_WORKER === '1' ? serverBundle(root) : await ensureServerBuilt(root);
  await import(pathToFileURL(bundle).href);
}
