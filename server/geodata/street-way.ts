// The common shape every street parser produces, and the line geometry the import needs.

/** One way (or way piece) of the walkable network; coords are [lon, lat] in WGS84. */
export interface StreetWay {
  osmWayId: number | null;
  name: string | null;
  highway: string | null;
  lit: string | null;
  coords: [number, number][];
}

/** Mean earth radius in metres (IUGG), the value Turf uses too. */
export const EARTH_RADIUS_M = 6371008.8;

const RAD = Math.PI / 180;

/** Great-circle distance in metres between two [lon, lat] points (haversine). */
export function distanceM(a: readonly [number, number], b: readonly [number, number]): number {
  const dLat = (b[1] - a[1]) * RAD;
  const dLon = (b[0] - a[0]) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * RAD) * Math.cos(b[1] * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Length of a polyline in metres. */
export function lineLengthM(coords: readonly (readonly [number, number])[]): number {
  let total = 0;
  for (let i = 1; i < coords.length; i++) total += distanceM(coords[i - 1]!, coords[i]!);
  return total;
}

/** The point halfway along a polyline (by length), interpolated linearly within its segment. */
export function lineMidpoint(coords: readonly (readonly [number, number])[]): [number, number] {
  const first = coords[0];
  if (!first) throw new Error('lineMidpoint: empty line');
  const half = lineLengthM(coords) / 2;
  let walked = 0;
  for (let i = 1; i < coords.length; i++) {
    const a = coords[i - 1]!;
    const b = coords[i]!;
    const seg = distanceM(a, b);
    if (walked + seg >= half && seg > 0) {
      const t = (half - walked) / seg;
      return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
    }
    walked += seg;
  }
  return [first[0], first[1]];
}
