// Street rows as a GeoJSON FeatureCollection of LineStrings, for the API and the map.
import type { FeatureCollection, LineString } from 'geojson';

export interface StreetFeatureRow {
  id: number;
  osmWayId: number | null;
  name: string | null;
  highway: string | null;
  lit: string | null;
  lengthM: number;
  districtId: string | null;
  coords: [number, number][];
}

export type StreetProperties = Omit<StreetFeatureRow, 'coords' | 'id'>;

export function streetsToFeatureCollection(rows: readonly StreetFeatureRow[]): FeatureCollection<LineString, StreetProperties> {
  return {
    type: 'FeatureCollection',
    features: rows.map(({ id, coords, ...properties }) => ({
      type: 'Feature',
      id,
      properties,
      geometry: { type: 'LineString', coordinates: coords },
    })),
  };
}
