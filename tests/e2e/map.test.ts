// Browser test: the real app in headless Chromium, offline (every non-localhost request is blocked).
import { existsSync, mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestServer } from '../helpers/test-server.ts';
import { launchChromium, refuseOutsideRequests, runBrowserSuite } from '../helpers/browser.ts';
import { problemFromBody } from '../../client/api/problem-error.ts';
import { problemMessage } from '../../client/i18n/problem-message.ts';

const DEFAULT_STREETS = '../shared/geodata-raw/linkoping_highway_graph_osm2018_tdde25.geojson';
const streetsFile = process.env.STREETS_FILE ?? (existsSync(DEFAULT_STREETS) ? DEFAULT_STREETS : undefined);
/** Generous: software WebGL on a 2-core machine is slow, and nothing here measures time. */
const WAIT = { timeout: 60_000 };


describe.runIf(runBrowserSuite)('the map in a browser', () => {
  let server: Awaited<ReturnType<typeof startTestServer>> | undefined;
  let browser: Browser | undefined;
  let page: Page;
  const blocked: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    server = await startTestServer({ seedDemo: true, ...(streetsFile ? { streetsFile } : {}) });
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'sv-SE', timezoneId: 'Europe/Stockholm' });
    await refuseOutsideRequests(context, blocked);
    page = await context.newPage();
    // The staff map needs a signed-in account (the demo's chief; passwords are fresh each start).
    const chief = server.demoUsers.find((u) => u.role === 'chief')!;
    const login = await page.request.post(`${server.url}/api/auth/login`, { data: { email: chief.email, password: chief.password }, headers: { Origin: server.url } });
    expect(login.status()).toBe(200);
    page.on('pageerror', (err) => pageErrors.push(err.message));
    mkdirSync('test-results', { recursive: true });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const pinCount = () => page.getAttribute('[data-testid=pin-count]', 'data-count').then(Number);
  const waitForPins = () => page.waitForSelector('[data-testid=pin-count][data-loading=false][data-count]:not([data-count=""])', WAIT);

  it('shows the three districts by name and clustered pins, offline', async () => {
    await page.goto(server!.url);
    await page.waitForSelector('[data-testid=map][data-ready=true]', WAIT);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=district-label]').length === 3, undefined, WAIT);
    const names = await page.$$eval('[data-testid=district-label] .district-label__name', (els) => els.map((e) => e.textContent).sort());
    expect(names).toEqual(['Berga', 'Ryd', 'Skäggetorp']);
    expect(await page.textContent('[data-district=skaggetorp]')).not.toContain('ungefärlig gräns');

    await waitForPins();
    expect(await pinCount()).toBeGreaterThan(100);
    expect(await page.textContent('[data-testid=pin-count]')).toMatch(/^\d{1,3}(\s\d{3})* rapporter$/u);
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=map]')?.getAttribute('data-clusters')) > 0, undefined, WAIT);
    expect(await page.textContent('[data-testid=legend]')).toContain('© OpenStreetMap contributors');
    expect(await page.textContent('.maplibregl-ctrl-attrib')).toContain('Källa: SCB');
    await page.screenshot({ path: 'test-results/map.png' });
    expect(blocked).toEqual([]);
  }, 180_000);

  it('filters by one category, changes the pin count and keeps the filter in the URL', async () => {
    const before = await pinCount();
    await page.getByRole('checkbox', { name: 'Brand' }).check();
    await page.waitForFunction((n) => {
      const el = document.querySelector('[data-testid=pin-count]');
      return el?.getAttribute('data-loading') === 'false' && el.getAttribute('data-count') !== String(n);
    }, before, WAIT);
    const after = await pinCount();
    expect(after).toBeGreaterThan(0);
    expect(after).toBeLessThan(before);
    expect(new URL(page.url()).searchParams.get('c')).toBe('brand');

    await page.goBack();
    await page.waitForFunction((n) => document.querySelector('[data-testid=pin-count]')?.getAttribute('data-count') === String(n), before, WAIT);
    expect(await page.getByRole('checkbox', { name: 'Brand' }).isChecked()).toBe(false);
    await page.goForward();
    await page.waitForFunction((n) => document.querySelector('[data-testid=pin-count]')?.getAttribute('data-count') === String(n), after, WAIT);
  }, 180_000);

  it('opens a popup for a report and switches to English', async () => {
    // Centre a shared link on one brand report at street zoom, where pins are no longer clustered.
    const res = await page.request.get(`${server!.url}/api/reports/pins?categories=brand&limit=1`); // with the session
    const pins = (await res.json()) as { features: { geometry: { coordinates: [number, number] } }[] };
    const [lon, lat] = pins.features[0]!.geometry.coordinates;
    await page.goto(`${server!.url}/?c=brand&map=18.00/${lat.toFixed(6)}/${lon.toFixed(6)}`);
    await waitForPins();
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=map]')?.getAttribute('data-points')) > 0, undefined, WAIT);
    const box = (await page.locator('[data-testid=map]').boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    const popup = page.locator('[data-testid=report-popup]');
    await popup.locator('.report-card__title').waitFor(WAIT);
    expect(await popup.locator('.report-card__title').textContent()).toBe('Brand');
    const text = (await popup.textContent()) ?? '';
    expect(text).toContain('H3-cell');
    expect(text).toMatch(/8a[0-9a-f]{13}/);

    // MapLibre's own buttons speak the page's language too, and follow a switch.
    expect(await page.getAttribute('.maplibregl-ctrl-zoom-in', 'aria-label')).toBe('Zooma in');
    await page.getByRole('button', { name: 'English' }).click();
    await page.waitForFunction(() => document.documentElement.lang === 'en', undefined, WAIT);
    expect(await page.getAttribute('.maplibregl-ctrl-zoom-in', 'aria-label')).toBe('Zoom in');
    expect(await page.getAttribute('.maplibregl-canvas', 'aria-label')).toBe('Map');
    expect(await page.textContent('[data-testid=pin-count]')).toMatch(/ reports?$/);
    expect(await popup.textContent()).toContain('H3 cell');
    expect(await popup.locator('.report-card__title').textContent()).not.toBe('Brand');
    expect(new URL(page.url()).searchParams.get('lang')).toBe('en');
    await page.screenshot({ path: 'test-results/map-popup-en.png' });
    expect(blocked).toEqual([]);
    expect(pageErrors).toEqual([]);
  }, 180_000);

  it('shows an API error in words and recovers on retry', async () => {
    const problem = { type: 'about:blank', title: 'Service Unavailable', status: 503, code: 'database-unavailable', detail: 'The database is restarting.', retryAfterS: 5 };
    await page.route('**/api/reports/pins?**', (route) =>
      route.fulfill({ status: 503, contentType: 'application/problem+json', body: JSON.stringify(problem) }),
    );
    await page.goto(server!.url);
    const errors = page.locator('[data-testid=errors]');
    await errors.waitFor(WAIT);
    // Worded from the problem's code in the page's language, never the server's English detail.
    expect(await errors.textContent()).toContain(`Kunde inte hämta rapporterna. ${problemMessage(problemFromBody(503, 'Service Unavailable', problem), 'sv')}`);
    expect(await errors.textContent()).not.toContain('The database is restarting.');

    await page.unroute('**/api/reports/pins?**');
    await errors.getByRole('button', { name: 'Försök igen' }).click();
    await waitForPins();
    await errors.waitFor({ state: 'detached', ...WAIT });
    expect(await pinCount()).toBeGreaterThan(0);
  }, 180_000);
  it('registers the service worker only once the map is drawn, so its precache does not slow MapLibre on a first visit; on a phone the report button clears the credits', async () => {
    const context = await browser!.newContext({ viewport: { width: 390, height: 844 }, locale: 'sv-SE', timezoneId: 'Europe/Stockholm' });
    // Records when the page asks for the worker and when the map first reports itself drawn.
    await context.addInitScript({
      content: `(() => {
        const t = (window.__swHold = { registeredAt: 0, readyAt: 0 });
        const register = ServiceWorkerContainer.prototype.register;
        ServiceWorkerContainer.prototype.register = function (...args) { t.registeredAt ||= performance.now(); return register.apply(this, args); };
        new MutationObserver(() => { if (!t.readyAt && document.querySelector('[data-testid=map][data-ready=true]')) t.readyAt = performance.now(); })
          .observe(document, { subtree: true, childList: true, attributes: true });
      })();`,
    });
    const fresh = await context.newPage();
    await fresh.goto(server!.url);
    await fresh.waitForFunction(() => (window as unknown as { __swHold: { registeredAt: number } }).__swHold.registeredAt > 0, undefined, WAIT);
    const t = await fresh.evaluate(() => (window as unknown as { __swHold: { registeredAt: number; readyAt: number } }).__swHold);
    expect(t.readyAt).toBeGreaterThan(0);
    expect(t.registeredAt).toBeGreaterThanOrEqual(t.readyAt);
    // Then it keeps the page as before.
    await fresh.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, WAIT);
    // On a phone the "+ Rapportera" button stays clear of the credits MapLibre shows unfolded at first.
    await fresh.waitForSelector('.maplibregl-ctrl-attrib.maplibregl-compact-show', WAIT);
    const fab = (await fresh.locator('.report-fab').boundingBox())!;
    const credits = (await fresh.locator('.maplibregl-ctrl-attrib').boundingBox())!;
    expect(fab.y + fab.height, 'the button ends above the credits').toBeLessThanOrEqual(credits.y);
    await context.close();
  }, 120_000);
});
