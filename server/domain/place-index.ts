// The place index: every named thing of the area (districts, team bases, places, streets,
// addresses, POIs, named buildings) in memory, for prefix search by folded name and for reverse
// geocoding. Search keys are the folded name from each word start, sorted, so a query is one
// binary search and a scan of the matching range; ranks are precomputed so the best `limit`
// matches come from one numeric sort. Spatial lookups go through one Flatbush R-tree (points and
// street segments in local metres; see place-reverse.ts).
import Flatbush from 'flatbush';
import { foldName, houseNumberOrder, wordStarts } from './place-fold.ts';
import { localProjection } from './walk-graph-snap.ts';

export type PlaceKind = 'district' | 'place' | 'base' | 'street' | 'poi' | 'building' | 'address';

/** Order of kinds within one match tier: areas first, single addresses last. */
export const KIND_ORDER: readonly PlaceKind[] = ['district', 'place', 'base', 'street', 'poi', 'building', 'address'];

export type LonLat = [number, number];
export type Bbox = [number, number, number, number];

export interface PlaceInput {
  kind: PlaceKind;
  name: string;
  /** For POIs and places: the map_features kind (school, bus_stop, suburb, square …). */
  subkind?: string | null;
  districtId: string | null;
  street?: string | null;
  housenumber?: string | null;
  /** A representative point: where the map flies and what reverse geocoding measures to. */
  lon: number;
  lat: number;
  bbox?: Bbox | null;
  /** Streets: the lines (reverse geocoding measures to them, not to the point). */
  lines?: LonLat[][] | null;
}

export interface Place extends PlaceInput {
  id: number;
  /** The district's name, or null outside every district. */
  district: string | null;
  bbox: Bbox;
}

export interface PlaceIndex {
  places: readonly Place[];
  /** Sorted folded keys (each place's folded name from each word start). */
  keys: readonly string[];
  keyPlace: Int32Array;
  /** 1 when the key starts at the name's first word. */
  keyIsStart: Uint8Array;
  /** Position of each place in the static order (kind, folded name, house number). */
  rank: Int32Array;
  byRank: Int32Array;
  folded: readonly string[];
  /** Spatial items: a point place, or one segment of a street line (see place-reverse.ts). */
  spatial: Flatbush | null;
  itemPlace: Int32Array;
  /** Segment end points in local metres per item (a point item repeats its point). */
  itemXY: Float64Array;
  kx: number;
  ky: number;
  /** Landmarks for "…, vid X": team bases, places and larger POIs. */
  landmarks: Flatbush | null;
  landmarkPlace: Int32Array;
}

/** POI kinds people use as landmarks when saying where something is. */
export const LANDMARK_POI_KINDS = new Set(['school', 'library', 'youth_centre', 'community_centre', 'sports_centre', 'sports_hall', 'station', 'townhall', 'supermarket', 'place_of_worship', 'hospital', 'clinic']);

function boxOf(p: PlaceInput): Bbox {
  if (p.bbox) return p.bbox;
  if (p.lines?.length) {
    let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
    for (const line of p.lines) for (const [x, y] of line) [w, s, e, n] = [Math.min(w, x), Math.min(s, y), Math.max(e, x), Math.max(n, y)];
    return [w, s, e, n];
  }
  return [p.lon, p.lat, p.lon, p.lat];
}

