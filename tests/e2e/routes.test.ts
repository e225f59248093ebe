// Browser test of the route planner, offline (every non-localhost request is blocked): a team
// leader draws a four-stop route in Ryd along the paths, saves it, reloads, opens it, exports GPX
// (valid GPX 1.1), then asks for suggestions for Ryd and sees numbered stops with a schedule.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestServer } from '../helpers/test-server.ts';
import { createAccount } from '../../server/auth/accounts.ts';
import { gpx11Violations } from '../domain/gpx-schema.ts';
import { launchChromium, refuseOutsideRequests, runBrowserSuite } from '../helpers/browser.ts';

const DEFAULT_STREETS = '../shared/geodata-raw/linkoping_highway_graph_osm2018_tdde25.geojson';
const streetsFile = process.env.STREETS_FILE ?? (existsSync(DEFAULT_STREETS) ? DEFAULT_STREETS : undefined);
/** Generous: software WebGL on a 2-core machine is slow, and nothing here measures time. */
const WAIT = { timeout: 90_000 };
const LEADER = { email: 'ledare.ryd@example.se', password: 'Kvallsrunda-i-Ryd-2026' };
/** Ryd at street zoom, with a date range without reports so no pin sits under a click. */
const RYD_VIEW = '/?from=2000-01-01&to=2000-01-02&map=15.30/58.40840/15.56460';
/** Start, then four stops, as pixel offsets from the map's centre (≈ 2.2 m per pixel here). */
const CLICKS: [number, number][] = [[0, 0], [-160, -60], [-120, 110], [150, 120], [170, -90]];

