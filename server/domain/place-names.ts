// The one function that names a point for people, in Swedish and English: the nearest address,
// POI or street with the landmark it is next to ("Rydsvägen 12, vid Ryds centrum"), and, when
// nothing named is near, the district with a distance and compass direction from the nearest
// team base ("Ryd, 750 m NV om Ryds centrum").
import type { Place, PlaceIndex } from './place-index.ts';
import { nearestLandmark, reversePlace, type ReverseHit } from './place-reverse.ts';
import { haversineM } from './walk-graph.ts';

export interface PlaceName {
  sv: string;
  en: string;
}

/**
 * Points farther than this from every address, POI and street get the fallback text (metres):
 * "400 m från Rydsvägen" still says more than a compass bearing from the district centre.
 */
export const NAME_MAX_M = 400;
/** Farther than this from the named place, the label says how far (metres). */
const AT_PLACE_M = 60;
/** A landmark this near is added as ", vid X" (metres). */
const LANDMARK_M = 400;
/** Within this distance of a team base, the fallback names the base alone (metres). */
const NEAR_BASE_M = 350;
const DIRS_SV = ['N', 'NO', 'O', 'SO', 'S', 'SV', 'V', 'NV'] as const;
const DIRS_EN = ['N', 'NE', 'E', 'SE', 'S', 'SW', 'W', 'NW'] as const;

export interface PointLocator {
  /** Id of the district holding the point, or null. */
  locate(lon: number, lat: number): string | null;
}

function bearingIndex(from: { lat: number; lon: number }, to: { lat: number; lon: number }): number {
  const dx = (to.lon - from.lon) * Math.cos((from.lat * Math.PI) / 180);
  const dy = to.lat - from.lat;
  const deg = ((Math.atan2(dx, dy) * 180) / Math.PI + 360) % 360;
  return Math.round(deg / 45) % 8;
}

const round = (m: number) => (m < 100 ? Math.round(m / 10) * 10 : Math.round(m / 50) * 50);

/** "Rydsvägen 12" for an address, the name otherwise. */
export function placeTitle(p: Place): string {
  return p.kind === 'address' && p.street && p.housenumber ? `${p.street} ${p.housenumber}` : p.name;
}

/** The label of a reverse-geocoding hit, with its landmark when one is near. */
export function labelHit(index: PlaceIndex, hit: ReverseHit, at: { lon: number; lat: number }): PlaceName {
  const title = placeTitle(hit.place);
  const far = hit.distanceM > AT_PLACE_M ? round(hit.distanceM) : 0;
  const base = far ? { sv: `${far} m från ${title}`, en: `${far} m from ${title}` } : { sv: title, en: title };
  const mark = nearestLandmark(index, at.lon, at.lat, LANDMARK_M, hit.place);
  if (!mark || title.toLowerCase().includes(mark.place.name.toLowerCase())) return base;
  // Standing at a landmark (a team base, a square) farther from anything else: the landmark names it.
  if (mark.distanceM <= AT_PLACE_M && mark.distanceM < hit.distanceM) return { sv: mark.place.name, en: mark.place.name };
  return { sv: `${base.sv}, vid ${mark.place.name}`, en: `${base.en}, near ${mark.place.name}` };
}

/** Team bases and district names of an index, found once per index. */
const fallbackParts = new WeakMap<PlaceIndex, { bases: Place[]; districts: Map<string, string> }>();
function partsOf(index: PlaceIndex) {
  let parts = fallbackParts.get(index);
  if (!parts) {
    parts = { bases: index.places.filter((p) => p.kind === 'base'), districts: new Map(index.places.filter((p) => p.kind === 'district' && p.districtId).map((p) => [p.districtId!, p.name])) };
    fallbackParts.set(index, parts);
  }
  return parts;
}

/** Today's text when nothing named is near: the district, and distance and direction from the nearest base. */
export function fallbackName(index: PlaceIndex, area: PointLocator, lon: number, lat: number): PlaceName {
  const here = { lon, lat };
  const { bases, districts } = partsOf(index);
  let best: Place | null = null;
  let bestM = Infinity;
  for (const p of bases) {
    const d = haversineM(lon, lat, p.lon, p.lat);
    if (d < bestM) [best, bestM] = [p, d];
  }
  const districtId = area.locate(lon, lat);
  const district = districtId ? (districts.get(districtId) ?? null) : null;
  if (best && bestM <= NEAR_BASE_M) return { sv: best.name, en: best.name };
  const plain = district ?? `${lat.toFixed(4)}, ${lon.toFixed(4)}`;
  if (!best) return { sv: plain, en: plain };
  const m = Math.round(bestM / 50) * 50;
  const i = bearingIndex(best, here);
  const prefix = district ? `${district}, ` : '';
  return { sv: `${prefix}${m} m ${DIRS_SV[i]} om ${best.name}`, en: `${prefix}${m} m ${DIRS_EN[i]} of ${best.name}` };
}

/** Names a point: the nearest named thing within NAME_MAX_M (with its landmark), else the fallback. */
export function namePoint(index: PlaceIndex, area: PointLocator, lon: number, lat: number): PlaceName {
  const hit = reversePlace(index, lon, lat, { maxDistM: NAME_MAX_M });
  return hit ? labelHit(index, hit, { lon, lat }) : fallbackName(index, area, lon, lat);
}

/** A namer bound to one index and district lookup. */
export type PointNamer = (lon: number, lat: number) => PlaceName;

export function makePointNamer(index: PlaceIndex, area: PointLocator): PointNamer {
  return (lon, lat) => namePoint(index, area, lon, lat);
}
