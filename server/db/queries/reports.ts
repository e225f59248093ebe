// Reports table: single and bulk inserts, reads with optional filters and keyset paging.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { numbers, type Sql, type Tx } from '../sql.ts';
import type { ReportRow } from '../../domain/report.ts';
import { cellToBigint } from '../../domain/cells.ts';
import type { DisclosurePolicy } from '../../domain/disclosure.ts';
import { disclosedWhere, type DisclosedStages } from './disclosure.ts';

export interface ReportDto {
  id: string;
  category: string;
  lat: number;
  lon: number;
  cell: string;
  district: string;
  observedFrom: string;
  observedTo: string;
  description: string | null;
  source: string;
  status: string;
  createdAt: string;
}

export interface ReportFilter {
  bbox?: [number, number, number, number] | undefined;
  districts?: string[] | undefined;
  categories?: string[] | undefined;
  sources?: string[] | undefined;
  statuses?: string[] | undefined;
  /** Reports whose window overlaps [from, to]. */
  from?: Date | undefined;
  to?: Date | undefined;
}


/** The report's columns as the API names them (ReportDto before toDto). */
export const COLUMNS = (sql: Sql | Tx) => sql`
  id, category, lat, lon, to_hex(cell) as cell, district_id as district,
  observed_from as "observedFrom", observed_to as "observedTo", description, source, status, created_at as "createdAt"`;

export function toDto(r: Record<string, unknown>): ReportDto {
  return {
    ...(r as unknown as ReportDto),
    observedFrom: (r.observedFrom as Date).toISOString(),
    observedTo: (r.observedTo as Date).toISOString(),
    createdAt: (r.createdAt as Date).toISOString(),
  };
}

/** The columns a ReportRow fills, in the order of rowArrays. */
export const ROW_COLUMNS = (sql: Sql | Tx) => sql`id, category, lat, lon, cell, district_id, observed_from, observed_to, description, source, status`;

/** Many ReportRows as one typed array per column, for `select * from unnest(…)` in one INSERT. */
export function rowArrays(sql: Sql | Tx, rows: readonly ReportRow[]) {
  return sql`
    ${rows.map((r) => r.id)}::uuid[], ${rows.map((r) => r.category)}::text[],
    ${numbers(rows.map((r) => r.lat))}::float8[], ${numbers(rows.map((r) => r.lon))}::float8[],
    ${rows.map((r) => cellToBigint(r.cell))}::int8[], ${rows.map((r) => r.districtId)}::text[],
    ${rows.map((r) => r.observedFrom.toISOString())}::timestamptz[], ${rows.map((r) => r.observedTo.toISOString())}::timestamptz[],
    ${rows.map((r) => r.description)}::text[], ${rows.map((r) => r.source)}::text[], ${rows.map((r) => r.status)}::text[]`;
}

export async function insertReport(tx: Sql | Tx, r: ReportRow): Promise<ReportDto> {
  const [row] = await tx`
    insert into reports (id, category, lat, lon, cell, district_id, observed_from, observed_to, description, source, status)
    values (${r.id}, ${r.category}, ${r.lat}, ${r.lon}, ${cellToBigint(r.cell)}, ${r.districtId},
            ${r.observedFrom}, ${r.observedTo}, ${r.description}, ${r.source}, ${r.status})
    returning ${COLUMNS(tx)}`;
  return toDto(row!);
}

/**
 * Bulk insert. 'copy' streams COPY FROM STDIN (real PostgreSQL only; pglite-socket does not
 * carry the copy sub-protocol); 'insert' sends batches of unnest() arrays. Rows whose id exists
 * are skipped with 'insert' (re-runs do not duplicate); COPY expects new ids.
 */
export async function insertReports(sql: Sql, rows: readonly ReportRow[], method: 'copy' | 'insert', batchSize = 5000): Promise<number> {
  if (method === 'copy') {
    await copyIn(sql`copy reports (id, category, lat, lon, cell, district_id, observed_from, observed_to, description, source, status) from stdin`, copyLines(rows));
    return rows.length;
  }
  let inserted = 0;
  for (let i = 0; i < rows.length; i += batchSize) {
    const b = rows.slice(i, i + batchSize);
    const res = await sql`
      insert into reports (${ROW_COLUMNS(sql)}) select * from unnest(${rowArrays(sql, b)})
      on conflict (id) do nothing`;
    inserted += res.count;
  }
  return inserted;
}

/**
 * Streams lines into a COPY … FROM STDIN query. postgres.js resolves the query with the stream
 * and drops an ErrorResponse that arrives later (the stream's final callback is never called),
 * so the query's reject is tapped to fail the copy instead of hanging.
 */
async function copyIn(query: ReturnType<Sql>, lines: Iterable<string>): Promise<void> {
  const q = query as unknown as { reject: (e: unknown) => void; writable(): Promise<NodeJS.WritableStream> };
  let fail: (e: unknown) => void = () => {};
  const failed = new Promise<never>((_, reject) => (fail = reject));
  const reject = q.reject;
  q.reject = (e) => {
    fail(e);
    reject(e);
  };
  const writable = await q.writable();
  await Promise.race([pipeline(Readable.from(lines), writable), failed]);
}

