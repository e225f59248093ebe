// Bulk load of reports on a real PostgreSQL server (seed, benchmark, historical import): rows
// stream by COPY into a temporary staging table in groups, and each group moves into reports in
// ONE set-based INSERT … SELECT … ON CONFLICT (id) DO NOTHING while the caller prepares the next
// group. All of it runs in the caller's transaction: a failed import leaves nothing behind, and
// the heat aggregate (kept by the reports triggers) commits together with the reports.
//
// Where the time goes (200,000 rows, PostgreSQL 15, 2 shared cores, server CPU): COPY into a bare
// table ~0.65 s; the 6 secondary indexes and the primary key maintained row by row ~3 s; the heat
// aggregate (~1.5 heat_hours rows per report, two indexes, ON CONFLICT) ~3 s. The table, not the
// parsing, is the cost; dropping and rebuilding the secondary indexes ('rebuild-if-large') saves
// about half of the index share when the table starts (nearly) empty.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Tx } from '../sql.ts';
import type { ReportRow } from '../../domain/report.ts';
import { cellToBigint } from '../../domain/cells.ts';


export interface MergeOptions {
  /**
   * 'keep' (default): indexes are maintained row by row; concurrent readers and writers go on.
   * 'rebuild-if-large': when the import is at least as large as the table, the secondary indexes
   * are dropped and rebuilt inside the transaction. That holds an ACCESS EXCLUSIVE lock on reports
   * until commit (API reads of reports wait), so it is for seeding and offline loads.
   */
  indexes?: 'keep' | 'rebuild-if-large';
  /** 'rebuild-if-large' rebuilds when the first merge has at least this many rows (default
   * 50,000) and the table holds no more: then building costs less than maintaining. */
  largeRows?: number;
}

