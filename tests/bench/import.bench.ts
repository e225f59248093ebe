// Bulk import through importReports (H3 cell + district per row): COPY vs batched INSERT on the
// real PostgreSQL server, the same tables fed plain prepared rows as the measured baseline, and PGlite.
import { iterateDemoReports, type DemoReport } from '../../server/domain/synthetic-reports.ts';
import { makeDistrictIndex } from '../../server/domain/district-index.ts';
import { prepareReport, type ReportRow } from '../../server/domain/report.ts';
import { importReports } from '../../server/import/report-import.ts';
import { countReports, insertReports } from '../../server/db/queries/reports.ts';
import { startEmbedded } from '../../server/db/embedded.ts';
import { createSql, type Sql } from '../../server/db/sql.ts';
import { migrate } from '../../server/db/migrate.ts';
import { loadDefaultArea } from '../../server/geodata/import-files.ts';
import { BENCH_NOW, POSTGRES_URL, counterId, isReachable, linkopingArea, openBenchSchema } from './bench-setup.ts';
import { printTable, timed, type BenchRow } from './bench-table.ts';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 1_000_000);
const PLAIN_ROWS = Math.min(ROWS, 200_000);
const PGLITE_ROWS = Number(process.env.BENCH_PGLITE_ROWS ?? 100_000);
const TARGET_RPS = 200_000;

const { districts, bases } = linkopingArea();
const index = makeDistrictIndex(districts);

function generate(count: number): { inputs: DemoReport[]; seconds: number } {
  const started = performance.now();
  const inputs = [...iterateDemoReports({ districts, bases, count, seed: 1, nowMs: BENCH_NOW })];
  return { inputs, seconds: (performance.now() - started) / 1000 };
}

async function importRun(sql: Sql, inputs: readonly DemoReport[], method: 'copy' | 'insert'): Promise<{ rps: number; count: number }> {
  await sql`truncate reports cascade`;
  const { result, seconds } = await timed(() => importReports(sql, inputs, { districts: index, method, idFor: counterId, nowMs: BENCH_NOW }));
  if (result.rejected.length) throw new Error(`${result.rejected.length} inputs rejected: ${result.rejected[0]!.reason}`);
  return { rps: inputs.length / seconds, count: await countReports(sql) };
}

async function plainRun(sql: Sql, rows: readonly ReportRow[], method: 'copy' | 'insert', batchSize: number): Promise<number> {
  await sql`truncate reports cascade`;
  let i = 0;
  const { seconds } = await timed(async () => {
    for (; i < rows.length; i += batchSize) await insertReports(sql, rows.slice(i, i + batchSize), method, batchSize);
  });
  return rows.length / seconds;
}

/** COPY of the same rows into a bare table (the reports columns, no index, key or foreign key). */
async function bareTableCopy(sql: Sql, rows: readonly ReportRow[]): Promise<number> {
  await sql.begin(async (tx) => {
    await tx`alter table reports rename to reports_indexed`;
    await tx`create table reports (like reports_indexed including defaults)`;
  });
  try {
    return await plainRun(sql, rows, 'copy', 20_000);
  } finally {
    await sql.begin(async (tx) => {
      await tx`drop table reports`;
      await tx`alter table reports_indexed rename to reports`;
    });
  }
}

async function main() {
  const rows: BenchRow[] = [];
  console.log(`Generating ${ROWS.toLocaleString('en-US')} synthetic reports (seeded; outside the timed import)…`);
  const gen = generate(ROWS);
  const inputs = gen.inputs;
  rows.push({ name: 'synthetic report generation', value: ROWS / gen.seconds, unit: 'reports/s', note: 'not part of the import figures' });

  const prepared = inputs.slice(0, PLAIN_ROWS).map((r, i) => prepareReport(r, index, counterId(i), BENCH_NOW));

  if (await isReachable()) {
    const db = await openBenchSchema(POSTGRES_URL, 4);
    try {
      console.log(`PostgreSQL (${POSTGRES_URL}, schema ${db.name}): plain rows, then ${ROWS.toLocaleString('en-US')} reports by COPY and by INSERT…`);
      const bareCopy = await bareTableCopy(db.sql, prepared);
      const plainCopy = await plainRun(db.sql, prepared, 'copy', 20_000);
      const plainInsert = await plainRun(db.sql, prepared, 'insert', 5_000);
      const copy = await importRun(db.sql, inputs, 'copy');
      const insert = await importRun(db.sql, inputs, 'insert');
      const check = (c: number) => (c === ROWS ? `${c.toLocaleString('en-US')} rows stored` : `ROW COUNT ${c} ≠ ${ROWS}`);
      rows.push(
        { name: 'COPY plain rows, bare table (no indexes)', value: bareCopy, unit: 'rows/s', baseline: 500_000, baselineNote: 'issue reference', note: `${PLAIN_ROWS.toLocaleString('en-US')} prepared rows` },
        { name: 'COPY plain rows into reports', value: plainCopy, unit: 'rows/s', baseline: 500_000, baselineNote: 'issue reference', note: `${PLAIN_ROWS.toLocaleString('en-US')} prepared rows; pkey, 4 indexes, FK` },
        { name: 'INSERT unnest plain rows into reports', value: plainInsert, unit: 'rows/s', baseline: 140_000, baselineNote: 'issue reference', note: `${PLAIN_ROWS.toLocaleString('en-US')} prepared rows, 5,000 per statement` },
        { name: 'importReports COPY (H3 + district)', value: copy.rps, unit: 'reports/s', baseline: plainCopy, baselineNote: 'plain COPY, this run', target: TARGET_RPS, note: check(copy.count) },
        { name: 'importReports INSERT (H3 + district)', value: insert.rps, unit: 'reports/s', baseline: plainInsert, baselineNote: 'plain INSERT, this run', target: TARGET_RPS, note: check(insert.count) },
      );
    } finally {
      await db.drop();
    }
  } else {
    console.log(`PostgreSQL at ${POSTGRES_URL} is not reachable: skipping the real-server import.`);
  }

  console.log(`PGlite (in memory, same process as the import): ${PGLITE_ROWS.toLocaleString('en-US')} reports by INSERT…`);
  const embedded = await startEmbedded();
  const sql = createSql(embedded.url, { max: embedded.maxConnections });
  try {
    await migrate(sql);
    await loadDefaultArea(sql);
    const pgliteInputs = inputs.slice(0, PGLITE_ROWS);
    const lite = await importRun(sql, pgliteInputs, 'insert');
    rows.push({ name: 'importReports INSERT into PGlite', value: lite.rps, unit: 'reports/s', note: `${PGLITE_ROWS.toLocaleString('en-US')} rows (PGlite shares the thread); ${lite.count === PGLITE_ROWS ? 'count ok' : `COUNT ${lite.count}`}` });
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
