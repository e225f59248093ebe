// One GPS fix of a patrol track and the small geodesy the track code needs (metres, seconds).

export interface TrackPoint {
  /** Instant of the fix, milliseconds since the epoch. */
  t: number;
  lat: number;
  lon: number;
  /** Reported horizontal accuracy (68 % radius) in metres, when the device gives one. */
  accuracyM?: number | null | undefined;
}

const EARTH_RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;

/** Great-circle distance in metres (haversine). */
export function distanceM(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const dLat = (b.lat - a.lat) * RAD;
  const dLon = (b.lon - a.lon) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * RAD) * Math.cos(b.lat * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Speed between two fixes in km/h (Infinity when they share an instant but not a place). */
export function speedKmh(a: TrackPoint, b: TrackPoint, distance = distanceM(a, b)): number {
  const dtS = Math.abs(b.t - a.t) / 1000;
  if (dtS === 0) return distance === 0 ? 0 : Infinity;
  return (distance / dtS) * 3.6;
}

/** The point a fraction f (0–1) of the way from a to b (linear in degrees: legs are tens of metres). */
export function lerpPoint(a: { lat: number; lon: number }, b: { lat: number; lon: number }, f: number): { lat: number; lon: number } {
  return { lat: a.lat + (b.lat - a.lat) * f, lon: a.lon + (b.lon - a.lon) * f };
}

export function isValidFix(p: TrackPoint): boolean {
  return Number.isFinite(p.t) && Number.isFinite(p.lat) && Number.isFinite(p.lon) && Math.abs(p.lat) <= 90 && Math.abs(p.lon) <= 180;
}
