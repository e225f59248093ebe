// Serves the built client (dist/client) from memory: each file with its .br/.gz twin chosen by
// Accept-Encoding (Vary: Accept-Encoding), a strong ETag per encoding and 304 on a match, and a
// cache policy by kind — hashed /assets/ files for a year (immutable), everything else
// (index.html, sw.js, the manifest) revalidated on every use. Paths that are not files are the
// client's own routes and get index.html, with a Link header naming the page's first-load files; a missing /assets/ file is a 404, never HTML.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import type { MiddlewareHandler } from 'hono';
import { ENCODING_SUFFIX, etagOf, isNotModified } from './etag.ts';
import { loadPagePreloads, pagePreloadFor } from './page-preloads.ts';

/**
 * The Content-Security-Policy sources ('sha256-…') that allow index.html's own inline scripts and
 * no other: the page's script-src stays 'self' plus exactly these.
 */
export function inlineScriptHashes(dir: string): string[] {
  const file = join(dir, 'index.html');
  if (!existsSync(file)) return [];
  const html = readFileSync(file, 'utf8');
  return [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)]
    .map((m) => `'sha256-${createHash('sha256').update(m[1]!, 'utf8').digest('base64')}'`);
}

export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATE = 'no-cache';
/** Icons keep their names across builds: a day, then revalidate. */
const ICONS = 'public, max-age=86400';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
  '.pbf': 'application/x-protobuf',
};

type Encoding = 'br' | 'gzip' | 'identity';

interface Variant {
  bytes: Uint8Array;
  etag: string;
}

export interface ClientFile {
  type: string;
  cacheControl: string;
  variants: Partial<Record<Encoding, Variant>> & { identity: Variant };
}

function* walk(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    if (name.startsWith('.')) continue; // .vite/manifest.json is for the build, not the web
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* walk(path);
    else yield path;
  }
}

function cachePolicy(urlPath: string): string {
  if (urlPath.startsWith('/assets/')) return IMMUTABLE;
  if (urlPath.startsWith('/icons/')) return ICONS;
  return REVALIDATE;
}

/** Reads every file of the built client into memory, keyed by URL path. */
export function loadClientFiles(dir: string): Map<string, ClientFile> {
  const files = new Map<string, ClientFile>();
  for (const path of walk(dir)) {
    if (path.endsWith('.br') || path.endsWith('.gz')) continue;
    const urlPath = `/${relative(dir, path).split(sep).join('/')}`;
    const identity = readFileSync(path);
    const variants: ClientFile['variants'] = { identity: { bytes: identity, etag: etagOf(identity) } };
    for (const [enc, ext] of [['br', '.br'], ['gzip', '.gz']] as const) {
      if (existsSync(path + ext)) variants[enc] = { bytes: readFileSync(path + ext), etag: etagOf(identity, ENCODING_SUFFIX[enc === 'br' ? 'br' : 'gzip']) };
    }
    files.set(urlPath, { type: TYPES[extname(path)] ?? 'application/octet-stream', cacheControl: cachePolicy(urlPath), variants });
  }
  return files;
}

/** The encoding to send: br, then gzip, when the client accepts it (q > 0) and the file has it. */
export function chooseEncoding(acceptEncoding: string | undefined, file: ClientFile): Encoding {
  const accepted = new Map<string, number>();
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [token, ...params] = part.trim().toLowerCase().split(';');
    if (!token) continue;
    const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find(Boolean);
    accepted.set(token, q === undefined ? 1 : Number(q));
  }
  const ok = (e: string) => (accepted.get(e) ?? accepted.get('*') ?? 0) > 0;
  if (file.variants.br && ok('br')) return 'br';
  if (file.variants.gzip && ok('gzip')) return 'gzip';
  return 'identity';
}

/** Answers GET/HEAD for the client's files and routes; passes anything else (API, Open311) on. */
export function serveClient(dir: string, opts: { preloadAppStyle?: boolean } = {}): MiddlewareHandler {
  const files = loadClientFiles(dir);
  const index = files.get('/index.html');
  if (!index) throw new Error(`${dir} has no index.html: build the client first`);
  const preloads = loadPagePreloads(dir, { appStyle: opts.preloadAppStyle ?? true });
  return async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
    const path = c.req.path;
    if (path.startsWith('/api/') || path.startsWith('/open311/')) return next(); // never HTML in place of an API answer
    let file = files.get(path);
    if (!file) {
      // A missing hashed file (an old page asking after a deploy) must not get HTML under a .js name.
      if (path.startsWith('/assets/') || extname(path) !== '') return next();
      file = index;
    }
    const encoding = chooseEncoding(c.req.header('Accept-Encoding'), file);
    const variant = file.variants[encoding]!;
    const headers: Record<string, string> = { 'Cache-Control': file.cacheControl, ETag: variant.etag };
    // The page's own files and first API reads, fetched alongside the entry script (server/http/page-preloads.ts).
    // Not on /index.html itself: the service worker keeps that as the shell of every page, and the
    // staff map's preloads (MapLibre, its API reads) would then ride along with the residents' form.
    const link = file === index && path !== '/index.html' ? pagePreloadFor(preloads, path) : undefined;
    if (link) headers.Link = link;
    if (file.variants.br || file.variants.gzip) headers.Vary = 'Accept-Encoding';
    if (isNotModified(c.req.header('If-None-Match'), variant.etag)) return c.body(null, 304, headers);
    headers['Content-Type'] = file.type;
    headers['Content-Length'] = String(variant.bytes.length);
    if (encoding !== 'identity') headers['Content-Encoding'] = encoding;
    if (c.req.method === 'HEAD') return c.body(null, 200, headers);
    return c.body(variant.bytes as Uint8Array<ArrayBuffer>, 200, headers);
  };
}