/** Builds the index; `districtName` maps district ids to names. */
export function makePlaceIndex(inputs: readonly PlaceInput[], districtName: (id: string) => string | null): PlaceIndex {
  const places: Place[] = inputs.map((p, id) => ({ ...p, id, district: p.districtId ? districtName(p.districtId) : null, bbox: boxOf(p) }));
  const folded = places.map((p) => foldName(p.name));

  // Static order: kind, then the street (addresses) or name, then the house number, then the name.
  const order = places.map((_, i) => i);
  const sortName = places.map((p, i) => (p.kind === 'address' ? foldName(p.street ?? p.name) : folded[i]!));
  const house = places.map((p) => houseNumberOrder(p.housenumber));
  const kindPos = places.map((p) => KIND_ORDER.indexOf(p.kind));
  order.sort((a, b) => kindPos[a]! - kindPos[b]! || cmp(sortName[a]!, sortName[b]!) || house[a]![0] - house[b]![0] || cmp(house[a]![1], house[b]![1]) || cmp(folded[a]!, folded[b]!) || cmp(places[a]!.district ?? '', places[b]!.district ?? '') || a - b);
  const rank = new Int32Array(places.length);
  order.forEach((p, r) => (rank[p] = r));

  // Keys: the folded name from each word start.
  const entries: { key: string; place: number; isStart: number }[] = [];
  places.forEach((_, i) => {
    const f = folded[i]!;
    if (!f) return;
    for (const at of wordStarts(f)) entries.push({ key: at === 0 ? f : f.slice(at), place: i, isStart: at === 0 ? 1 : 0 });
  });
  entries.sort((a, b) => cmp(a.key, b.key) || rank[a.place]! - rank[b.place]!);

  const spatialParts = buildSpatial(places);
  return {
    places,
    keys: entries.map((e) => e.key),
    keyPlace: Int32Array.from(entries, (e) => e.place),
    keyIsStart: Uint8Array.from(entries, (e) => e.isStart),
    rank,
    byRank: Int32Array.from(order),
    folded,
    ...spatialParts,
  };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Kinds reverse geocoding answers with. */
const REVERSE_KINDS = new Set<PlaceKind>(['address', 'poi', 'street', 'building']);

function buildSpatial(places: readonly Place[]) {
  let refLat = 0;
  for (const p of places) refLat += p.lat / Math.max(1, places.length);
  const { kx, ky } = localProjection(places.length ? refLat : 58.4);
  const itemPlace: number[] = [];
  const xy: number[] = [];
  for (const p of places) {
    if (!REVERSE_KINDS.has(p.kind)) continue;
    if (p.kind === 'street' && p.lines?.length) {
      for (const line of p.lines) {
        for (let i = 1; i < line.length; i++) {
          itemPlace.push(p.id);
          xy.push(line[i - 1]![0] * kx, line[i - 1]![1] * ky, line[i]![0] * kx, line[i]![1] * ky);
        }
        if (line.length === 1) (itemPlace.push(p.id), xy.push(line[0]![0] * kx, line[0]![1] * ky, line[0]![0] * kx, line[0]![1] * ky));
      }
    } else {
      itemPlace.push(p.id);
      xy.push(p.lon * kx, p.lat * ky, p.lon * kx, p.lat * ky);
    }
  }
  let spatial: Flatbush | null = null;
  if (itemPlace.length) {
    spatial = new Flatbush(itemPlace.length);
    for (let i = 0; i < itemPlace.length; i++) {
      const [ax, ay, bx, by] = [xy[4 * i]!, xy[4 * i + 1]!, xy[4 * i + 2]!, xy[4 * i + 3]!];
      spatial.add(Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by));
    }
    spatial.finish();
  }
  const marks = places.filter((p) => p.kind === 'base' || p.kind === 'place' || (p.kind === 'poi' && LANDMARK_POI_KINDS.has(p.subkind ?? '')));
  let landmarks: Flatbush | null = null;
  if (marks.length) {
    landmarks = new Flatbush(marks.length);
    for (const p of marks) landmarks.add(p.lon * kx, p.lat * ky, p.lon * kx, p.lat * ky);
    landmarks.finish();
  }
  return { spatial, itemPlace: Int32Array.from(itemPlace), itemXY: Float64Array.from(xy), kx, ky, landmarks, landmarkPlace: Int32Array.from(marks, (p) => p.id) };
}

/** How a place matched a query: the whole name, the name's start, a later word's start, or every word somewhere. */
export const MatchTier = { Exact: 0, Prefix: 1, WordPrefix: 2, AllWords: 3 } as const;
export type MatchTier = (typeof MatchTier)[keyof typeof MatchTier];

export interface PlaceHit {
  place: Place;
  tier: MatchTier;
}

export interface SearchOptions {
  limit: number;
  /** Only these kinds (all when absent). */
  kinds?: ReadonlySet<PlaceKind>;
}

function lowerBound(keys: readonly string[], q: string): number {
  let lo = 0, hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid]! < q) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Calls fn(keyIndex) for every key starting with q. */
function eachPrefixed(index: PlaceIndex, q: string, fn: (k: number) => void): void {
  for (let k = lowerBound(index.keys, q); k < index.keys.length && index.keys[k]!.startsWith(q); k++) fn(k);
}

const RANK_BITS = 2 ** 24;

/**
 * Places whose name starts with the query, or one of whose words does (case, å/ä/ö and
 * punctuation ignored), best first: exact name, then name prefix, then word prefix, then names
 * holding every query word in any order; within a tier by kind, name and house number.
 */
export function searchPlaces(index: PlaceIndex, query: string, opts: SearchOptions): PlaceHit[] {
  const q = foldName(query);
  if (!q || opts.limit <= 0) return [];
  const best = new Map<number, number>();
  const consider = (place: number, tier: MatchTier) => {
    if (opts.kinds && !opts.kinds.has(index.places[place]!.kind)) return;
    const score = tier * RANK_BITS + index.rank[place]!;
    const had = best.get(place);
    if (had === undefined || score < had) best.set(place, score);
  };
  eachPrefixed(index, q, (k) => {
    const place = index.keyPlace[k]!;
    consider(place, index.keyIsStart[k] ? (index.folded[place]!.length === q.length ? MatchTier.Exact : MatchTier.Prefix) : MatchTier.WordPrefix);
  });
  const words = q.split(' ');
  if (words.length > 1 && best.size < opts.limit) {
    // Words in any order ("centrum skäggetorp", "12 rydsvägen"): look up the longest word, keep
    // names in which every query word starts a word.
    const longest = words.reduce((a, b) => (b.length > a.length ? b : a));
    eachPrefixed(index, longest, (k) => {
      const place = index.keyPlace[k]!;
      if (best.has(place)) return;
      const nameWords = index.folded[place]!.split(' ');
      if (words.every((w) => nameWords.some((n) => n.startsWith(w)))) consider(place, MatchTier.AllWords);
    });
  }
  const scores = Float64Array.from(best.values()).sort();
  const out: PlaceHit[] = [];
  for (let i = 0; i < scores.length && out.length < opts.limit; i++) {
    const s = scores[i]!;
    const tier = Math.floor(s / RANK_BITS) as MatchTier;
    out.push({ place: index.places[index.byRank[s - tier * RANK_BITS]!]!, tier });
  }
  return out;
}
