// Debian's headless Chromium for the browser suites: required in CI, skipped loudly elsewhere
// when it is not installed. No browser is ever downloaded.
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
/** True where the browser suites must run: Chromium is installed, or CI requires them. */
export const runBrowserSuite = hasChromium || Boolean(process.env.CI) || process.env.REQUIRE_BROWSER === '1';

if (!runBrowserSuite) {
  console.warn(`\n!!! ${CHROMIUM} is missing: the browser suites are SKIPPED. Install it with: apt-get update && apt-get install -y chromium\n`);
}

/**
 * Chromium features off. Playwright passes its own `--disable-features` list and Chromium keeps only
 * the last such flag, so this one repeats Playwright's (tests/e2e/browser-flags.test.ts checks it
 * still does) and adds the two that make Chromium 156 build the address bar's WebUI popups: even
 * headless it renders them in a renderer of its own for every browser context, ≈ 0.9 s of CPU each
 * that a two-core machine takes from the page under test.
 */
export const DISABLED_FEATURES = [
  'AvoidUnnecessaryBeforeUnloadCheckSync', 'DestroyProfileOnBrowserClose', 'HttpsUpgrades', 'HttpsFirstBalancedModeAutoEnable', 'LensOverlay',
  'MediaRouter', 'PaintHolding', 'ThirdPartyStoragePartitioning', 'AvoidCorsURLLoaderRestartOnRedirect', 'TcpPortRandomizationWin',
  'OptimizationHints', 'NetworkTimeServiceQuerying', 'AimEnabled', 'PreconnectToSearch', 'msForceBrowserSignIn',
  'msEdgeUpdateLaunchServicesPreferredVersion',
  'WebUIOmniboxPopup', 'WebUIOmniboxAimPopup',
];

/** The flags this workplace's closed network needs (no background connections, no updates), and the features above off. */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--lang=sv-SE', `--disable-features=${DISABLED_FEATURES.join(',')}`];

export async function launchChromium(): Promise<Browser> {
  if (!hasChromium) throw new Error(`${CHROMIUM} is missing (CI requires it): apt-get update && apt-get install -y chromium`);
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** True for a URL the app may load at run time: its own origin (the test server), data: and blob:. */
const isLocal = (url: URL) => url.protocol === 'data:' || url.protocol === 'blob:' || url.hostname === '127.0.0.1' || url.hostname === 'localhost';

/** Refuses every request that would leave the machine (the app must work offline); the refused URLs go into `refused` as they come. */
export async function refuseOutsideRequests(context: BrowserContext, refused: string[] = []): Promise<string[]> {
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (isLocal(url)) return route.continue();
    refused.push(url.href);
    return route.abort('internetdisconnected');
  });
  return refused;
}

export interface AppPage {
  context: BrowserContext;
  page: Page;
  /** Uncaught errors of the page. */
  pageErrors: string[];
  /** Requests refused for leaving the machine. */
  refused: string[];
}

/**
 * A page as a Swedish user in Stockholm sees it, with every outside request refused, its errors
 * collected, and (with `signIn`) the context signed in through the API.
 */
export async function openAppPage(browser: Browser, opts: { viewport: { width: number; height: number }; bypassCSP?: boolean; signIn?: { base: string; email: string; password: string } }): Promise<AppPage> {
  const context = await browser.newContext({ viewport: opts.viewport, locale: 'sv-SE', timezoneId: 'Europe/Stockholm', ...(opts.bypassCSP ? { bypassCSP: true } : {}) });
  const refused = await refuseOutsideRequests(context);
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (err) => pageErrors.push(err.message));
  if (opts.signIn) {
    const { base, email, password } = opts.signIn;
    const res = await context.request.post(`${base}/api/auth/login`, { data: { email, password }, headers: { Origin: base } });
    if (res.status() !== 200) throw new Error(`sign-in as ${email} failed: ${res.status()} ${await res.text()}`);
  }
  return { context, page, pageErrors, refused };
}
