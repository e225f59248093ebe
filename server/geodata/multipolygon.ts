// Assembles a multipolygon relation's member ways into polygons: pieces joined end to end into
// closed rings (by shared node ids, reversed where needed), each inner ring put into the outer
// ring that holds it, rings wound as RFC 7946 asks (outer counter-clockwise, holes clockwise).
// Reference: https://wiki.openstreetmap.org/wiki/Relation:multipolygon/Algorithm
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { signedArea } from './map-geometry.ts';

export interface MemberWay {
  role: string;
  refs: readonly number[];
}

export interface AssembleResult {
  geometry: Polygon | MultiPolygon | null;
  /** Pieces that did not close into a ring (the extract cut them, or the relation is broken). */
  openPieces: number;
}

/** Joins pieces into closed rings of node ids; returns the rings and the count of pieces left open. */
export function joinRings(pieces: readonly (readonly number[])[]): { rings: number[][]; open: number } {
  const pool = pieces.filter((p) => p.length >= 2).map((p) => [...p]);
  const rings: number[][] = [];
  let open = 0;
  while (pool.length > 0) {
    const ring = pool.pop()!;
    let used = 1;
    while (ring[0] !== ring[ring.length - 1]) {
      const end = ring[ring.length - 1]!;
      const i = pool.findIndex((p) => p[0] === end || p[p.length - 1] === end);
      if (i < 0) break;
      const next = pool.splice(i, 1)[0]!;
      if (next[0] !== end) next.reverse();
      for (let k = 1; k < next.length; k++) ring.push(next[k]!);
      used++;
    }
    if (ring.length >= 4 && ring[0] === ring[ring.length - 1]) rings.push(ring);
    else open += used;
  }
  return { rings, open };
}

/** Ray casting: is the point inside the ring? */
function pointInRing(p: Position, ring: readonly Position[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[i]!, b = ring[j]!;
    if (a[1]! > p[1]! !== b[1]! > p[1]! && p[0]! < ((b[0]! - a[0]!) * (p[1]! - a[1]!)) / (b[1]! - a[1]!) + a[0]!) inside = !inside;
  }
  return inside;
}

function wound(ring: Position[], ccw: boolean): Position[] {
  return signedArea(ring) > 0 === ccw ? ring : [...ring].reverse();
}

/**
 * Builds the relation's geometry. Roles decide outer vs inner; rings with an empty or unknown
 * role count as inner when another ring holds them. Coordinates come from `coordOf` (node id →
 * [lon, lat]); a ring with a node the extract lacks is dropped.
 */
export function assembleMultipolygon(members: readonly MemberWay[], coordOf: (id: number) => [number, number] | undefined): AssembleResult {
  const byRole = (inner: boolean) => members.filter((m) => (m.role === 'inner') === inner).map((m) => m.refs);
  const outerJoin = joinRings(byRole(false));
  const innerJoin = joinRings(byRole(true));
  const toCoords = (ids: number[]): Position[] | null => {
    const out: Position[] = [];
    for (const id of ids) {
      const c = coordOf(id);
      if (!c) return null;
      out.push(c);
    }
    return out;
  };
  let outers = outerJoin.rings.map(toCoords).filter((r): r is Position[] => r !== null);
  const inners = innerJoin.rings.map(toCoords).filter((r): r is Position[] => r !== null);
  // Untagged-role rings inside another outer ring are holes too (old, role-less relations).
  const roleless = new Set(members.filter((m) => m.role !== 'outer' && m.role !== 'inner').length > 0 ? outers : []);
  const demoted = outers.filter((r) => roleless.has(r) && outers.some((o) => o !== r && pointInRing(r[0]!, o) && Math.abs(signedArea(o)) > Math.abs(signedArea(r))));
  if (demoted.length > 0) {
    outers = outers.filter((r) => !demoted.includes(r));
    inners.push(...demoted);
  }
  if (outers.length === 0) return { geometry: null, openPieces: outerJoin.open + innerJoin.open };
  // Smallest enclosing outer takes each hole.
  const polys = outers
    .sort((a, b) => Math.abs(signedArea(a)) - Math.abs(signedArea(b)))
    .map((o) => [wound(o, true)]);
  for (const hole of inners) {
    const owner = polys.find((p) => pointInRing(hole[0]!, p[0]!) || pointInRing(hole[1] ?? hole[0]!, p[0]!));
    if (owner) owner.push(wound(hole, false));
  }
  const geometry: Polygon | MultiPolygon = polys.length === 1 ? { type: 'Polygon', coordinates: polys[0]! } : { type: 'MultiPolygon', coordinates: polys };
  return { geometry, openPieces: outerJoin.open + innerJoin.open };
}
