// Snapping points to the walking graph: a Flatbush R-tree over edge boxes in local metres, the
// nearest edge of the main component found exactly (box distance is a lower bound), and the
// projection of the point onto it.
import Flatbush from 'flatbush';
import type { WalkGraph } from './walk-graph.ts';

export interface Snap {
  /** Undirected edge index (graph.edgeA / edgeB). */
  edge: number;
  /** Position of the projection along the edge, 0 at edgeA, 1 at edgeB. */
  t: number;
  /** The projected point [lon, lat]. */
  point: [number, number];
  /** Straight distance from the query point to the projection, metres. */
  distM: number;
}

export interface Snapper {
  /** Nearest point on the main component; null only for an empty graph. */
  snap(lon: number, lat: number): Snap | null;
  /** Name of the nearest named line within maxDistM, or null. */
  nearestName(lon: number, lat: number, maxDistM: number): string | null;
}

/** Equirectangular metres around a reference latitude: exact enough within a town. */
export function localProjection(refLat: number): { kx: number; ky: number } {
  const ky = (Math.PI / 180) * 6371008.8;
  return { kx: ky * Math.cos((refLat * Math.PI) / 180), ky };
}

export function makeSnapper(graph: WalkGraph): Snapper {
  const n = graph.edgeA.length;
  let refLat = 0;
  for (let i = 0; i < graph.nodeCount; i++) refLat += graph.lat[i]! / Math.max(1, graph.nodeCount);
  const { kx, ky } = localProjection(refLat);
  const index = n > 0 ? new Flatbush(n) : null;
  for (let e = 0; e < n; e++) {
    const a = graph.edgeA[e]!, b = graph.edgeB[e]!;
    const ax = graph.lon[a]! * kx, ay = graph.lat[a]! * ky, bx = graph.lon[b]! * kx, by = graph.lat[b]! * ky;
    index!.add(Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by));
  }
  index?.finish();

  const project = (e: number, x: number, y: number) => {
    const a = graph.edgeA[e]!, b = graph.edgeB[e]!;
    const ax = graph.lon[a]! * kx, ay = graph.lat[a]! * ky, bx = graph.lon[b]! * kx, by = graph.lat[b]! * ky;
    const dx = bx - ax, dy = by - ay;
    const len2 = dx * dx + dy * dy;
    const t = len2 > 0 ? Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / len2)) : 0;
    const px = ax + t * dx, py = ay + t * dy;
    return { t, px, py, d: Math.hypot(x - px, y - py) };
  };

  /** Exact nearest edge passing `keep`: first the nearest box, then every box within its exact distance. */
  const nearest = (lon: number, lat: number, keep: (e: number) => boolean, maxDistM = Infinity) => {
    if (!index) return null;
    const x = lon * kx, y = lat * ky;
    const first = index.neighbors(x, y, 1, maxDistM, keep);
    if (first.length === 0) return null;
    const bound = project(first[0]!, x, y).d;
    let best = { e: -1, t: 0, px: 0, py: 0, d: Infinity };
    for (const e of index.neighbors(x, y, Infinity, bound + 1e-6, keep)) {
      const p = project(e, x, y);
      if (p.d < best.d) best = { e, ...p };
    }
    return best.e < 0 ? null : best;
  };

  const isMain = (e: number) => graph.component[graph.edgeA[e]!] === graph.mainComponent;
  return {
    snap(lon, lat) {
      const best = nearest(lon, lat, isMain);
      if (!best) return null;
      return { edge: best.e, t: best.t, point: [best.px / kx, best.py / ky], distM: best.d };
    },
    nearestName(lon, lat, maxDistM) {
      const best = nearest(lon, lat, (e) => graph.lineNames[graph.edgeLine[e]!] != null, maxDistM);
      return best && best.d <= maxDistM ? (graph.lineNames[graph.edgeLine[best.e]!] ?? null) : null;
    },
  };
}
