// Browser test of the app on a phone with no signal: after one visit the service worker is
// active, and with the network cut (context offline, and every request aborted, the worker's
// too) /rapportera (its light map from the last picture kept) and /falt reload and show their UI; a report filed offline with a photo waits
// in IndexedDB through a reload and is stored exactly once when the network returns; track
// points recorded offline, across a reload, all arrive and none twice.
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestServer } from '../helpers/test-server.ts';
import { createAccount } from '../../server/auth/accounts.ts';
import { offsetM } from '../fixtures/tracks/synthetic-walk.ts';
import { makeGpsJpeg } from '../helpers/gps-photo.ts';
import { launchChromium, runBrowserSuite } from '../helpers/browser.ts';

const WAIT = { timeout: 60_000 };
const RYD = { lat: 58.40837, lon: 15.564625 };
const EMAIL = 'offline-falt@example.se';
const PASSWORD = 'utan-tackning-Ryd-2026';

describe.runIf(runBrowserSuite)('the app with no signal', () => {
  let server: Awaited<ReturnType<typeof startTestServer>> | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext;
  let page: Page;
  let isCut = false;
  const pageErrors: string[] = [];

  /** No network at all: the context is offline and any request that still tries (the worker's included) is aborted. */
  const setNetwork = async (on: boolean) => {
    isCut = !on;
    await context.setOffline(!on);
  };

  beforeAll(async () => {
    server = await startTestServer({ seedDemo: false });
    await createAccount(server.sql, { email: EMAIL, password: PASSWORD, role: 'field', team: 'ryd', createTeam: true }, Date.now());
    browser = await launchChromium();
    context = await browser.newContext({
      viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true, locale: 'sv-SE', timezoneId: 'Europe/Stockholm',
      geolocation: { latitude: RYD.lat, longitude: RYD.lon, accuracy: 8 }, permissions: ['geolocation'],
    });
    await context.route('**/*', (route) => {
      const url = new URL(route.request().url());
      const local = url.protocol === 'data:' || url.protocol === 'blob:' || url.hostname === '127.0.0.1' || url.hostname === 'localhost';
      return local && !isCut ? route.continue() : route.abort('internetdisconnected');
    });
    page = await context.newPage();
    page.on('pageerror', (err) => pageErrors.push(`${page.url()}: ${err.stack ?? err.message}`));
    mkdirSync('test-results', { recursive: true });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** Waits until the worker controls the page and has kept this page's files (the `cache-page` group). */
  const waitForOfflineReady = async (chunk: RegExp) => {
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, WAIT);
    await page.waitForFunction(async (src) => {
      const names = (await caches.keys()).filter((n) => n.startsWith('tk-shell-'));
      for (const n of names) if ((await (await caches.open(n)).keys()).some((r) => new RegExp(src).test(r.url))) return true;
      return false;
    }, chunk.source, WAIT);
  };

  it('has an active service worker after the first visit and a linked manifest', async () => {
    await page.goto(`${server!.url}/rapportera`);
    await page.waitForSelector('[data-testid=report-form]', WAIT);
    // `ready` resolves once a worker is active (it may still be activating): wait for the end of it.
    // (waitForFunction takes the promise itself as truthy: wait on the worker's statechange instead.)
    await page.evaluate(async () => {
      const w = (await navigator.serviceWorker.ready).active!;
      if (w.state !== 'activated') await new Promise<void>((resolve) => w.addEventListener('statechange', () => w.state === 'activated' && resolve()));
    });
    expect(await page.evaluate(() => navigator.serviceWorker.ready.then((r) => r.active?.state))).toBe('activated');
    expect(await page.getAttribute('link[rel=manifest]', 'href')).toBe('/manifest.webmanifest');
    await waitForOfflineReady(/report-page-.*\.js$/);
    // The worker serves the kept shell with this page's Link header (the server's, from the build):
    // its own chunk and the two reads the form needs, no MapLibre and no staff reads.
    const again = (await page.goto(`${server!.url}/rapportera`))!;
    expect(again.fromServiceWorker()).toBe(true);
    const link = again.headers()['link'] ?? '';
    expect(link).toMatch(/report-page-[\w-]+\.js>; rel=modulepreload/);
    expect(link).not.toMatch(/maplibre|staff-map/);
    expect([...link.matchAll(/<(\/api\/[^>]*)>/g)].map((m) => m[1]).sort()).toEqual(['/api/categories', '/api/districts']);
  }, 120_000);

  it('reloads /rapportera with no network and keeps a report with a photo until the network returns, then stores it once', async () => {
    await page.waitForFunction(() => document.querySelectorAll('#field-category option').length > 1, undefined, WAIT);
    await page.waitForSelector('[data-testid=report-map][data-ready=true]', WAIT);
    await setNetwork(false);
    const shell = await page.reload();
    await page.waitForSelector('[data-testid=report-form]', WAIT);
    // With no network the kept shell still names this page's first files (nothing of the larger map).
    expect((await shell?.allHeaders())?.link ?? '').toMatch(/<\/assets\/report-page-[\w-]+\.js>; rel=modulepreload/);
    expect((await shell?.allHeaders())?.link ?? '').not.toMatch(/maplibre|report-map|staff-map/);
    await page.waitForFunction(() => document.querySelectorAll('#field-category option').length > 1, undefined, WAIT);
    // The light map shows the last picture it drew (kept by the worker); MapLibre was never kept for this page.
    await page.waitForSelector('[data-testid=report-map][data-ready=true]', WAIT);
    const cached = await page.evaluate(async () => (await Promise.all((await caches.keys()).map(async (k) => (await (await caches.open(k)).keys()).map((r) => r.url)))).flat());
    expect(cached.some((u) => u.includes('/map/static.svg'))).toBe(true);
    expect(cached.filter((u) => /maplibre|report-map/.test(u))).toEqual([]);
    // A view never drawn cannot come from the cache: the old picture stays and the form works on.
    await page.getByRole('button', { name: 'Zooma in' }).click();
    await page.waitForTimeout(500);
    expect(await page.getAttribute('[data-testid=report-map]', 'data-ready')).toBe('true');

    await page.getByRole('button', { name: 'Använd min position' }).click();
    await page.waitForFunction(() => document.querySelector('[data-testid=place-status]')?.textContent?.startsWith('Plats vald'), undefined, WAIT);
    await page.getByLabel('Vad gäller det?').selectOption('otrygg-plats');
    await page.getByLabel('Beskrivning (valfritt)').fill('Skrivet utan täckning vid gångtunneln.');
    await page.getByLabel('Foto (valfritt)').setInputFiles({ name: 'IMG_0001.jpg', mimeType: 'image/jpeg', buffer: await makeGpsJpeg(800, 600) });
    await page.getByRole('button', { name: 'Skicka rapport' }).click();
    await page.waitForSelector('[data-testid=report-queued]', WAIT);
    expect(await page.textContent('[data-testid=report-queued]')).toContain('Sparad — skickas när du har täckning');
    await page.screenshot({ path: 'test-results/offline-report-queued.png', fullPage: true });
    expect((await server!.sql`select 1 from reports where source = 'resident'`).length).toBe(0);

    // Still waiting after a reload with no network: it lives in IndexedDB, not in the page.
    await page.reload();
    await page.waitForSelector('[data-testid=outbox-waiting][data-count="1"]', WAIT);

    await setNetwork(true);
    await page.waitForSelector('[data-testid=receipt]', WAIT);
    expect(await page.textContent('[data-testid=receipt]')).toContain('Tack! Din rapport är mottagen.');
    // Give a second sender (Background Sync, the online event) time to try as well: still one report.
    await page.goto(`${server!.url}/rapportera`);
    await page.waitForSelector('[data-testid=report-form]', WAIT);
    await expect.poll(async () => (await page.evaluate(async () => {
      const open = indexedDB.open('tk-outbox');
      const db = await new Promise<IDBDatabase>((res) => (open.onsuccess = () => res(open.result)));
      return new Promise<number>((res) => {
        const r = db.transaction('reports').objectStore('reports').count();
        r.onsuccess = () => res(r.result);
      });
    })), WAIT).toBe(0);
    const rows = await server!.sql<{ id: string; description: string }[]>`select id, description from reports where source = 'resident'`;
    expect(rows).toHaveLength(1);
    expect(rows[0]!.description).toBe('Skrivet utan täckning vid gångtunneln.');
    expect((await server!.sql`select 1 from report_photos where report_id = ${rows[0]!.id}`).length).toBe(1);
  }, 300_000);

  it('reloads /falt with no network and uploads every track point recorded offline exactly once', async () => {
    const recorded = () => page.getAttribute('[data-testid=recorded]', 'data-count').then(Number);
    const moveTo = async (p: { lat: number; lon: number }) => {
      const before = await recorded();
      await context.setGeolocation({ latitude: p.lat, longitude: p.lon, accuracy: 8 });
      await page.waitForFunction((n) => Number(document.querySelector('[data-testid=recorded]')?.getAttribute('data-count')) > n, before, WAIT);
    };
    await page.goto(`${server!.url}/falt?every=0`);
    await page.fill('input[name=email]', EMAIL);
    await page.fill('input[name=password]', PASSWORD);
    await page.click('button[type=submit]');
    await page.click('[data-testid=start]', WAIT);
    await page.waitForSelector('[data-testid=patrol-state][data-on=true]', WAIT);
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=recorded]')?.getAttribute('data-count')) >= 1, undefined, WAIT);
    await waitForOfflineReady(/field-page-.*\.js$/);
    await page.waitForSelector('[data-testid=pending][data-count="0"]', WAIT);

    await setNetwork(false);
    for (let i = 1; i <= 4; i++) await moveTo(offsetM(RYD, i * 30, i * 15));
    expect(Number(await page.getAttribute('[data-testid=pending]', 'data-count'))).toBeGreaterThan(0);
    // Reload with no signal: the page opens from the worker, signed in (its last answer) and on patrol.
    await page.goto(`${server!.url}/falt?every=0`);
    await page.waitForSelector('[data-testid=patrol-state][data-on=true]', WAIT);
    for (let i = 5; i <= 8; i++) await moveTo(offsetM(RYD, i * 30, i * 15));
    await page.screenshot({ path: 'test-results/offline-field.png', fullPage: true });

    await setNetwork(true);
    await page.waitForSelector('[data-testid=pending][data-count="0"]', WAIT);
    const total = await recorded();
    const rows = await server!.sql<{ n: number; distinct_t: number }[]>`
      select count(*)::int as n, count(distinct t)::int as distinct_t from track_points
      where track_id = (select id from tracks where source = 'live' order by created_at desc limit 1)`;
    expect(total).toBeGreaterThanOrEqual(9);
    expect(rows[0]).toEqual({ n: total, distinct_t: total });
    expect(pageErrors).toEqual([]);
  }, 300_000);
});
