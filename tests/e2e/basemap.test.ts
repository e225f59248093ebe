// Browser test: the app's own basemap (tiles, style, fonts, icons) in headless Chromium, offline.
// Over the Ryd fixture at z15 the map has placed street-name labels and drawn buildings, and no
// request leaves the app's origin. Screenshots (desktop and phone) go to test-results/.
import { readFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestServer } from '../helpers/test-server.ts';
import { launchChromium, runBrowserSuite } from '../helpers/browser.ts';
import { loadMapFixture } from '../helpers/map-features.ts';

const WAIT = { timeout: 90_000 };
const RYD_Z15 = '/?map=15.00/58.41480/15.56150';
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

describe.runIf(runBrowserSuite)('the basemap in a browser', () => {
  let server: Awaited<ReturnType<typeof startTestServer>> | undefined;
  let browser: Browser | undefined;
  const requests: string[] = [];
  const pageErrors: string[] = [];

  async function newContext(viewport: { width: number; height: number }, opts: { isMobile?: boolean } = {}): Promise<BrowserContext> {
    const context = await browser!.newContext({ viewport, locale: 'sv-SE', timezoneId: 'Europe/Stockholm', ...(opts.isMobile ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}) });
    await context.route('**/*', (route) => {
      const url = new URL(route.request().url());
      requests.push(url.href);
      if (url.protocol === 'data:' || url.protocol === 'blob:' || url.origin === server!.url) return route.continue();
      return route.abort('internetdisconnected');
    });
    const chief = server!.demoUsers.find((u) => u.role === 'chief')!;
    const login = await context.request.post(`${server!.url}/api/auth/login`, { data: { email: chief.email, password: chief.password }, headers: { Origin: server!.url } });
    expect(login.status()).toBe(200);
    return context;
  }

  async function openRyd(page: Page): Promise<void> {
    page.on('pageerror', (err) => pageErrors.push(err.message));
    await page.goto(`${server!.url}${RYD_Z15}`);
    await page.waitForSelector('[data-testid=map][data-ready=true]', WAIT);
    await page.waitForFunction(() => (document.querySelector('[data-testid=map]')?.getAttribute('data-road-labels') ?? '').includes('Åsgatan'), undefined, WAIT);
  }

  beforeAll(async () => {
    server = await startTestServer({ seedDemo: true });
    await loadMapFixture(server.sql, { version: 'e2e-1' });
    browser = await launchChromium();
    mkdirSync('test-results', { recursive: true });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('draws street names along the streets and the fixture’s buildings at z15 over Ryd, offline', async () => {
    const context = await newContext({ width: 1280, height: 800 });
    const page = await context.newPage();
    await openRyd(page);
    const map = page.getByTestId('map');
    const labels = (await map.getAttribute('data-road-labels'))!.split('|');
    expect(labels).toEqual(expect.arrayContaining(['Åsgatan', 'Rydsvägen']));
    expect(Number(await map.getAttribute('data-buildings'))).toBeGreaterThanOrEqual(2);
    // Only the shipped network (no OSM import): the map says so, and credits OSM, SCB, the font and icons.
    await expect.poll(() => page.getByTestId('basemap-note').textContent()).toContain('import-osm');
    const credits = await page.textContent('.maplibregl-ctrl-attrib');
    for (const text of ['© OpenStreetMap contributors', 'ODbL', 'Källa: SCB', 'OFL', 'CC0']) expect(credits).toContain(text);
    await page.screenshot({ path: 'test-results/basemap-ryd-z15.png' });
    // Every request stayed on the app's origin: tiles, style, fonts and sprite included.
    expect(requests.filter((u) => !u.startsWith(server!.url) && !u.startsWith('data:') && !u.startsWith('blob:'))).toEqual([]);
    for (const path of ['/map/style.json', '/tiles/15/', '/map/fonts/', '/map/sprite']) expect(requests.some((u) => u.startsWith(`${server!.url}${path}`)), path).toBe(true);
    expect(pageErrors).toEqual([]);
    await context.close();
  }, 240_000);

  it('reads on a phone (390×844) too, and the map page passes axe-core', async () => {
    const context = await newContext({ width: 390, height: 844 }, { isMobile: true });
    const page = await context.newPage();
    await openRyd(page);
    await page.screenshot({ path: 'test-results/basemap-ryd-z15-phone.png' });
    await page.evaluate(axeSource);
    const result = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
      const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
      return r.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    });
    expect(result).toEqual([]);
    await context.close();
  }, 240_000);
});
