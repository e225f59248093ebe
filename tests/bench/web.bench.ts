// `npm run bench -- web`: /rapportera, /falt and the staff map (/) loaded like a phone (CDP
// network 1.6 Mbit/s down, 750 kbit/s up, 150 ms RTT; CPU 4× slower), cold (empty cache, no
// service worker) and warm (the same browser again), against the client as it was before issue 13
// built from git in the same run (tests/bench/web/baseline-build.ts; the issue's own figures
// when that commit is not in the clone). Prints each figure beside its target and the baseline.
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { ensureClientBuilt } from '../../server/client-build.ts';
import { startServer } from '../../server/start-server.ts';
import { createAccount } from '../../server/auth/accounts.ts';
import { DEFAULT_NETWORK_FILE } from '../../server/geodata/bundled-network.ts';
import { launchChromium } from '../helpers/browser.ts';
import { printTable, type BenchRow } from './bench-table.ts';
import { buildBaseline, serveBaseline, BASELINE_COMMIT } from './web/baseline-build.ts';
import { countBytes, type ByteCounter } from './web/byte-counter.ts';
import { measureLoad, observeVitals, type PageFigures } from './web/measure-page.ts';
import { measureFrameCost } from './web/frame-cost.ts';
import { measureReadback } from './web/readback.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 2));
const FIELD = { email: 'matning@example.se', password: 'Kvallspass-Ryd-2026!' };
/** The issue's measurement of /rapportera before the work (used when no same-run baseline can be built). */
const ISSUE_REFERENCE = { coldS: 9.2, coldKiB: 1.95e6 / 1024, warmS: 4.2, warmKiB: 391 };

interface PageSpec {
  /** What BENCH_PAGES names it by. */
  id: string;
  name: string;
  path: string;
  /** The "ready" moment: every selector present (the map drawn, the form taking input). */
  ready: string[];
  signIn?: boolean;
  /** Trace one more cold load for the time spent reading the map's canvas back (tests/bench/web/readback.ts). */
  readback?: boolean;
  targets: { coldS?: number; warmS?: number; coldKiB?: number };
}

const PAGES: PageSpec[] = [
  { id: 'report', name: '/rapportera', path: '/rapportera', ready: ['[data-testid=report-form]', '[data-testid=report-map][data-ready=true]'], targets: { coldS: 3.0, warmS: 1.0, coldKiB: 350 } },
  { id: 'field', name: '/falt', path: '/falt', ready: ['[data-testid=patrol-state]'], signIn: true, targets: {} },
  { id: 'staff', name: 'staff map /', path: '/', ready: ['[data-testid=map][data-ready=true]'], readback: true, targets: { coldS: 4.5 } },
];

/** BENCH_PAGES=report,field: only those pages (all three when unset). */
const WANTED = process.env.BENCH_PAGES?.split(',').map((p) => p.trim()).filter(Boolean);
/** BENCH_BASELINE=0: no pre-issue-13 baseline (e.g. when comparing two checkouts back to back). */
const WITH_BASELINE = process.env.BENCH_BASELINE !== '0';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;
const readyS = (f: PageFigures) => Math.max(...Object.values(f.ready));

async function run(browser: Browser, base: string, counter: ByteCounter, page: PageSpec): Promise<{ cold: PageFigures; warm: PageFigures }> {
  const colds: PageFigures[] = [], warms: PageFigures[] = [];
  for (let i = 0; i < RUNS; i++) {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'sv-SE', timezoneId: 'Europe/Stockholm' });
    await observeVitals(context, page.ready);
    if (page.signIn) {
      const res = await context.request.post(`${base}/api/auth/login`, { data: FIELD, headers: { Origin: base } });
      if (!res.ok()) throw new Error(`bench sign-in failed: ${res.status()}`);
    }
    colds.push(await measureLoad(context, base + page.path, page.ready, counter));
    // Let the service worker (where there is one) finish installing and keep this page's files.
    const p = await context.newPage();
    await p.goto(base + page.path);
    await p.evaluate(async () => {
      if (!('serviceWorker' in navigator) || !(await navigator.serviceWorker.getRegistrations()).length) return;
      await Promise.race([navigator.serviceWorker.ready, new Promise((r) => setTimeout(r, 10_000))]);
    });
    await p.waitForTimeout(3000);
    await p.close();
    warms.push(await measureLoad(context, base + page.path, page.ready, counter));
    await context.close();
    const each = (f: PageFigures) => page.ready.map((s) => f.ready[s]!.toFixed(2)).join('/');
    console.log(`  ${page.name} run ${i + 1}: cold ${each(colds.at(-1)!)} s, warm ${each(warms.at(-1)!)} s (ready: ${page.ready.join(', ')})`);
  }
  const pick = (xs: PageFigures[]): PageFigures => ({
    ready: Object.fromEntries(page.ready.map((s) => [s, median(xs.map((x) => x.ready[s]!))])),
    lcpS: median(xs.map((x) => x.lcpS)),
    cls: median(xs.map((x) => x.cls)),
    tbtMs: median(xs.map((x) => x.tbtMs)),
    kib: median(xs.map((x) => x.kib)),
  });
  return { cold: pick(colds), warm: pick(warms) };
}

