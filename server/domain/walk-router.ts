// A router over one walking graph: snap points, walk legs (A*, cached), and distance matrices
// (one Dijkstra per source). The unit every route feature works through.
import { aStar, distancesTo, SearchSpace, type CostOptions, type Terminal } from './astar.ts';
import { makeSnapper, type Snap } from './walk-graph-snap.ts';
import { haversineM, type GraphKind, type WalkGraph } from './walk-graph.ts';

/** Cost multiplier of ways not known to be lit when lit ways are preferred. */
export const DEFAULT_UNLIT_FACTOR = 1.3;
/** Legs kept in the cache (least recently used dropped first). */
const PATH_CACHE_SIZE = 4000;
/** Matrix rows kept (a row: one source point against one set of targets). */
const ROW_CACHE_SIZE = 500;

export type LonLat = [number, number];

export interface Leg {
  /** [lon, lat] along the graph, from the snapped start to the snapped end. */
  coords: LonLat[];
  lengthM: number;
  from: Snap;
  to: Snap;
}

export interface Router {
  kind: GraphKind;
  graph: WalkGraph;
  snap(p: LonLat): Snap | null;
  placeName(p: LonLat, maxDistM?: number): string | null;
  /** The shortest walk between two points (each snapped to the main component), or null on an empty graph. */
  leg(a: LonLat, b: LonLat, preferLit?: boolean): Leg | null;
  /** Walking lengths in metres between every pair of points (rows: from). */
  lengthMatrix(points: readonly LonLat[], preferLit?: boolean): number[][];
}

export function makeRouter(graph: WalkGraph, opts: { unlitFactor?: number } = {}): Router {
  const snapper = makeSnapper(graph);
  const space = new SearchSpace(graph);
  const unlitFactor = opts.unlitFactor ?? DEFAULT_UNLIT_FACTOR;
  const cache = new Map<string, Leg | null>();
  // Suggestions for one district reuse the same candidate points (a new seed, "Ny variant"), so
  // the rows of their distance matrix are kept too.
  const rowCache = new Map<string, number[]>();
  const pointKey = (p: LonLat) => `${p[0].toFixed(6)},${p[1].toFixed(6)}`;
  const costOpts = (preferLit: boolean): CostOptions => ({ preferLit, unlitFactor });

  const edgeLen = (e: number) => {
    const a = graph.edgeA[e]!, b = graph.edgeB[e]!;
    return haversineM(graph.lon[a]!, graph.lat[a]!, graph.lon[b]!, graph.lat[b]!);
  };
  const terminals = (s: Snap, o: CostOptions): Terminal[] => {
    const len = edgeLen(s.edge);
    const f = o.preferLit && graph.edgeLit[s.edge] === 0 ? o.unlitFactor : 1;
    return [
      { node: graph.edgeA[s.edge]!, costM: s.t * len * f, lengthM: s.t * len },
      { node: graph.edgeB[s.edge]!, costM: (1 - s.t) * len * f, lengthM: (1 - s.t) * len },
    ];
  };

  const computeLeg = (a: LonLat, b: LonLat, preferLit: boolean): Leg | null => {
    const from = snapper.snap(a[0], a[1]), to = snapper.snap(b[0], b[1]);
    if (!from || !to) return null;
    const o = costOpts(preferLit);
    const path = aStar(space, terminals(from, o), terminals(to, o), to.point, o);
    if (from.edge === to.edge) {
      const direct = Math.abs(from.t - to.t) * edgeLen(from.edge);
      const f = o.preferLit && graph.edgeLit[from.edge] === 0 ? o.unlitFactor : 1;
      if (!path || direct * f <= path.costM) return { coords: [from.point, to.point], lengthM: direct, from, to };
    }
    if (!path) return null;
    const coords: LonLat[] = [from.point];
    for (const n of path.nodes) coords.push([graph.lon[n]!, graph.lat[n]!]);
    coords.push(to.point);
    const deduped = coords.filter((c, i) => i === 0 || c[0] !== coords[i - 1]![0] || c[1] !== coords[i - 1]![1]);
    if (deduped.length === 1) deduped.push(deduped[0]!);
    return { coords: deduped, lengthM: path.lengthM, from, to };
  };

  return {
    kind: graph.kind,
    graph,
    snap: (p) => snapper.snap(p[0], p[1]),
    placeName: (p, maxDistM = 120) => snapper.nearestName(p[0], p[1], maxDistM),
    leg(a, b, preferLit = false) {
      const key = `${preferLit ? 1 : 0}|${a[0].toFixed(6)},${a[1].toFixed(6)}|${b[0].toFixed(6)},${b[1].toFixed(6)}`;
      if (cache.has(key)) {
        const hit = cache.get(key)!;
        cache.delete(key);
        cache.set(key, hit);
        return hit;
      }
      const leg = computeLeg(a, b, preferLit);
      cache.set(key, leg);
      if (cache.size > PATH_CACHE_SIZE) cache.delete(cache.keys().next().value!);
      return leg;
    },
    lengthMatrix(points, preferLit = false) {
      const o = costOpts(preferLit);
      const snaps = points.map((p) => snapper.snap(p[0], p[1]));
      const groups = snaps.map((s) => (s ? terminals(s, o) : []));
      const targetsKey = points.map(pointKey).join(';');
      return snaps.map((s, i) => {
        if (!s) return points.map(() => Infinity);
        const key = `${preferLit ? 1 : 0}|${i}|${targetsKey}`;
        const hit = rowCache.get(key);
        if (hit) return [...hit];
        const found = distancesTo(space, groups[i]!, groups, o);
        const row = found.map((d) => d.lengthM), costs = found.map((d) => d.costM);
        const f = o.preferLit && graph.edgeLit[s.edge] === 0 ? o.unlitFactor : 1;
        snaps.forEach((t, j) => {
          const direct = t && t.edge === s.edge ? Math.abs(t.t - s.t) * edgeLen(s.edge) : Infinity;
          if (direct * f <= costs[j]!) row[j] = direct;
        });
        row[i] = 0;
        rowCache.set(key, row);
        if (rowCache.size > ROW_CACHE_SIZE) rowCache.delete(rowCache.keys().next().value!);
        return [...row];
      });
    },
  };
}
