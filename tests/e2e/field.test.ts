// Browser test: field mode on a phone-sized headless Chromium with scripted geolocation and the
// network switched off and on again: every recorded fix reaches the server exactly once.
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { cellToLatLng, latLngToCell } from 'h3-js';
import { startTestServer } from '../helpers/test-server.ts';
import { createAccount } from '../../server/auth/accounts.ts';
import { offsetM } from '../fixtures/tracks/synthetic-walk.ts';
import { insertReports } from '../../server/db/queries/reports.ts';
import { prepareReport } from '../../server/domain/report.ts';
import { makeDistrictIndex } from '../../server/domain/district-index.ts';
import { linkopingArea } from '../bench/bench-setup.ts';
import { launchChromium, refuseOutsideRequests, runBrowserSuite } from '../helpers/browser.ts';

/** Generous: a loaded 2-core machine is slow, and nothing here measures time. */
const WAIT = { timeout: 60_000 };
const RYD = { lat: 58.40837, lon: 15.564625 };
const EMAIL = 'falt-test@example.se';
const PASSWORD = 'kvallspass-Ryd-2026';

describe.runIf(runBrowserSuite)('field mode in a browser', () => {
  let server: Awaited<ReturnType<typeof startTestServer>> | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];
  const stopCell = latLngToCell(offsetM(RYD, 150, 80).lat, offsetM(RYD, 150, 80).lon, 10);

  beforeAll(async () => {
    server = await startTestServer({ seedDemo: false });
    await createAccount(server.sql, { email: EMAIL, password: PASSWORD, role: 'field', team: 'ryd', createTeam: true }, Date.now());
    // Today's planned route for team Ryd: one stop 12 minutes from now.
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());
    const [slat, slon] = cellToLatLng(stopCell);
    const arrival = new Date(Date.now() + 12 * 60_000);
    await server.sql`insert into patrol_routes (id, name, team, date, shift_start, shift_end, waypoints, schedule)
      values ('22222222-2222-4222-8222-222222222222', 'Kvällsrunda Ryd', 'ryd', ${today}::date, '00:00', '23:59',
        ${JSON.stringify([{ lat: slat, lon: slon, stop: true, dwellMin: 12, place: 'Ryds centrum' }])}::text::jsonb,
        ${JSON.stringify([{ index: 0, cell: stopCell, place: 'Ryds centrum', arrival: arrival.toISOString(), departure: new Date(arrival.getTime() + 12 * 60_000).toISOString() }])}::text::jsonb)`;
    browser = await launchChromium();
    context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 1,
      isMobile: true,
      hasTouch: true,
      locale: 'sv-SE',
      timezoneId: 'Europe/Stockholm',
      geolocation: { latitude: RYD.lat, longitude: RYD.lon, accuracy: 8 },
      permissions: ['geolocation'],
    });
    await refuseOutsideRequests(context);
    page = await context.newPage();
    page.on('pageerror', (err) => pageErrors.push(err.message));
    mkdirSync('test-results', { recursive: true });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const recorded = () => page.getAttribute('[data-testid=recorded]', 'data-count').then(Number);
  const moveTo = async (p: { lat: number; lon: number }) => {
    const before = await recorded();
    await context.setGeolocation({ latitude: p.lat, longitude: p.lon, accuracy: 8 });
    await page.waitForFunction((n) => Number(document.querySelector('[data-testid=recorded]')?.getAttribute('data-count')) > n, before, WAIT);
  };

  it('signs in and starts a patrol', async () => {
    await page.goto(`${server!.url}/falt?every=0`);
    await page.fill('input[name=email]', EMAIL);
    await page.fill('input[name=password]', PASSWORD);
    await page.click('button[type=submit]');
    await page.click('[data-testid=start]', WAIT);
    await page.waitForSelector('[data-testid=patrol-state][data-on=true]', WAIT);
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=recorded]')?.getAttribute('data-count')) >= 1, undefined, WAIT);
    expect(await page.textContent('[data-testid=next-stop]')).toContain('Ryds centrum');
  });

  it('keeps fixes while offline and uploads each exactly once when the network returns', async () => {
    for (let i = 1; i <= 4; i++) await moveTo(offsetM(RYD, i * 30, i * 15));
    await page.waitForSelector('[data-testid=pending][data-count="0"]', WAIT);

    await context.setOffline(true);
    for (let i = 5; i <= 9; i++) await moveTo(offsetM(RYD, i * 30, i * 15));
    await page.waitForSelector('[data-testid=net][data-offline=true]', WAIT);
    expect(Number(await page.getAttribute('[data-testid=pending]', 'data-count'))).toBeGreaterThan(0);
    await page.screenshot({ path: 'test-results/field-offline.png', fullPage: true });

    await context.setOffline(false);
    await page.waitForSelector('[data-testid=pending][data-count="0"]', WAIT);
    await page.waitForSelector('[data-testid=net][data-offline=false]', WAIT);

    const total = await recorded();
    const rows = await server!.sql<{ n: number; distinct_t: number }[]>`
      select count(*)::int as n, count(distinct t)::int as distinct_t from track_points
      where track_id = (select id from tracks where source = 'live' order by created_at desc limit 1)`;
    expect(total).toBeGreaterThanOrEqual(10);
    expect(rows[0]).toEqual({ n: total, distinct_t: total });
  });

  it('files an observation discovered on patrol in two taps', async () => {
    await page.click('[data-testid=observe]');
    await page.click('[data-category=klotter]');
    await page.fill('.field-note textarea', 'Nytt klotter på tunneln');
    await page.screenshot({ path: 'test-results/field-observation.png', fullPage: true });
    await page.click('[data-testid=observation-send]');
    await page.waitForSelector('.field-notice', WAIT);
    await expect.poll(async () => (await server!.sql`select source, discovered_on_patrol, description from reports where category = 'klotter' and discovered_on_patrol`).length, WAIT).toBe(1);
  });

  it('ends the patrol and the server closes the track', async () => {
    await page.screenshot({ path: 'test-results/field.png', fullPage: true });
    await page.click('[data-testid=stop]');
    await page.waitForSelector('[data-testid=patrol-state][data-on=false]', WAIT);
    await expect.poll(async () => (await server!.sql`select ended_at from tracks where source = 'live' and ended_at is not null`).length, WAIT).toBe(1);
    expect(pageErrors).toEqual([]);
  });

  it('shows the chief a coverage map with the gap list in words', async () => {
    await createAccount(server!.sql, { email: 'chef-test@example.se', password: 'sakerhet-Chef-2026', role: 'chief', team: null }, Date.now());
    const index = makeDistrictIndex(linkopingArea().districts);
    const hot = offsetM(RYD, -400, 200);
    const rows = Array.from({ length: 12 }, (_, i) =>
      prepareReport({ category: 'ordningsstorning', ...offsetM(hot, i, i), observedAt: new Date(Date.now() - (i + 1) * 7 * 86_400_000), source: 'resident' }, index, `00000000-0000-4000-8000-${(i + 1).toString(16).padStart(12, '0')}`, Date.now()),
    );
    await insertReports(server!.sql, rows, 'insert');
    const chief = await context.browser()!.newContext({ viewport: { width: 1280, height: 800 }, locale: 'sv-SE', timezoneId: 'Europe/Stockholm' });
    const p = await chief.newPage();
    p.on('pageerror', (err) => pageErrors.push(err.message));
    await p.goto(`${server!.url}/tackning`);
    await p.fill('input[name=email]', 'chef-test@example.se');
    await p.fill('input[name=password]', 'sakerhet-Chef-2026');
    await p.click('button[type=submit]');
    await p.waitForSelector('[data-testid=coverage-map][data-ready=true]', WAIT);
    await p.waitForSelector('.gaps-list li', WAIT);
    expect(await p.textContent('.gaps-list li')).toMatch(/risk .* \d+ min närvaro på 4 veckor/);
    await p.screenshot({ path: 'test-results/coverage.png' });
    await chief.close();
    expect(pageErrors).toEqual([]);
  });
});
