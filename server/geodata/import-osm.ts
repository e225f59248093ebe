// `import-osm`: an OpenStreetMap extract (.osm or .osm.pbf) becomes the area's map (map_features)
// and its walkable network (streets), clipped to the districts' box plus a margin, in one transaction.
import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import { listDistricts } from '../db/queries/districts.ts';
import { countMapFeaturesByLayer, replaceMap } from '../db/queries/map-features.ts';
import { streetCoverage } from '../db/queries/streets.ts';
import type { Sql } from '../db/sql.ts';
import { districtsBbox, makeDistrictLocator, prepareStreets } from './assign-districts.ts';
import { coverageWarnings, type DistrictKm } from './coverage.ts';
import { detectStreetsFormat } from './import-files.ts';
import { toFeatureRow } from './map-feature-rows.ts';
import { OsmMapCollector, type OsmMapStats } from './osm-map-collector.ts';
import { readOsmPbf } from './osm-pbf.ts';
import type { OsmReadOptions, OsmSink } from './osm-sink.ts';
import { readOsmXml } from './osm-xml.ts';

/** Default margin in metres kept around the districts' bounding box. */
export const DEFAULT_MAP_MARGIN_M = 1500;

export type ImportPhase = 'read' | 'relations' | 'write';

export interface ImportOsmOptions {
  /** Margin in metres around the districts' bounding box (default 1500). */
  marginM?: number;
  /** Progress per phase, fraction 0–1 (bytes read, then rows written). */
  onProgress?: (phase: ImportPhase, fraction: number) => void;
  /** For tests: a fixed version string instead of a random one. */
  version?: string;
}

export interface ImportOsmSummary {
  file: string;
  format: 'osm-xml' | 'osm-pbf';
  bytes: number;
  marginM: number;
  bbox: [number, number, number, number];
  stats: OsmMapStats;
  /** Feature rows per layer, and per layer and district ('' = outside every district). */
  layers: Record<string, number>;
  layersByDistrict: Record<string, Record<string, number>>;
  streets: { inserted: number; clippedOut: number; coverage: DistrictKm[] };
  warnings: string[];
  version: string;
  importedAt: string;
}

async function readInto(path: string, format: 'osm-xml' | 'osm-pbf', sink: OsmSink, opts: OsmReadOptions): Promise<void> {
  if (format === 'osm-pbf') await readOsmPbf(path, sink, opts);
  else await readOsmXml(path, sink, opts);
}

/** Reads, clips and classifies the extract, then replaces the map and the network; on any error nothing changes. */
export async function importOsmFile(sql: Sql, path: string, opts: ImportOsmOptions = {}): Promise<ImportOsmSummary> {
  const format = await detectStreetsFormat(path);
  if (format === 'geojson') throw new Error(`${path}: import-osm reads OpenStreetMap files (.osm, .osm.pbf); use import-streets for a GeoJSON network`);
  const districts = await listDistricts(sql);
  if (districts.length === 0) throw new Error('No districts in the database: run import-districts first');
  const marginM = opts.marginM ?? DEFAULT_MAP_MARGIN_M;
  const bbox = districtsBbox(districts, marginM);
  const progress = opts.onProgress ?? (() => {});
  let bytes = 0;

  const collector = new OsmMapCollector(bbox);
  await readInto(path, format, collector, { onProgress: (read, total) => { bytes = total; progress('read', read / total); } });
  if (collector.stats.nodes === 0) throw new Error(`${path} holds no OpenStreetMap nodes: nothing to import`);
  const missing = collector.missingMemberWays();
  if (missing.size > 0) {
    // Second pass: member ways of multipolygons that reach beyond the box (e.g. a lake's far shore).
    const sink: OsmSink = { addNode: () => {}, addWay: (id, refs) => { if (missing.has(id)) collector.addMemberWay(id, refs); } };
    await readInto(path, format, sink, { skipNodes: true, onProgress: (read, total) => progress('relations', read / total) });
  }
  collector.finish();

  const locate = makeDistrictLocator(districts);
  const features = collector.features.map((d) => toFeatureRow(d, locate));
  const streets = prepareStreets(collector.streets, districts, { marginM });
  const version = opts.version ?? `osm-${new Date().toISOString()}-${randomUUID().slice(0, 8)}`;
  const importedAt = new Date().toISOString();

  const layers: Record<string, number> = {};
  const layersByDistrict: Record<string, Record<string, number>> = {};
  for (const f of features) {
    layers[f.layer] = (layers[f.layer] ?? 0) + 1;
    const perDistrict = (layersByDistrict[f.layer] ??= {});
    perDistrict[f.districtId ?? ''] = (perDistrict[f.districtId ?? ''] ?? 0) + 1;
  }
  const warnings: string[] = [];
  if (collector.stats.lateNodes > 0) warnings.push(`${collector.stats.lateNodes} nodes came after ways: the file is not sorted; run \`osmium sort\` on it for a complete import`);
  if (collector.stats.brokenMultipolygons > 0) warnings.push(`${collector.stats.brokenMultipolygons} multipolygon relation(s) could not be assembled (rings not closed in the extract)`);
  if (features.length === 0) warnings.push(`no map features inside the districts' box (+${marginM} m): is this the right extract?`);

  const base = { file: basename(path), format, bytes, marginM, bbox, stats: { ...collector.stats }, layers, layersByDistrict, version, importedAt };
  await replaceMap(
    sql,
    { features, streets: streets.rows, version, summary: { ...base, streets: { inserted: streets.rows.length, clippedOut: streets.clippedOut } } },
    (written, total) => progress('write', total > 0 ? written / total : 1),
  );
  const coverage = await streetCoverage(sql);
  warnings.push(...coverageWarnings(coverage));
  return { ...base, streets: { inserted: streets.rows.length, clippedOut: streets.clippedOut, coverage }, warnings };
}

/** Lines for the terminal: features per layer and district, street km per district. */
export async function importSummaryLines(sql: Sql, s: ImportOsmSummary): Promise<string[]> {
  const districts = (await listDistricts(sql)).map((d) => d.id);
  const counts = await countMapFeaturesByLayer(sql);
  const cols = [...districts, ''];
  const head = `${'layer'.padEnd(10)}${cols.map((c) => (c || 'outside').padStart(12)).join('')}${'total'.padStart(10)}`;
  const lines = [head];
  for (const layer of Object.keys(s.layers).sort()) {
    const row = cols.map((c) => String(counts.find((r) => r.layer === layer && (r.districtId ?? '') === c)?.count ?? 0).padStart(12));
    lines.push(`${layer.padEnd(10)}${row.join('')}${String(s.layers[layer]).padStart(10)}`);
  }
  return lines;
}
