// Debian's headless Chromium for the browser suites: required in CI, skipped loudly elsewhere
// when it is not installed. No browser is ever downloaded.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
/** True where the browser suites must run: Chromium is installed, or CI requires them. */
export const runBrowserSuite = hasChromium || Boolean(process.env.CI) || process.env.REQUIRE_BROWSER === '1';

if (!runBrowserSuite) {
  console.warn(`\n!!! ${CHROMIUM} is missing: the browser suites are SKIPPED. Install it with: apt-get update && apt-get install -y chromium\n`);
}

/** The flags this workplace's closed network needs (no background connections, no updates). */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--lang=sv-SE'];

export async function launchChromium(): Promise<Browser> {
  if (!hasChromium) throw new Error(`${CHROMIUM} is missing (CI requires it): apt-get update && apt-get install -y chromium`);
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}
