// Browser test of an update: a report waits in the outbox (no coverage for it), a new version of
// the service worker is deployed; the page offers "Ny version — ladda om", the switch happens on
// the user's tap, and the waiting report survives it and is stored exactly once afterwards.
import { cpSync, mkdtempSync, rmSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestServer } from '../helpers/test-server.ts';
import { ensureClientBuilt } from '../../server/client-build.ts';
import { serveClient } from '../../server/http/client-files.ts';
import { launchChromium, runBrowserSuite } from '../helpers/browser.ts';

const WAIT = { timeout: 60_000 };
const root = fileURLToPath(new URL('../..', import.meta.url));

describe.runIf(runBrowserSuite)('a new version of the app', () => {
  let server: Awaited<ReturnType<typeof startTestServer>> | undefined;
  let front: ServerType | undefined;
  let base = '';
  let nextDir = '';
  let version = 1;
  let reportsBlocked = false;
  let browser: Browser | undefined;
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    const dist = await ensureClientBuilt(root, () => {});
    // Version 2: the same client with a changed worker (as any deploy changes it).
    nextDir = mkdtempSync(join(tmpdir(), 'tk-next-'));
    cpSync(dist, nextDir, { recursive: true });
    rmSync(join(nextDir, 'sw.js.br'), { force: true });
    rmSync(join(nextDir, 'sw.js.gz'), { force: true });
    appendFileSync(join(nextDir, 'sw.js'), '\n// version 2\n');
    server = await startTestServer({ seedDemo: false });
    const next = serveClient(nextDir);
    const app = new Hono();
    app.use('*', (c, nextHandler) => (version === 2 ? next(c, nextHandler) : nextHandler()));
    app.all('*', (c) => server!.app.fetch(c.req.raw, c.env));
    await new Promise<void>((resolve) => {
      front = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
        base = `http://127.0.0.1:${info.port}`;
        resolve();
      });
    });
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'sv-SE', timezoneId: 'Europe/Stockholm', geolocation: { latitude: 58.40837, longitude: 15.564625 }, permissions: ['geolocation'] });
    await context.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (url.hostname !== '127.0.0.1') return route.abort('internetdisconnected');
      if (reportsBlocked && url.pathname === '/api/public/reports') return route.abort('internetdisconnected');
      return route.continue();
    });
    page = await context.newPage();
    page.on('pageerror', (err) => pageErrors.push(err.message));
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((r) => (front ? front.close(r) : r(undefined)));
    await server?.stop();
    rmSync(nextDir, { recursive: true, force: true });
  });

  it('offers "Ny version — ladda om" and keeps a waiting report through the switch', async () => {
    await page.goto(`${base}/rapportera`);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, WAIT);
    await page.waitForFunction(() => document.querySelectorAll('#field-category option').length > 1, undefined, WAIT);

    reportsBlocked = true;
    await page.getByRole('button', { name: 'Använd min position' }).click();
    await page.waitForFunction(() => document.querySelector('[data-testid=place-status]')?.textContent?.startsWith('Plats vald'), undefined, WAIT);
    await page.getByLabel('Vad gäller det?').selectOption('otrygg-plats');
    await page.getByRole('button', { name: 'Skicka rapport' }).click();
    await page.waitForSelector('[data-testid=report-queued]', WAIT);
    expect(await page.isVisible('[data-testid=update-banner]')).toBe(false);

    version = 2;
    await page.reload(); // a navigation makes the browser look for a new worker
    await page.waitForSelector('[data-testid=update-banner]', WAIT);
    expect(await page.textContent('[data-testid=update-banner]')).toBe('Ny version — ladda om');
    await page.waitForSelector('[data-testid=outbox-waiting][data-count="1"]', WAIT);

    await Promise.all([page.waitForEvent('load', WAIT), page.getByRole('button', { name: 'ladda om' }).click()]);
    await page.waitForSelector('[data-testid=outbox-waiting][data-count="1"]', WAIT);
    await page.waitForSelector('[data-testid=report-map][data-ready=true]', WAIT); // the light map draws under the new worker
    expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting ?? null)).toBeNull();
    expect(await page.isVisible('[data-testid=update-banner]')).toBe(false);
    expect(await page.evaluate(() => fetch('/sw.js').then((r) => r.text()))).toContain('version 2');
    expect((await server!.sql`select 1 from reports where source = 'resident'`).length).toBe(0);

    reportsBlocked = false;
    await page.reload();
    await page.waitForSelector('[data-testid=receipt]', WAIT);
    await expect.poll(async () => (await server!.sql`select 1 from reports where source = 'resident'`).length, WAIT).toBe(1);
    expect(pageErrors).toEqual([]);
  }, 300_000);
});
