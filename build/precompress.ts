// Precompresses the built client once, at build time: a .br (quality 11) and a .gz (level 9)
// beside every text file, so the server sends compressed bytes without compressing per request.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** File types worth compressing (images and fonts are compressed already). */
export const COMPRESSIBLE = new Set(['.js', '.mjs', '.css', '.html', '.json', '.svg', '.webmanifest', '.txt', '.xml', '.pbf']);
/** Below this a compressed copy saves less than a packet. */
const MIN_BYTES = 512;

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else yield path;
  }
}

export function precompressDir(dir: string): { files: number; rawBytes: number; brBytes: number } {
  let count = 0, rawBytes = 0, brBytes = 0;
  for (const path of files(dir)) {
    if (!COMPRESSIBLE.has(extname(path)) || path.endsWith('.map')) continue;
    const raw = readFileSync(path);
    if (raw.length < MIN_BYTES) continue;
    const br = brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length } });
    const gz = gzipSync(raw, { level: 9 });
    if (br.length < raw.length) writeFileSync(`${path}.br`, br);
    if (gz.length < raw.length) writeFileSync(`${path}.gz`, gz);
    count++;
    rawBytes += raw.length;
    brBytes += Math.min(br.length, raw.length);
  }
  return { files: count, rawBytes, brBytes };
}