function copyText(v: string | null): string {
  if (v === null) return '\\N';
  return v.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

/**
 * Frames rows as COPY text lines in chunks of `chunkRows`. Cell ids repeat heavily (an area has a
 * few thousand resolution-10 cells), so their decimal form is remembered instead of recomputed.
 */
export function makeCopyFramer(chunkRows = 2000) {
  const decimal = new Map<string, string>();
  let buf = '';
  let n = 0;
  return {
    /** Adds a row; returns a full chunk when one is ready. */
    push(r: ReportRow): string | null {
      let cell = decimal.get(r.cell);
      if (cell === undefined) {
        if (decimal.size > 100_000) decimal.clear();
        decimal.set(r.cell, (cell = cellToBigint(r.cell)));
      }
      buf += `${r.id}\t${r.category}\t${r.lat}\t${r.lon}\t${cell}\t${copyText(r.districtId)}\t${r.observedFrom.toISOString()}\t${r.observedTo.toISOString()}\t${copyText(r.description)}\t${r.source}\t${r.status}\n`;
      if (++n < chunkRows) return null;
      return this.flush();
    },
    /** The rows pushed since the last chunk ('' when none). */
    flush(): string {
      const out = buf;
      buf = '';
      n = 0;
      return out;
    },
  };
}

/** COPY text chunks of the given rows. */
export function* copyChunks(rows: Iterable<ReportRow>): Generator<string> {
  const framer = makeCopyFramer();
  for (const r of rows) {
    const chunk = framer.push(r);
    if (chunk) yield chunk;
  }
  const tail = framer.flush();
  if (tail) yield tail;
}

/** Creates this transaction's staging table (dropped at commit or rollback). */
export async function createReportStage(tx: Tx): Promise<void> {
  await tx`create temporary table report_stage (like reports including defaults) on commit drop`;
}

/**
 * Streams text chunks into a COPY … FROM STDIN query. postgres.js resolves the query with the
 * stream and drops an ErrorResponse that arrives later (the stream's final callback is never
 * called), so the query's reject is tapped to fail the copy instead of hanging.
 */
export async function copyIn(query: ReturnType<Tx>, chunks: Iterable<string> | AsyncIterable<string>): Promise<void> {
  const q = query as unknown as { reject: (e: unknown) => void; writable(): Promise<NodeJS.WritableStream> };
  let fail: (e: unknown) => void = () => {};
  const failed = new Promise<never>((_, reject) => (fail = reject));
  failed.catch(() => {}); // raced below; a late rejection must not go unhandled
  const reject = q.reject;
  q.reject = (e) => {
    fail(e);
    reject(e);
  };
  const writable = await q.writable();
  await Promise.race([pipeline(Readable.from(chunks), writable), failed]);
}

/** Streams COPY text chunks (makeCopyFramer) into the staging table. */
export async function copyIntoStage(tx: Tx, chunks: Iterable<string> | AsyncIterable<string>): Promise<void> {
  await copyIn(tx`copy report_stage (id, category, lat, lon, cell, district_id, observed_from, observed_to, description, source, status) from stdin`, chunks);
}

/** Secondary (non-unique, non-constraint) indexes of reports with their definitions. */
async function secondaryIndexes(tx: Tx): Promise<{ name: string; def: string }[]> {
  return tx<{ name: string; def: string }[]>`
    select c.relname as name, pg_get_indexdef(i.indexrelid) as def
    from pg_index i join pg_class c on c.oid = i.indexrelid
    where i.indrelid = 'reports'::regclass and not i.indisunique and not i.indisprimary
      and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)
    order by c.relname`;
}

export interface ReportMerge {
  /** Moves the staged rows into reports and empties the stage; returns the rows inserted. */
  merge(): Promise<number>;
  /** Rebuilds dropped indexes; call once after the last merge. */
  finish(): Promise<void>;
}

/**
 * Merges of staged rows into reports within this transaction: one INSERT … SELECT … ON CONFLICT
 * (id) DO NOTHING per merge (ids already stored are skipped, so re-imports store once). The heat
 * trigger fires once per merge on exactly the inserted rows, so the aggregate and its change log
 * are what any other insert gives. Measured (200,000 rows, PostgreSQL 15, shared 2 cores):
 * disabling the trigger and calling heat_apply directly cost the same server CPU (±10 %), so the
 * trigger stays — no lock beyond the ordinary one, concurrent reads and writes go on.
 */
export function makeReportMerge(tx: Tx, opts: MergeOptions = {}): ReportMerge {
  let started = false;
  let rebuild: { name: string; def: string }[] = [];
  const start = async (staged: number) => {
    started = true;
    if (opts.indexes !== 'rebuild-if-large' || staged < (opts.largeRows ?? 50_000)) return;
    const [table] = await tx<{ existing: number }[]>`select count(*)::int as existing from (select 1 from reports limit ${staged + 1}) r`;
    if (table!.existing > staged) return;
    rebuild = await secondaryIndexes(tx);
    await tx`lock table reports in access exclusive mode`;
    for (const ix of rebuild) await tx`drop index ${tx(ix.name)}`;
  };
  return {
    async merge() {
      const [stage] = await tx<{ staged: number }[]>`select count(*)::int as staged from report_stage`;
      if (stage!.staged === 0) return 0;
      if (!started) await start(stage!.staged);
      // Sorted by time, the (…, observed_to) indexes grow at their ends instead of at random pages.
      const res = await tx`
        insert into reports (id, category, lat, lon, cell, district_id, observed_from, observed_to, description, source, status)
        select id, category, lat, lon, cell, district_id, observed_from, observed_to, description, source, status
        from report_stage order by observed_to
        on conflict (id) do nothing`;
      await tx`truncate report_stage`;
      return res.count;
    },
    async finish() {
      if (!rebuild.length) return;
      await tx`set local maintenance_work_mem = '256MB'`;
      // Catalog text from pg_get_indexdef, not user input.
      for (const ix of rebuild) await tx.unsafe(ix.def);
    },
  };
}

/**
 * Loads groups of COPY text chunks: each group is staged and merged while the caller prepares
 * the next one (the async iterator is pulled during the merge). Returns the rows inserted.
 */
export async function loadReportGroups(tx: Tx, groups: Iterable<string[]> | AsyncIterable<string[]>, opts: MergeOptions = {}): Promise<number> {
  await createReportStage(tx);
  const m = makeReportMerge(tx, opts);
  let inserted = 0;
  let merging: Promise<number> | null = null;
  try {
    for await (const group of groups) {
      if (merging) inserted += await merging;
      merging = null;
      await copyIntoStage(tx, group);
      merging = m.merge();
      merging.catch(() => {}); // awaited at the next group or the end
    }
    if (merging) inserted += await merging;
  } catch (err) {
    await (merging as Promise<number> | null)?.catch(() => {}); // no statement outlives the call
    throw err;
  }
  await m.finish();
  return inserted;
}
