// File → database imports of the area (districts, bases, streets), shared by the CLI and the server's first start.
import { access, open, readFile } from 'node:fs/promises';
import { basename, sep } from 'node:path';
import { projectPath } from '../paths.ts';
import { countDistricts, listDistricts, upsertBases, upsertDistricts } from '../db/queries/districts.ts';
import { countMapFeatures } from '../db/queries/map-features.ts';
import { countStreets, replaceStreets, streetCoverage } from '../db/queries/streets.ts';
import type { Sql } from '../db/sql.ts';
import { parseBasesGeoJson, parseDistrictsGeoJson } from './area-geojson.ts';
import { makeDistrictLocator } from './assign-districts.ts';
import { loadNetworkFile } from './bundled-network.ts';
import { coverageWarnings, type DistrictKm } from './coverage.ts';
import { parseOsmPbf } from './osm-pbf.ts';
import { parseOsmXml } from './osm-xml.ts';
import { readStreetsGeoJson } from './streets-geojson.ts';
import { parseDesoGeoJson, type DesoInput } from './deso-geojson.ts';
import { areaM2, overlapM2 } from './district-from-deso.ts';
import { countDesoAreas, replaceDesoAreas } from '../db/queries/deso.ts';
import { upgradeApproximateDistricts } from './area-upgrade.ts';
import type { StreetWay } from './street-way.ts';

/** The Linköping area carried in the repository. */
export const DEFAULT_AREA_DIR = projectPath('geodata/linkoping') + sep;

export type StreetsFormat = 'geojson' | 'osm-xml' | 'osm-pbf';

export interface ImportStreetsOptions {
  /** Margin in metres kept around the districts' bounding box (default 500). */
  marginM?: number;
  /** Progress and summary lines; silent when omitted. */
  log?: (line: string) => void;
}

export interface ImportStreetsSummary {
  format: StreetsFormat;
  /** Ways (or GeoJSON line features) kept by the parser. */
  keptWays: number;
  /** Dropped highway ways by reason (OSM only). */
  dropped: Record<string, number>;
  /** Kept ways wholly outside the districts' bounding box + margin. */
  clippedOut: number;
  /** Street rows written (a clipped way may give several). */
  inserted: number;
  coverage: DistrictKm[];
  warnings: string[];
}

/** By extension, else by the first byte: '{' GeoJSON, '<' OSM XML, anything else PBF. */
export async function detectStreetsFormat(path: string): Promise<StreetsFormat> {
  const lower = path.toLowerCase();
  if (lower.endsWith('.pbf')) return 'osm-pbf';
  if (lower.endsWith('.osm') || lower.endsWith('.xml')) return 'osm-xml';
  if (lower.endsWith('.geojson') || lower.endsWith('.json')) return 'geojson';
  const fh = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await fh.read(Buffer.alloc(64), 0, 64, 0);
    const head = buffer.subarray(0, bytesRead).toString('utf8').trimStart();
    return head.startsWith('{') ? 'geojson' : head.startsWith('<') ? 'osm-xml' : 'osm-pbf';
  } finally {
    await fh.close();
  }
}

interface ParsedWays {
  ways: StreetWay[];
  kept: number;
  dropped: Record<string, number>;
}

