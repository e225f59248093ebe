// Bulk import through the project's own paths on the real PostgreSQL server: importReports (H3
// cell + district per row, COPY into a staging table, one merge, heat aggregate applied once) with
// the indexes kept (live mode) and rebuilt (seed mode), the historical CSV import, and beside them
// the ceiling of this machine: COPY of the same prepared rows into a bare table (no index, key,
// foreign key or trigger). Then the INSERT path, and PGlite.
import { mkdtempSync, rmSync, writeFileSync, createReadStream, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { iterateDemoReports, type DemoReport } from '../../server/domain/synthetic-reports.ts';
import { makeDistrictIndex } from '../../server/domain/district-index.ts';
import { prepareReport, type ReportRow } from '../../server/domain/report.ts';
import { importReports } from '../../server/import/report-import.ts';
import { importHistorical } from '../../server/import/historical-import.ts';
import { countReports } from '../../server/db/queries/reports.ts';
import { copyChunks, copyIn, type MergeOptions } from '../../server/db/queries/report-bulk.ts';
import { startEmbedded } from '../../server/db/embedded.ts';
import { createSql, type Sql } from '../../server/db/sql.ts';
import { migrate } from '../../server/db/migrate.ts';
import { loadDefaultArea } from '../../server/geodata/import-files.ts';
import { BENCH_NOW, POSTGRES_URL, counterId, isReachable, linkopingArea, openBenchSchema } from './bench-setup.ts';
import { printTable, timed, type BenchRow } from './bench-table.ts';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 1_000_000);
const CSV_ROWS = Number(process.env.BENCH_CSV_ROWS ?? ROWS);
const INSERT_ROWS = Number(process.env.BENCH_INSERT_ROWS ?? 200_000);
const PGLITE_ROWS = Number(process.env.BENCH_PGLITE_ROWS ?? 100_000);
const TARGET_RPS = 200_000;

const { districts, bases } = linkopingArea();
const index = makeDistrictIndex(districts);
const fmt = (n: number) => n.toLocaleString('en-US');

function generate(count: number): { inputs: DemoReport[]; seconds: number } {
  const started = performance.now();
  const inputs = [...iterateDemoReports({ districts, bases, count, seed: 1, nowMs: BENCH_NOW })];
  return { inputs, seconds: (performance.now() - started) / 1000 };
}

async function importRun(sql: Sql, inputs: readonly DemoReport[], method: 'copy' | 'insert', indexes?: MergeOptions['indexes']): Promise<{ rps: number; count: number }> {
  await sql`truncate reports cascade`;
  const { result, seconds } = await timed(() => importReports(sql, inputs, { districts: index, method, idFor: counterId, nowMs: BENCH_NOW, ...(indexes ? { indexes } : {}) }));
  if (result.rejected.length) throw new Error(`${result.rejected.length} inputs rejected: ${result.rejected[0]!.reason}`);
  return { rps: inputs.length / seconds, count: await countReports(sql) };
}

/** The ceiling: one COPY of already prepared rows into a bare table with the reports columns. */
async function bareTableCopy(sql: Sql, rows: readonly ReportRow[]): Promise<number> {
  await sql`create table reports_bare (like reports including defaults)`;
  try {
    const { seconds } = await timed(() => copyIn(sql`copy reports_bare (id, category, lat, lon, cell, district_id, observed_from, observed_to, description, source, status) from stdin`, copyChunks(rows)));
    return rows.length / seconds;
  } finally {
    await sql`drop table reports_bare`;
  }
}

function csvOf(inputs: readonly DemoReport[]): string {
  const lines = ['category,lat,lon,observedFrom,observedTo,source'];
  for (const r of inputs) {
    const from = (r.observedFrom ?? r.observedAt)!.toISOString();
    const to = (r.observedTo ?? r.observedAt)!.toISOString();
    lines.push(`${r.category},${r.lat},${r.lon},${from},${to},police`);
  }
  return lines.join('\n') + '\n';
}

async function csvRun(sql: Sql, file: string, indexes: MergeOptions['indexes']) {
  return timed(() => importHistorical(sql, createReadStream(file), { format: 'csv', defaultSource: 'police', districts: index, nowMs: BENCH_NOW, method: 'copy', totalBytes: statSync(file).size, indexes }));
}

