// Command line for the area's geodata: import districts, team bases, streets and OSM extracts; show what is loaded.
import { pathToFileURL } from 'node:url';
import { DataDirBusyError } from '../db/embedded.ts';
import { listBases, listDistricts } from '../db/queries/districts.ts';
import { countMapFeatures, getMapMeta } from '../db/queries/map-features.ts';
import { countStreets, streetCoverage } from '../db/queries/streets.ts';
import { listDesoAreas } from '../db/queries/deso.ts';
import type { Sql } from '../db/sql.ts';
import { coverageLines, coverageWarnings, formatKm } from '../geodata/coverage.ts';
import { importBasesFile, importDesoFile, importDistrictsFile, importStreetsFile } from '../geodata/import-files.ts';
import { DEFAULT_MAP_MARGIN_M, importOsmFile, importSummaryLines, type ImportPhase } from '../geodata/import-osm.ts';
import { buildAllTiles } from '../tiles/tile-builder.ts';
import { openCliDatabase, type CliDatabase } from './cli-database.ts';
import { progressBar } from './progress-bar.ts';

export const USAGE = `Usage: npm run geodata -- <command>

  import-districts FILE.geojson  upsert district polygons by id (properties.id, or a slug of name);
                                 an official polygon replaces an approximate one with the same id
  import-bases FILE.geojson      upsert team bases (Point features: id, name, district)
  import-streets FILE            replace the walkable network from GeoJSON lines, OSM XML (.osm)
                                 or OSM PBF (.osm.pbf); clipped to the districts + 500 m
  import-deso FILE.geojson       replace the DeSO areas with their population (SCB; properties
                                 code|desokod, regso|regsokod, population, optional district)
  import-osm FILE [--margin-m M] replace the area's map (buildings, land use, water, roads, rail,
                                 POIs, addresses, places) AND the walkable network from an
                                 OpenStreetMap extract (.osm or .osm.pbf), clipped to the districts
                                 + M metres (default ${DEFAULT_MAP_MARGIN_M}); one transaction
  status                         districts, approximate flags, bases, DeSO residents, street km
  build-tiles                    cut and store every vector tile of the area (z10–16) for the
                                 current map version; stale tiles are dropped

Database: DATABASE_URL (DATABASE_SCHEMA) when set, else the embedded database in DATA_DIR
(default ./data), which the running server holds: stop the server first. A fresh database is
migrated and given the default area first, as npm start does (import-districts excepted: the
file it imports is the area).`;

type Out = (line: string) => void;

async function printStatus(sql: Sql, out: Out): Promise<void> {
  const districts = await listDistricts(sql);
  const coverage = await streetCoverage(sql);
  const kmOf = new Map(coverage.map((c) => [c.districtId, c.km]));
  out(`Districts (${districts.length}):`);
  for (const d of districts) {
    const flag = d.approximate ? 'APPROXIMATE polygon' : 'official polygon';
    out(`  ${d.id.padEnd(12)} ${d.name.padEnd(14)} ${flag.padEnd(20)} ${formatKm(kmOf.get(d.id) ?? 0).padStart(9)} of streets   ${d.source}`);
  }
  const bases = await listBases(sql);
  out(`Team bases (${bases.length}):`);
  for (const b of bases) out(`  ${b.id.padEnd(18)} ${b.name} (${b.districtId ?? 'no district'}) ${b.lat.toFixed(5)} N ${b.lon.toFixed(5)} E`);
  const deso = await listDesoAreas(sql);
  const residents = deso.filter((d) => d.districtId !== null).reduce((n, d) => n + d.population, 0);
  out(`DeSO areas: ${deso.length}, ${residents.toLocaleString('sv-SE')} residents in the districts${deso.length ? '' : ' (none loaded: no rates per 1,000 residents)'}`);
  const streets = await countStreets(sql);
  out(`Streets: ${streets} rows, ${formatKm(coverage.reduce((sum, c) => sum + c.km, 0))}; outside every district: ${formatKm(kmOf.get(null) ?? 0)}`);
  if (streets === 0) out('  no street network loaded: routes follow the hex grid everywhere');
  else for (const w of coverageWarnings(coverage)) out(`  warning: ${w}`);
  const features = await countMapFeatures(sql);
  const imported = await getMapMeta<{ file?: string; importedAt?: string }>(sql, 'import');
  out(`Map: ${features} features${imported ? ` from ${imported.file ?? '?'} (${imported.importedAt ?? '?'})` : ''}, version ${(await getMapMeta<string>(sql, 'version')) ?? 'none'}`);
  if (features === 0) out('  no map loaded: run import-osm with an OpenStreetMap extract');
}

const PHASE_LABEL: Record<ImportPhase, string> = { read: 'reading', relations: 'reading multipolygon members', write: 'writing' };

