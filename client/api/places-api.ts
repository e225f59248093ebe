// Place search and reverse geocoding (public endpoints) through the one hc client.
import { call, client, init } from './client.ts';

export interface PlaceProps {
  name: string;
  kind: string;
  subkind: string | null;
  district: string | null;
  districtId: string | null;
  street: string | null;
  housenumber: string | null;
  bbox: [number, number, number, number];
}

export interface PlaceResult {
  type: 'Feature';
  geometry: { type: 'Point'; coordinates: [number, number] };
  properties: PlaceProps;
}

export const placesApi = {
  search: async (q: string, limit: number, signal?: AbortSignal) =>
    (await call<{ features: PlaceResult[] }>(client.places.$get({ query: { q, limit: String(limit) } }, { init: init(signal) }))).features,
};

export interface ReverseResult extends PlaceResult {
  properties: PlaceProps & { distanceM: number; label: string; labelEn: string };
}

/** The name of the place nearest a point, or null when nothing named is near (404) or the call fails. */
export async function reverseName(lat: number, lon: number, signal?: AbortSignal): Promise<ReverseResult | null> {
  try {
    return await call<ReverseResult>(client.places.reverse.$get({ query: { lat: String(lat), lon: String(lon) } }, { init: init(signal) }));
  } catch {
    return null;
  }
}
