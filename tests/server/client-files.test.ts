// Serving the built client: br/gzip by Accept-Encoding with Vary, a year and `immutable` for
// hashed files, HTML revalidated with an ETag, 304 on a matching If-None-Match; and the web app
// manifest the build writes (linked from the HTML, its icons real PNGs of the stated sizes).
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { Hono } from 'hono';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { serveClient, IMMUTABLE, chooseEncoding, inlineScriptHashes, loadClientFiles } from '../../server/http/client-files.ts';
import { createApp } from '../../server/app.ts';
import type { AppDeps } from '../../server/deps.ts';
import { makeLogger } from '../../server/logger.ts';
import { isNotModified } from '../../server/http/etag.ts';
import { precompressDir } from '../../build/precompress.ts';
import { ensureClientBuilt } from '../../server/client-build.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const JS = `export const answer = ${JSON.stringify('x'.repeat(4000))};\n`;

describe('serving the client from a built directory', () => {
  let dir = '';
  let app: Hono;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'tk-client-'));
    mkdirSync(join(dir, 'assets'));
    mkdirSync(join(dir, '.vite'));
    writeFileSync(join(dir, 'index.html'), `<!doctype html><title>t</title>${'<!-- padding -->'.repeat(64)}`);
    writeFileSync(join(dir, 'assets/app-Ab12Cd34.js'), JS);
    writeFileSync(join(dir, 'assets/logo-Zz99Yy88.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    writeFileSync(join(dir, '.vite/manifest.json'), '{}');
    precompressDir(dir);
    app = new Hono();
    app.use('/*', serveClient(dir));
    app.all('*', (c) => c.text('not found', 404));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('sends the brotli copy of a hashed file when asked, cached for a year and immutable', async () => {
    const res = await app.request('/assets/app-Ab12Cd34.js', { headers: { 'Accept-Encoding': 'gzip, deflate, br' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Encoding')).toBe('br');
    expect(res.headers.get('Vary')).toBe('Accept-Encoding');
    expect(res.headers.get('Cache-Control')).toBe(IMMUTABLE);
    expect(res.headers.get('Content-Type')).toMatch(/^text\/javascript/);
    const body = Buffer.from(await res.arrayBuffer());
    expect(Number(res.headers.get('Content-Length'))).toBe(body.length);
    expect(body.length).toBeLessThan(JS.length / 10);
    expect(brotliDecompressSync(body).toString()).toBe(JS);
  });

  it('sends gzip to a client without brotli and the plain file to one that accepts neither', async () => {
    const gz = await app.request('/assets/app-Ab12Cd34.js', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(gz.headers.get('Content-Encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).toBe(JS);
    const plain = await app.request('/assets/app-Ab12Cd34.js');
    expect(plain.headers.get('Content-Encoding')).toBeNull();
    expect(await plain.text()).toBe(JS);
    const refused = await app.request('/assets/app-Ab12Cd34.js', { headers: { 'Accept-Encoding': 'br;q=0, gzip;q=0' } });
    expect(refused.headers.get('Content-Encoding')).toBeNull();
  });

  it('gives each encoding its own ETag and answers 304 to a matching If-None-Match', async () => {
    const br = await app.request('/assets/app-Ab12Cd34.js', { headers: { 'Accept-Encoding': 'br' } });
    const gz = await app.request('/assets/app-Ab12Cd34.js', { headers: { 'Accept-Encoding': 'gzip' } });
    const etag = br.headers.get('ETag')!;
    expect(etag).toMatch(/^"[\w-]+-br"$/);
    expect(gz.headers.get('ETag')).not.toBe(etag);
    const again = await app.request('/assets/app-Ab12Cd34.js', { headers: { 'Accept-Encoding': 'br', 'If-None-Match': `"other", ${etag}` } });
    expect(again.status).toBe(304);
    expect(again.headers.get('ETag')).toBe(etag);
    expect(again.headers.get('Cache-Control')).toBe(IMMUTABLE);
    expect(await again.text()).toBe('');
    const other = await app.request('/assets/app-Ab12Cd34.js', { headers: { 'Accept-Encoding': 'gzip', 'If-None-Match': etag } });
    expect(other.status).toBe(200);
  });

  it('serves HTML for client routes with no-cache and an ETag, and 304 when unchanged', async () => {
    const res = await app.request('/rapportera/kvitto/abc', { headers: { 'Accept-Encoding': 'br' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('Cache-Control')).toBe('no-cache');
    const etag = res.headers.get('ETag')!;
    expect(etag).toBeTruthy();
    const same = await app.request('/falt', { headers: { 'Accept-Encoding': 'br', 'If-None-Match': etag } });
    expect(same.status).toBe(304);
    expect((await app.request('/index.html', { headers: { 'Accept-Encoding': 'br', 'If-None-Match': etag } })).status).toBe(304);
  });

  it('answers a missing hashed file with 404, never HTML, and keeps the build manifest private', async () => {
    expect((await app.request('/assets/gone-12345678.js')).status).toBe(404);
    expect((await app.request('/.vite/manifest.json')).status).toBe(404);
    expect((await app.request('/assets/app-Ab12Cd34.js.br')).status).toBe(404);
  });

  it('leaves images uncompressed and answers HEAD without a body', async () => {
    const png = await app.request('/assets/logo-Zz99Yy88.png', { headers: { 'Accept-Encoding': 'br' } });
    expect(png.headers.get('Content-Encoding')).toBeNull();
    expect(png.headers.get('Vary')).toBeNull();
    const head = await app.request('/assets/app-Ab12Cd34.js', { method: 'HEAD', headers: { 'Accept-Encoding': 'br' } });
    expect(head.status).toBe(200);
    expect(head.headers.get('Content-Length')).not.toBeNull();
    expect(await head.text()).toBe('');
  });

  it('reads Accept-Encoding q-values and If-None-Match lists as RFC 9110 says', () => {
    const file = loadClientFiles(dir).get('/assets/app-Ab12Cd34.js')!;
    expect(chooseEncoding('*', file)).toBe('br');
    expect(chooseEncoding('br;q=0, *;q=0.5', file)).toBe('gzip');
    expect(chooseEncoding('identity', file)).toBe('identity');
    expect(isNotModified('W/"abc"', '"abc"')).toBe(true);
    expect(isNotModified('*', '"abc"')).toBe(true);
    expect(isNotModified('"abd"', '"abc"')).toBe(false);
    expect(isNotModified(undefined, '"abc"')).toBe(false);
  });
});

describe('the built client', () => {
  let dist = '';
  let app: Hono;
  beforeAll(async () => {
    dist = await ensureClientBuilt(root, () => {});
    app = new Hono();
    app.use('/*', serveClient(dist));
  }, 300_000);

  it('serves the entry script brotli-compressed and immutable', async () => {
    const html = readFileSync(join(dist, 'index.html'), 'utf8');
    const entry = /<script type="module" crossorigin src="(\/assets\/index-[\w-]+\.js)"/.exec(html)?.[1];
    expect(entry).toBeTruthy();
    const res = await app.request(entry!, { headers: { 'Accept-Encoding': 'br, gzip' } });
    expect(res.headers.get('Content-Encoding')).toBe('br');
    expect(res.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable');
    const sw = await app.request('/sw.js', { headers: { 'Accept-Encoding': 'br' } });
    expect(sw.status).toBe(200);
    expect(sw.headers.get('Cache-Control')).toBe('no-cache');
  });

  it("names each page's first-load files and first API reads in a Link header, the entry first and MapLibre after the small files", async () => {
    const parse = (link: string | null) => (link ?? '').split(', ').map((l) => ({ url: /^<([^>]+)>/.exec(l)?.[1] ?? '', params: l.split('; ').slice(1) }));
    const staff = parse((await app.request('/?lang=en')).headers.get('Link'));
    const urls = staff.map((l) => l.url);
    expect(urls[0]).toMatch(/^\/assets\/index-[\w-]+\.js$/);
    expect(staff[0]!.params).toEqual(['rel=modulepreload']);
    for (const api of ['/api/auth/me', '/api/config', '/api/categories', '/api/districts', '/api/bases', '/api/streets?lit=no', '/map/style.json']) {
      expect(staff.find((l) => l.url === api)?.params, api).toEqual(['rel=preload', 'as=fetch', 'crossorigin']);
    }
    // Not the sprite: the page prefetches it once MapLibre's chunk is in (it would slow that chunk).
    expect(urls.some((u) => u.startsWith('/map/sprite'))).toBe(false);
    const page = urls.findIndex((u) => /staff-map-page-/.test(u));
    const mapView = urls.findIndex((u) => /map-view-/.test(u));
    const maplibre = urls.findIndex((u) => /maplibre-[\w-]+\.js$/.test(u));
    expect(Math.min(page, mapView, maplibre)).toBeGreaterThan(0);
    expect(maplibre).toBe(urls.length - 1);
    expect(urls.find((u) => u.endsWith('.css') && /maplibre/.test(u))).toBeTruthy();
    // Stylesheets are preloaded in the credentials mode of the links that use them (Vite writes
    // `crossorigin`); otherwise the browser ignores the preload and fetches each one twice.
    for (const css of staff.filter((l) => l.url.endsWith('.css'))) expect(css.params, css.url).toEqual(['rel=preload', 'as=style', 'crossorigin']);
    // The worker is left to the map; every file named is one the server has.
    expect(urls.some((u) => u.endsWith('.mjs'))).toBe(false);
    for (const u of urls.filter((u) => u.startsWith('/assets/'))) expect((await app.request(u)).status, u).toBe(200);
    // The residents' form preloads its own chunk, the categories and the districts its light map
    // fits; no MapLibre, no staff data, and it asks nobody who is signed in.
    const report = parse((await app.request('/rapportera')).headers.get('Link')).map((l) => l.url);
    expect(report.some((u) => /report-page-/.test(u))).toBe(true);
    expect(report.filter((u) => u.startsWith('/api/'))).toEqual(['/api/categories', '/api/districts']);
    expect(report.some((u) => /maplibre|staff-map|\/map\//.test(u))).toBe(false);
    // The shell the service worker keeps for every page carries none: served for /rapportera it
    // would make a resident's phone preload the staff map's MapLibre and API reads.
    expect((await app.request('/index.html')).headers.get('Link')).toBeNull();
    // Files and API answers carry no Link header.
    expect((await app.request(urls[0]!)).headers.get('Link')).toBeNull();
    // With an online basemap the app's style and sprite are not preloaded; the rest is.
    const online = new Hono().use('/*', serveClient(dist, { preloadAppStyle: false }));
    const onlineUrls = parse((await online.request('/')).headers.get('Link')).map((l) => l.url);
    expect(onlineUrls.some((u) => u.startsWith('/map/'))).toBe(false);
    expect(onlineUrls).toContain('/api/config');
  });

  it("allows index.html's inline script by its hash in the Content-Security-Policy, and no other inline script", async () => {
    const html = readFileSync(join(dist, 'index.html'), 'utf8');
    const inline = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
    expect(inline).toHaveLength(1);
    expect(inline[0]).toContain('tk-light-map-first');
    const hash = `'sha256-${createHash('sha256').update(inline[0]!).digest('base64')}'`;
    expect(inlineScriptHashes(dist)).toEqual([hash]);
    // Serving a page reads no database: one that refuses every query shows it.
    const noDb = (() => Promise.reject(new Error('no database'))) as unknown as AppDeps['sql'];
    const full = createApp({ sql: noDb, area: { index: () => Promise.reject(new Error('no')), invalidate() {} }, now: () => 0, newId: () => 'x', log: makeLogger('silent'), basemapStyleUrl: null, staticDir: dist });
    const csp = (await full.request('/rapportera')).headers.get('Content-Security-Policy') ?? '';
    const scriptSrc = /script-src ([^;]+)/.exec(csp)?.[1]?.split(' ');
    expect(scriptSrc).toEqual(["'self'", hash]);
  });

  it('links a valid web app manifest whose icons are PNGs of the sizes it states', async () => {
    const html = readFileSync(join(dist, 'index.html'), 'utf8');
    expect(html).toContain('<link rel="manifest" href="/manifest.webmanifest"');
    expect(html).toContain('<link rel="apple-touch-icon" href="/icons/apple-touch-icon.png"');
    const res = await app.request('/manifest.webmanifest');
    expect(res.headers.get('Content-Type')).toBe('application/manifest+json');
    const m = (await res.json()) as { name: string; short_name: string; start_url: string; display: string; theme_color: string; lang: string; icons: { src: string; sizes: string; purpose: string }[]; shortcuts: { url: string }[] };
    expect(m.name).toMatch(/Trygghetskartan/);
    expect(m.short_name.length).toBeLessThanOrEqual(15);
    expect(m.lang).toBe('sv');
    expect(m.start_url).toBe('/');
    expect(m.display).toBe('standalone');
    expect(m.theme_color).toMatch(/^#[0-9a-f]{6}$/);
    expect(m.shortcuts.map((s) => s.url)).toEqual(['/falt', '/rapportera']);
    expect(m.icons.map((i) => `${i.sizes} ${i.purpose}`).sort()).toEqual(['192x192 any', '512x512 any', '512x512 maskable']);
    for (const icon of [...m.icons, { src: '/icons/apple-touch-icon.png', sizes: '180x180' }]) {
      const png = await app.request(icon.src);
      expect(png.status, icon.src).toBe(200);
      const meta = await sharp(Buffer.from(await png.arrayBuffer())).metadata();
      expect(`${meta.width}x${meta.height}`, icon.src).toBe(icon.sizes);
      expect(meta.format).toBe('png');
    }
  });
});
