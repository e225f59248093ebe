// Maps an OSM element's tags to the map_features it gives (layer, kind, props). Pure, table-driven;
// docs/map-features.md is the human reference and must change with this file.
import type { OsmTags } from './osm-sink.ts';

export type MapLayer = 'landuse' | 'water' | 'waterway' | 'building' | 'road' | 'rail' | 'poi' | 'address' | 'place';
/** What the element is drawn as: a point (node, or an area's representative point), a line or a polygon. */
export type GeomMode = 'point' | 'line' | 'area';
export type Props = Record<string, string | number | boolean>;

export interface FeatureSpec {
  layer: MapLayer;
  kind: string;
  geom: GeomMode;
  props: Props;
}

/** The shape of the element being classified: a node, an open or non-area way, or a closed ring / multipolygon. */
export type ElementShape = 'point' | 'line' | 'area';

/** name:sv, else name (Swedish first). */
export function nameOf(tags: OsmTags): string | null {
  return tags.get('name:sv') || tags.get('name') || null;
}

const LANDUSE: Record<string, Record<string, string>> = {
  landuse: {
    residential: 'residential', retail: 'retail', commercial: 'commercial', industrial: 'industrial',
    grass: 'grass', village_green: 'grass', forest: 'forest', meadow: 'meadow', cemetery: 'cemetery',
    allotments: 'allotments', farmland: 'farmland', farmyard: 'farmland', recreation_ground: 'recreation_ground',
    construction: 'construction', brownfield: 'brownfield', education: 'school',
  },
  leisure: {
    park: 'park', garden: 'park', pitch: 'pitch', playground: 'playground', sports_centre: 'sports_centre',
    recreation_ground: 'recreation_ground', track: 'pitch',
  },
  natural: { wood: 'wood', scrub: 'scrub', heath: 'scrub', grassland: 'meadow' },
  amenity: { grave_yard: 'cemetery', school: 'school', kindergarten: 'school', college: 'school', university: 'school', parking: 'parking' },
};

const WATER_AREA = (t: OsmTags) =>
  t.get('natural') === 'water' || t.get('waterway') === 'riverbank' || ['reservoir', 'basin'].includes(t.get('landuse') ?? '');

const WATERWAYS = new Set(['river', 'stream', 'canal', 'ditch', 'drain']);

/** highway=* → road kind; _link roads take their parent's class, unknown values (road, busway…) 'unknown'. */
const ROAD_KINDS = new Set([
  'motorway', 'trunk', 'primary', 'secondary', 'tertiary', 'unclassified', 'residential', 'living_street',
  'service', 'pedestrian', 'track', 'footway', 'cycleway', 'path', 'steps', 'bridleway',
]);
const ROAD_DROPPED = new Set(['proposed', 'construction', 'abandoned', 'razed', 'bus_stop', 'platform', 'elevator', 'street_lamp', 'crossing', 'turning_circle', 'traffic_signals', 'give_way', 'stop', 'milestone', 'speed_camera', 'motorway_junction', 'rest_area', 'services']);
const RAIL_KINDS = new Set(['rail', 'light_rail', 'tram', 'subway', 'narrow_gauge']);

const PLACES: Record<string, string> = {
  suburb: 'suburb', quarter: 'quarter', neighbourhood: 'neighbourhood', square: 'square', locality: 'locality',
  hamlet: 'hamlet', village: 'village', town: 'city', city: 'city',
};

const AMENITY_POI: Record<string, string> = {
  school: 'school', kindergarten: 'kindergarten', library: 'library', pharmacy: 'pharmacy', clinic: 'clinic',
  doctors: 'doctors', dentist: 'dentist', hospital: 'hospital', place_of_worship: 'place_of_worship',
  parking: 'parking', community_centre: 'community_centre', police: 'police', fire_station: 'fire_station',
  restaurant: 'restaurant', cafe: 'cafe', fast_food: 'fast_food', bank: 'bank', atm: 'atm',
  post_office: 'post_office', townhall: 'townhall', social_facility: 'social_facility', youth_centre: 'youth_centre',
  bus_station: 'station',
};
const LEISURE_POI: Record<string, string> = {
  sports_hall: 'sports_hall', pitch: 'pitch', sports_centre: 'sports_centre', playground: 'playground',
  youth_centre: 'youth_centre',
};
const HEALTHCARE_POI: Record<string, string> = { pharmacy: 'pharmacy', centre: 'clinic', clinic: 'clinic', doctor: 'doctors', dentist: 'dentist', hospital: 'hospital' };

/** The POI kind and the OSM key=value it came from, or null. */
export function poiKindOf(t: OsmTags): { kind: string; subkind: string } | null {
  const amenity = t.get('amenity');
  if (amenity === 'community_centre' && t.get('community_centre') === 'youth_centre') return { kind: 'youth_centre', subkind: 'community_centre=youth_centre' };
  if (amenity && AMENITY_POI[amenity]) return { kind: AMENITY_POI[amenity]!, subkind: `amenity=${amenity}` };
  const leisure = t.get('leisure');
  if (leisure && LEISURE_POI[leisure]) {
    // A sports centre whose building is a hall is what the teams call a sports hall (idrottshall).
    const kind = leisure === 'sports_centre' && t.get('building') === 'sports_hall' ? 'sports_hall' : LEISURE_POI[leisure]!;
    return { kind, subkind: `leisure=${leisure}` };
  }
  const healthcare = t.get('healthcare');
  if (healthcare && HEALTHCARE_POI[healthcare]) return { kind: HEALTHCARE_POI[healthcare]!, subkind: `healthcare=${healthcare}` };
  const shop = t.get('shop');
  if (shop && shop !== 'no' && shop !== 'vacant') {
    const kind = shop === 'supermarket' || shop === 'convenience' ? shop : 'shop';
    return { kind, subkind: `shop=${shop}` };
  }
  if (t.get('highway') === 'bus_stop' || (t.get('public_transport') === 'platform' && t.get('bus') === 'yes')) return { kind: 'bus_stop', subkind: 'highway=bus_stop' };
  const railway = t.get('railway');
  if (railway === 'tram_stop') return { kind: 'tram_stop', subkind: 'railway=tram_stop' };
  if (railway === 'station' || railway === 'halt') return { kind: 'station', subkind: `railway=${railway}` };
  if (t.get('building') === 'sports_hall' && nameOf(t)) return { kind: 'sports_hall', subkind: 'building=sports_hall' };
  return null;
}

