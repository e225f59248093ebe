// `npm run import -- FILE [--map category=Brottstyp,observedAt=Tid] [--source police] [--format csv|geojson]`:
// imports historical reports into DATABASE_URL or the embedded ./data, with a progress bar, a
// rejected-rows report (FILE.rejected.csv) and idempotent re-import.
import { createReadStream, statSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DataDirBusyError } from '../db/embedded.ts';
import { openCliDatabase } from './cli-database.ts';
import { listDistricts } from '../db/queries/districts.ts';
import { makeDistrictIndex } from '../domain/district-index.ts';
import { SOURCES, type Source } from '../domain/categories.ts';
import { importHistorical, rejectionsCsv, type ImportProgress } from '../import/historical-import.ts';
import { progressBar } from './progress-bar.ts';

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { map: { type: 'string' }, source: { type: 'string', default: 'police' }, format: { type: 'string' } },
  });
  const file = positionals[0];
  if (!file) throw new Error('Usage: npm run import -- FILE.csv|FILE.geojson [--map field=Column,…] [--source police|staff|partner|resident] [--format csv|geojson]');
  const format = (values.format ?? (/\.(geo)?json$/i.test(file) ? 'geojson' : 'csv')) as 'csv' | 'geojson';
  if (format !== 'csv' && format !== 'geojson') throw new Error('--format is csv or geojson.');
  if (!(SOURCES as readonly string[]).includes(values.source!)) throw new Error(`--source is one of ${SOURCES.join(', ')}.`);
  const totalBytes = statSync(file).size;

  const db = await openCliDatabase();
  const { sql } = db;
  try {
    const districts = makeDistrictIndex(await listDistricts(sql));
    const bar = progressBar(process.stderr);
    const started = performance.now();
    const draw = (p: ImportProgress) => bar.draw(p.bytesRead / totalBytes, `${p.rowsRead.toLocaleString('sv-SE')} rader · ${p.inserted.toLocaleString('sv-SE')} nya · ${p.rejected} avvisade`);
    const r = await importHistorical(sql, createReadStream(file), {
      format, mapping: values.map, defaultSource: values.source as Source, districts, nowMs: Date.now(),
      method: db.isEmbedded ? 'insert' : 'copy', totalBytes, onProgress: draw,
    });
    draw(r);
    bar.done();
    const seconds = (performance.now() - started) / 1000;
    console.log(`Read ${r.rowsRead} rows in ${seconds.toFixed(1)} s (${Math.round(r.rowsRead / seconds).toLocaleString('en-US')} rows/s): ${r.inserted} stored, ${r.duplicates} already stored, ${r.rejected} rejected.`);
    if (r.rejections.length) {
      const out = `${file}.rejected.csv`;
      writeFileSync(out, rejectionsCsv(r.rejections));
      console.log(`Rejected rows (line, field, why) are listed in ${out}; the first few:`);
      for (const x of r.rejections.slice(0, 5)) console.log(`  line ${x.line}, ${x.field}: ${x.reason}`);
    }
  } finally {
    await db.close();
  }
}

main().catch((err) => {
  console.error(err instanceof DataDirBusyError || err instanceof Error ? err.message : err);
  process.exit(1);
});