async function readWays(path: string, format: StreetsFormat, log: (line: string) => void): Promise<ParsedWays> {
  if (format === 'geojson') {
    const r = await readStreetsGeoJson(path);
    log(`  ${r.stats.features} features, ${r.stats.kept} lines kept, ${r.stats.skipped} non-line features skipped`);
    return { ways: r.ways, kept: r.stats.kept, dropped: { 'not-a-line': r.stats.skipped } };
  }
  let lastPct = -1;
  const onProgress = (read: number, total: number) => {
    const pct = total > 0 ? Math.floor((read / total) * 10) * 10 : 100;
    if (pct !== lastPct) log(`  reading ${basename(path)}: ${pct} %`);
    lastPct = pct;
  };
  const r = format === 'osm-pbf' ? await parseOsmPbf(path, { onProgress }) : await parseOsmXml(path, { onProgress });
  const s = r.stats;
  log(
    `  ${s.nodes} nodes, ${s.highwayWays} highway ways: ${s.kept} kept, ` +
      `${s.dropped['not-walkable']} dropped as not walkable (motorway, trunk, construction, …), ` +
      `${s.dropped['no-foot-access']} dropped for no foot access` +
      (s.missingNodeRefs > 0 ? `, ${s.missingNodeRefs} node references missing from the extract` : ''),
  );
  return { ways: r.ways, kept: s.kept, dropped: { ...s.dropped } };
}

/** Parses a GeoJSON / .osm / .osm.pbf network and replaces the streets table with it in one transaction. */
export async function importStreetsFile(sql: Sql, path: string, opts: ImportStreetsOptions = {}): Promise<ImportStreetsSummary> {
  const log = opts.log ?? (() => {});
  const format = await detectStreetsFormat(path);
  log(`Importing streets from ${path} (${format})`);
  const districts = await listDistricts(sql);
  if (districts.length === 0) throw new Error('No districts in the database: run import-districts first');
  const parsed = await readWays(path, format, log);
  const { inserted, clippedOut } = await replaceStreets(sql, parsed.ways, districts, {
    ...(opts.marginM === undefined ? {} : { marginM: opts.marginM }),
    onProgress: (n, total) => {
      if (n === total || n % 10000 === 0) log(`  written ${n} / ${total} street rows`);
    },
  });
  const coverage = await streetCoverage(sql);
  return { format, keptWays: parsed.kept, dropped: parsed.dropped, clippedOut, inserted, coverage, warnings: coverageWarnings(coverage) };
}

/** Upserts the districts of a GeoJSON file by id; returns their ids. */
export async function importDistrictsFile(sql: Sql, path: string): Promise<string[]> {
  const districts = parseDistrictsGeoJson(await readFile(path, 'utf8'), path);
  await upsertDistricts(sql, districts);
  return districts.map((d) => d.id);
}

/**
 * Upserts team bases. A base keeps the district its file names when that district exists,
 * otherwise it gets the district whose polygon holds it (or none).
 */
export async function importBasesFile(sql: Sql, path: string): Promise<{ id: string; districtId: string | null }[]> {
  const bases = parseBasesGeoJson(await readFile(path, 'utf8'), path);
  const districts = await listDistricts(sql);
  const known = new Set(districts.map((d) => d.id));
  const locate = makeDistrictLocator(districts);
  const rows = bases.map((b) => ({
    ...b,
    districtId: b.districtId !== null && known.has(b.districtId) ? b.districtId : locate([b.lon, b.lat]),
  }));
  await upsertBases(sql, rows);
  return rows.map((r) => ({ id: r.id, districtId: r.districtId }));
}

/**
 * Replaces the DeSO areas (SCB's demographic statistics areas with their population). An area
 * keeps the district its file names when that district exists (null: none); a file that names
 * none (SCB's own) gets the district holding at least half of the area's surface, or none.
 */
export async function importDesoFile(sql: Sql, path: string): Promise<{ code: string; districtId: string | null; population: number }[]> {
  const areas = parseDesoGeoJson(await readFile(path, 'utf8'), path);
  const districts = await listDistricts(sql);
  const known = new Set(districts.map((d) => d.id));
  const mostlyIn = (g: DesoInput['geometry']) => districts.find((d) => overlapM2(g, d.geometry) >= areaM2(g) / 2)?.id ?? null;
  const rows = areas.map((a) => ({
    ...a,
    districtId: a.districtId === undefined ? mostlyIn(a.geometry) : a.districtId !== null && known.has(a.districtId) ? a.districtId : null,
  }));
  await replaceDesoAreas(sql, rows);
  return rows.map((r) => ({ code: r.code, districtId: r.districtId, population: r.population }));
}