function copyText(v: string | null): string {
  if (v === null) return '\\N';
  return v.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

function* copyLines(rows: readonly ReportRow[], chunk = 2000): Generator<string> {
  let buf = '';
  let n = 0;
  for (const r of rows) {
    buf += `${r.id}\t${r.category}\t${r.lat}\t${r.lon}\t${cellToBigint(r.cell)}\t${copyText(r.districtId)}\t${r.observedFrom.toISOString()}\t${r.observedTo.toISOString()}\t${copyText(r.description)}\t${r.source}\t${r.status}\n`;
    if (++n === chunk) {
      yield buf;
      buf = '';
      n = 0;
    }
  }
  if (buf) yield buf;
}

export async function getReport(sql: Sql, id: string): Promise<ReportDto | null> {
  const [row] = await sql`select ${COLUMNS(sql)} from reports where id = ${id}`;
  return row ? toDto(row) : null;
}

function whereClause(sql: Sql, f: ReportFilter) {
  const parts = [sql`true`];
  if (f.bbox) parts.push(sql`lon between ${f.bbox[0]} and ${f.bbox[2]} and lat between ${f.bbox[1]} and ${f.bbox[3]}`);
  if (f.districts?.length) parts.push(sql`district_id in ${sql(f.districts)}`);
  if (f.categories?.length) parts.push(sql`category in ${sql(f.categories)}`);
  if (f.sources?.length) parts.push(sql`source in ${sql(f.sources)}`);
  if (f.statuses?.length) parts.push(sql`status in ${sql(f.statuses)}`);
  if (f.from) parts.push(sql`observed_to >= ${f.from}`);
  if (f.to) parts.push(sql`observed_from <= ${f.to}`);
  return parts.reduce((acc, p) => sql`${acc} and ${p}`);
}

export interface Cursor {
  observedTo: string;
  id: string;
}

/** Newest first by observedTo; `after` continues a previous page. Returns limit + 1 rows at most. */
export async function listReports(sql: Sql, f: ReportFilter, limit: number, after?: Cursor): Promise<ReportDto[]> {
  const rows = await sql`
    select ${COLUMNS(sql)} from reports
    where ${whereClause(sql, f)}
      ${after ? sql`and (observed_to, id) < (${after.observedTo}::timestamptz, ${after.id}::uuid)` : sql``}
    order by observed_to desc, id desc
    limit ${limit + 1}`;
  return rows.map(toDto);
}

export interface Pin {
  id: string;
  category: string;
  lon: number;
  lat: number;
  observedTo: string;
}

/** Compact points for the map's clustered pin layer, newest first, at most `limit`. */
export async function listPins(sql: Sql, f: ReportFilter, limit: number): Promise<{ pins: Pin[]; total: number }> {
  const where = whereClause(sql, f);
  const [rows, [count]] = await Promise.all([
    sql<{ id: string; category: string; lon: number; lat: number; observedTo: Date }[]>`
      select id, category, lon, lat, observed_to as "observedTo" from reports where ${where}
      order by observed_to desc limit ${limit}`,
    sql<{ n: string }[]>`select count(*) as n from reports where ${where}`,
  ]);
  return {
    pins: rows.map((r) => ({ ...r, observedTo: r.observedTo.toISOString() })),
    total: Number(count!.n),
  };
}

/**
 * The public map's pins: listPins under the disclosure rule (disclosedWhere) and small-number
 * suppression — only cells holding at least policy.minReportsPerCell pins of the filter.
 */
export async function listDisclosedPins(sql: Sql, f: ReportFilter, policy: DisclosurePolicy, stages: DisclosedStages, limit: number): Promise<{ pins: Pin[]; total: number }> {
  const eligible = sql`select r.id, count(*) over (partition by r.cell) as n from reports r
    where ${whereClause(sql, { ...f, statuses: undefined })} and ${disclosedWhere(sql, policy, stages)}`;
  const [rows, [count]] = await Promise.all([
    sql<{ id: string; category: string; lon: number; lat: number; observedTo: Date }[]>`
      with e as (${eligible})
      select r.id, r.category, r.lon, r.lat, r.observed_to as "observedTo" from e join reports r on r.id = e.id
      where e.n >= ${policy.minReportsPerCell} order by r.observed_to desc limit ${limit}`,
    sql<{ n: string }[]>`with e as (${eligible}) select count(*) as n from e where e.n >= ${policy.minReportsPerCell}`,
  ]);
  return { pins: rows.map((r) => ({ ...r, observedTo: r.observedTo.toISOString() })), total: Number(count!.n) };
}

export async function countReports(sql: Sql): Promise<number> {
  const [r] = await sql<{ n: string }[]>`select count(*) as n from reports`;
  return Number(r!.n);
}
