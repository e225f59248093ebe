// Shortest paths on the walking graph in pure TypeScript: A* (haversine heuristic, admissible
// because every edge costs at least its length) for one leg, Dijkstra for one-to-many distances.
// Both start and end on points partway along edges (two endpoint entries with partial costs).
import { haversineM, type WalkGraph } from './walk-graph.ts';

/** A way onto or off the graph: a node and the cost/length of reaching it from the point. */
export interface Terminal {
  node: number;
  costM: number;
  lengthM: number;
}

export interface CostOptions {
  /** Multiply the cost of ways not known to be lit by unlitFactor (≥ 1). */
  preferLit: boolean;
  unlitFactor: number;
}

export interface PathResult {
  nodes: number[];
  /** Weighted cost (metres × lit factor). */
  costM: number;
  /** Walking length in metres, terminals included. */
  lengthM: number;
  /** Which source and target terminal the path uses. */
  source: number;
  target: number;
}

/** Binary min-heap of (id, priority) with lazy deletion by the caller. */
class MinHeap {
  private ids: number[] = [];
  private pri: number[] = [];
  get size(): number {
    return this.ids.length;
  }
  clear(): void {
    this.ids.length = 0;
    this.pri.length = 0;
  }
  peek(): number {
    return this.pri[0]!;
  }
  push(id: number, p: number): void {
    const ids = this.ids, pri = this.pri;
    let i = ids.length;
    ids.push(id), pri.push(p);
    while (i > 0) {
      const up = (i - 1) >> 1;
      if (pri[up]! <= p) break;
      ids[i] = ids[up]!, pri[i] = pri[up]!;
      i = up;
    }
    ids[i] = id, pri[i] = p;
  }
  pop(): number {
    const ids = this.ids, pri = this.pri;
    const top = ids[0]!;
    const lastId = ids.pop()!, lastP = pri.pop()!;
    const n = ids.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= n) break;
        if (c + 1 < n && pri[c + 1]! < pri[c]!) c++;
        if (pri[c]! >= lastP) break;
        ids[i] = ids[c]!, pri[i] = pri[c]!;
        i = c;
      }
      ids[i] = lastId, pri[i] = lastP;
    }
    return top;
  }
}

/** Reusable per-graph scratch arrays; a stamp marks which entries belong to the current search. */
export class SearchSpace {
  readonly g: Float64Array;
  readonly len: Float64Array;
  readonly prev: Int32Array;
  readonly seen: Uint32Array;
  readonly done: Uint32Array;
  readonly heap = new MinHeap();
  stamp = 0;
  constructor(readonly graph: WalkGraph) {
    const n = graph.nodeCount;
    this.g = new Float64Array(n);
    this.len = new Float64Array(n);
    this.prev = new Int32Array(n);
    this.seen = new Uint32Array(n);
    this.done = new Uint32Array(n);
  }
  begin(sources: readonly Terminal[], h: (n: number) => number): void {
    this.stamp++;
    this.heap.clear();
    for (const s of sources) this.relax(s.node, -1, s.costM, s.lengthM, h);
  }
  relax(n: number, from: number, g: number, len: number, h: (n: number) => number): void {
    if (this.seen[n] === this.stamp && this.g[n]! <= g) return;
    this.seen[n] = this.stamp;
    this.g[n] = g, this.len[n] = len, this.prev[n] = from;
    this.heap.push(n, g + h(n));
  }
}

function edgeCost(graph: WalkGraph, half: number, opts: CostOptions): number {
  const len = graph.lengthM[half]!;
  return opts.preferLit && graph.lit[half] === 0 ? len * opts.unlitFactor : len;
}

/** Expands the popped node's neighbours. */
function expand(space: SearchSpace, n: number, opts: CostOptions, h: (n: number) => number): void {
  const graph = space.graph;
  for (let i = graph.offsets[n]!; i < graph.offsets[n + 1]!; i++) {
    const m = graph.targets[i]!;
    if (space.done[m] === space.stamp) continue;
    space.relax(m, n, space.g[n]! + edgeCost(graph, i, opts), space.len[n]! + graph.lengthM[i]!, h);
  }
}

/** A* from any source terminal to any target terminal, heading for (goalLon, goalLat). */
export function aStar(space: SearchSpace, sources: readonly Terminal[], targets: readonly Terminal[], goal: [number, number], opts: CostOptions): PathResult | null {
  const graph = space.graph;
  const h = (n: number) => haversineM(graph.lon[n]!, graph.lat[n]!, goal[0], goal[1]);
  space.begin(sources, h);
  const exits = new Map<number, number[]>();
  targets.forEach((t, i) => exits.set(t.node, [...(exits.get(t.node) ?? []), i]));
  let best = Infinity, bestNode = -1, bestTarget = -1;
  while (space.heap.size > 0) {
    if (space.heap.peek() >= best) break;
    const n = space.heap.pop();
    if (space.done[n] === space.stamp) continue;
    space.done[n] = space.stamp;
    for (const ti of exits.get(n) ?? []) {
      const total = space.g[n]! + targets[ti]!.costM;
      if (total < best) [best, bestNode, bestTarget] = [total, n, ti];
    }
    expand(space, n, opts, h);
  }
  if (bestNode < 0) return null;
  const nodes: number[] = [];
  for (let n = bestNode; n >= 0; n = space.prev[n]!) nodes.push(n);
  nodes.reverse();
  const first = nodes[0]!;
  const source = sources.findIndex((s) => s.node === first && Math.abs(s.costM - space.g[first]!) < 1e-9);
  return { nodes, costM: best, lengthM: space.len[bestNode]! + targets[bestTarget]!.lengthM, source, target: bestTarget };
}

/**
 * Dijkstra from the sources until every target group is settled: for each group (the terminals
 * of one point) the least cost and the walking length of that least-cost path; Infinity if unreachable.
 */
export function distancesTo(space: SearchSpace, sources: readonly Terminal[], groups: readonly (readonly Terminal[])[], opts: CostOptions): { costM: number; lengthM: number }[] {
  const zero = () => 0;
  space.begin(sources, zero);
  const wanted = new Set<number>();
  for (const g of groups) for (const t of g) wanted.add(t.node);
  let left = wanted.size;
  while (space.heap.size > 0 && left > 0) {
    const n = space.heap.pop();
    if (space.done[n] === space.stamp) continue;
    space.done[n] = space.stamp;
    if (wanted.has(n)) left--;
    expand(space, n, opts, zero);
  }
  return groups.map((group) => {
    let best = { costM: Infinity, lengthM: Infinity };
    for (const t of group) {
      if (space.done[t.node] !== space.stamp) continue;
      const c = space.g[t.node]! + t.costM;
      if (c < best.costM) best = { costM: c, lengthM: space.len[t.node]! + t.lengthM };
    }
    return best;
  });
}
