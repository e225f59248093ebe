// The walking graph, snapping and A* on a hand-made network and on the real Ryd network (read
// from ../shared/geodata-raw through the project's own import; required in CI).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWalkGraph, hasEdge, haversineM, nodeAt, type WalkGraph } from '../../server/domain/walk-graph.ts';
import { makeRouter, type LonLat, type Router } from '../../server/domain/walk-router.ts';
import { buildHexGraph, hasEnoughStreets } from '../../server/domain/hex-graph.ts';
import type { Sql } from '../../server/db/sql.ts';
import { openTestDb, type TestDb } from '../helpers/databases.ts';
import { listStreets } from '../../server/db/queries/streets.ts';
import { listDistricts } from '../../server/db/queries/districts.ts';
import { makeRandom } from '../../server/domain/synthetic-reports.ts';

/** Every interior vertex of a line is a graph node and consecutive vertices are joined by an edge. */
export function followsGraph(graph: WalkGraph, coords: readonly LonLat[]): boolean {
  const inner = coords.slice(1, -1).map(([lon, lat]) => nodeAt(graph, lon, lat));
  if (inner.some((n) => n < 0)) return false;
  for (let i = 1; i < inner.length; i++) if (inner[i] !== inner[i - 1] && !hasEdge(graph, inner[i - 1]!, inner[i]!)) return false;
  return true;
}

/** Plain Dijkstra over all nodes (an independent reference for A*). */
function dijkstraM(graph: WalkGraph, from: number, to: number): number {
  const dist = new Float64Array(graph.nodeCount).fill(Infinity);
  const done = new Uint8Array(graph.nodeCount);
  dist[from] = 0;
  for (;;) {
    let u = -1;
    for (let i = 0; i < graph.nodeCount; i++) if (!done[i] && dist[i]! < Infinity && (u < 0 || dist[i]! < dist[u]!)) u = i;
    if (u < 0 || u === to) return dist[to]!;
    done[u] = 1;
    for (let k = graph.offsets[u]!; k < graph.offsets[u + 1]!; k++) dist[graph.targets[k]!] = Math.min(dist[graph.targets[k]!]!, dist[u]! + graph.lengthM[k]!);
  }
}

describe('a hand-made network', () => {
  // A square 0.001° on a side with a diagonal, plus a separate island far east.
  const lines = [
    { coords: [[15.0, 58.0], [15.001, 58.0], [15.001, 58.001]], lit: 'yes', name: 'Södra gatan' },
    { coords: [[15.001, 58.001], [15.0, 58.001], [15.0, 58.0]], lit: 'no', name: null },
    { coords: [[15.0, 58.0], [15.001, 58.001]], lit: null, name: 'Diagonalen' },
    { coords: [[15.01, 58.0], [15.011, 58.0]], lit: null, name: 'Ön' },
  ];
  const graph = buildWalkGraph(lines, 'streets');
  const router = makeRouter(graph);

  it('joins shared coordinates into one node and labels the main component', () => {
    expect(graph.nodeCount).toBe(6);
    expect(graph.edgeA.length).toBe(6);
    const main = graph.component[nodeAt(graph, 15.0, 58.0)];
    expect(main).toBe(graph.mainComponent);
    expect(graph.component[nodeAt(graph, 15.01, 58.0)]).not.toBe(main);
  });

  it('snaps a point on the island to the main component', () => {
    const snap = router.snap([15.0105, 58.0])!;
    expect(graph.component[graph.edgeA[snap.edge]!]).toBe(graph.mainComponent);
  });

  it('snaps to the nearest point along an edge, not only to vertices', () => {
    const snap = router.snap([15.0005, 57.9999])!;
    expect(snap.point[0]).toBeCloseTo(15.0005, 6);
    expect(snap.point[1]).toBeCloseTo(58.0, 6);
    expect(snap.distM).toBeCloseTo(11.1, 0);
  });

  it('takes the diagonal, and the lit way round when lit ways are preferred', () => {
    const a: LonLat = [15.0, 58.0], b: LonLat = [15.001, 58.001];
    const direct = router.leg(a, b)!;
    expect(direct.lengthM).toBeCloseTo(haversineM(15, 58, 15.001, 58.001), 3);
    const lit = makeRouter(graph, { unlitFactor: 1.5 }).leg(a, b, true)!;
    expect(lit.coords).toContainEqual([15.001, 58.0]);
    expect(lit.lengthM).toBeGreaterThan(direct.lengthM);
  });

  it('names the nearest named way within reach', () => {
    expect(router.placeName([15.0005, 57.9999])).toBe('Södra gatan');
    expect(router.placeName([15.2, 58.2])).toBeNull();
  });
});