export interface LoadAreaResult {
  districts: boolean;
  streets: boolean;
  /** DeSO areas loaded because the table was empty and the database holds the default area. */
  deso: boolean;
  /** Districts of the default area whose approximate polygon was replaced by the official one. */
  upgraded: string[];
  /** The bundled network was loaded (only when a network file is given). */
  network?: boolean;
}

/**
 * First start, and every start after: loads the repository's Linköping districts, bases and
 * DeSO areas when the districts table is empty; on a database that holds the default area,
 * replaces a district still marked approximate by the repository's official polygon (see
 * area-upgrade.ts) and loads the DeSO areas when none are loaded; loads the streets file (when
 * given) when the streets table is empty; and the network file (when given; main passes
 * geodata/linkoping/network.json.gz) when map_features is empty: its lines become the basemap's
 * roads, and the walkable network too when streets is still empty.
 */
export async function loadDefaultArea(
  sql: Sql,
  opts: { areaDir?: string; streetsFile?: string | undefined; networkFile?: string | undefined; log?: (line: string) => void } = {},
): Promise<LoadAreaResult> {
  const dir = opts.areaDir ?? DEFAULT_AREA_DIR;
  const result: LoadAreaResult = { districts: false, streets: false, deso: false, upgraded: [] };
  if ((await countDistricts(sql)) === 0) {
    await importDistrictsFile(sql, `${dir}/districts.geojson`);
    await importBasesFile(sql, `${dir}/bases.geojson`);
    opts.log?.(`Loaded the default area from ${dir}`);
    result.districts = true;
  } else {
    const defaults = parseDistrictsGeoJson(await readFile(`${dir}/districts.geojson`, 'utf8'), `${dir}/districts.geojson`);
    result.upgraded = await upgradeApproximateDistricts(sql, defaults, parseBasesGeoJson(await readFile(`${dir}/bases.geojson`, 'utf8')));
    for (const id of result.upgraded) opts.log?.(`Replaced the approximate ${id} polygon with the official one from ${dir}`);
  }
  const desoFile = `${dir}/deso.geojson`;
  if ((await countDesoAreas(sql)) === 0 && (await holdsDefaultArea(sql, dir)) && (await fileExists(desoFile))) {
    const areas = await importDesoFile(sql, desoFile);
    opts.log?.(`Loaded ${areas.length} DeSO areas (residents per area) from ${desoFile}`);
    result.deso = true;
  }
  if (opts.streetsFile !== undefined && (await countStreets(sql)) === 0) {
    await importStreetsFile(sql, opts.streetsFile, opts.log ? { log: opts.log } : {});
    result.streets = true;
  }
  if (opts.networkFile !== undefined && (await countMapFeatures(sql)) === 0) {
    const replaceStreets = (await countStreets(sql)) === 0;
    const r = await loadNetworkFile(sql, opts.networkFile, { replaceStreets });
    opts.log?.(
      `Loaded the bundled street network (${r.features} lines${r.streets === null ? '' : `, ${r.streets} walkable`}; © OpenStreetMap contributors, ODbL); ` +
        'import a current extract with npm run geodata -- import-osm FILE.osm.pbf',
    );
    result.network = true;
    result.streets ||= replaceStreets;
  } else if (opts.networkFile !== undefined) result.network = false;
  return result;
}

async function fileExists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

/** The database's districts are exactly the default area's (by id). */
async function holdsDefaultArea(sql: Sql, dir: string): Promise<boolean> {
  const defaults = parseDistrictsGeoJson(await readFile(`${dir}/districts.geojson`, 'utf8')).map((d) => d.id).sort();
  const stored = (await listDistricts(sql)).map((d) => d.id).sort();
  return defaults.length === stored.length && defaults.every((id, i) => id === stored[i]);
}
