// Reverse geocoding over the place index: the nearest address, POI, named building or street
// (to the street's line, not its vertices), found exactly with Flatbush — the nearest box first,
// then every item whose box lies within that first candidate's distance (a box's distance is a
// lower bound of its item's) — and the landmark a place is "vid" (next to).
import type { Place, PlaceIndex } from './place-index.ts';

/**
 * A street must be this much nearer than an address or POI to win (metres): address points sit
 * inside buildings, ~10–20 m back from the street line, and the house names the spot better.
 */
export const STREET_SLACK_M = 12;
/** Default search radius of reverse geocoding (metres). */
export const DEFAULT_REVERSE_MAX_M = 1000;

export interface ReverseHit {
  place: Place;
  /** Straight-line distance from the point to the place (its line, for streets), metres. */
  distanceM: number;
}

function segmentDistance(index: PlaceIndex, item: number, x: number, y: number): number {
  const o = 4 * item;
  const ax = index.itemXY[o]!, ay = index.itemXY[o + 1]!, bx = index.itemXY[o + 2]!, by = index.itemXY[o + 3]!;
  const dx = bx - ax, dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 > 0 ? Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / len2)) : 0;
  return Math.hypot(x - (ax + t * dx), y - (ay + t * dy));
}

/** The nearest address, POI, named building or street within maxDistM, or null. */
export function reversePlace(index: PlaceIndex, lon: number, lat: number, opts: { maxDistM?: number } = {}): ReverseHit | null {
  const tree = index.spatial;
  if (!tree || !Number.isFinite(lon) || !Number.isFinite(lat)) return null;
  const maxDistM = opts.maxDistM ?? DEFAULT_REVERSE_MAX_M;
  const x = lon * index.kx, y = lat * index.ky;
  const cost = (item: number) => {
    const d = segmentDistance(index, item, x, y);
    return { d, c: d + (index.places[index.itemPlace[item]!]!.kind === 'street' ? STREET_SLACK_M : 0) };
  };
  const first = tree.neighbors(x, y, 1, maxDistM);
  if (!first.length) return null;
  let best = { item: first[0]!, ...cost(first[0]!) };
  for (const item of tree.neighbors(x, y, Infinity, best.c)) {
    const k = cost(item);
    if (k.c < best.c || (k.c === best.c && index.itemPlace[item]! < index.itemPlace[best.item]!)) best = { item, ...k };
  }
  if (best.d > maxDistM) return null;
  return { place: index.places[index.itemPlace[best.item]!]!, distanceM: best.d };
}

/** The nearest landmark (team base, place, larger POI) within maxDistM, other than `not`. */
export function nearestLandmark(index: PlaceIndex, lon: number, lat: number, maxDistM: number, not?: Place): ReverseHit | null {
  if (!index.landmarks) return null;
  const x = lon * index.kx, y = lat * index.ky;
  const notName = not ? index.folded[not.id] : undefined;
  const [hit] = index.landmarks.neighbors(x, y, 1, maxDistM, (i) => {
    const id = index.landmarkPlace[i]!;
    return id !== not?.id && index.folded[id] !== notName;
  });
  if (hit === undefined) return null;
  const place = index.places[index.landmarkPlace[hit]!]!;
  return { place, distanceM: Math.hypot(place.lon * index.kx - x, place.lat * index.ky - y) };
}
