// Browser test: the place search box on the map page — type, pick with the keyboard, the map
// moves to the place and marks it; axe-core finds no WCAG 2.1 AA violation in the open box;
// it fits a 390 px phone. Offline: every non-localhost request is blocked.
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestServer } from '../helpers/test-server.ts';
import { launchChromium, refuseOutsideRequests, runBrowserSuite } from '../helpers/browser.ts';
import { PLACE_FIXTURE, insertMapFeatures } from '../helpers/place-fixture.ts';

const WAIT = { timeout: 60_000 };
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeResult {
  violations: { id: string; impact: string; nodes: { target: string[] }[] }[];
}

describe.runIf(runBrowserSuite)('the place search box in a browser', () => {
  let server: Awaited<ReturnType<typeof startTestServer>> | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext;
  let page: Page;
  const blocked: string[] = [];

  beforeAll(async () => {
    server = await startTestServer({ seedDemo: false });
    await insertMapFeatures(server.sql, PLACE_FIXTURE, 'e2e-1');
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'sv-SE', timezoneId: 'Europe/Stockholm' });
    await refuseOutsideRequests(context, blocked);
    page = await context.newPage();
    mkdirSync('test-results', { recursive: true });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** The map view the page keeps in its URL: "zoom/lat/lon". */
  const view = () => page.evaluate(() => new URL(location.href).searchParams.get('map'));

  it('finds Åsgatan from "asg", picks it with the keyboard and flies the map there', async () => {
    await page.goto(server!.url);
    await page.waitForSelector('[data-testid=map][data-ready=true]', WAIT);
    const box = page.getByRole('combobox', { name: 'Sök adress eller plats' });
    await box.waitFor(WAIT);
    const before = await view();
    await box.fill('asg');
    const option = page.getByRole('option', { name: /Åsgatan/ }).first();
    await option.waitFor(WAIT);
    expect(await page.locator('.place-search__option').first().textContent()).toContain('Gata · Ryd');
    expect(await box.getAttribute('aria-expanded')).toBe('true');

    await page.screenshot({ path: 'test-results/place-search-open.png' });
    await page.evaluate(`(() => { ${AXE_SOURCE}\n})()`); // evaluated by DevTools: the app's CSP stays on
    const axe = (await page.evaluate(() =>
      (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<unknown> } }).axe.run({ include: [['.place-search']] }, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }),
    )) as AxeResult;
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

    await box.press('ArrowDown');
    expect(await box.getAttribute('aria-activedescendant')).toBeTruthy();
    await box.press('Enter');
    await page.waitForSelector('[data-testid=map][data-place-picked="Åsgatan"]', WAIT);
    await page.waitForFunction((b) => new URL(location.href).searchParams.get('map') !== b, before, WAIT);
    await page.waitForFunction(() => Number(new URL(location.href).searchParams.get('map')?.split('/')[0]) >= 15, undefined, WAIT);
    const [zoom, lat, lon] = (await view())!.split('/').map(Number) as [number, number, number];
    expect(zoom).toBeGreaterThanOrEqual(15);
    expect(lat).toBeCloseTo(58.415, 2);
    expect(lon).toBeCloseTo(15.5615, 2);
    await page.waitForSelector('.place-search-marker', WAIT);
    expect(await box.inputValue()).toBe('Åsgatan');
    expect(await box.getAttribute('aria-expanded')).toBe('false');
    await box.press('Escape');
    expect(await box.inputValue()).toBe('');
    await page.screenshot({ path: 'test-results/place-search-picked.png' });
    expect(blocked).toEqual([]);
  }, 180_000);

  it('lets a resident type an address instead of tapping the map on the report form', async () => {
    const form = await context.newPage();
    await form.goto(`${server!.url}/rapportera`);
    await form.waitForSelector('[data-testid=report-map][data-ready=true]', WAIT);
    const box = form.getByRole('combobox', { name: 'Sök adress eller plats' });
    await box.fill('rydsvägen 12');
    await form.getByRole('option', { name: /Rydsvägen 12/ }).first().waitFor(WAIT);
    await box.press('Enter');
    await form.waitForFunction(() => document.querySelector('[data-testid=place-status]')?.textContent?.startsWith('Plats vald'), undefined, WAIT);
    await form.waitForFunction(() => document.querySelector('[data-testid=place-status]')?.textContent?.includes('Plats: Rydsvägen 12'), undefined, WAIT);
    // The light map centres on the chosen address at street level, its marker in the middle.
    const view = JSON.parse((await form.getByTestId('light-map-surface').getAttribute('data-view'))!) as { lon: number; lat: number; zoom: number; width: number; height: number };
    expect(view.zoom).toBeGreaterThanOrEqual(17);
    const surface = (await form.getByTestId('light-map-surface').boundingBox())!;
    const marker = (await form.getByTestId('light-map-marker').boundingBox())!;
    expect(Math.abs(marker.x + marker.width / 2 - (surface.x + surface.width / 2))).toBeLessThan(12);
    await form.waitForFunction(() => document.querySelector('.light-map__picture')?.getAttribute('src')?.includes('zoom=17'), undefined, WAIT);
    await form.screenshot({ path: 'test-results/place-search-report.png' });
    await form.close();
  }, 180_000);

  it('fits a 390 px phone', async () => {
    const phone = await context.newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(server!.url);
    await phone.waitForSelector('[data-testid=map][data-ready=true]', WAIT);
    const box = phone.getByRole('combobox', { name: 'Sök adress eller plats' });
    await box.fill('rydsvägen 12');
    await phone.getByRole('option', { name: /Rydsvägen 12/ }).first().waitFor(WAIT);
    const rect = await phone.locator('.place-search').boundingBox();
    expect(rect!.x).toBeGreaterThanOrEqual(0);
    expect(rect!.x + rect!.width).toBeLessThanOrEqual(390);
    await phone.screenshot({ path: 'test-results/place-search-phone.png' });
    await phone.close();
  }, 180_000);
});
