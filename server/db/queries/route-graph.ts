// The walking graphs the route features use, built from the loaded streets and districts and
// cached until the network changes (keyed on the streets' count and max id): per district a
// street graph (streets within 800 m of the district) when its streets are dense enough, else
// the hex-grid fallback over the district polygon.
import { bbox as turfBbox } from '@turf/turf';
import { areaKm2, buildHexGraph, hasEnoughStreets } from '../../domain/hex-graph.ts';
import { buildWalkGraph, type GraphKind } from '../../domain/walk-graph.ts';
import { makeRouter, type Router } from '../../domain/walk-router.ts';
import type { Sql } from '../sql.ts';
import { listDistricts, type DistrictRow } from './districts.ts';
import { listStreets, streetCoverage, type StreetListRow } from './streets.ts';

/** Streets this close to a district (metres) join its graph, so routes may cut across the edge. */
const DISTRICT_MARGIN_M = 800;

export interface DistrictGraph {
  districtId: string;
  name: string;
  kind: GraphKind;
  router: Router;
  streetKm: number;
  areaKm2: number;
}

export interface GraphCache {
  /** The graph for a district; null when the district does not exist. */
  forDistrict(districtId: string): Promise<DistrictGraph | null>;
  /** The streets version the cached graphs belong to. */
  version(): Promise<string>;
}

async function streetsVersion(sql: Sql): Promise<string> {
  const [row] = await sql<{ n: number; max: number }[]>`select count(*)::int as n, coalesce(max(id), 0)::float8 as max from streets`;
  const [d] = await sql<{ v: string }[]>`select coalesce(max(updated_at), 'epoch')::text as v from districts`;
  return `${row?.n ?? 0}:${row?.max ?? 0}:${d?.v ?? ''}`;
}

function nearDistrict(streets: readonly StreetListRow[], d: DistrictRow): StreetListRow[] {
  const [w, s, e, n] = turfBbox(d.geometry) as [number, number, number, number];
  const dLat = DISTRICT_MARGIN_M / 111_320, dLon = dLat / Math.cos(((s + n) / 2) * (Math.PI / 180));
  return streets.filter((r) => r.coords.some(([x, y]) => x >= w - dLon && x <= e + dLon && y >= s - dLat && y <= n + dLat));
}

export function makeGraphCache(sql: Sql): GraphCache {
  let current: { version: string; graphs: Map<string, Promise<DistrictGraph | null>> } | null = null;
  let streets: Promise<StreetListRow[]> | null = null;

  const build = async (districtId: string): Promise<DistrictGraph | null> => {
    const districts = await listDistricts(sql);
    const d = districts.find((x) => x.id === districtId);
    if (!d) return null;
    const km = (await streetCoverage(sql)).find((c) => c.districtId === districtId)?.km ?? 0;
    const area = areaKm2(d.geometry);
    if (hasEnoughStreets(km, area)) {
      const graph = buildWalkGraph(nearDistrict(await (streets ??= listStreets(sql)), d), 'streets');
      return { districtId, name: d.name, kind: 'streets', router: makeRouter(graph), streetKm: km, areaKm2: area };
    }
    return { districtId, name: d.name, kind: 'hex-grid', router: makeRouter(buildHexGraph([d.geometry])), streetKm: km, areaKm2: area };
  };

  return {
    version: () => streetsVersion(sql),
    async forDistrict(districtId) {
      const version = await streetsVersion(sql);
      if (current?.version !== version) {
        current = { version, graphs: new Map() };
        streets = null;
      }
      let g = current.graphs.get(districtId);
      if (!g) {
        g = build(districtId);
        current.graphs.set(districtId, g);
        g.catch(() => current?.graphs.delete(districtId));
      }
      return g;
    },
  };
}
