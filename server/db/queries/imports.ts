// Idempotent bulk writes for historical imports: COPY into a temporary staging table and
// INSERT … SELECT … ON CONFLICT (id) DO NOTHING on a real server (COPY alone would fail on a
// re-import), batched unnest inserts on PGlite. The analytics triggers see only new rows.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Tx } from '../sql.ts';
import type { ReportRow } from '../../domain/report.ts';
import { cellToBigint } from '../../domain/cells.ts';

const COLS = 'id, category, lat, lon, cell, district_id, observed_from, observed_to, description, source, status';

const esc = (v: string | null) => (v === null ? '\\N' : v.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r'));

function* copyText(rows: readonly ReportRow[], chunk = 2000): Generator<string> {
  let buf = '';
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    buf += `${r.id}\t${r.category}\t${r.lat}\t${r.lon}\t${cellToBigint(r.cell)}\t${esc(r.districtId)}\t${r.observedFrom.toISOString()}\t${r.observedTo.toISOString()}\t${esc(r.description)}\t${r.source}\t${r.status}\n`;
    if ((i + 1) % chunk === 0) {
      yield buf;
      buf = '';
    }
  }
  if (buf) yield buf;
}

/** Creates the staging table for this transaction (COPY path). */
export async function createImportStage(tx: Tx): Promise<void> {
  await tx`create temporary table import_stage (like reports including defaults) on commit drop`;
}

/** Writes one batch; returns the rows actually inserted (ids already present are skipped). */
export async function writeImportBatch(tx: Tx, rows: readonly ReportRow[], method: 'copy' | 'insert'): Promise<number> {
  if (!rows.length) return 0;
  if (method === 'copy') {
    const writable = await tx.unsafe(`copy import_stage (${COLS}) from stdin`).writable(); // constant text, no user input
    await pipeline(Readable.from(copyText(rows)), writable);
    const res = await tx`
      insert into reports (id, category, lat, lon, cell, district_id, observed_from, observed_to, description, source, status)
      select id, category, lat, lon, cell, district_id, observed_from, observed_to, description, source, status from import_stage
      on conflict (id) do nothing`;
    await tx`truncate import_stage`;
    return res.count;
  }
  const res = await tx`
    insert into reports (id, category, lat, lon, cell, district_id, observed_from, observed_to, description, source, status)
    select * from unnest(
      ${rows.map((r) => r.id)}::uuid[], ${rows.map((r) => r.category)}::text[],
      ${rows.map((r) => r.lat)}::float8[], ${rows.map((r) => r.lon)}::float8[],
      ${rows.map((r) => cellToBigint(r.cell))}::int8[], ${rows.map((r) => r.districtId)}::text[],
      ${rows.map((r) => r.observedFrom.toISOString())}::timestamptz[], ${rows.map((r) => r.observedTo.toISOString())}::timestamptz[],
      ${rows.map((r) => r.description)}::text[], ${rows.map((r) => r.source)}::text[], ${rows.map((r) => r.status)}::text[])
    on conflict (id) do nothing`;
  return res.count;
}
