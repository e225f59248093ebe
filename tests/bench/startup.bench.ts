// Startup of `npm start` (the compiled server) beside `tsx server/main.ts` (what it ran before),
// on PostgreSQL and on embedded PGlite, and the heat cube's first load: the first /api/heatmap
// of a fresh process beside the second (the cube in memory). The 1.2 M-row first load is in
// analytics.bench.ts ("cube first load from heat_hours").
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { POSTGRES_URL, isReachable, openBenchSchema } from './bench-setup.ts';
import { startCompiledServer } from './worker-server.ts';
import { printTable, type BenchRow } from './bench-table.ts';
import { PROJECT_ROOT } from '../../server/paths.ts';
import { seedDemoIfEmpty } from '../../server/db/seed.ts';
import { createAccount } from '../../server/auth/accounts.ts';
import { buildServer } from '../../server/start.mjs';

const TSX = [join(PROJECT_ROOT, 'node_modules/.bin/tsx'), 'server/main.ts'];
const REPEATS = 3;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function startupMs(opts: Parameters<typeof startCompiledServer>[0]): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    const s = await startCompiledServer(opts);
    times.push(s.startupMs);
    await s.stop();
  }
  return median(times);
}

async function main() {
  const rows: BenchRow[] = [];
  const t0 = performance.now();
  await buildServer(PROJECT_ROOT);
  rows.push({ name: 'esbuild bundle of the server', value: performance.now() - t0, unit: 'ms', note: 'once, and again when server/ changes' });

  // Embedded PGlite: the first start on an empty data directory, then warm starts.
  const dataDir = mkdtempSync(join(tmpdir(), 'tk-startup-'));
  try {
    const first = await startCompiledServer({ dataDir, workers: 1, env: { SEED_DEMO: '1' } });
    await first.stop();
    rows.push({ name: 'npm start, first start on an empty DATA_DIR', value: first.startupMs, unit: 'ms', note: 'migrations, default area, demo reports and users' });
    const compiled = await startupMs({ dataDir, workers: 1 });
    const tsx = await startupMs({ dataDir, workers: 1, command: TSX });
    rows.push({ name: 'npm start (compiled), PGlite', value: compiled, unit: 'ms', baseline: tsx, baselineNote: 'tsx server/main.ts, this run', lowerIsBetter: true, note: `median of ${REPEATS}` });
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }

  if (await isReachable()) {
    const db = await openBenchSchema(POSTGRES_URL, 4);
    try {
      const seeded = await seedDemoIfEmpty(db.sql, { method: 'copy' });
      const compiled = await startupMs({ databaseUrl: POSTGRES_URL, schema: db.name, workers: 1 });
      const tsx = await startupMs({ databaseUrl: POSTGRES_URL, schema: db.name, workers: 1, command: TSX });
      rows.push({ name: 'npm start (compiled), PostgreSQL', value: compiled, unit: 'ms', baseline: tsx, baselineNote: 'tsx server/main.ts, this run', lowerIsBetter: true, note: `median of ${REPEATS}` });
      const two = await startupMs({ databaseUrl: POSTGRES_URL, schema: db.name, workers: 2 });
      rows.push({ name: 'npm start WORKERS=2, PostgreSQL', value: two, unit: 'ms', baseline: compiled, baselineNote: 'WORKERS=1, this run', lowerIsBetter: true, note: 'until both processes listen' });

      // The heat cube: first request of a fresh process (loads heat_hours) beside the next.
      const password = 'bench-password-123';
      const { user } = await createAccount(db.sql, { email: 'bench-chief@example.se', role: 'chief', password }, Date.now());
      const n = (await db.sql<{ n: number }[]>`select count(*)::int as n from heat_hours`)[0]!.n;
      const server = await startCompiledServer({ databaseUrl: POSTGRES_URL, schema: db.name, workers: 1 });
      try {
        const login = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: server.url }, body: JSON.stringify({ email: user.email, password }) });
        const cookie = /tk_session=[^;]+/.exec(login.headers.get('set-cookie') ?? '')?.[0] ?? '';
        const heat = async () => {
          const t = performance.now();
          const r = await fetch(`${server.url}/api/heatmap?res=9`, { headers: { Cookie: cookie } });
          if (r.status !== 200) throw new Error(`heatmap ${r.status}: ${await r.text()}`);
          await r.arrayBuffer();
          return performance.now() - t;
        };
        const first = await heat();
        const second = await heat();
        rows.push({ name: 'heat cube first load (first /api/heatmap)', value: first, unit: 'ms', baseline: second, baselineNote: 'second request, this run', lowerIsBetter: true, note: `${n.toLocaleString('en-US')} heat_hours rows (${seeded.toLocaleString('en-US')} demo reports); 1.2 M rows: analytics bench` });
      } finally {
        await server.stop();
      }
    } finally {
      await db.drop();
    }
  } else {
    console.log(`PostgreSQL at ${POSTGRES_URL} is not reachable: the PostgreSQL rows are skipped.`);
  }
  printTable('Startup and the heat cube first load', rows);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
