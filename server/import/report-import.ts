// Bulk report import (seed, benchmark): prepares each input (window, H3 cell, district) and
// writes it. 'copy' stages groups of rows by COPY and merges each in one statement while the
// next group is prepared (report-bulk.ts), all in one transaction;
// 'insert' (PGlite) writes batches, preparing the next batch while the previous one is stored.
import type { Sql } from '../db/sql.ts';
import { insertReports } from '../db/queries/reports.ts';
import { loadReportGroups, makeCopyFramer, type MergeOptions } from '../db/queries/report-bulk.ts';
import { prepareReport, type ReportInput, type ReportRow } from '../domain/report.ts';
import { DomainError } from '../domain/domain-error.ts';
import type { DistrictIndex } from '../domain/district-index.ts';

export interface ImportOptions {
  districts: DistrictIndex;
  /** 'copy' (COPY through a staging table, real PostgreSQL only) or 'insert' (batches); both skip existing ids. */
  method: 'copy' | 'insert';
  /** With 'copy': whether a large import into a small table rebuilds the secondary indexes (see report-bulk.ts). */
  indexes?: MergeOptions['indexes'];
  /** The id of the i-th input (0-based, counting rejected inputs too). */
  idFor(i: number): string;
  /** "Now" for the not-in-the-future rule, ms since epoch. */
  nowMs: number;
  /** Rows per database statement ('insert'). */
  batchSize?: number;
  /** Called after each stored batch ('insert') or streamed chunk ('copy') with the inputs read so far. */
  onProgress?(read: number): void;
}

export interface ImportRejection {
  index: number;
  reason: string;
}

export interface ImportResult {
  /** Rows written (rows whose id already existed are not counted). */
  inserted: number;
  rejected: ImportRejection[];
}

/** Inputs read between returns to the event loop, so the previous batch's I/O keeps flowing. */
const YIELD_EVERY = 2000;

/** Rows per COPY + merge with 'copy': the next group is prepared while the server merges one. */
const MERGE_ROWS = 100_000;

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Imports reports from an array, a generator or an async iterable; at most two batches are held
 * in memory (one being prepared, one being written), so 1,000,000 inputs need no giant array.
 * Inputs that break a domain rule (outside every district, bad window) are rejected and
 * reported by index; any other error (database, bug) aborts the import.
 */
export async function importReports(
  sql: Sql,
  inputs: Iterable<ReportInput> | AsyncIterable<ReportInput>,
  opts: ImportOptions,
): Promise<ImportResult> {
  if (opts.method === 'copy') return importByCopy(sql, inputs, opts);
  const batchSize = opts.batchSize ?? 5_000;
  const rejected: ImportRejection[] = [];
  let inserted = 0;
  let writing: Promise<number> | null = null;
  let batch: ReportRow[] = [];
  let index = 0;

  const flush = async () => {
    if (writing) inserted += await writing;
    writing = batch.length ? insertReports(sql, batch, 'insert', batchSize) : null;
    writing?.catch(() => {}); // handled when awaited; keeps Node from calling it unhandled meanwhile
    batch = [];
    opts.onProgress?.(index);
  };

  const take = (input: ReportInput) => {
    try {
      batch.push(prepareReport(input, opts.districts, opts.idFor(index), opts.nowMs));
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      rejected.push({ index, reason: err.message });
    }
    index++;
  };

  try {
    if (Symbol.iterator in inputs) {
      for (const input of inputs) {
        take(input);
        if (batch.length >= batchSize) await flush();
        else if (index % YIELD_EVERY === 0 && writing) await yieldToLoop();
      }
    } else {
      for await (const input of inputs) {
        take(input);
        if (batch.length >= batchSize) await flush();
      }
    }
    await flush();
    await flush();
  } catch (err) {
    // Let the batch in flight settle before reporting, so no statement outlives the call.
    await (writing as Promise<number> | null)?.catch(() => {});
    throw err;
  }
  return { inserted, rejected };
}

/** The 'copy' path: groups of MERGE_ROWS rows, each staged by COPY and merged while the next is prepared. */
async function importByCopy(sql: Sql, inputs: Iterable<ReportInput> | AsyncIterable<ReportInput>, opts: ImportOptions): Promise<ImportResult> {
  const rejected: ImportRejection[] = [];
  let index = 0;
  const framer = makeCopyFramer();
  let group: string[] = [];
  let rows = 0;
  const take = (input: ReportInput): string[] | null => {
    try {
      const chunk = framer.push(prepareReport(input, opts.districts, opts.idFor(index), opts.nowMs));
      rows++;
      if (chunk) group.push(chunk);
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      rejected.push({ index, reason: err.message });
    } finally {
      index++;
    }
    if (rows < MERGE_ROWS) return null;
    const full = group;
    full.push(framer.flush());
    group = [];
    rows = 0;
    opts.onProgress?.(index);
    return full;
  };
  async function* groups(): AsyncGenerator<string[]> {
    if (Symbol.iterator in inputs) {
      for (const input of inputs) {
        const full = take(input);
        if (full) yield full;
        else if (index % YIELD_EVERY === 0) await yieldToLoop();
      }
    } else {
      for await (const input of inputs) {
        const full = take(input);
        if (full) yield full;
      }
    }
    group.push(framer.flush());
    yield group;
    opts.onProgress?.(index);
  }
  const inserted = await sql.begin((tx) => loadReportGroups(tx, groups(), { indexes: opts.indexes ?? 'keep' }));
  return { inserted, rejected };
}