describe.runIf(runBrowserSuite)('the route planner in a browser', () => {
  let server: Awaited<ReturnType<typeof startTestServer>> | undefined;
  let browser: Browser | undefined;
  let page: Page;
  const blocked: string[] = [];
  const pageErrors: string[] = [];
  let routeId = '';

  beforeAll(async () => {
    server = await startTestServer({ seedDemo: true, ...(streetsFile ? { streetsFile } : {}) });
    await createAccount(server.sql, { email: LEADER.email, role: 'teamleader', team: 'ryd', password: LEADER.password, createTeam: true }, Date.now());
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1360, height: 860 }, locale: 'sv-SE', timezoneId: 'Europe/Stockholm', acceptDownloads: true });
    await refuseOutsideRequests(context, blocked);
    page = await context.newPage();
    page.on('pageerror', (err) => pageErrors.push(err.message));
    page.on('dialog', (d) => void d.accept());
    // Signed in through the API: the session cookie lands in the browser context.
    const login = await page.request.post(`${server.url}/api/auth/login`, { data: LEADER, headers: { Origin: server.url } });
    expect(login.status()).toBe(200);
    mkdirSync('test-results', { recursive: true });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const waitRouted = () => page.waitForSelector('[data-testid=route-summary][data-loading=false]', WAIT);
  const openPanel = async () => {
    await page.goto(`${server!.url}${RYD_VIEW}`);
    await page.waitForSelector('[data-testid=map][data-ready=true]', WAIT);
    await page.getByTestId('route-toggle').click();
    await page.getByTestId('route-panel').waitFor(WAIT);
  };

  it('draws a four-stop route in Ryd along the paths and saves it', async () => {
    await openPanel();
    const box = (await page.getByTestId('map').boundingBox())!;
    const cx = box.x + box.width / 2, cy = box.y + box.height / 2;
    for (const [dx, dy] of CLICKS) {
      await page.mouse.click(cx + dx, cy + dy);
      if (dx !== 0 || dy !== 0) await waitRouted();
    }
    await page.getByRole('button', { name: 'Tillbaka till start' }).click();
    await waitRouted();
    const stops = page.locator('[data-testid=route-schedule] tr[data-stop]');
    expect(await stops.count()).toBe(4);
    expect(Number(await page.getAttribute('[data-testid=route-summary]', 'data-length-m'))).toBeGreaterThan(800);
    expect(await page.textContent('[data-testid=route-summary]')).toMatch(/Längd: \d+,\d km.*Gångtid: \d+/u);
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=route-panel]')?.getAttribute('data-rendered-stops')) >= 4, undefined, WAIT);

    // Undo removes the way back, redoing it restores it.
    await page.getByRole('button', { name: 'Ångra' }).click();
    await waitRouted();
    await page.getByRole('button', { name: 'Tillbaka till start' }).click();
    await waitRouted();

    await page.getByLabel('Namn').fill('Kvällsrunda Ryd');
    await page.screenshot({ path: 'test-results/routes-draw.png' });
    await page.getByRole('button', { name: 'Spara rutt' }).click();
    await page.getByTestId('route-status').waitFor(WAIT);
    expect(await page.textContent('[data-testid=route-status]')).toContain('Sparad: Kvällsrunda Ryd');

    const list = await (await page.request.get(`${server!.url}/api/routes`)).json() as { routes: { id: string; name: string; graph: string; schedule: unknown[]; waypoints: unknown[]; geometry: { coordinates: unknown[] } }[] };
    const saved = list.routes.find((r) => r.name === 'Kvällsrunda Ryd')!;
    routeId = saved.id;
    expect(saved.schedule).toHaveLength(4);
    if (streetsFile) expect(saved.graph).toBe('streets');
    // Following the paths: far more vertices than waypoints.
    expect(saved.geometry.coordinates.length).toBeGreaterThan(saved.waypoints.length * 3);
  }, 300_000);

  it('opens the saved route after a reload and exports valid GPX 1.1', async () => {
    await openPanel();
    await page.getByRole('tab', { name: 'Sparade' }).click();
    const item = page.locator(`[data-route-id="${routeId}"]`);
    await item.waitFor(WAIT);
    await item.getByRole('button', { name: 'Öppna' }).click();
    await waitRouted();
    expect(await page.locator('[data-testid=route-schedule] tr[data-stop]').count()).toBe(4);
    expect(await page.textContent('[data-testid=route-panel]')).toContain('Redigerar Kvällsrunda Ryd');
    await page.screenshot({ path: 'test-results/routes-opened.png' });

    const [download] = await Promise.all([page.waitForEvent('download', WAIT), page.getByTestId('route-export-gpx').click()]);
    const xml = readFileSync((await download.path())!, 'utf8');
    expect(download.suggestedFilename()).toMatch(/\.gpx$/);
    expect(gpx11Violations(xml)).toEqual([]);
    expect(xml).toContain('<rte>');
  }, 300_000);

  it('suggests routes for Ryd with numbered stops and a schedule, and shows a printable card', async () => {
    await openPanel();
    await page.getByRole('tab', { name: 'Föreslå rutter' }).click();
    const form = page.getByTestId('suggest-form');
    await form.getByLabel('Område').selectOption('ryd');
    await form.getByLabel('Antal team').selectOption('2');
    await page.getByRole('button', { name: 'Föreslå', exact: true }).click();
    const suggestion = page.getByTestId('suggestion');
    await suggestion.waitFor(WAIT);
    const teams = suggestion.locator('[data-team]');
    expect(await teams.count()).toBe(2);
    const firstStops = teams.first().locator('tr[data-stop]');
    expect(await firstStops.count()).toBeGreaterThanOrEqual(2);
    expect(await firstStops.first().locator('.route-schedule__num').textContent()).toBe('1');
    expect(await teams.first().textContent()).toMatch(/\b(1[89]|2[0-2]):\d{2}\b/);
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=route-panel]')?.getAttribute('data-rendered-stops')) >= 4, undefined, WAIT);
    await page.screenshot({ path: 'test-results/routes-suggested.png' });

    await teams.first().getByRole('button', { name: 'Ruttkort' }).click();
    const card = page.getByTestId('route-card');
    await card.waitFor(WAIT);
    expect(await card.locator('img.route-card__map').count()).toBe(1);
    expect(await card.locator('tbody tr').count()).toBeGreaterThanOrEqual(2);
    await page.screenshot({ path: 'test-results/routes-card.png' });
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: 'test-results/routes-card-print.png' });
    await page.emulateMedia({ media: 'screen' });
    await card.getByRole('button', { name: 'Stäng ruttkortet' }).click();

    expect(blocked).toEqual([]);
    expect(pageErrors).toEqual([]);
  }, 300_000);
});
