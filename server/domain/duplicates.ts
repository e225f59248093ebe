// Duplicate suggestions for moderation: reports of the same or a related category within
// 100 m and 48 hours of each other (distance by haversine, time as the gap between windows).
import { distance } from '@turf/turf';

/** Defaults from the moderation brief. */
export const DUPLICATE_RADIUS_M = 100;
export const DUPLICATE_WINDOW_H = 48;

/**
 * Categories a resident may plausibly confuse for one another (EST practice): the same
 * event is often filed as graffiti or vandalism, as a gathering or disorder.
 */
const RELATED_GROUPS: readonly (readonly string[])[] = [
  ['skadegorelse', 'klotter', 'brand'],
  ['ordningsstorning', 'otrygghetsskapande-samling', 'hot-vald', 'narkotika'],
  ['otrygg-plats', 'nedskrapning'],
];

export function areRelatedCategories(a: string, b: string): boolean {
  if (a === b) return true;
  return RELATED_GROUPS.some((g) => g.includes(a) && g.includes(b));
}

export interface DuplicateCandidate {
  id: string;
  category: string;
  lat: number;
  lon: number;
  observedFrom: Date;
  observedTo: Date;
}

export interface DuplicateSuggestion<T extends DuplicateCandidate> {
  report: T;
  distanceM: number;
  /** Hours between the two observation windows (0 when they overlap). */
  gapH: number;
  sameCategory: boolean;
}

/** Hours between two time windows; 0 when they overlap. */
export function windowGapH(a: { observedFrom: Date; observedTo: Date }, b: { observedFrom: Date; observedTo: Date }): number {
  const gapMs = Math.max(0, a.observedFrom.getTime() - b.observedTo.getTime(), b.observedFrom.getTime() - a.observedTo.getTime());
  return gapMs / 3600_000;
}

export function distanceM(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  return distance([a.lon, a.lat], [b.lon, b.lat], { units: 'meters' });
}

/**
 * The candidates that may describe the same event as `target`, nearest first (same category
 * before related ones at equal distance). The target itself is never suggested.
 */
export function findDuplicates<T extends DuplicateCandidate>(
  target: DuplicateCandidate,
  candidates: readonly T[],
  opts: { radiusM?: number; windowH?: number } = {},
): DuplicateSuggestion<T>[] {
  const radiusM = opts.radiusM ?? DUPLICATE_RADIUS_M;
  const windowH = opts.windowH ?? DUPLICATE_WINDOW_H;
  const out: DuplicateSuggestion<T>[] = [];
  for (const c of candidates) {
    if (c.id === target.id || !areRelatedCategories(target.category, c.category)) continue;
    const d = distanceM(target, c);
    if (d > radiusM) continue;
    const gapH = windowGapH(target, c);
    if (gapH > windowH) continue;
    out.push({ report: c, distanceM: Math.round(d), gapH: Math.round(gapH * 10) / 10, sameCategory: c.category === target.category });
  }
  return out.sort((a, b) => a.distanceM - b.distanceM || Number(b.sameCategory) - Number(a.sameCategory));
}

/** A lat/lon box that contains every point within radiusM of (lat, lon): the SQL prefilter. */
export function searchBox(lat: number, lon: number, radiusM: number): { minLat: number; maxLat: number; minLon: number; maxLon: number } {
  const dLat = radiusM / 111_000 + 1e-6;
  const dLon = radiusM / (111_000 * Math.cos((lat * Math.PI) / 180)) + 1e-6;
  return { minLat: lat - dLat, maxLat: lat + dLat, minLon: lon - dLon, maxLon: lon + dLon };
}