async function main() {
  const rows: BenchRow[] = [];
  console.log(`Generating ${fmt(ROWS)} synthetic reports (seeded; outside the timed import)…`);
  const gen = generate(ROWS);
  const inputs = gen.inputs;
  rows.push({ name: 'synthetic report generation', value: ROWS / gen.seconds, unit: 'reports/s', note: 'not part of the import figures' });

  if (await isReachable()) {
    const db = await openBenchSchema(POSTGRES_URL, 4);
    const dir = mkdtempSync(join(tmpdir(), 'tk-bench-'));
    try {
      console.log(`PostgreSQL (${POSTGRES_URL}, schema ${db.name}): ${fmt(ROWS)} rows each way…`);
      const prepared = inputs.map((r, i) => prepareReport(r, index, counterId(i), BENCH_NOW));
      const bare = await bareTableCopy(db.sql, prepared);
      prepared.length = 0;
      const ceiling = { baseline: bare, baselineNote: 'bare-table COPY, this run' };
      const check = (c: number, n: number) => (c === n ? `${fmt(c)} rows stored` : `ROW COUNT ${c} ≠ ${n}`);
      rows.push({ name: 'COPY prepared rows, bare table (ceiling)', value: bare, unit: 'rows/s', baseline: 500_000, baselineNote: 'issue reference', note: `${fmt(ROWS)} rows; no index, key, FK or trigger; no H3 or district work` });

      const keep = await importRun(db.sql, inputs, 'copy', 'keep');
      rows.push({ name: 'importReports COPY, indexes kept (live)', value: keep.rps, unit: 'reports/s', ...ceiling, target: TARGET_RPS, note: `${check(keep.count, ROWS)}; H3 + district + heat aggregate` });
      const rebuild = await importRun(db.sql, inputs, 'copy', 'rebuild-if-large');
      rows.push({ name: 'importReports COPY, indexes rebuilt (seed)', value: rebuild.rps, unit: 'reports/s', ...ceiling, target: TARGET_RPS, note: `${check(rebuild.count, ROWS)} into an empty table` });
      const [agg] = await db.sql<{ n: number }[]>`select count(*)::int as n from heat_hours`;
      console.log(`(heat_hours after the import: ${fmt(agg!.n)} rows)`);

      const csvFile = join(dir, 'reports.csv');
      writeFileSync(csvFile, csvOf(inputs.slice(0, CSV_ROWS)));
      for (const mode of ['keep', 'rebuild-if-large'] as const) {
        await db.sql`truncate reports cascade`;
        const csv = await csvRun(db.sql, csvFile, mode);
        rows.push({ name: `CSV import, indexes ${mode === 'keep' ? 'kept' : 'rebuilt'}`, value: CSV_ROWS / csv.seconds, unit: 'rows/s', ...ceiling, target: TARGET_RPS, note: `${fmt(csv.result.inserted)} stored, ${csv.result.rejected} rejected; parse, map, ids, H3, district, heat` });
      }
      const again = await csvRun(db.sql, csvFile, 'keep');
      rows.push({ name: 'CSV re-import of the same file', value: CSV_ROWS / again.seconds, unit: 'rows/s', note: `${again.result.inserted} stored twice (idempotent), ${fmt(again.result.duplicates)} recognised` });

      const insertInputs = inputs.slice(0, INSERT_ROWS);
      const insert = await importRun(db.sql, insertInputs, 'insert');
      rows.push({ name: 'importReports INSERT (batches of 5,000)', value: insert.rps, unit: 'reports/s', ...ceiling, note: check(insert.count, INSERT_ROWS) });
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await db.drop();
    }
  } else {
    console.log(`PostgreSQL at ${POSTGRES_URL} is not reachable: skipping the real-server import.`);
  }

  console.log(`PGlite (in memory, same process as the import): ${fmt(PGLITE_ROWS)} reports by INSERT…`);
  const embedded = await startEmbedded();
  const sql = createSql(embedded.url, { max: embedded.maxConnections });
  try {
    await migrate(sql);
    await loadDefaultArea(sql);
    const pgliteInputs = inputs.slice(0, PGLITE_ROWS);
    const lite = await importRun(sql, pgliteInputs, 'insert');
    rows.push({ name: 'importReports INSERT into PGlite', value: lite.rps, unit: 'reports/s', note: `${fmt(PGLITE_ROWS)} rows (PGlite shares the thread); ${lite.count === PGLITE_ROWS ? 'count ok' : `COUNT ${lite.count}`}` });
  } finally {
    await sql.end({ timeout: 5 });
    await embedded.stop();
  }

  printTable('Bulk import of synthetic reports', rows);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
