// A small map of Ryd for the place tests: map_features rows (streets with å/ä/ö, addresses,
// a library, a square, a named building) written with plain SQL inserts, as an import would.
import type { Sql } from '../../server/db/sql.ts';
import { announceMapChange } from '../../server/db/map-changes.ts';
import type { FeatureSource } from '../../server/domain/place-sources.ts';

type Geometry = { type: 'Point'; coordinates: [number, number] } | { type: 'LineString'; coordinates: [number, number][] } | { type: 'Polygon'; coordinates: [number, number][][] };

export interface FixtureFeature {
  layer: 'road' | 'address' | 'poi' | 'place' | 'building';
  kind: string;
  name: string | null;
  districtId: string | null;
  props: Record<string, string>;
  geometry: Geometry;
}

const pt = (lon: number, lat: number): Geometry => ({ type: 'Point', coordinates: [lon, lat] });
const line = (...c: [number, number][]): Geometry => ({ type: 'LineString', coordinates: c });

/** Latitude of Rydsvägen's line; its addresses stand ~17 m north of it. */
export const RYDSVAGEN_LAT = 58.416;
export const ADDRESS_LAT = 58.41615;
/** The library, 110 m south of Åsgatan. */
export const LIBRARY: [number, number] = [15.5640, 58.4140];

export const PLACE_FIXTURE: FixtureFeature[] = [
  { layer: 'road', kind: 'residential', name: 'Åsgatan', districtId: 'ryd', props: {}, geometry: line([15.5600, 58.4150], [15.5620, 58.4150]) },
  { layer: 'road', kind: 'residential', name: 'Åsgatan', districtId: 'ryd', props: {}, geometry: line([15.5620, 58.4150], [15.5630, 58.4151]) },
  { layer: 'road', kind: 'tertiary', name: 'Rydsvägen', districtId: 'ryd', props: {}, geometry: line([15.5600, RYDSVAGEN_LAT], [15.5650, RYDSVAGEN_LAT]) },
  { layer: 'road', kind: 'footway', name: null, districtId: 'ryd', props: {}, geometry: line([15.5600, 58.4170], [15.5650, 58.4170]) },
  { layer: 'road', kind: 'residential', name: 'Östra Ågatan', districtId: 'ryd', props: {}, geometry: line([15.5700, 58.4120], [15.5710, 58.4130]) },
  { layer: 'address', kind: 'address', name: null, districtId: 'ryd', props: { street: 'Rydsvägen', housenumber: '12' }, geometry: pt(15.5610, ADDRESS_LAT) },
  { layer: 'address', kind: 'address', name: null, districtId: 'ryd', props: { street: 'Rydsvägen', housenumber: '2' }, geometry: pt(15.5602, ADDRESS_LAT) },
  { layer: 'address', kind: 'address', name: null, districtId: 'ryd', props: { street: 'Rydsvägen', housenumber: '12B' }, geometry: pt(15.5614, ADDRESS_LAT) },
  { layer: 'address', kind: 'address', name: null, districtId: 'ryd', props: { street: 'Rydsvägen', housenumber: '120' }, geometry: pt(15.5640, ADDRESS_LAT) },
  { layer: 'address', kind: 'address', name: null, districtId: 'ryd', props: { street: 'Åsgatan', housenumber: '3' }, geometry: pt(15.5605, 58.41485) },
  { layer: 'poi', kind: 'library', name: 'Ryds bibliotek', districtId: 'ryd', props: { subkind: 'library' }, geometry: pt(...LIBRARY) },
  { layer: 'poi', kind: 'bus_stop', name: 'Rydsvägen', districtId: 'ryd', props: { subkind: 'bus_stop' }, geometry: pt(15.5645, 58.41595) },
  { layer: 'place', kind: 'square', name: 'Skäggetorp centrum', districtId: 'skaggetorp', props: {}, geometry: pt(15.5832, 58.4261) },
  {
    layer: 'building', kind: 'building', name: 'S:t Olofs kyrka', districtId: 'ryd', props: { housenumber: '7', street: 'Åsgatan' },
    geometry: { type: 'Polygon', coordinates: [[[15.5624, 58.4146], [15.5626, 58.4146], [15.5626, 58.4147], [15.5624, 58.4147], [15.5624, 58.4146]]] },
  },
];

function bounds(g: Geometry): [number, number, number, number] {
  const pts = g.type === 'Point' ? [g.coordinates] : g.type === 'LineString' ? g.coordinates : g.coordinates.flat();
  return [Math.min(...pts.map((p) => p[0])), Math.min(...pts.map((p) => p[1])), Math.max(...pts.map((p) => p[0])), Math.max(...pts.map((p) => p[1]))];
}

/** The fixture as the place-index query returns it (for pure tests). */
export function fixtureSources(features: readonly FixtureFeature[] = PLACE_FIXTURE): FeatureSource[] {
  return features
    .filter((f) => f.layer !== 'road' || f.name)
    .map((f) => {
      const [minLon, minLat, maxLon, maxLat] = bounds(f.geometry);
      return { layer: f.layer, kind: f.kind, name: f.name, districtId: f.districtId, housenumber: f.props.housenumber ?? null, street: f.props.street ?? null, geometry: f.layer === 'road' ? f.geometry : null, minLon, minLat, maxLon, maxLat };
    });
}

/** Inserts features into map_features and sets map_meta 'version', in one transaction (as an import does). */
export async function insertMapFeatures(sql: Sql, features: readonly FixtureFeature[], version: string): Promise<void> {
  await sql.begin(async (tx) => {
    for (const f of features) {
      const [minLon, minLat, maxLon, maxLat] = bounds(f.geometry);
      await tx`
        insert into map_features (layer, kind, name, district_id, props, geometry, min_lon, min_lat, max_lon, max_lat)
        values (${f.layer}, ${f.kind}, ${f.name}, ${f.districtId}, ${JSON.stringify(f.props)}::text::jsonb, ${JSON.stringify(f.geometry)}::text::jsonb, ${minLon}, ${minLat}, ${maxLon}, ${maxLat})`;
    }
    await tx`
      insert into map_meta (key, value, updated_at) values ('version', ${JSON.stringify(version)}::text::jsonb, now())
      on conflict (key) do update set value = excluded.value, updated_at = excluded.updated_at`;
  });
  announceMapChange(sql);
}
