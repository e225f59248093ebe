// What the place index is built from: named map features (streets with their lines; addresses,
// POIs, places and buildings as a point), the walkable network's street names, districts and team
// bases — and a one-row fingerprint of all of them, read before each use to see whether the
// index in memory is still current.
import type { Sql } from '../sql.ts';

export interface MapPlaceRow {
  layer: 'road' | 'address' | 'poi' | 'place' | 'building';
  kind: string;
  name: string | null;
  districtId: string | null;
  housenumber: string | null;
  street: string | null;
  /** Roads: the GeoJSON geometry (LineString / MultiLineString); null for the others. */
  geometry: { type: string; coordinates: unknown } | null;
  minLon: number;
  minLat: number;
  maxLon: number;
  maxLat: number;
}

export interface NetworkStreetRow {
  name: string;
  districtId: string | null;
  coords: [number, number][];
}

/**
 * One row that changes whenever anything the index reads changes: map_meta's 'version' (set by
 * every map import), the newest map_features and streets ids (both are replaced whole, so new
 * rows get new identities), and the districts and team bases. Index-only reads, no table scan.
 */
export async function placeSourceVersion(sql: Sql): Promise<string> {
  const [r] = await sql<{ v: string }[]>`
    select concat_ws('|',
      (select value::text from map_meta where key = 'version'),
      (select max(id)::text from map_features),
      (select max(id)::text from streets),
      (select count(*)::text || ':' || coalesce(max(updated_at)::text, '') from districts),
      (select md5(coalesce(string_agg(id || ',' || name || ',' || coalesce(district_id, '') || ',' || lon || ',' || lat, ';' order by id), '')) from team_bases)
    ) as v`;
  return r!.v;
}

/** Named roads, addresses, POIs, places and buildings (named or with an address). */
export async function listMapPlaces(sql: Sql): Promise<MapPlaceRow[]> {
  return sql<MapPlaceRow[]>`
    select layer, kind, name, district_id as "districtId",
           props->>'housenumber' as housenumber, props->>'street' as street,
           case when layer = 'road' then geometry end as geometry,
           min_lon as "minLon", min_lat as "minLat", max_lon as "maxLon", max_lat as "maxLat"
    from map_features
    where (layer = 'road' and name is not null)
       or (layer in ('poi', 'place') and name is not null)
       or (layer = 'address' and props ? 'housenumber')
       or (layer = 'building' and (name is not null or (props ? 'housenumber' and props ? 'street')))`;
}

/** The walkable network's named ways (used when no map import holds named roads). */
export async function listNetworkStreetNames(sql: Sql): Promise<NetworkStreetRow[]> {
  return sql<NetworkStreetRow[]>`
    select name, district_id as "districtId", coords from streets where name is not null`;
}
