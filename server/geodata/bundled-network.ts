// Loads the network the repository carries (geodata/linkoping/network.json.gz, ODbL, © OpenStreetMap
// contributors) on a fresh database: into streets for routing, and into map_features (layer road)
// so the basemap draws streets and their names before any extract is imported.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { projectPath } from '../paths.ts';
import { listDistricts } from '../db/queries/districts.ts';
import { replaceMap, type MapFeatureRow } from '../db/queries/map-features.ts';
import type { Sql } from '../db/sql.ts';
import { makeDistrictLocator, prepareStreets } from './assign-districts.ts';
import { bboxOfPositions } from './map-geometry.ts';
import { decodeNetwork, type NetworkLine } from './network-codec.ts';
import { lineMidpoint, type StreetWay } from './street-way.ts';

export const DEFAULT_NETWORK_FILE = projectPath('geodata/linkoping/network.json.gz');

/**
 * The course data only says "car road" and gives a speed limit, so the road class is read from
 * the speed (Swedish practice: ≥ 90 km/h trunk roads, 70–80 secondary, 50–60 tertiary, else
 * residential). Lines that are not car roads have an unknown highway type.
 */
export function roadKindOfLine(l: Pick<NetworkLine, 'carRoad' | 'maxspeed'>): string {
  if (!l.carRoad) return 'unknown';
  const v = l.maxspeed ?? 0;
  return v >= 90 ? 'trunk' : v >= 70 ? 'secondary' : v >= 50 ? 'tertiary' : 'residential';
}

export async function readNetworkFile(path: string): Promise<{ lines: NetworkLine[]; sha1: string }> {
  const bytes = await readFile(path);
  const text = path.endsWith('.gz') ? gunzipSync(bytes).toString('utf8') : bytes.toString('utf8');
  return { lines: decodeNetwork(JSON.parse(text)), sha1: createHash('sha1').update(bytes).digest('hex') };
}

export interface LoadNetworkResult {
  features: number;
  streets: number | null;
  version: string;
}

/**
 * Replaces map_features with the network's lines, and the streets table too when
 * `replaceStreets` (roads of 90 km/h and more are left out of the walkable network).
 */
export async function loadNetworkFile(sql: Sql, path: string, opts: { replaceStreets: boolean }): Promise<LoadNetworkResult> {
  const { lines, sha1 } = await readNetworkFile(path);
  const districts = await listDistricts(sql);
  const locate = makeDistrictLocator(districts);
  const features: MapFeatureRow[] = lines.map((l) => {
    const kind = roadKindOfLine(l);
    return {
      layer: 'road',
      kind,
      name: l.name,
      osmType: null,
      osmId: null,
      districtId: locate(lineMidpoint(l.coords)),
      props: l.maxspeed ? { maxspeed: l.maxspeed } : {},
      geometry: { type: 'LineString', coordinates: l.coords },
      bbox: bboxOfPositions(l.coords),
    };
  });
  const walkable: StreetWay[] = lines
    .filter((l) => roadKindOfLine(l) !== 'trunk')
    .map((l) => ({ osmWayId: null, name: l.name, highway: l.carRoad ? roadKindOfLine(l) : null, lit: null, coords: l.coords }));
  const streets = opts.replaceStreets ? prepareStreets(walkable, districts, { marginM: 1e6 }).rows : null;
  const version = `network-${sha1.slice(0, 12)}`;
  await replaceMap(sql, {
    features,
    streets,
    version,
    summary: { file: basename(path), source: 'bundled network (OpenStreetMap 2017–2018, ODbL)', layers: { road: features.length }, version, importedAt: new Date().toISOString() },
  });
  return { features: features.length, streets: streets?.length ?? null, version };
}
