// Readable place names for cells in the gap list: the nearest team base when close, otherwise
// the district with a distance and compass direction from the nearest base.
import { cellToLatLng } from 'h3-js';
import { distanceM } from './track-point.ts';
import type { DistrictIndex } from './district-index.ts';

export interface PlaceBase {
  name: string;
  lon: number;
  lat: number;
}

export interface PlaceName {
  sv: string;
  en: string;
}

/** Within this distance of a base, a cell is named after it. */
const NEAR_BASE_M = 350;
const DIRS_SV = ['N', 'NO', 'O', 'SO', 'S', 'SV', 'V', 'NV'] as const;
const DIRS_EN = ['N', 'NE', 'E', 'SE', 'S', 'SW', 'W', 'NW'] as const;

function bearingIndex(from: { lat: number; lon: number }, to: { lat: number; lon: number }): number {
  const dx = (to.lon - from.lon) * Math.cos((from.lat * Math.PI) / 180);
  const dy = to.lat - from.lat;
  const deg = ((Math.atan2(dx, dy) * 180) / Math.PI + 360) % 360;
  return Math.round(deg / 45) % 8;
}

export function makePlaceNamer(bases: readonly PlaceBase[], area: DistrictIndex): (cell: string) => PlaceName {
  const names = new Map(area.districts.map((d) => [d.id, d.name]));
  return (cell) => {
    const [lat, lon] = cellToLatLng(cell);
    const here = { lat, lon };
    let best: PlaceBase | null = null;
    let bestM = Infinity;
    for (const b of bases) {
      const d = distanceM(here, b);
      if (d < bestM) [best, bestM] = [b, d];
    }
    const district = names.get(area.locate(lon, lat) ?? '') ?? null;
    if (best && bestM <= NEAR_BASE_M) return { sv: best.name, en: best.name };
    if (!best) return { sv: district ?? cell, en: district ?? cell };
    const m = Math.round(bestM / 50) * 50;
    const i = bearingIndex(best, here);
    const prefix = district ? `${district}, ` : '';
    return { sv: `${prefix}${m} m ${DIRS_SV[i]} om ${best.name}`, en: `${prefix}${m} m ${DIRS_EN[i]} of ${best.name}` };
  };
}
