// Browser test: field mode's map on a 390 px phone. The patrol buttons work before MapLibre has
// arrived; the map then draws the app's basemap, today's route with its stops, the phone's
// position and the walked track; the place search finds a street; the credits are on the map;
// axe-core finds no WCAG 2.1 AA violation. After patrol start the district's tiles are kept, and
// with no network at all /falt reloads and still draws its basemap, the route and the track walked
// so far. No request leaves the origin.
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestServer } from '../helpers/test-server.ts';
import { createAccount } from '../../server/auth/accounts.ts';
import { offsetM } from '../fixtures/tracks/synthetic-walk.ts';
import { loadMapFixture } from '../helpers/map-features.ts';
import { launchChromium, runBrowserSuite } from '../helpers/browser.ts';

const WAIT = { timeout: 90_000 };
/** In the Ryd map fixture (tests/fixtures/map/ryd-map-features.geojson): Åsgatan, Rydsvägen, buildings. */
const RYD = { lat: 58.4148, lon: 15.5615 };
const EMAIL = 'falt-karta@example.se';
const PASSWORD = 'karta-i-fickan-Ryd-2026';
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeResult {
  violations: { id: string; impact: string; nodes: { target: string[] }[] }[];
}

describe.runIf(runBrowserSuite)("field mode's map in a browser", () => {
  let server: Awaited<ReturnType<typeof startTestServer>> | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext;
  let page: Page;
  let isCut = false;
  /** Requests for MapLibre's chunk wait for this while set (the page must work before the map). */
  let holdMapLibre: Promise<void> | null = null;
  const requests: string[] = [];
  const pageErrors: string[] = [];

  const setNetwork = async (on: boolean) => {
    isCut = !on;
    await context.setOffline(!on);
  };
  const mapAttr = (name: string) => page.getAttribute('[data-testid=field-map]', `data-${name}`);

  beforeAll(async () => {
    server = await startTestServer({ seedDemo: false });
    await loadMapFixture(server.sql, { version: 'e2e-field-map' });
    await createAccount(server.sql, { email: EMAIL, password: PASSWORD, role: 'field', team: 'ryd', createTeam: true }, Date.now());
    // Today's route for team Ryd: two stops along Rydsvägen, saved with its walking line.
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());
    const a = offsetM(RYD, 120, 60), b = offsetM(RYD, 300, -120);
    const at = (min: number) => new Date(Date.now() + min * 60_000).toISOString();
    await server.sql`insert into patrol_routes (id, name, team, date, shift_start, shift_end, waypoints, geometry, schedule)
      values ('33333333-3333-4333-8333-333333333333', 'Kvällsrunda Ryd', 'ryd', ${today}::date, '00:00', '23:59',
        ${JSON.stringify([{ lat: RYD.lat, lon: RYD.lon }, { ...a, stop: true, dwellMin: 10, place: 'Ryds centrum' }, { ...b, stop: true, dwellMin: 10, place: 'Rydsparken' }])}::text::jsonb,
        ${JSON.stringify({ type: 'LineString', coordinates: [[RYD.lon, RYD.lat], [a.lon, RYD.lat], [a.lon, a.lat], [b.lon, a.lat], [b.lon, b.lat]] })}::text::jsonb,
        ${JSON.stringify([
          { index: 1, cell: null, place: 'Ryds centrum', arrival: at(10), departure: at(20) },
          { index: 2, cell: null, place: 'Rydsparken', arrival: at(30), departure: at(40) },
        ])}::text::jsonb)`;
    browser = await launchChromium();
    context = await browser.newContext({
      viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'sv-SE', timezoneId: 'Europe/Stockholm',
      geolocation: { latitude: RYD.lat, longitude: RYD.lon, accuracy: 12 }, permissions: ['geolocation'],
    });
    await context.route('**/*', async (route) => {
      const url = new URL(route.request().url());
      requests.push(url.href);
      const local = url.protocol === 'data:' || url.protocol === 'blob:' || url.origin === server!.url;
      if (local && holdMapLibre && /\/assets\/maplibre-[\w-]+\.js$/.test(url.pathname)) await holdMapLibre;
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

  it('starts a patrol before the map has arrived, then draws the basemap, the route, the position and the track', async () => {
    let release!: () => void;
    holdMapLibre = new Promise<void>((r) => (release = r));
    await page.goto(`${server!.url}/falt?every=0`);
    await page.fill('input[name=email]', EMAIL);
    await page.fill('input[name=password]', PASSWORD);
    await page.click('button[type=submit]');
    // MapLibre is still on its way: the place for the map is kept, and the patrol starts.
    await page.waitForSelector('[data-testid=field-map-placeholder]', WAIT);
    await page.click('[data-testid=start]', WAIT);
    await page.waitForSelector('[data-testid=patrol-state][data-on=true]', WAIT);
    expect(await page.textContent('[data-testid=next-stop]')).toContain('Ryds centrum');
    expect(await page.$('[data-testid=field-map]')).toBeNull();
    await page.screenshot({ path: 'test-results/field-map-before-map.png', fullPage: true });
    release();
    holdMapLibre = null;

    await page.waitForSelector('[data-testid=field-map][data-ready=true]', WAIT);
    for (let i = 1; i <= 3; i++) {
      await context.setGeolocation({ ...{ latitude: offsetM(RYD, i * 25, i * 10).lat, longitude: offsetM(RYD, i * 25, i * 10).lon }, accuracy: 12 });
      await page.waitForFunction((n) => Number(document.querySelector('[data-testid=recorded]')?.getAttribute('data-count')) > n, i, WAIT);
    }
    await page.waitForFunction(() => {
      const el = document.querySelector('[data-testid=field-map]');
      const n = (k: string) => Number(el?.getAttribute(`data-${k}`));
      return n('route-lines') > 0 && n('stops') === 2 && n('position') === 1 && n('track') > 0 && n('basemap') > 0;
    }, undefined, WAIT);
    const credits = await page.textContent('[data-testid=field-map] .maplibregl-ctrl-attrib');
    for (const text of ['© OpenStreetMap contributors', 'ODbL', 'Källa: SCB']) expect(credits).toContain(text);
    // MapLibre's own buttons speak the page's language.
    expect(await page.getAttribute('[data-testid=field-map] .maplibregl-ctrl-zoom-in', 'aria-label')).toBe('Zooma in');
    await page.screenshot({ path: 'test-results/field-map-phone.png', fullPage: true });
  }, 300_000);

  it('follows the phone when asked and stops following when the map is panned by hand', async () => {
    await page.click('[data-testid=follow-me]');
    await page.waitForSelector('[data-testid=follow-me][aria-pressed=true]', WAIT);
    expect(await mapAttr('following')).toBe('true');
    const box = (await page.locator('[data-testid=field-map] canvas').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 - 80, box.y + box.height / 2 - 40, { steps: 8 });
    await page.mouse.up();
    await page.waitForSelector('[data-testid=follow-me][aria-pressed=false]', WAIT);
  }, 120_000);

  it('finds a street with the place search box on the map', async () => {
    const search = page.getByRole('combobox', { name: 'Sök adress eller plats' });
    await search.fill('asg');
    await page.getByRole('option', { name: /Åsgatan/ }).first().click(WAIT);
    await page.waitForSelector('[data-testid=field-map][data-place-picked="Åsgatan"]', WAIT);
    // In English the box and the legend follow the page's language.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('combobox', { name: 'Search address or place' }).waitFor(WAIT);
    expect(await page.textContent('.field-legend')).toContain('Planned route');
    await page.getByRole('button', { name: 'Svenska' }).click();
    await search.waitFor(WAIT);
  }, 120_000);

  it('passes axe-core (WCAG 2.1 AA) with the map drawn', async () => {
    await page.evaluate(AXE_SOURCE);
    const result = (await page.evaluate(() =>
      (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<unknown> } }).axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }),
    )) as AxeResult;
    expect(result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  }, 120_000);

  it("keeps the district's map at patrol start and draws the basemap after a reload with no network", async () => {
    await page.waitForSelector('[data-testid=area-cache][data-tiles]:not([data-tiles=""])', WAIT);
    expect(Number(await page.getAttribute('[data-testid=area-cache]', 'data-tiles'))).toBeGreaterThan(20);
    // The style's font-faces files and the sprite are kept too, so labels and icons draw offline.
    const kept = await page.evaluate(async () => (await (await caches.open('tk-map')).keys()).map((r) => new URL(r.url).pathname));
    expect(kept).toEqual(expect.arrayContaining(['/map/style.json', '/map/sprite.json', '/map/sprite@2x.png', '/map/fonts/noto-sans-latin-400-normal.woff2', '/map/fonts/noto-sans-latin-700-normal.woff2']));
    await setNetwork(false);
    await page.goto(`${server!.url}/falt?every=0`);
    await page.waitForSelector('[data-testid=patrol-state][data-on=true]', WAIT);
    await page.waitForSelector('[data-testid=field-map][data-ready=true]', WAIT);
    await page.waitForFunction(() => {
      const el = document.querySelector('[data-testid=field-map]');
      // The basemap from the worker's caches; the route from the last answer; the track walked before the reload.
      return Number(el?.getAttribute('data-basemap')) > 0 && Number(el?.getAttribute('data-route-lines')) > 0 && Number(el?.getAttribute('data-track')) > 0;
    }, undefined, WAIT);
    await page.waitForSelector('[data-testid=net][data-offline=true]', WAIT);
    await page.screenshot({ path: 'test-results/field-map-offline.png', fullPage: true });
    await setNetwork(true);
  }, 300_000);

  it('reads on a desktop screen too, and no request left the origin', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.waitForTimeout(500);
    await page.screenshot({ path: 'test-results/field-map-desktop.png', fullPage: true });
    expect(requests.filter((u) => !u.startsWith(server!.url) && !u.startsWith('data:') && !u.startsWith('blob:'))).toEqual([]);
    for (const path of ['/map/style.json', '/tiles/', '/map/fonts/', '/map/sprite']) expect(requests.some((u) => u.startsWith(`${server!.url}${path}`)), path).toBe(true);
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
