// How much of a cold page load the page's main thread spent waiting for the software compositor
// to read the map's WebGL canvas back (GLES2::ReadPixels in the compositor's commit): what
// `--disable-gpu` adds to each frame MapLibre draws, and what a phone compositing on its GPU does
// not pay. One traced load; tracing slows it, so the figure to read is the share, not the time.
import type { BrowserContext } from 'playwright-core';
import { CPU_SLOWDOWN, PHONE_NETWORK } from './measure-page.ts';

interface TraceEvent { name: string; ph: string; ts: number; dur?: number; pid: number; tid: number; args?: { name?: string } }

export interface Readback {
  /** Seconds from navigation until ready, in the traced load. */
  readyS: number;
  /** Seconds of that the page's main thread spent in GLES2::ReadPixels. */
  readbackS: number;
  /** How many times it did. */
  reads: number;
}

/** `readyExpression` evaluates in the page to the ms (performance.now) it became ready, or to nothing yet. */
export async function measureReadback(context: BrowserContext, url: string, readyExpression: string): Promise<Readback> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (d) => events.push(...(d.value as unknown as TraceEvent[])));
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', PHONE_NETWORK);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: ['gpu', 'cc', 'devtools.timeline', 'blink.user_timing'] } });
  await page.goto(url, { waitUntil: 'commit' });
  let readyMs = NaN;
  for (const until = performance.now() + 180_000; Number.isNaN(readyMs) && performance.now() < until; await new Promise((r) => setTimeout(r, 50))) {
    const res = await cdp.send('Runtime.evaluate', { expression: readyExpression, returnByValue: true }).catch(() => null);
    if (typeof res?.result.value === 'number') readyMs = res.result.value;
  }
  const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  await cdp.send('Tracing.end');
  await done;
  await cdp.detach();
  await page.close();
  if (Number.isNaN(readyMs)) throw new Error(`${url} was not ready within 180 s`);
  // The page's main thread is the one that marked navigationStart for it (the last such mark).
  const nav = events.filter((e) => e.name === 'navigationStart').sort((a, b) => a.ts - b.ts).at(-1);
  if (!nav) throw new Error('the trace holds no navigationStart');
  const reads = events.filter((e) => e.ph === 'X' && e.name === 'GLES2::ReadPixels' && e.pid === nav.pid && e.tid === nav.tid && e.ts >= nav.ts && e.ts <= nav.ts + readyMs * 1000);
  return { readyS: readyMs / 1000, readbackS: reads.reduce((s, e) => s + (e.dur ?? 0), 0) / 1e6, reads: reads.length };
}
