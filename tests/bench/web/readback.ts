// How much of a cold page load the page's main thread spent waiting for the software compositor
// to read the map's WebGL canvas back (GLES2::ReadPixels in the compositor's commit): what
// `--disable-gpu` adds to each frame MapLibre draws, and what a phone compositing on its GPU does
// not pay. One traced load; tracing slows it, so the figure to read is the share, not the time.
import type { BrowserContext } from 'playwright-core';
import { emulatePhone, waitUntilReady } from './measure-page.ts';

interface TraceEvent { name: string; ph: string; ts: number; dur?: number; pid: number; tid: number; args?: { name?: string } }

export interface Readback {
  /** Seconds from navigation until ready, in the traced load. */
  readyS: number;
  /** Seconds of that the page's main thread spent in GLES2::ReadPixels. */
  readbackS: number;
  /** How many times it did. */
  reads: number;
}

/** `readySelectors` as observeVitals (installed on the context) records them. */
export async function measureReadback(context: BrowserContext, url: string, readySelectors: string[]): Promise<Readback> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (d) => events.push(...(d.value as unknown as TraceEvent[])));
  await emulatePhone(cdp);
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: ['gpu', 'cc', 'devtools.timeline', 'blink.user_timing'] } });
  await page.goto(url, { waitUntil: 'commit' });
  const readyMs = await waitUntilReady(cdp, readySelectors);
  const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  await cdp.send('Tracing.end');
  await done;
  await cdp.detach();
  await page.close();
  // The page's main thread is the one that marked navigationStart for it (the last such mark).
  const nav = events.filter((e) => e.name === 'navigationStart').sort((a, b) => a.ts - b.ts).at(-1);
  if (!nav) throw new Error('the trace holds no navigationStart');
  const reads = events.filter((e) => e.ph === 'X' && e.name === 'GLES2::ReadPixels' && e.pid === nav.pid && e.tid === nav.tid && e.ts >= nav.ts && e.ts <= nav.ts + readyMs * 1000);
  return { readyS: readyMs / 1000, readbackS: reads.reduce((s, e) => s + (e.dur ?? 0), 0) / 1e6, reads: reads.length };
}
