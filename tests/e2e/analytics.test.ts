// Browser test of the analytics view, offline: choosing Kväll on the data clock changes the
// hexagons on the map, and clicking a hexagon fills the clock with that cell's hours.
import { mkdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestServer } from '../helpers/test-server.ts';
import { createAccount } from '../../server/auth/accounts.ts';
import { createRequire } from 'node:module';
import { launchChromium, openAppPage, runBrowserSuite } from '../helpers/browser.ts';

/** axe-core, evaluated in the page (the app's CSP refuses inline script tags, rightly). */
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Generous: software WebGL on a 2-core machine is slow, and nothing here measures time. */
const WAIT = { timeout: 90_000 };
const CHIEF = { email: 'chef@example.se', password: 'Hexagon-kvall-2026!' };

describe.runIf(runBrowserSuite)('the analytics view in a browser', () => {
  let server: Awaited<ReturnType<typeof startTestServer>> | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let pageErrors: string[] = [];

  beforeAll(async () => {
    server = await startTestServer({ seedDemo: true });
    await createAccount(server.sql, { email: CHIEF.email, role: 'chief', password: CHIEF.password }, Date.now());
    browser = await launchChromium();
    ({ page, pageErrors } = await openAppPage(browser, { viewport: { width: 1400, height: 900 }, signIn: { base: server.url, ...CHIEF } }));
    mkdirSync('test-results', { recursive: true });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const mapAttr = (name: string) => page.getAttribute('[data-testid=analytics-map]', name);
  const clockSum = () => page.$$eval('.data-clock__cell', (cells) => cells.reduce((a, c) => a + Number(c.getAttribute('data-value')), 0));

  it('changes the hexagons when Kväll is chosen and fills the clock for a clicked hexagon', async () => {
    await page.goto(`${server!.url}/#analys`);
    await page.waitForSelector('[data-testid=analytics-map][data-ready=true]:not([data-cells="0"])', WAIT);
    await page.waitForFunction(() => Number(document.querySelector('.data-clock__cell[data-day="4"][data-hour="20"]')?.getAttribute('data-value')) > 0, undefined, WAIT);
    const before = await mapAttr('data-signature');
    const allClock = await clockSum();

    await page.getByRole('button', { name: 'Kväll 18–23' }).click();
    await page.waitForFunction((sig) => {
      const el = document.querySelector('[data-testid=analytics-map]');
      return el?.getAttribute('data-signature') !== sig && el?.getAttribute('data-ready') === 'true';
    }, before, WAIT);
    expect(await mapAttr('data-signature')).not.toBe(before);
    expect(await page.getAttribute('.data-clock__cell[data-day="2"][data-hour="19"]', 'class')).toContain('chosen');
    expect(await page.getAttribute('.data-clock__cell[data-day="2"][data-hour="9"]', 'class')).not.toContain('chosen');

    await page.waitForSelector('[data-testid=analytics-map][data-probe*="@"]', WAIT);
    const probe = (await mapAttr('data-probe'))!;
    const [cell, xy] = probe.split('@') as [string, string];
    const [x, y] = xy.split(',').map(Number) as [number, number];
    const box = (await page.locator('[data-testid=analytics-map]').boundingBox())!;
    await page.mouse.click(box.x + x, box.y + y);
    await page.waitForFunction((c) => document.querySelector('.data-clock__title')?.textContent?.includes(c), cell, WAIT);
    await page.waitForFunction((total) => {
      const sum = [...document.querySelectorAll('.data-clock__cell')].reduce((a, c) => a + Number(c.getAttribute('data-value')), 0);
      return sum > 0 && Math.abs(sum - total) > 1e-6;
    }, allClock, WAIT);
    expect(await clockSum()).toBeGreaterThan(0);
    expect(await clockSum()).toBeLessThan(allClock);
    await page.waitForSelector('[data-testid=sparkline] svg', WAIT);

    await page.screenshot({ path: 'test-results/analytics.png' });
    expect(pageErrors).toEqual([]);
  }, 600_000);

  it('draws the DeSO choropleth with counts beside rates and flags numbers too small to compare', async () => {
    await page.goto(`${server!.url}/#analys`);
    await page.waitForSelector('[data-testid=district-rates] tbody tr', WAIT);
    const districtRows = await page.$$eval('[data-testid=district-rates] tbody tr', (rows) => rows.map((r) => [...r.children].map((c) => c.textContent?.trim())));
    expect(districtRows.map((r) => [r[0], r[2]])).toEqual([['Berga', '7\u00a0334'], ['Ryd', '9\u00a0275'], ['Skäggetorp', '8\u00a0086']]);
    await page.check('[data-testid=deso-toggle]');
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=analytics-map]')?.getAttribute('data-deso-areas')) === 13, undefined, WAIT);
    await page.waitForSelector('[data-testid=deso-rates] tbody tr', WAIT);
    expect(await page.$$eval('[data-testid=deso-rates] tbody tr', (rows) => rows.length)).toBe(13);
    expect(await page.textContent('[data-testid=district-rates]')).toMatch(/Färre än 10 rapporter eller färre än 500 invånare/);
    await page.evaluate(axeSource);
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; nodes: unknown[] }[] }> } }).axe;
      const r = await axe.run({ include: [['[data-testid=district-rates]'], ['[data-testid=deso-rates]'], ['[data-testid=deso-toggle]']] }, { runOnly: ['wcag2a', 'wcag2aa'] });
      return r.violations.map((v) => `${v.id} (${v.nodes.length})`);
    });
    expect(violations).toEqual([]);
    await page.screenshot({ path: 'test-results/analytics-deso.png' });
    expect(pageErrors).toEqual([]);
  }, 600_000);

  it('lists the hot spots by place name and selects one on the map', async () => {
    await page.goto(`${server!.url}/#analys`);
    // Only the hash changed since the test before (DeSO on): a same-document navigation keeps its state.
    await page.reload();
    await page.waitForSelector('[data-testid=analytics-map][data-ready=true]', WAIT);
    await page.getByRole('radio', { name: 'Hotspots (Gi*)' }).check();
    await page.waitForSelector('[data-testid=hotspot-list]', WAIT);
    // At the area's zoom (resolution 8) the demo data has no significant cell: zoom in to resolution 10.
    const mapBox = (await page.locator('[data-testid=analytics-map]').boundingBox())!;
    await page.mouse.move(mapBox.x + mapBox.width * 0.55, mapBox.y + mapBox.height * 0.4);
    for (let i = 0; i < 6; i++) (await page.mouse.wheel(0, -400), await page.waitForTimeout(300));
    await page.waitForFunction(() => /(9|10)\b/.test(document.querySelector('.analytics__meta')?.textContent ?? ''), undefined, WAIT);
    await page.waitForSelector('[data-testid=hotspot-list] .hotspot-list__item', WAIT).catch(async (err: unknown) => {
      await page.screenshot({ path: 'test-results/analytics-hotspots-failed.png' });
      throw new Error(`${String(err)}; the list says: ${await page.textContent('[data-testid=hotspot-list]')}`);
    });
    const places = await page.$$eval('[data-testid=hotspot-list] .hotspot-list__place', (els) => els.map((e) => e.textContent ?? ''));
    expect(places.length).toBeGreaterThan(0);
    // Place names, never H3 ids (15 hex digits).
    for (const p of places) expect(p).not.toMatch(/^[0-9a-f]{15}$/);
    await page.locator('[data-testid=hotspot-list] .hotspot-list__item').first().click();
    await page.waitForFunction((place) => document.querySelector('.data-clock__title')?.textContent?.includes(place), places[0]!, WAIT);
    expect(await page.getAttribute('[data-testid=hotspot-list] .hotspot-list__item >> nth=0', 'aria-pressed')).toBe('true');
    await page.evaluate(axeSource);
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; nodes: unknown[] }[] }> } }).axe;
      const r = await axe.run({ include: [['[data-testid=hotspot-list]']] }, { runOnly: ['wcag2a', 'wcag2aa'] });
      return r.violations.map((v) => `${v.id} (${v.nodes.length})`);
    });
    expect(violations).toEqual([]);
    await page.screenshot({ path: 'test-results/analytics-hotspots.png' });
    await page.locator('[data-testid=hotspot-list]').screenshot({ path: 'test-results/analytics-hotspot-list.png' });
    expect(pageErrors).toEqual([]);
  }, 600_000);
});
