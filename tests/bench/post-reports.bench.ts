// POST /api/reports under load from a second process (autocannon, 50 connections, 127.0.0.1) on
// the real PostgreSQL server, against a bare node:http insert handler on the same database; with
// a fresh Idempotency-Key per request beside without; and the compiled server (`npm start`)
// with WORKERS=2 beside WORKERS=1, all in the same run.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Sql } from '../../server/db/sql.ts';
import { countReports } from '../../server/db/queries/reports.ts';
import { iterateDemoReports } from '../../server/domain/synthetic-reports.ts';
import { POSTGRES_URL, isReachable, linkopingArea, openBenchSchema } from './bench-setup.ts';
import { startBareInsertServer } from './bare-insert-server.ts';
import { startApiServer } from './api-server.ts';
import { startCompiledServer } from './worker-server.ts';
import { printTable, type BenchRow } from './bench-table.ts';
import type { LoadRequest, LoadResult } from './autocannon-child.ts';

const CONNECTIONS = 50;
const WARMUP_S = 2;
/** The measured run is sized from the warm-up to last about RUN_S; it is stopped at BOUND_S regardless. */
const RUN_S = 8;
const BOUND_S = 10;
const CHILD = fileURLToPath(new URL('./autocannon-child.ts', import.meta.url));

function requestBodies(): string[] {
  const { districts, bases } = linkopingArea();
  const bodies: string[] = [];
  for (const r of iterateDemoReports({ districts, bases, count: 1000, seed: 3, nowMs: Date.now() - 3600_000, months: 1 })) {
    bodies.push(JSON.stringify({
      category: r.category, lat: r.lat, lon: r.lon, source: 'resident', description: r.description,
      ...(r.observedAt ? { observedAt: r.observedAt.toISOString() } : { observedFrom: r.observedFrom!.toISOString(), observedTo: r.observedTo!.toISOString() }),
    }));
  }
  return bodies;
}

function load(req: LoadRequest): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = fork(CHILD, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const bound = req.durationS ?? BOUND_S;
    let timer: NodeJS.Timeout | undefined, killer: NodeJS.Timeout | undefined;
    child.on('message', (m: LoadResult | { started: true }) => {
      if (!('started' in m)) return resolve(m);
      // The bound counts from the load's start, not from the child's (slow, under load) start-up.
      timer = setTimeout(() => child.kill('SIGTERM'), bound * 1000 + 500);
      killer = setTimeout(() => child.kill('SIGKILL'), (bound + 10) * 1000);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      clearTimeout(killer);
      reject(new Error(`load generator exited (${code ?? 'killed'}) without a result`));
    });
    child.send(req);
  });
}

/** Warm-up, then a run of a fixed number of requests so every acknowledged row can be counted. */
async function measure(url: string, sql: Sql, bodies: string[], keyed = false): Promise<LoadResult & { stored: number }> {
  const warm = await load({ url, connections: CONNECTIONS, durationS: WARMUP_S, bodies, keyed });
  await new Promise((r) => setTimeout(r, 500)); // requests cut off by the warm-up's end settle
  const before = await countReports(sql);
  const amount = Math.max(2000, Math.round(warm.rps * RUN_S));
  const result = await load({ url, connections: CONNECTIONS, amount, bodies, keyed });
  await new Promise((r) => setTimeout(r, 1000)); // let the server finish what the client cut off
  return { ...result, stored: (await countReports(sql)) - before };
}