const isYes = (v: string | undefined) => v !== undefined && v !== 'no' && v !== '0' && v !== 'false';

function addressProps(t: OsmTags): Props {
  const p: Props = {};
  const hn = t.get('addr:housenumber');
  const street = t.get('addr:street') ?? t.get('addr:place');
  const postcode = t.get('addr:postcode');
  if (hn) p.housenumber = hn;
  if (street) p.street = street;
  if (postcode) p.postcode = postcode.replace(/\s+/g, ' ');
  return p;
}

function roadProps(t: OsmTags): Props {
  const p: Props = {};
  for (const k of ['ref', 'lit', 'surface', 'oneway', 'service'] as const) {
    const v = t.get(k);
    if (v) p[k] = v;
  }
  if (isYes(t.get('bridge'))) p.bridge = true;
  if (isYes(t.get('tunnel'))) p.tunnel = true;
  const layer = Number(t.get('layer'));
  if (Number.isInteger(layer) && layer !== 0) p.layer = layer;
  return p;
}

function roadKindOf(highway: string): string | null {
  if (ROAD_DROPPED.has(highway)) return null;
  const base = highway.endsWith('_link') ? highway.slice(0, -5) : highway;
  return ROAD_KINDS.has(base) ? base : 'unknown';
}

function landuseKindOf(t: OsmTags): string | null {
  for (const key of ['landuse', 'leisure', 'natural', 'amenity'] as const) {
    const v = t.get(key);
    const kind = v === undefined ? undefined : LANDUSE[key]![v];
    if (kind) return kind;
  }
  return null;
}

/** Whether a closed way is an area (OSM wiki "Key:area": area=yes/no, else by its tags). */
export function isAreaWay(t: OsmTags): boolean {
  const area = t.get('area');
  if (area === 'yes') return true;
  if (area === 'no') return false;
  if (t.has('highway') || t.has('railway') || t.has('barrier')) return false;
  const waterway = t.get('waterway');
  if (waterway !== undefined && waterway !== 'riverbank') return false;
  return t.has('building') || t.has('landuse') || t.has('natural') || t.has('leisure') || t.has('amenity') ||
    t.has('shop') || t.has('place') || t.has('waterway') || t.has('healthcare') || t.has('man_made');
}

/** Every feature the element gives; area-only features are left out for points and lines. */
export function classifyTags(t: OsmTags, shape: ElementShape): FeatureSpec[] {
  const out: FeatureSpec[] = [];
  const addr = addressProps(t);
  const hasAddress = addr.housenumber !== undefined;
  if (shape === 'area') {
    const building = t.get('building');
    if (building && building !== 'no') out.push({ layer: 'building', kind: 'building', geom: 'area', props: { building, ...addr } });
    if (WATER_AREA(t)) {
      const water = t.get('water') ?? t.get('landuse') ?? (t.get('waterway') === 'riverbank' ? 'river' : undefined);
      out.push({ layer: 'water', kind: 'water', geom: 'area', props: water ? { water } : {} });
    } else {
      const kind = landuseKindOf(t);
      if (kind) out.push({ layer: 'landuse', kind, geom: 'area', props: {} });
    }
    if (t.get('highway') === 'pedestrian') out.push({ layer: 'road', kind: 'pedestrian', geom: 'area', props: roadProps(t) });
  }
  if (shape === 'line') {
    const highway = t.get('highway');
    const roadKind = highway === undefined ? null : roadKindOf(highway);
    if (roadKind) out.push({ layer: 'road', kind: roadKind, geom: 'line', props: roadProps(t) });
    const railway = t.get('railway');
    if (railway && RAIL_KINDS.has(railway)) {
      const p: Props = {};
      if (isYes(t.get('bridge'))) p.bridge = true;
      if (isYes(t.get('tunnel'))) p.tunnel = true;
      const service = t.get('service');
      if (service) p.service = service;
      out.push({ layer: 'rail', kind: railway, geom: 'line', props: p });
    }
    const waterway = t.get('waterway');
    if (waterway && WATERWAYS.has(waterway)) out.push({ layer: 'waterway', kind: waterway, geom: 'line', props: isYes(t.get('tunnel')) ? { tunnel: true } : {} });
  }
  // Points: for nodes, and for areas as their representative point (search, icons, labels).
  if (shape !== 'line') {
    const poi = poiKindOf(t);
    if (poi) out.push({ layer: 'poi', kind: poi.kind, geom: 'point', props: { subkind: poi.subkind, ...addr } });
    const place = t.get('place');
    if (place && PLACES[place]) out.push({ layer: 'place', kind: PLACES[place]!, geom: 'point', props: {} });
    if (hasAddress) out.push({ layer: 'address', kind: 'address', geom: 'point', props: addr });
  }
  return out;
}