async function main() {
  console.log(`Phone profile: 1.6 Mbit/s down, 750 kbit/s up, 150 ms RTT, CPU 4× slower; median of ${RUNS} run(s) (BENCH_RUNS).`);
  const dist = await ensureClientBuilt(root, () => {});
  const pages = PAGES.filter((p) => !WANTED || WANTED.includes(p.id));
  if (!pages.length) throw new Error(`BENCH_PAGES=${process.env.BENCH_PAGES} names no page (${PAGES.map((p) => p.id).join(', ')})`);
  const baselineDist = WITH_BASELINE ? await buildBaseline(root) : null;
  // As `npm start` serves it: the bundled street network in the basemap's tiles, the demo reports.
  const server = await startServer({ networkFile: DEFAULT_NETWORK_FILE, seedDemo: true, demoUsers: false, staticDir: dist, logLevel: 'error', security: { rateLimits: false } });
  await createAccount(server.sql, { email: FIELD.email, password: FIELD.password, role: 'field', team: 'ryd', createTeam: true }, Date.now());
  const baseline = baselineDist ? await serveBaseline(baselineDist, server.app) : null;
  const nowCounter = await countBytes(server.port);
  const baseCounter = baseline ? await countBytes(baseline.port) : null;
  const browser = await launchChromium();
  try {
    const frameMs = await measureFrameCost(browser);
    console.log(`This machine's headless Chromium: one software-composited WebGL frame at 780×1688 px costs ${frameMs.toFixed(0)} ms (the map pages draw 6–8 before they are ready).`);
    for (const page of pages) {
      const now = await run(browser, `http://127.0.0.1:${nowCounter.port}`, nowCounter, page);
      const before = baseline && baseCounter ? await run(browser, `http://127.0.0.1:${baseCounter.port}`, baseCounter, page) : null;
      const note = before ? `before (${BASELINE_COMMIT})` : 'issue';
      const ref = (cold: boolean, pick: (f: PageFigures) => number, issue?: number) => (before ? pick(cold ? before.cold : before.warm) : issue);
      const isReport = page.path === '/rapportera';
      const rows: BenchRow[] = [];
      for (const [label, cold] of [['cold', true], ['warm', false]] as const) {
        const f = cold ? now.cold : now.warm;
        rows.push({ name: `${label}: ready (${page.ready.length > 1 ? 'map drawn and form takes input' : 'UI shown'})`, value: readyS(f), unit: 's', baseline: ref(cold, readyS, isReport ? (cold ? ISSUE_REFERENCE.coldS : ISSUE_REFERENCE.warmS) : undefined), baselineNote: note, target: cold ? page.targets.coldS : page.targets.warmS, lowerIsBetter: true });
        if (page.ready.length > 1) rows.push({ name: `${label}: form takes input`, value: f.ready[page.ready[0]!]!, unit: 's', baseline: ref(cold, (x) => x.ready[page.ready[0]!]!), baselineNote: note });
        rows.push({ name: `${label}: LCP`, value: f.lcpS, unit: 's', baseline: ref(cold, (x) => x.lcpS), baselineNote: note });
        rows.push({ name: `${label}: CLS`, value: f.cls, unit: '', baseline: ref(cold, (x) => x.cls), baselineNote: note, target: 0.05, lowerIsBetter: true });
        rows.push({ name: `${label}: TBT`, value: f.tbtMs, unit: 'ms', baseline: ref(cold, (x) => x.tbtMs), baselineNote: note });
        rows.push({ name: `${label}: bytes transferred`, value: f.kib, unit: 'KiB', baseline: ref(cold, (x) => x.kib, isReport ? (cold ? ISSUE_REFERENCE.coldKiB : ISSUE_REFERENCE.warmKiB) : undefined), baselineNote: note, target: cold ? page.targets.coldKiB : undefined, lowerIsBetter: true });
      }
      printTable(`${page.name} on a phone`, rows);
      if (page.readback) {
        const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'sv-SE', timezoneId: 'Europe/Stockholm' });
        await observeVitals(context, page.ready);
        const r = await measureReadback(context, `http://127.0.0.1:${nowCounter.port}${page.path}`, page.ready);
        await context.close();
        console.log(`${page.name}, one traced cold load: ready ${r.readyS.toFixed(2)} s, of which the main thread waited ${r.readbackS.toFixed(2)} s (${(100 * r.readbackS / r.readyS).toFixed(0)} %, ${r.reads} frames) for the software compositor to read the map's canvas back: --disable-gpu here; a phone composites on its GPU.`);
      }
    }
  } finally {
    await browser.close();
    await nowCounter.stop();
    await baseCounter?.stop();
    await baseline?.stop();
    await server.stop();
  }
}

await main();
