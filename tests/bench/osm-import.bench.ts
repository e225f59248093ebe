// `npm run bench -- osm-import`: import-osm of a ~1 M-element synthetic extract (as .osm.pbf made by
// osmium, and as .osm) into embedded PGlite: elements/s and peak RSS, beside a same-run baseline:
// a parse-only pass over the same file through the same reader (an empty sink).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbedded } from '../../server/db/embedded.ts';
import { migrate } from '../../server/db/migrate.ts';
import { createSql } from '../../server/db/sql.ts';
import { loadDefaultArea } from '../../server/geodata/import-files.ts';
import { importOsmFile } from '../../server/geodata/import-osm.ts';
import { readOsmPbf } from '../../server/geodata/osm-pbf.ts';
import type { OsmSink } from '../../server/geodata/osm-sink.ts';
import { readOsmXml } from '../../server/geodata/osm-xml.ts';
import { printTable, timed, type BenchRow } from './bench-table.ts';
import { COUNTY_BOX, LINKOPING_BOX, writeSyntheticOsm } from './osm-synthetic.ts';

const ELEMENTS = Number(process.env.BENCH_OSM_ELEMENTS ?? 1_000_000);
/** BENCH_OSM_AREA=county spreads the elements over Östergötland (a county extract: ~1 % inside the box). */
const AREA = process.env.BENCH_OSM_AREA === 'county' ? COUNTY_BOX : LINKOPING_BOX;
/** BENCH_OSM_FORMATS=pbf skips the .osm run (a county's XML is GBs). */
const FORMATS = (process.env.BENCH_OSM_FORMATS ?? 'pbf,osm').split(',');
const MB = 1024 * 1024;

let peakRss = 0;
const sampleRss = () => {
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
};

async function parseOnly(path: string): Promise<{ elements: number; seconds: number; peakMb: number }> {
  let elements = 0;
  const sink: OsmSink = { addNode: () => void elements++, addWay: () => void elements++, addRelation: () => void elements++ };
  global.gc?.();
  peakRss = process.memoryUsage.rss();
  const read = path.endsWith('.pbf') ? readOsmPbf : readOsmXml;
  const { seconds } = await timed(() => read(path, sink, { onProgress: sampleRss }));
  return { elements, seconds, peakMb: peakRss / MB };
}

async function importRun(path: string): Promise<{ seconds: number; peakMb: number; features: number }> {
  const embedded = await startEmbedded({});
  const sql = createSql(embedded.url, { max: embedded.maxConnections });
  try {
    await migrate(sql);
    await loadDefaultArea(sql);
    global.gc?.();
    peakRss = process.memoryUsage.rss();
    const { result, seconds } = await timed(() => importOsmFile(sql, path, { onProgress: sampleRss }));
    return { seconds, peakMb: peakRss / MB, features: Object.values(result.layers).reduce((a, b) => a + b, 0) };
  } finally {
    await sql.end({ timeout: 5 });
    await embedded.stop();
  }
}

const dir = mkdtempSync(join(tmpdir(), 'osm-bench-'));
try {
  const osm = join(dir, 'synthetic.osm');
  const counts = await writeSyntheticOsm(osm, ELEMENTS, AREA);
  const files = FORMATS.includes('osm') ? [osm] : [];
  if (spawnSync('osmium', ['--version']).status === 0) {
    const pbf = join(dir, 'synthetic.osm.pbf');
    execFileSync('osmium', ['cat', osm, '-o', pbf, '--overwrite']);
    files.unshift(pbf);
  } else {
    console.log('osmium is not installed: only the .osm file is measured');
  }
  console.log(`Synthetic extract: ${counts.nodes.toLocaleString('en-US')} nodes + ${counts.ways.toLocaleString('en-US')} ways = ${counts.elements.toLocaleString('en-US')} elements`);
  const rows: BenchRow[] = [];
  if (files.length === 0) throw new Error('nothing to measure: BENCH_OSM_FORMATS=pbf needs osmium');
  for (const file of files) {
    const label = file.endsWith('.pbf') ? '.osm.pbf' : '.osm';
    const sizeMb = statSync(file).size / MB;
    const base = await parseOnly(file);
    const run = await importRun(file);
    rows.push(
      { name: `import-osm ${label} (${sizeMb.toFixed(0)} MB)`, value: counts.elements / run.seconds, unit: 'elements/s', baseline: base.elements / base.seconds, baselineNote: 'parse only', note: `${run.features.toLocaleString('en-US')} features, ${run.seconds.toFixed(1)} s` },
      { name: `  peak RSS ${label}`, value: run.peakMb, unit: 'MB', baseline: base.peakMb, baselineNote: 'parse only', lowerIsBetter: true, note: 'whole process, embedded PGlite included' },
    );
  }
  printTable(`OSM import, ${counts.elements.toLocaleString('en-US')} elements`, rows);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
