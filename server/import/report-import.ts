// Bulk report import (seed, benchmark, CSV): prepares each input (window, H3 cell, district)
// and inserts in batches, preparing the next batch while the database stores the previous one.
import type { Sql } from '../db/sql.ts';
import { insertReports } from '../db/queries/reports.ts';
import { prepareReport, type ReportInput, type ReportRow } from '../domain/report.ts';
import { DomainError } from '../domain/domain-error.ts';
import type { DistrictIndex } from '../domain/district-index.ts';

export interface ImportOptions {
  districts: DistrictIndex;
  /** 'copy' (COPY FROM STDIN, real PostgreSQL only; ids must be new) or 'insert' (skips existing ids). */
  method: 'copy' | 'insert';
  /** The id of the i-th input (0-based, counting rejected inputs too). */
  idFor(i: number): string;
  /** "Now" for the not-in-the-future rule, ms since epoch. */
  nowMs: number;
  /** Rows per database statement. */
  batchSize?: number;
  /** Called after each stored batch with the inputs read so far. */
  onProgress?(read: number): void;
}

export interface ImportRejection {
  index: number;
  reason: string;
}

export interface ImportResult {
  /** Rows written (with 'insert', rows whose id already existed are not counted). */
  inserted: number;
  rejected: ImportRejection[];
}

/** Inputs read between returns to the event loop, so the previous batch's I/O keeps flowing. */
const YIELD_EVERY = 2000;

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
  const batchSize = opts.batchSize ?? (opts.method === 'copy' ? 20_000 : 5_000);
  const rejected: ImportRejection[] = [];
  let inserted = 0;
  let writing: Promise<number> | null = null;
  let batch: ReportRow[] = [];
  let index = 0;

  const flush = async () => {
    if (writing) inserted += await writing;
    writing = batch.length ? insertReports(sql, batch, opts.method, batchSize) : null;
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
