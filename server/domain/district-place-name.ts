// The fallback place namer for the lägesbild (until reverse geocoding is wired in): the district's
// name with the distance and compass direction from the district's centre, e.g. "Ryd, 400 m NV
// om centrum". A geocoder `(lat, lon) => string` replaces it where the lead injects one.
import { centroid } from '@turf/turf';
import { distanceM } from './track-point.ts';
import type { DistrictIndex } from './district-index.ts';

export type PlaceNameFn = (lat: number, lon: number) => string;

const DIRS_SV = ['N', 'NO', 'O', 'SO', 'S', 'SV', 'V', 'NV'] as const;
/** Within this distance of a district's centre the place is just "<district> centrum". */
const CENTRE_M = 150;

export function makeDistrictPlaceNamer(area: DistrictIndex): PlaceNameFn {
  const centres = new Map(area.districts.map((d) => {
    const [lon, lat] = centroid({ type: 'Feature', properties: {}, geometry: d.geometry }).geometry.coordinates as [number, number];
    return [d.id, { name: d.name, lat, lon }];
  }));
  return (lat, lon) => {
    const id = area.locate(lon, lat);
    const c = id ? centres.get(id) : undefined;
    if (!c) return `${lat.toFixed(4)}, ${lon.toFixed(4)}`;
    const m = distanceM(c, { lat, lon });
    if (m < CENTRE_M) return `${c.name} centrum`;
    const dx = (lon - c.lon) * Math.cos((c.lat * Math.PI) / 180);
    const i = Math.round(((((Math.atan2(dx, lat - c.lat) * 180) / Math.PI) + 360) % 360) / 45) % 8;
    return `${c.name}, ${Math.round(m / 50) * 50} m ${DIRS_SV[i]} om centrum`;
  };
}
