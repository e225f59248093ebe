// One page load in headless Chromium under a phone's conditions (CDP: 1.6 Mbit/s down,
// 750 kbit/s up, 150 ms round trip, CPU 4× slower): when each "ready" selector first matched,
// Largest Contentful Paint, Cumulative Layout Shift, Total Blocking Time (long tasks after the
// first paint, 50 ms each subtracted) and the bytes the server sent (counted on the wire).
import type { BrowserContext, CDPSession } from 'playwright-core';
import type { ByteCounter } from './byte-counter.ts';

export const PHONE_NETWORK = { offline: false, latency: 150, downloadThroughput: (1.6e6 / 8), uploadThroughput: (750e3 / 8) };
export const CPU_SLOWDOWN = 4;
/** A page not ready after this has failed (ms). */
const READY_TIMEOUT_MS = 180_000;
/** The load is over when the server has sent nothing for this long (ms)… */
const QUIET_MS = 1500;
/** …or after this, whatever happens (ms). */
const MAX_SETTLE_MS = 30_000;

export interface PageFigures {
  /** Seconds from navigation to each ready selector. */
  ready: Record<string, number>;
  lcpS: number;
  cls: number;
  tbtMs: number;
  kib: number;
}

/**
 * Installs the observers in every page of the context, before any of the page's own code runs.
 * Plain JavaScript text: a compiled function would carry the TypeScript runner's helpers along.
 */
export async function observeVitals(context: BrowserContext, selectors: string[]): Promise<void> {
  await context.addInitScript({
    content: `(() => {
      const sels = ${JSON.stringify(selectors)};
      const v = (window.__tk = { ready: {}, lcp: 0, cls: 0, fcp: 0, long: [] });
      const check = () => { for (const s of sels) if (!(s in v.ready) && document.querySelector(s)) v.ready[s] = performance.now(); };
      new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true });
      const po = (type, fn) => { try { new PerformanceObserver((l) => l.getEntries().forEach(fn)).observe({ type, buffered: true }); } catch {} };
      po('largest-contentful-paint', (e) => (v.lcp = e.startTime));
      po('layout-shift', (e) => { if (!e.hadRecentInput) v.cls += e.value; });
      po('paint', (e) => { if (e.name === 'first-contentful-paint') v.fcp = e.startTime; });
      po('longtask', (e) => v.long.push({ start: e.startTime, duration: e.duration }));
    })();`,
  });
}

/** The phone's network and CPU for the page behind `cdp`. */
export async function emulatePhone(cdp: CDPSession): Promise<void> {
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', PHONE_NETWORK);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
}

/**
 * Polls the page's own record of its ready selectors (observeVitals) through CDP in the page's
 * main world, and returns when (ms, performance.now) the last of them matched.
 * Not Playwright's waitForSelector: that evaluates Playwright's injected script in the page
 * (≈ 60 ms at 4× CPU) and then polls the DOM from it, on the main thread being measured; on
 * /rapportera's warm load that cost ≈ 200 ms.
 */
export async function waitUntilReady(cdp: CDPSession, selectors: string[]): Promise<number> {
  const expression = `(() => { const r = window.__tk && window.__tk.ready; const ts = ${JSON.stringify(selectors)}.map((s) => r && r[s]); return ts.every((t) => t !== undefined) ? Math.max(...ts) : null; })()`;
  const until = performance.now() + READY_TIMEOUT_MS;
  for (;;) {
    const res = await cdp.send('Runtime.evaluate', { expression, returnByValue: true }).catch(() => null);
    if (typeof res?.result.value === 'number') return res.result.value;
    if (performance.now() > until) throw new Error(`the page was not ready within ${READY_TIMEOUT_MS / 1000} s`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function measureLoad(context: BrowserContext, url: string, readySelectors: string[], counter: ByteCounter): Promise<PageFigures> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await emulatePhone(cdp);
  counter.reset();
  await page.goto(url, { waitUntil: 'commit' });
  await waitUntilReady(cdp, readySelectors);
  const started = performance.now();
  while (counter.quietMs() < QUIET_MS && performance.now() - started < MAX_SETTLE_MS) await new Promise((r) => setTimeout(r, 100));
  const v = await page.evaluate(() => (window as unknown as { __tk: { ready: Record<string, number>; lcp: number; cls: number; fcp: number; long: { start: number; duration: number }[] } }).__tk);
  const tbtMs = v.long.filter((t) => t.start >= v.fcp).reduce((sum, t) => sum + Math.max(0, t.duration - 50), 0);
  const figures: PageFigures = {
    ready: Object.fromEntries(readySelectors.map((s) => [s, (v.ready[s] ?? NaN) / 1000])),
    lcpS: v.lcp / 1000,
    cls: v.cls,
    tbtMs,
    kib: counter.bytes() / 1024,
  };
  await cdp.detach();
  await page.close();
  return figures;
}