function rowsFor(name: string, r: LoadResult & { stored: number }, base?: LoadResult & { stored: number }): BenchRow[] {
  const faults = r.errors + r.timeouts + r.non2xx;
  // A run stopped by the time bound cuts off up to one request per connection: those may be stored unacknowledged.
  const cutOff = r.stored - r.ok2xx;
  const rowsOk = r.stoppedEarly ? cutOff >= 0 && cutOff <= CONNECTIONS : cutOff === 0;
  const rows = r.stoppedEarly
    ? `stopped at ${BOUND_S} s: rows ${r.stored} = 2xx ${r.ok2xx} + ${cutOff} cut off in flight${rowsOk ? '' : ' — MISMATCH'}`
    : rowsOk ? `rows = 2xx = ${r.ok2xx}` : `ROWS ${r.stored} ≠ 2xx ${r.ok2xx} — MISMATCH`;
  const check = `${faults === 0 ? 'no errors' : `${r.errors} errors, ${r.timeouts} timeouts, ${r.non2xx} non-2xx`}; ${rows}; ${r.durationS.toFixed(1)} s`;
  return [
    { name: `${name} requests/s`, value: r.rps, unit: 'req/s', baseline: base?.rps, baselineNote: base ? 'bare handler, this run' : 'issue reference', target: base ? 3000 : undefined, note: check },
    { name: `${name} p99 latency`, value: r.p99Ms, unit: 'ms', baseline: base?.p99Ms, baselineNote: base ? 'bare handler, this run' : undefined, target: base ? 50 : undefined, lowerIsBetter: true, note: `p50 ${r.p50Ms} ms` },
  ];
}

async function main() {
  if (!(await isReachable())) {
    console.log(`PostgreSQL at ${POSTGRES_URL} is not reachable: skipping the POST /api/reports benchmark.`);
    return;
  }
  const bodies = requestBodies();

  const bareDb = await openBenchSchema(POSTGRES_URL, 20);
  const bare = await startBareInsertServer(bareDb.sql);
  let bareResult;
  try {
    console.log(`Bare node:http insert handler, ${CONNECTIONS} connections…`);
    bareResult = await measure(bare.url, bareDb.sql, bodies);
  } finally {
    await bare.stop();
    await bareDb.drop();
  }

  const apiDb = await openBenchSchema(POSTGRES_URL, 20);
  const server = await startApiServer(apiDb.sql);
  let apiResult, keyedResult;
  try {
    console.log(`POST /api/reports on the real server (${POSTGRES_URL}), ${CONNECTIONS} connections…`);
    apiResult = await measure(`${server.url}/api/reports`, apiDb.sql, bodies);
    console.log('… the same with a fresh Idempotency-Key per request (the batcher\'s claim path)…');
    keyedResult = await measure(`${server.url}/api/reports`, apiDb.sql, bodies, true);
  } finally {
    await server.stop();
    await apiDb.drop();
  }

  // The compiled server as `npm start` runs it, one process and then two (WORKERS=2), same run.
  const byWorkers: Record<number, LoadResult & { stored: number }> = {};
  for (const workers of [1, 2]) {
    const db = await openBenchSchema(POSTGRES_URL, 2);
    const proc = await startCompiledServer({ databaseUrl: POSTGRES_URL, schema: db.name, workers });
    try {
      console.log(`npm start with WORKERS=${workers}…`);
      byWorkers[workers] = await measure(`${proc.url}/api/reports`, db.sql, bodies);
    } finally {
      await proc.stop();
      await db.drop();
    }
  }

  const bareRows = rowsFor('bare node:http insert', bareResult);
  bareRows[0]!.baseline = 7000;
  bareRows[1]!.baseline = 25;
  bareRows[1]!.baselineNote = 'issue reference, 100 conns';
  printTable(`POST /api/reports under load (autocannon in a second process, ${CONNECTIONS} connections)`, [
    ...rowsFor('POST /api/reports', apiResult, bareResult),
    ...rowsFor('POST /api/reports + Idempotency-Key', keyedResult, apiResult).map((r) => ({ ...r, baselineNote: 'without a key, this run', target: undefined })),
    ...rowsFor('npm start WORKERS=2', byWorkers[2]!, byWorkers[1]!).map((r) => ({ ...r, baselineNote: 'WORKERS=1, this run', target: undefined })),
    ...rowsFor('npm start WORKERS=1', byWorkers[1]!, bareResult),
    ...bareRows,
  ]);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
