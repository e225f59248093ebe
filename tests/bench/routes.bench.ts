// Route suggestion: 3 teams × 5 hours (18–23) in Ryd on the real network from ../shared/geodata-raw,
// seeded demo reports in embedded PGlite. Times the risk query + candidates + distance matrix + ILS +
// legs (the graph itself is built once and cached, as in the server); value against 10× the budget.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startEmbedded } from '../../server/db/embedded.ts';
import { createSql } from '../../server/db/sql.ts';
import { migrate } from '../../server/db/migrate.ts';
import { importStreetsFile, loadDefaultArea } from '../../server/geodata/import-files.ts';
import { seedDemo } from '../../server/db/seed.ts';
import { listBases } from '../../server/db/queries/districts.ts';
import { makeGraphCache } from '../../server/db/queries/route-graph.ts';
import { loadRouteRisk } from '../../server/db/queries/route-risk.ts';
import { suggestRoutes, type SuggestRequest } from '../../server/domain/route-suggest.ts';
import { shiftInstants } from '../../server/domain/route-schedule.ts';
import { DEFAULT_ITERATIONS } from '../../server/domain/route-optimiser.ts';
import { BENCH_NOW } from './bench-setup.ts';
import { printTable } from './bench-table.ts';

const STREETS = process.env.STREETS_FILE ?? fileURLToPath(new URL('../../../shared/geodata-raw/linkoping_highway_graph_osm2018_tdde25.geojson', import.meta.url));
const RUNS = Number(process.env.BENCH_ROUTE_RUNS ?? 30);

async function main() {
  if (!existsSync(STREETS)) {
    console.log(`${STREETS} is absent: skipping the route benchmark.`);
    return;
  }
  const embedded = await startEmbedded();
  const sql = createSql(embedded.url, { max: embedded.maxConnections });
  try {
    await migrate(sql);
    await loadDefaultArea(sql);
    await importStreetsFile(sql, STREETS);
    await seedDemo(sql, { count: 20_000, nowMs: BENCH_NOW });
    const graphs = makeGraphCache(sql);
    const t0 = performance.now();
    const g = (await graphs.forDistrict('ryd'))!;
    const buildMs = performance.now() - t0;
    const base = (await listBases(sql)).find((b) => b.districtId === 'ryd')!;
    const req = (seed: number): SuggestRequest => ({ date: '2026-03-06', start: '18:00', end: '23:00', teams: 3, speedKmh: 4.5, stopsPerTeam: 4, dwellMin: 12, revisitMin: 120, preferLit: false, seed });
    const startMs = shiftInstants('2026-03-06', '18:00', '23:00').startMs;
    const run = async (seed: number, iterations?: number) => {
      const risk = await loadRouteRisk(sql, { districtId: 'ryd', untilMs: startMs });
      return suggestRoutes(req(seed), { router: g.router, districtName: g.name, base: [base.lon, base.lat], cells: risk.cells, risk: risk.risk, ...(iterations ? { iterations } : {}) });
    };
    await run(0); // warm-up (JIT)
    const times: number[] = [], ratios: number[] = [];
    let candidates = 0;
    for (let seed = 1; seed <= RUNS; seed++) {
      const t = performance.now();
      const r = await run(seed);
      times.push(performance.now() - t);
      candidates = r.candidates;
      if (seed <= 10) {
        const long = await run(seed, DEFAULT_ITERATIONS * 10);
        const v = (x: typeof r) => x.routes.reduce((a, b) => a + b.value, 0);
        ratios.push(v(r) / v(long));
      }
    }
    times.sort((a, b) => a - b);
    const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!;
    const mean = ratios.reduce((a, b) => a + b, 0) / ratios.length;
    printTable(`Route suggestion, Ryd, 3 teams × 18–23, ${candidates} candidate cells, ${RUNS} seeds (graph ${g.router.graph.nodeCount} nodes, built once in ${buildMs.toFixed(0)} ms)`, [
      { name: 'suggest p50 (risk query + matrix + ILS + legs)', value: q(0.5), unit: 'ms', target: 500, lowerIsBetter: true },
      { name: 'suggest p95', value: q(0.95), unit: 'ms', target: 500, lowerIsBetter: true },
      { name: `value vs ${DEFAULT_ITERATIONS * 10} iterations (mean of 10 seeds)`, value: mean, unit: '×', baseline: 1, baselineNote: '10× budget', target: 0.98, note: `min ${Math.min(...ratios).toFixed(3)}` },
    ]);
  } finally {
    await sql.end({ timeout: 5 });
    await embedded.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
