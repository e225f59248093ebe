// Command line for the area's geodata: import districts, team bases and streets; show what is loaded.
import { pathToFileURL } from 'node:url';
import { DataDirBusyError } from '../db/embedded.ts';
import { listBases, listDistricts } from '../db/queries/districts.ts';
import { countStreets, streetCoverage } from '../db/queries/streets.ts';
import { listDesoAreas } from '../db/queries/deso.ts';
import type { Sql } from '../db/sql.ts';
import { coverageLines, coverageWarnings, formatKm } from '../geodata/coverage.ts';
import { importBasesFile, importDesoFile, importDistrictsFile, importStreetsFile } from '../geodata/import-files.ts';
import { openCliDatabase, type CliDatabase } from './cli-database.ts';

export const USAGE = `Usage: npm run geodata -- <command>

  import-districts FILE.geojson  upsert district polygons by id (properties.id, or a slug of name);
                                 an official polygon replaces an approximate one with the same id
  import-bases FILE.geojson      upsert team bases (Point features: id, name, district)
  import-streets FILE            replace the walkable network from GeoJSON lines, OSM XML (.osm)
                                 or OSM PBF (.osm.pbf); clipped to the districts + 500 m
  import-deso FILE.geojson       replace the DeSO areas with their population (SCB; properties
                                 code|desokod, regso|regsokod, population, optional district)
  status                         districts, approximate flags, bases, DeSO residents, street km

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
}

async function runCommand(sql: Sql, cmd: string, file: string | undefined, out: Out): Promise<void> {
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
    case 'status':
      await printStatus(sql, out);
      return;
  }
}

const NEEDS_FILE = new Set(['import-districts', 'import-bases', 'import-streets', 'import-deso']);

/** Runs the CLI; returns the exit code. */
export async function runGeodataCli(args: string[], env: NodeJS.ProcessEnv, out: Out = console.log, err: Out = console.error): Promise<number> {
  const [cmd, file, ...extra] = args;
  const valid = cmd !== undefined && (cmd === 'status' ? file === undefined : NEEDS_FILE.has(cmd) && file !== undefined && extra.length === 0);
  if (!valid) {
    err(USAGE);
    return 2;
  }
  let db: CliDatabase;
  try {
    db = await openCliDatabase(env, { area: cmd !== 'import-districts', streets: cmd !== 'import-streets', log: out });
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
    await runCommand(db.sql, cmd, file, out);
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