async function importOsm(sql: Sql, file: string, marginM: number | undefined, out: Out, bar: ReturnType<typeof progressBar>): Promise<void> {
  out(`Importing the map from ${file}`);
  let phase: ImportPhase = 'read';
  const s = await importOsmFile(sql, file, {
    ...(marginM === undefined ? {} : { marginM }),
    onProgress: (p, fraction) => {
      if (p !== phase) {
        bar.draw(1, PHASE_LABEL[phase]);
        bar.done(); // a TTY keeps the finished phase on its own line
      }
      phase = p;
      bar.draw(fraction, PHASE_LABEL[p]);
    },
  });
  bar.draw(1, PHASE_LABEL[phase]);
  bar.done();
  const st = s.stats;
  out(`Read ${st.nodes} nodes, ${st.ways} ways, ${st.relations} relations (${st.multipolygons} multipolygons assembled).`);
  out(`Wrote ${Object.values(s.layers).reduce((a, b) => a + b, 0)} map features and ${s.streets.inserted} street rows in one transaction (box: districts + ${s.marginM} m).`);
  for (const line of await importSummaryLines(sql, s)) out(`  ${line}`);
  for (const line of coverageLines(s.streets.coverage)) out(`  ${line}`);
  for (const w of s.warnings) out(`warning: ${w}`);
  out(`Map version ${s.version}`);
}

async function buildTiles(sql: Sql, out: Out): Promise<void> {
  let lastTenth = -1;
  const r = await buildAllTiles(sql, {
    onProgress: (done, total) => {
      const tenth = Math.floor((done / total) * 10);
      if (tenth !== lastTenth) out(`  ${done}/${total} tiles`), (lastTenth = tenth);
    },
  });
  out(`Built ${r.tiles} tiles (${r.nonEmpty} with features) for map version ${r.version}.`);
}

async function runCommand(sql: Sql, cmd: string, file: string | undefined, out: Out, opts: CliOptions): Promise<void> {
  switch (cmd) {
    case 'import-districts': {
      const ids = await importDistrictsFile(sql, file!);
      out(`Upserted ${ids.length} district(s): ${ids.join(', ')}`);
      return;
    }
    case 'import-bases': {
      const bases = await importBasesFile(sql, file!);
      out(`Upserted ${bases.length} team base(s): ${bases.map((b) => `${b.id} → ${b.districtId ?? 'no district'}`).join(', ')}`);
      return;
    }
    case 'import-streets': {
      const s = await importStreetsFile(sql, file!, { log: out });
      out(`Kept ${s.keptWays} ways; ${s.clippedOut} lay outside the districts' box (+500 m); wrote ${s.inserted} street rows in one transaction.`);
      for (const line of coverageLines(s.coverage)) out(`  ${line}`);
      for (const w of s.warnings) out(`warning: ${w}`);
      return;
    }
    case 'import-deso': {
      const areas = await importDesoFile(sql, file!);
      const outside = areas.filter((a) => a.districtId === null);
      out(`Replaced the DeSO areas: ${areas.length} area(s), ${areas.reduce((n, a) => n + a.population, 0).toLocaleString('sv-SE')} residents; ${outside.length} outside every district${outside.length ? ` (${outside.map((a) => a.code).join(', ')})` : ''}`);
      return;
    }
    case 'import-osm':
      await importOsm(sql, file!, opts.marginM, out, progressBar(opts.progressStream));
      await buildTiles(sql, out); // the new map's tiles are cut now, not on the first visitor's request
      return;
    case 'status':
      await printStatus(sql, out);
      return;
    case 'build-tiles':
      await buildTiles(sql, out);
      return;
  }
}

const NEEDS_FILE = new Set(['import-districts', 'import-bases', 'import-streets', 'import-deso', 'import-osm']);

interface CliOptions {
  marginM?: number;
  progressStream: NodeJS.WriteStream;
}

/** `--margin-m M` (import-osm only): a non-negative number of metres; null when the options are invalid. */
function parseOptions(cmd: string, extra: string[]): { marginM?: number } | null {
  if (extra.length === 0) return {};
  if (cmd !== 'import-osm' || extra.length !== 2 || extra[0] !== '--margin-m') return null;
  const m = Number(extra[1]);
  return Number.isFinite(m) && m >= 0 ? { marginM: m } : null;
}

/** Runs the CLI; returns the exit code. */
export async function runGeodataCli(
  args: string[],
  env: NodeJS.ProcessEnv,
  out: Out = console.log,
  err: Out = console.error,
  progressStream: NodeJS.WriteStream = process.stderr,
): Promise<number> {
  const [cmd, file, ...extra] = args;
  const options = cmd === undefined ? null : parseOptions(cmd, extra);
  const valid = cmd !== undefined && options !== null && (cmd === 'status' || cmd === 'build-tiles' ? file === undefined : NEEDS_FILE.has(cmd) && file !== undefined);
  if (!valid) {
    err(USAGE);
    return 2;
  }
  let db: CliDatabase;
  try {
    db = await openCliDatabase(env, { area: cmd !== 'import-districts', streets: cmd !== 'import-streets' && cmd !== 'import-osm', log: out });
  } catch (e) {
    err(e instanceof DataDirBusyError ? e.message : `geodata ${cmd} failed: ${(e as Error).message}`);
    return 1;
  }
  const interrupt = () => {
    err('Interrupted: the import transaction is rolled back, nothing was written.');
    void db.close().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupt);
  try {
    await runCommand(db.sql, cmd, file, out, { ...options, progressStream });
    return 0;
  } catch (e) {
    err(`geodata ${cmd} failed: ${(e as Error).message}`);
    return 1;
  } finally {
    process.off('SIGINT', interrupt);
    await db.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await runGeodataCli(process.argv.slice(2), process.env);
}
