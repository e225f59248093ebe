// Browser test of the Lägesbild page, offline: the chief sees the week's grades and key figures
// in Swedish, records an action, and the page has no axe-core violations (WCAG 2.1 AA).
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestServer } from '../helpers/test-server.ts';
import { createAccount } from '../../server/auth/accounts.ts';
import { launchChromium, openAppPage, runBrowserSuite } from '../helpers/browser.ts';

const WAIT = { timeout: 90_000 };
const CHIEF = { email: 'chef-lb@example.se', password: 'Lagesbild-vecka-2026!' };
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

describe.runIf(runBrowserSuite)('the Lägesbild page in a browser', () => {
  let server: Awaited<ReturnType<typeof startTestServer>> | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let pageErrors: string[] = [];

  beforeAll(async () => {
    server = await startTestServer({ seedDemo: true });
    await createAccount(server.sql, { email: CHIEF.email, role: 'chief', password: CHIEF.password }, Date.now());
    browser = await launchChromium();
    ({ page, pageErrors } = await openAppPage(browser, { viewport: { width: 1200, height: 900 }, signIn: { base: server.url, ...CHIEF } }));
    mkdirSync('test-results', { recursive: true });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows grades and key figures, records an action, and passes axe', async () => {
    await page.goto(`${server!.url}/lagesbild`);
    await page.getByRole('heading', { name: 'Nyckeltal mot snittet av 8 veckor' }).waitFor(WAIT);
    expect(await page.locator('.lagesbild__grade').count()).toBe(3);
    await page.getByLabel('Vad').fill('Klippa sly vid gångtunneln');
    await page.getByRole('button', { name: 'Spara', exact: true }).click();
    await page.getByText('Klippa sly vid gångtunneln').first().waitFor(WAIT);
    await page.screenshot({ path: 'test-results/lagesbild.png', fullPage: false });
    await page.evaluate(AXE); // through the DevTools protocol: the page's CSP forbids inline scripts
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; nodes: unknown[] }[] }> } }).axe;
      const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
      return r.violations.map((v) => `${v.id} (${v.nodes.length}): ${JSON.stringify(v.nodes.slice(0, 3).map((n) => (n as { target: unknown; failureSummary: string }).target))} ${(v.nodes[0] as { failureSummary?: string })?.failureSummary ?? ""}`);
    });
    expect(violations).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
