// Browser test of /insatser, offline: the chief clicks three cells on the map, logs a patrol,
// sees it in the list and on the timeline, opens its evaluation (verdict and chart), and the
// page has no serious or critical axe-core violations.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestServer } from '../helpers/test-server.ts';
import { createAccount } from '../../server/auth/accounts.ts';
import { launchChromium, openAppPage, runBrowserSuite } from '../helpers/browser.ts';

const WAIT = { timeout: 120_000 };
const CHIEF = { email: 'chef-insats@example.se', password: 'Insats-utvardering-2026!' };
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

describe.runIf(runBrowserSuite)('the intervention page in a browser', () => {
  let server: Awaited<ReturnType<typeof startTestServer>> | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let pageErrors: string[] = [];

  beforeAll(async () => {
    server = await startTestServer({ seedDemo: true });
    await createAccount(server.sql, { email: CHIEF.email, role: 'chief', password: CHIEF.password }, Date.now());
    browser = await launchChromium();
    // bypassCSP only so the test can inject axe-core; the app's own scripts are all 'self'.
    ({ page, pageErrors } = await openAppPage(browser, { viewport: { width: 1400, height: 900 }, bypassCSP: true, signIn: { base: server.url, ...CHIEF } }));
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('logs an intervention from clicked cells and shows its evaluation', async () => {
    await page.goto(`${server!.url}/insatser`);
    await page.waitForSelector('[data-testid=interventions-map][data-ready=true]', WAIT);
    const box = (await page.locator('[data-testid=interventions-map]').boundingBox())!;
    for (const dx of [0, 30, 60]) await page.mouse.click(box.x + box.width / 2 + dx, box.y + box.height / 2);
    await expect.poll(() => page.getByText('3 rutor valda').count(), WAIT).toBe(1);
    await page.getByLabel('Rubrik').fill('Kvällspatrull vid centrum');
    await page.getByLabel('Startdatum').fill('2026-06-01');
    await page.getByLabel('Ansvarig organisation').fill('Områdesteam');
    await page.getByRole('button', { name: 'Spara', exact: true }).click();
    await page.waitForSelector('[data-testid=interventions-list] li', WAIT);
    expect(await page.locator('[data-testid=interventions-list] li').first().textContent()).toContain('Kvällspatrull vid centrum');
    await page.getByRole('button', { name: 'Utvärdera' }).first().click();
    await page.waitForSelector('.interventions__verdict', WAIT);
    expect(await page.locator('.interventions__verdict').textContent()).toMatch(/Minskning|Ökning|Ingen säker effekt|För lite data/);
    expect(await page.locator('[data-testid=evaluation-chart]').count()).toBe(1);

    await page.addScriptTag({ content: AXE });
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (ctx: unknown, o: unknown) => Promise<{ violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[] }> } }).axe;
      const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
      return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    });
    expect(violations).toEqual([]);
    expect(pageErrors).toEqual([]);
  }, 600_000);
});
