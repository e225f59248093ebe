// The sign-in page and role-aware UI in headless Chromium, offline: Swedish and English, a wrong
// password shown in words, a field worker sees no analytics, a chief does, sign-out returns to
// the sign-in page, and a report description holding <script> shows as text.
import { mkdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestServer } from '../helpers/test-server.ts';
import type { RunningServer } from '../../server/start-server.ts';
import { launchChromium, refuseOutsideRequests, runBrowserSuite } from '../helpers/browser.ts';

const WAIT = { timeout: 90_000 };
const XSS = '<script>window.__xss = 1</script><img src=x onerror="window.__xss = 2">';

describe.runIf(runBrowserSuite)('sign-in and role-aware UI in a browser', () => {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  const pageErrors: string[] = [];
  const creds = (role: string) => server!.demoUsers.find((u) => u.role === role)!;

  async function freshPage(): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser!.newContext({ viewport: { width: 1280, height: 800 }, locale: 'sv-SE', timezoneId: 'Europe/Stockholm' });
    await refuseOutsideRequests(context);
    const page = await context.newPage();
    page.on('pageerror', (err) => pageErrors.push(err.message));
    return { context, page };
  }

  async function signIn(page: Page, role: string) {
    await page.fill('input[name=email]', creds(role).email);
    await page.fill('input[name=password]', creds(role).password);
    await page.click('button[type=submit]');
  }

  beforeAll(async () => {
    server = await startTestServer({ seedDemo: false });
    await (await import('../../server/auth/demo-users.ts')).ensureDemoUsers(server.sql, Date.now()).then((users) => server!.demoUsers.push(...users));
    browser = await launchChromium();
    mkdirSync('test-results', { recursive: true });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows the sign-in page in Swedish, switches to English, and says a wrong password in words', async () => {
    const { context, page } = await freshPage();
    await page.goto(`${server!.url}/logga-in`);
    await page.waitForSelector('.sign-in', WAIT);
    expect(await page.textContent('h2')).toBe('Logga in');
    expect(await page.getAttribute('a.sign-in__report', 'href')).toBe('/rapportera');
    await page.click('.sign-in__lang');
    expect(await page.textContent('h2')).toBe('Sign in');
    expect(page.url()).toContain('lang=en');
    await page.fill('input[name=email]', creds('field').email);
    await page.fill('input[name=password]', 'not-the-password');
    await page.click('button[type=submit]');
    await page.waitForFunction(() => document.querySelector('#sign-in-error')?.textContent !== '', undefined, WAIT);
    expect(await page.textContent('#sign-in-error')).toBe('Wrong e-mail address or password.');
    await page.screenshot({ path: 'test-results/sign-in.png' });
    await context.close();
  });

  it('says in Swedish when a locked sign-in may try again, and an admin unlocks it on /admin/inloggning (axe-clean)', async () => {
    const chief = creds('chief');
    const lockedUntil = new Date(Date.now() + 15 * 60_000);
    await server!.sql`insert into login_failures (key, failures, last_at, locked_until) values (${`pair:${chief.email}|127.0.0.1`}, 10, now(), ${lockedUntil})`;
    const { context, page } = await freshPage();
    try {
      await page.goto(`${server!.url}/logga-in`);
      await page.waitForSelector('.sign-in', WAIT);
      await signIn(page, 'chief');
      await page.waitForFunction(() => document.querySelector('#sign-in-error')?.textContent !== '', undefined, WAIT);
      const clock = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', timeStyle: 'short' }).format(lockedUntil);
      const text = await page.textContent('#sign-in-error');
      expect(text).toContain('Inloggningen är spärrad');
      expect(text).toMatch(new RegExp(`om 1[45] min \\(kl\\. ${clock.replace(/:\d\d$/, '')}`));
      // The admin (another account) sees the block and lifts it.
      await page.goto(`${server!.url}/logga-in`);
      await signIn(page, 'admin');
      await page.waitForFunction(() => !document.querySelector('.sign-in'), undefined, WAIT);
      await page.goto(`${server!.url}/admin/inloggning`);
      await page.waitForSelector('.sign-in-blocks table', WAIT);
      expect(await page.textContent('.sign-in-blocks table')).toContain(chief.email);
      await page.evaluate(readFileSync('node_modules/axe-core/axe.min.js', 'utf8')); // evaluate, not a script tag: the page's CSP forbids inline scripts
      const violations = await page.evaluate(async () => (await (window as unknown as { axe: { run(ctx: string, o: object): Promise<{ violations: { id: string }[] }> } }).axe.run('.sign-in-blocks', { runOnly: ['wcag2a', 'wcag2aa'] })).violations.map((v) => v.id));
      expect(violations).toEqual([]);
      await page.click(`.sign-in-blocks button:has-text("Lås upp")`);
      await page.waitForSelector('.sign-in-blocks [role=status]', WAIT);
      expect(await page.textContent('.sign-in-blocks [role=status]')).toBe(`${chief.email} är upplåst.`);
      await page.screenshot({ path: 'test-results/sign-in-blocks.png' });
      const [left] = await server!.sql`select count(*)::int as n from login_failures where key like ${`pair:${chief.email}|%`}`;
      expect(left!.n).toBe(0);
    } finally {
      await server!.sql`delete from login_failures where key like ${`pair:${chief.email}|%`}`; // the next tests sign in as the chief
      await context.close();
    }
  });

  it('shows a field worker no analytics, and a chief the analytics link; signs out', async () => {
    const { context, page } = await freshPage();
    await page.goto(`${server!.url}/logga-in`);
    await signIn(page, 'field');
    await page.waitForSelector('.account-menu', WAIT);
    expect(await page.textContent('.account-menu')).toContain('Fältpersonal');
    expect(await page.$('.side-panel__analytics')).toBeNull();
    const links = await page.$$eval('.header-nav__links a', (as) => as.map((a) => a.textContent));
    expect(links).toEqual(['Karta', 'Fältläge', 'Rapportera']);
    expect(await page.getAttribute('.header-nav__links a[aria-current=page]', 'href')).toBe('#');
    await page.click('.header-nav__account');
    await page.waitForSelector('.sign-in', WAIT);
    await context.close();

    const chief = await freshPage();
    await chief.page.goto(`${server!.url}/logga-in`);
    await signIn(chief.page, 'chief');
    await chief.page.waitForSelector('.side-panel__analytics', WAIT);
    const chiefLinks = await chief.page.$$eval('.header-nav__links a', (as) => as.map((a) => a.textContent));
    expect(chiefLinks).toEqual(['Karta', 'Analys', 'Täckning', 'Lägesbild', 'Insatser', 'Granskning', 'Rapportera']);
    // The header's analysis link only changes the hash: the map's filters in the query stay.
    await chief.page.goto(`${server!.url}/?d=ryd`);
    await chief.page.click('.header-nav__links a[href="#analys"]');
    await chief.page.waitForSelector('.header-nav__links a[aria-current=page][href="#analys"]', WAIT);
    expect(new URL(chief.page.url()).searchParams.get('d')).toBe('ryd');
    await chief.context.close();
  });

  it('shows anonymous visitors the public map with masked pins and a staff sign-in link', async () => {
    // The public map shows approved reports in cells holding at least 3: three, approved.
    for (let i = 1; i <= 3; i++) {
      const posted = await fetch(`${server!.url}/api/reports`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ category: 'otrygg-plats', lat: 58.40837, lon: 15.564625, observedAt: new Date(Date.now() - i * 3600_000).toISOString() }),
      });
      expect(posted.status).toBe(201);
    }
    await server!.sql`update reports set status = 'approved', text_public = true where source = 'resident'`;
    const { context, page } = await freshPage();
    await page.goto(server!.url);
    await page.waitForFunction(() => /[1-9]/.test(document.querySelector('[data-testid="pin-count"]')?.textContent ?? ''), undefined, WAIT);
    expect(await page.textContent('.account-menu')).toContain('Logga in (personal)');
    expect(await page.$$eval('.header-nav__links a', (as) => as.map((a) => a.textContent))).toEqual(['Karta', 'Rapportera']);
    expect(await page.getAttribute('.header-nav__account', 'href')).toBe('/logga-in');
    expect(await page.$('.side-panel__analytics')).toBeNull();
    const pins = (await (await fetch(`${server!.url}/api/reports/pins?limit=50`)).json()) as { masked: boolean; features: { properties: { id: string | null } }[] };
    expect(pins.masked).toBe(true);
    expect(pins.features.length).toBeGreaterThan(0);
    expect(pins.features.every((f) => f.properties.id === null)).toBe(true);
    await page.screenshot({ path: 'test-results/public-map.png' });
    await context.close();
  });

  it('shows a report description holding <script> as text', async () => {
    const res = await fetch(`${server!.url}/api/reports`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ category: 'ovrigt', lat: 58.4094, lon: 15.5636, observedAt: new Date(Date.now() - 3600_000).toISOString(), description: XSS }),
    });
    expect(res.status).toBe(201);
    const { context, page } = await freshPage();
    await page.goto(`${server!.url}/granskning`);
    await signIn(page, 'chief');
    await page.waitForFunction((xss) => document.body.textContent?.includes(xss), XSS, WAIT);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    // No script element in the page's body (index.html's own scripts are all in the head).
    expect(await page.$$('body script')).toHaveLength(0);
    await context.close();
    expect(pageErrors).toEqual([]);
  });
});