describe('the hex-grid fallback', () => {
  const square = { type: 'Polygon' as const, coordinates: [[[15.0, 58.0], [15.01, 58.0], [15.01, 58.005], [15.0, 58.005], [15.0, 58.0]]] };
  it('connects neighbouring resolution-11 cells into one component and routes across it', () => {
    const g = buildHexGraph([square]);
    expect(g.kind).toBe('hex-grid');
    expect(g.nodeCount).toBeGreaterThan(100);
    const sizes = new Map<number, number>();
    for (const c of g.component) sizes.set(c, (sizes.get(c) ?? 0) + 1);
    expect(sizes.get(g.mainComponent)).toBe(g.nodeCount);
    const leg = makeRouter(g).leg([15.001, 58.001], [15.009, 58.004])!;
    expect(leg.lengthM).toBeGreaterThan(haversineM(15.001, 58.001, 15.009, 58.004) * 0.9);
    expect(leg.lengthM).toBeLessThan(haversineM(15.001, 58.001, 15.009, 58.004) * 1.35);
  });
  it('calls 21 km/km² enough streets and 3 km/km² too few', () => {
    expect(hasEnoughStreets(105, 4.9)).toBe(true);
    expect(hasEnoughStreets(5.4, 2.0)).toBe(false);
  });
});

const STREETS_FILE = fileURLToPath(new URL('../../../shared/geodata-raw/linkoping_highway_graph_osm2018_tdde25.geojson', import.meta.url));
const present = existsSync(STREETS_FILE);
if (!present && process.env.CI) throw new Error(`${STREETS_FILE} is required in CI for the walking-graph test`);
if (!present) console.warn(`skipping the Ryd walking-graph test: ${STREETS_FILE} is absent`);

describe.skipIf(!present)('the real Ryd network', () => {
  let db: TestDb;
  let sql: Sql;
  let graph: WalkGraph;
  let router: Router;

  beforeAll(async () => {
    db = await openTestDb({ name: 'pglite' }, { streetsFile: STREETS_FILE });
    sql = db.sql;
    graph = buildWalkGraph(await listStreets(sql, { districtId: 'ryd' }), 'streets');
    router = makeRouter(graph);
  }, 120_000);

  afterAll(() => db?.close());

  it('has one large component holding most of Ryd’s ways', () => {
    const sizes = new Map<number, number>();
    for (const c of graph.component) sizes.set(c, (sizes.get(c) ?? 0) + 1);
    expect(graph.totalLengthM / 1000).toBeGreaterThan(80);
    expect(sizes.get(graph.mainComponent)! / graph.nodeCount).toBeGreaterThan(0.9);
  });

  it('finds the same shortest lengths as a plain Dijkstra, along graph edges', async () => {
    const ryd = (await listDistricts(sql)).find((d) => d.id === 'ryd')!;
    const rnd = makeRandom(5);
    const [w, s, e, n] = [15.545, 58.400, 15.575, 58.418];
    for (let i = 0; i < 5; i++) {
      const a: LonLat = [w + rnd() * (e - w), s + rnd() * (n - s)], b: LonLat = [w + rnd() * (e - w), s + rnd() * (n - s)];
      const leg = router.leg(a, b)!;
      expect(followsGraph(graph, leg.coords)).toBe(true);
      const ends = [leg.coords[1]!, leg.coords[leg.coords.length - 2]!].map(([x, y]) => nodeAt(graph, x, y));
      const inner = leg.lengthM - haversineM(...leg.coords[0]!, ...leg.coords[1]!) - haversineM(...leg.coords[leg.coords.length - 2]!, ...leg.coords[leg.coords.length - 1]!);
      if (leg.coords.length > 3) expect(inner).toBeCloseTo(dijkstraM(graph, ends[0]!, ends[1]!), 3);
    }
    expect(ryd.name).toBe('Ryd');
  }, 120_000);

  it('gives a distance matrix that agrees with single legs', () => {
    const pts: LonLat[] = [[15.5646, 58.4084], [15.552, 58.41], [15.57, 58.404]];
    const m = router.lengthMatrix(pts);
    expect(m[0]![1]).toBeCloseTo(router.leg(pts[0]!, pts[1]!)!.lengthM, 3);
    expect(m[2]![1]).toBeCloseTo(router.leg(pts[2]!, pts[1]!)!.lengthM, 3);
  });
});
