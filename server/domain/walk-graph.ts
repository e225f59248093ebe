// The walking graph: nodes at shared (rounded) coordinates, undirected edges weighted by length,
// in compressed adjacency arrays, with connected components labelled (the largest is "main").

/** Mean Earth radius in metres (the value turf uses). */
export const EARTH_RADIUS_M = 6371008.8;
/** Coordinates are rounded to 1e-6° (≈ 0.1 m) so ways that share a vertex share a node. */
const COORD_DIGITS = 6;

export type GraphKind = 'streets' | 'hex-grid';

/** A polyline fed to the builder: a street way, or one hex-to-hex step. */
export interface GraphLine {
  coords: readonly (readonly [number, number])[] | readonly number[][];
  /** OSM lit=* ('yes', 'no', …) or null when unknown. */
  lit?: string | null;
  name?: string | null;
}

export interface WalkGraph {
  kind: GraphKind;
  nodeCount: number;
  lon: Float64Array;
  lat: Float64Array;
  /** CSR adjacency: the half-edges of node n are offsets[n] … offsets[n + 1] - 1. */
  offsets: Int32Array;
  targets: Int32Array;
  /** Length of each half-edge in metres. */
  lengthM: Float64Array;
  /** 1 when the way is lit (OSM lit=yes/24/7/automatic), else 0 (no or unknown). */
  lit: Uint8Array;
  /** Undirected edge list (a < b) for the spatial index; edgeLine names the line it came from. */
  edgeA: Int32Array;
  edgeB: Int32Array;
  edgeLine: Int32Array;
  /** Lit flag per undirected edge. */
  edgeLit: Uint8Array;
  lineNames: readonly (string | null)[];
  /** Connected component of each node; mainComponent is the one with the most nodes. */
  component: Int32Array;
  mainComponent: number;
  totalLengthM: number;
}

/** Great-circle distance in metres (haversine). */
export function haversineM(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
}

function isLit(lit: string | null | undefined): boolean {
  return lit === 'yes' || lit === '24/7' || lit === 'automatic' || lit === 'limited';
}

/** Labels connected components (union–find); returns labels and the largest label. */
function components(nodeCount: number, edgeA: Int32Array, edgeB: Int32Array): { component: Int32Array; main: number } {
  const parent = new Int32Array(nodeCount);
  for (let i = 0; i < nodeCount; i++) parent[i] = i;
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };
  for (let e = 0; e < edgeA.length; e++) {
    const ra = find(edgeA[e]!), rb = find(edgeB[e]!);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
  const component = new Int32Array(nodeCount);
  const size = new Map<number, number>();
  let main = 0, best = -1;
  for (let i = 0; i < nodeCount; i++) {
    const r = find(i);
    component[i] = r;
    const s = (size.get(r) ?? 0) + 1;
    size.set(r, s);
    if (s > best) [best, main] = [s, r];
  }
  return { component, main };
}

/** Builds the graph from polylines: every vertex is a node, consecutive vertices an edge. */
export function buildWalkGraph(lines: readonly GraphLine[], kind: GraphKind): WalkGraph {
  const ids = new Map<string, number>();
  const lons: number[] = [], lats: number[] = [];
  const scale = 10 ** COORD_DIGITS;
  const nodeOf = (lon: number, lat: number): number => {
    const x = Math.round(lon * scale), y = Math.round(lat * scale);
    const key = `${x},${y}`;
    let id = ids.get(key);
    if (id === undefined) {
      id = lons.length;
      ids.set(key, id);
      lons.push(x / scale);
      lats.push(y / scale);
    }
    return id;
  };
  const seen = new Set<number>(); // a * 2^26 + b: one edge per node pair (duplicates keep the first)
  const ea: number[] = [], eb: number[] = [], el: number[] = [], elit: number[] = [];
  lines.forEach((line, li) => {
    let prev = -1;
    for (const c of line.coords) {
      const id = nodeOf(c[0]!, c[1]!);
      if (prev >= 0 && prev !== id) {
        const a = Math.min(prev, id), b = Math.max(prev, id);
        const key = a * 67108864 + b;
        if (!seen.has(key)) {
          seen.add(key);
          ea.push(a), eb.push(b), el.push(li), elit.push(isLit(line.lit) ? 1 : 0);
        }
      }
      prev = id;
    }
  });
  const nodeCount = lons.length;
  const lon = Float64Array.from(lons), lat = Float64Array.from(lats);
  const edgeA = Int32Array.from(ea), edgeB = Int32Array.from(eb), edgeLine = Int32Array.from(el);
  const degree = new Int32Array(nodeCount + 1);
  for (let e = 0; e < edgeA.length; e++) degree[edgeA[e]!]!++, degree[edgeB[e]!]!++;
  const offsets = new Int32Array(nodeCount + 1);
  for (let n = 0; n < nodeCount; n++) offsets[n + 1] = offsets[n]! + degree[n]!;
  const fill = offsets.slice(0, nodeCount);
  const half = offsets[nodeCount]!;
  const targets = new Int32Array(half), lengthM = new Float64Array(half), lit = new Uint8Array(half);
  let totalLengthM = 0;
  for (let e = 0; e < edgeA.length; e++) {
    const a = edgeA[e]!, b = edgeB[e]!;
    const len = haversineM(lon[a]!, lat[a]!, lon[b]!, lat[b]!);
    totalLengthM += len;
    for (const [from, to] of [[a, b], [b, a]] as const) {
      const slot = fill[from]!++;
      targets[slot] = to;
      lengthM[slot] = len;
      lit[slot] = elit[e]!;
    }
  }
  const { component, main } = components(nodeCount, edgeA, edgeB);
  return {
    kind, nodeCount, lon, lat, offsets, targets, lengthM, lit, edgeA, edgeB, edgeLine, edgeLit: Uint8Array.from(elit),
    lineNames: lines.map((l) => l.name ?? null), component, mainComponent: main, totalLengthM,
  };
}

/** Whether nodes a and b are joined by an edge. */
export function hasEdge(graph: WalkGraph, a: number, b: number): boolean {
  for (let i = graph.offsets[a]!; i < graph.offsets[a + 1]!; i++) if (graph.targets[i] === b) return true;
  return false;
}

/** The node at a coordinate (rounded as the builder does), or -1. Linear scan: for tests and tools. */
export function nodeAt(graph: WalkGraph, lon: number, lat: number): number {
  const scale = 10 ** COORD_DIGITS;
  const x = Math.round(lon * scale) / scale, y = Math.round(lat * scale) / scale;
  for (let n = 0; n < graph.nodeCount; n++) if (graph.lon[n] === x && graph.lat[n] === y) return n;
  return -1;
}
