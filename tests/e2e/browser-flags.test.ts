// The browser suites' Chromium flags: Playwright's own disabled features survive our
// --disable-features (Chromium keeps only the last one), and the address bar's WebUI popup,
// which Chromium 156 renders per page even when headless, is not started.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { DISABLED_FEATURES, launchChromium, runBrowserSuite } from '../helpers/browser.ts';

/** The feature names of Playwright's `disabledFeatures = [ … ]` in its bundled Chromium switches. */
function playwrightDisabledFeatures(): string[] {
  const bundle = readFileSync(createRequire(import.meta.url).resolve('playwright-core/lib/coreBundle'), 'utf8');
  const list = /disabledFeatures = \[([\s\S]*?)\n\s*\]/.exec(bundle)?.[1];
  if (!list) throw new Error("playwright-core's bundle no longer has `disabledFeatures = [ … ]`: check how it passes --disable-features");
  return [...list.replace(/\/\/.*$/gm, '').matchAll(/"([A-Za-z]+)"/g)].map((m) => m[1]!);
}

describe('the browser suites’ Chromium flags', () => {
  it("keep every feature Playwright turns off, as ours is the --disable-features Chromium reads", () => {
    const theirs = playwrightDisabledFeatures();
    expect(theirs.length).toBeGreaterThan(5);
    expect(DISABLED_FEATURES).toEqual(expect.arrayContaining(theirs));
  });

  it.runIf(runBrowserSuite && existsSync('/proc/self/cmdline'))('start no top-chrome WebUI renderer beside the pages', async () => {
    const browser = await launchChromium();
    try {
      const page = await (await browser.newContext()).newPage();
      await page.setContent('<p>Trygghetskartan</p>');
      await page.waitForTimeout(500);
      const cmdlines = readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map((pid) => {
        try {
          return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
        } catch {
          return '';
        }
      });
      expect(cmdlines.some((c) => c.includes('--type=renderer'))).toBe(true);
      expect(cmdlines.filter((c) => c.includes('--top-chrome-webui'))).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
