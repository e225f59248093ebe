// Historical report import from CSV (with a column mapping) or GeoJSON: parse → map → prepare
// (H3 cell, district, window rules) → idempotent batched writes, all in one transaction so a
// failed import leaves nothing behind. Reports progress and every rejected row with its reason.
import type { Sql } from '../db/sql.ts';
import { createImportStage, writeImportBatch } from '../db/queries/imports.ts';
import { prepareReport, type ReportRow } from '../domain/report.ts';
import { DomainError } from '../domain/domain-error.ts';
import type { DistrictIndex } from '../domain/district-index.ts';
import type { Source } from '../domain/categories.ts';
import { readCsv, type CsvRecord } from './csv.ts';
import { geojsonRecords } from './geojson.ts';
import { mapRecord, parseMappingSpec, resolveMapping, type Rejection } from './column-mapping.ts';
import { makeImportIds } from './report-ids.ts';

export interface ImportProgress {
  bytesRead: number;
  totalBytes: number | null;
  rowsRead: number;
  inserted: number;
  /** Rows rejected (a row may have several reasons in `rejections`). */
  rejected: number;
}

export interface HistoricalImportOptions {
  format: 'csv' | 'geojson';
  /** "category=Brottstyp,observedAt=Tid" (CSV; also applies to GeoJSON property names). */
  mapping?: string | undefined;
  /** Source for rows without a source column. */
  defaultSource: Source;
  districts: DistrictIndex;
  nowMs: number;
  /** 'copy' on a real server, 'insert' on PGlite. */
  method: 'copy' | 'insert';
  totalBytes?: number | null;
  batchSize?: number;
  onProgress?(p: ImportProgress): void;
}

export interface HistoricalImportResult extends ImportProgress {
  /** Rows already stored by an earlier import of the same data. */
  duplicates: number;
  rejections: Rejection[];
}

/** Counts bytes as text chunks pass (UTF-8 length). */
async function* counted(chunks: AsyncIterable<Buffer | string> | Iterable<Buffer | string>, onBytes: (n: number) => void): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  for await (const c of chunks) {
    if (typeof c === 'string') {
      onBytes(Buffer.byteLength(c));
      yield c;
    } else {
      onBytes(c.length);
      yield decoder.decode(c, { stream: true });
    }
  }
  const tail = decoder.decode();
  if (tail) yield tail;
}

export async function importHistorical(sql: Sql, chunks: AsyncIterable<Buffer | string> | Iterable<Buffer | string>, opts: HistoricalImportOptions): Promise<HistoricalImportResult> {
  const batchSize = opts.batchSize ?? (opts.method === 'copy' ? 20_000 : 5_000);
  const progress: ImportProgress = { bytesRead: 0, totalBytes: opts.totalBytes ?? null, rowsRead: 0, inserted: 0, rejected: 0 };
  const rejections: Rejection[] = [];
  const idFor = makeImportIds();
  const explicit = opts.mapping ? parseMappingSpec(opts.mapping) : {};
  const text = counted(chunks, (n) => (progress.bytesRead += n));

  let records: AsyncIterable<CsvRecord> | Iterable<CsvRecord>;
  let header: string[];
  if (opts.format === 'geojson') {
    let all = '';
    for await (const t of text) all += t;
    const g = geojsonRecords(all);
    header = g.header;
    records = g.records;
    rejections.push(...g.errors);
    progress.rejected += g.errors.length;
  } else {
    const it = readCsv(text)[Symbol.asyncIterator]();
    const first = await it.next();
    if (first.done) throw new Error('The file is empty.');
    header = first.value.fields;
    records = { [Symbol.asyncIterator]: () => it };
  }
  const mapping = resolveMapping(header, explicit);

  return sql.begin(async (tx) => {
    if (opts.method === 'copy') await createImportStage(tx);
    let batch: ReportRow[] = [];
    let attempted = 0;
    // One batch is written while the next is prepared; the transaction keeps them in order.
    let writing: Promise<void> = Promise.resolve();
    const flush = async () => {
      await writing;
      const rows = batch;
      attempted += rows.length;
      batch = [];
      writing = writeImportBatch(tx, rows, opts.method).then((n) => {
        progress.inserted += n;
        opts.onProgress?.({ ...progress });
      });
      writing.catch(() => {}); // awaited at the next flush or the end
    };
    for await (const rec of records) {
      progress.rowsRead++;
      const mapped = mapRecord(rec.fields, rec.line, mapping, opts.defaultSource);
      if (Array.isArray(mapped)) {
        rejections.push(...mapped);
        progress.rejected++;
        continue;
      }
      try {
        batch.push(prepareReport(mapped.input, opts.districts, idFor(mapped.input, mapped.externalId), opts.nowMs));
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        rejections.push({ line: rec.line, field: err.path ?? err.code, reason: err.message });
        progress.rejected++;
      }
      if (batch.length >= batchSize) await flush();
    }
    await flush();
    await writing;
    return { ...progress, duplicates: attempted - progress.inserted, rejections };
  });
}

/** The rejected-rows report as CSV: line,field,reason. */
export function rejectionsCsv(rejections: readonly Rejection[]): string {
  const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
  return ['line,field,reason', ...rejections.map((r) => `${r.line},${q(r.field)},${q(r.reason)}`)].join('\n') + '\n';
}
