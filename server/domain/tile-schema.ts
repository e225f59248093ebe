// The vector tiles' schema: which tile layer a map_features row goes to, from which zoom it is
// drawn and which of its properties travel. Pure data in, data out (docs/tiles.md describes it).
//
// Generalisation per zoom, besides geojson-vt's simplification (a tolerance of a few 1/4096ths of
// a tile at every zoom, so coarser on the ground at low zoom): a feature is left out of the tiles
// below its `minzoom`, which is the larger of its kind's zoom (paths from z13, buildings from
// z13, house numbers at z16, …) and the zoom at which an area feature spans MIN_AREA_PX pixels.
import type { Feature, Geometry, Position } from 'geojson';

/** Tiles are cut for z MIN_TILE_ZOOM..MAX_TILE_ZOOM; MapLibre overzooms the last beyond it. */
export const MIN_TILE_ZOOM = 10;
export const MAX_TILE_ZOOM = 16;
/** An area feature narrower than this many pixels (256-px tiles) at a zoom is left out of it. */
export const MIN_AREA_PX = 2;

export type TileLayer =
  | 'landuse' | 'water' | 'waterway' | 'building' | 'road' | 'rail' | 'poi' | 'housenumber' | 'place' | 'district' | 'district_label';

/** Draw order of the tile layers (bottom first), for the documentation and the tests. */
export const TILE_LAYERS: readonly TileLayer[] = ['landuse', 'water', 'waterway', 'building', 'road', 'rail', 'district', 'housenumber', 'poi', 'place', 'district_label'];

/** A row of map_features, as the tiles read it. */
export interface MapFeatureLike {
  layer: string;
  kind: string;
  name: string | null;
  props: Record<string, unknown>;
  geometry: Geometry;
}

export interface DistrictLike {
  id: string;
  name: string;
  approximate: boolean;
  geometry: Geometry;
}

/** Tile feature properties: `_l` = tile layer and `_z` = min zoom are taken off before encoding. */
export type TileProps = Record<string, string | number | boolean> & { _l: TileLayer; _z: number };

export const ROAD_CLASS: Record<string, { cls: string; minzoom: number }> = {
  motorway: { cls: 'major', minzoom: 10 }, trunk: { cls: 'major', minzoom: 10 }, primary: { cls: 'major', minzoom: 10 },
  secondary: { cls: 'medium', minzoom: 11 }, tertiary: { cls: 'medium', minzoom: 11 },
  unclassified: { cls: 'minor', minzoom: 12 }, residential: { cls: 'minor', minzoom: 12 }, living_street: { cls: 'minor', minzoom: 12 },
  // The bundled network's lines that are not car roads (walkways and streets alike) are most of
  // what the districts have: from z12, so the staff map's first view shows the districts' streets.
  unknown: { cls: 'minor', minzoom: 12 }, service: { cls: 'service', minzoom: 14 }, pedestrian: { cls: 'pedestrian', minzoom: 13 },
  track: { cls: 'path', minzoom: 13 }, footway: { cls: 'path', minzoom: 13 }, cycleway: { cls: 'path', minzoom: 13 },
  path: { cls: 'path', minzoom: 13 }, bridleway: { cls: 'path', minzoom: 13 }, steps: { cls: 'path', minzoom: 15 },
};

const WATERWAY_MINZOOM: Record<string, number> = { river: 10, canal: 10, stream: 13, ditch: 15, drain: 15 };

/** POI kinds shown from z14 (what the teams look for first); every other kind from z15. */
const EARLY_POIS = new Set(['school', 'kindergarten', 'youth_centre', 'library', 'sports_hall', 'sports_centre', 'clinic', 'hospital', 'place_of_worship', 'police', 'station', 'supermarket', 'community_centre', 'townhall']);

const PLACE_MINZOOM: Record<string, number> = { city: 10, village: 11, suburb: 11, hamlet: 13, quarter: 13, locality: 14, neighbourhood: 14, square: 15 };

/** The sprite icon (a @mapbox/maki name) each POI kind is drawn with. */
export const POI_ICONS: Record<string, string> = {
  school: 'school', kindergarten: 'playground', youth_centre: 'residential-community', library: 'library', sports_hall: 'fitness-centre',
  pitch: 'pitch', sports_centre: 'stadium', shop: 'shop', supermarket: 'grocery', convenience: 'convenience', pharmacy: 'pharmacy',
  clinic: 'doctor', doctors: 'doctor', dentist: 'dentist', hospital: 'hospital', place_of_worship: 'place-of-worship', bus_stop: 'bus',
  tram_stop: 'rail-light', station: 'rail', parking: 'parking', playground: 'playground', community_centre: 'town-hall', police: 'police',
  fire_station: 'fire-station', restaurant: 'restaurant', cafe: 'cafe', fast_food: 'fast-food', bank: 'bank', atm: 'bank',
  post_office: 'post', townhall: 'town-hall', social_facility: 'heart',
};
/** The icon for a POI kind the table above does not know. */
export const FALLBACK_POI_ICON = 'marker';

/** Props copied from map_features.props into the tiles, per tile layer (short strings and flags only). */
const KEPT_PROPS: Partial<Record<TileLayer, readonly string[]>> = {
  road: ['ref', 'lit', 'surface', 'bridge', 'tunnel', 'oneway', 'layer'],
  rail: ['bridge', 'tunnel', 'service'],
  poi: ['subkind'],
  building: ['housenumber'],
  housenumber: ['housenumber', 'street'],
};

/** Road labels start here (server/map/style.ts draws them from it); below it a road's name and details are not drawn. */
export const ROAD_LABEL_MIN_ZOOM = 13;
/** What a road keeps below ROAD_LABEL_MIN_ZOOM: what the style draws it by (class, kind, tunnel). */
const ROAD_LOW_ZOOM_PROPS = new Set(['class', 'kind', 'tunnel', 'bridge', 'layer']);

/**
 * A tile feature's properties at zoom z: roads below ROAD_LABEL_MIN_ZOOM lose what only labels
 * and the higher zooms use (name, ref, surface, …), which the low-zoom tiles carried for nothing.
 */
export function tilePropsAt<T extends Record<string, string | number | boolean>>(layer: TileLayer, props: T, z: number): Partial<T> {
  if (layer !== 'road' || z >= ROAD_LABEL_MIN_ZOOM) return props;
  return Object.fromEntries(Object.entries(props).filter(([k]) => ROAD_LOW_ZOOM_PROPS.has(k))) as Partial<T>;
}

/** Bump when the tiles' encoding changes in code rather than in the tables below. */
const TILE_SCHEMA_REVISION = 2;

/**
 * A fingerprint of this schema (FNV-1a of its tables and revision), part of the tile version
 * (server/db/queries/map-tiles.ts): tiles stored by an older schema are stale after an upgrade.
 */
export const TILE_SCHEMA_FINGERPRINT: string = (() => {
  const text = JSON.stringify({ TILE_SCHEMA_REVISION, MIN_TILE_ZOOM, MAX_TILE_ZOOM, MIN_AREA_PX, ROAD_CLASS, WATERWAY_MINZOOM, EARLY_POIS: [...EARLY_POIS], PLACE_MINZOOM, POI_ICONS, KEPT_PROPS, ROAD_LABEL_MIN_ZOOM, ROAD_LOW_ZOOM_PROPS: [...ROAD_LOW_ZOOM_PROPS] });
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return `s${(h >>> 0).toString(36)}`;
})();

/** Web-mercator x, y of a position in the unit square (0..1, y down). */
export function toUnitSquare([lon, lat]: Position): [number, number] {
  const sin = Math.sin(((lat ?? 0) * Math.PI) / 180);
  const y = 0.5 - (0.25 * Math.log((1 + sin) / (1 - sin))) / Math.PI;
  return [(lon ?? 0) / 360 + 0.5, Math.min(1, Math.max(0, y))];
}

/** [west, south, east, north] of a tile in degrees. */
export function tileBbox(z: number, x: number, y: number): [number, number, number, number] {
  const n = 2 ** z;
  const lat = (ty: number) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * ty) / n))) * 180) / Math.PI;
  return [(x / n) * 360 - 180, lat(y + 1), ((x + 1) / n) * 360 - 180, lat(y)];
}

/** The tiles of zoom z that cover bbox [w, s, e, n], as inclusive x and y ranges. */
export function tileRange(bbox: readonly [number, number, number, number], z: number): { x0: number; x1: number; y0: number; y1: number } {
  const n = 2 ** z;
  const [x0, y1] = toUnitSquare([bbox[0], bbox[1]]);
  const [x1, y0] = toUnitSquare([bbox[2], bbox[3]]);
  const clamp = (v: number) => Math.min(n - 1, Math.max(0, Math.floor(v * n)));
  return { x0: clamp(x0), x1: clamp(x1), y0: clamp(y0), y1: clamp(y1) };
}

function eachPosition(g: Geometry, fn: (p: Position) => void): void {
  switch (g.type) {
    case 'Point': fn(g.coordinates); break;
    case 'MultiPoint': case 'LineString': g.coordinates.forEach(fn); break;
    case 'MultiLineString': case 'Polygon': g.coordinates.forEach((l) => l.forEach(fn)); break;
    case 'MultiPolygon': g.coordinates.forEach((p) => p.forEach((l) => l.forEach(fn))); break;
    case 'GeometryCollection': g.geometries.forEach((c) => eachPosition(c, fn)); break;
  }
}

/** [west, south, east, north] of a geometry in degrees, or null when it has no position. */
export function geometryBbox(g: Geometry): [number, number, number, number] | null {
  let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
  eachPosition(g, ([x, y]) => {
    w = Math.min(w, x!); e = Math.max(e, x!); s = Math.min(s, y!); n = Math.max(n, y!);
  });
  return Number.isFinite(w) ? [w, s, e, n] : null;
}

/** The zoom from which a feature `sizeUnit` wide (in the unit square) spans MIN_AREA_PX pixels. */
function zoomForSize(sizeUnit: number): number {
  if (sizeUnit <= 0) return MAX_TILE_ZOOM;
  return Math.max(0, Math.ceil(Math.log2(MIN_AREA_PX / (sizeUnit * 256))));
}

function unitSize(bbox: [number, number, number, number]): number {
  const [x0, y1] = toUnitSquare([bbox[0], bbox[1]]);
  const [x1, y0] = toUnitSquare([bbox[2], bbox[3]]);
  return Math.max(x1 - x0, y1 - y0);
}

/** Signed area and centroid of a ring (planar lon/lat: good enough for placing a label). */
function ringCentroid(ring: Position[]): { area: number; at: Position } {
  let a = 0, cx = 0, cy = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [x0, y0] = ring[j] as [number, number];
    const [x1, y1] = ring[i] as [number, number];
    const cross = x0 * y1 - x1 * y0;
    a += cross; cx += (x0 + x1) * cross; cy += (y0 + y1) * cross;
  }
  if (a === 0) return { area: 0, at: ring[0] ?? [0, 0] };
  return { area: Math.abs(a / 2), at: [cx / (3 * a), cy / (3 * a)] };
}

/** Where a label for a geometry goes: the point itself, a line's middle vertex, the centroid of the largest outer ring. */
export function labelPoint(g: Geometry): Position | null {
  switch (g.type) {
    case 'Point': return g.coordinates;
    case 'MultiPoint': return g.coordinates[0] ?? null;
    case 'LineString': return g.coordinates[Math.floor(g.coordinates.length / 2)] ?? null;
    case 'MultiLineString': return labelPoint({ type: 'LineString', coordinates: g.coordinates[0] ?? [] });
    case 'Polygon': return g.coordinates[0] ? ringCentroid(g.coordinates[0]).at : null;
    case 'MultiPolygon': {
      let best: { area: number; at: Position } | null = null;
      for (const p of g.coordinates) {
        const c = p[0] ? ringCentroid(p[0]) : null;
        if (c && (!best || c.area > best.area)) best = c;
      }
      return best?.at ?? null;
    }
    default: return null;
  }
}

const isArea = (g: Geometry) => g.type === 'Polygon' || g.type === 'MultiPolygon';

function keptProps(layer: TileLayer, props: Record<string, unknown>): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const key of KEPT_PROPS[layer] ?? []) {
    const v = props[key];
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[key] = v;
  }
  return out;
}

function feature(layer: TileLayer, minzoom: number, geometry: Geometry, props: Record<string, string | number | boolean>): Feature<Geometry, TileProps> {
  return { type: 'Feature', geometry, properties: { ...props, _l: layer, _z: Math.min(MAX_TILE_ZOOM, Math.max(MIN_TILE_ZOOM, minzoom)) } };
}

/** The tile features a map_features row becomes (none, one, or a shape plus a label point). */
export function toTileFeatures(row: MapFeatureLike): Feature<Geometry, TileProps>[] {
  const { geometry: g, kind } = row;
  const bbox = geometryBbox(g);
  if (!bbox) return [];
  const sizeZoom = isArea(g) ? zoomForSize(unitSize(bbox)) : 0;
  const base: Record<string, string | number | boolean> = { kind, ...(row.name ? { name: row.name } : {}) };
  const point = (): Geometry | null => {
    const at = labelPoint(g);
    return at ? { type: 'Point', coordinates: at } : null;
  };
  switch (row.layer) {
    case 'landuse':
      return isArea(g) ? [feature('landuse', Math.max(10, sizeZoom), g, base)] : [];
    case 'water':
      return isArea(g) ? [feature('water', Math.max(10, sizeZoom), g, base)] : [];
    case 'waterway':
      return [feature('waterway', WATERWAY_MINZOOM[kind] ?? 14, g, base)];
    case 'building': {
      const out = isArea(g) ? [feature('building', Math.max(13, sizeZoom), g, { ...base, ...keptProps('building', row.props) })] : [];
      const hn = row.props.housenumber;
      const at = point();
      if (typeof hn === 'string' && hn && at) out.push(feature('housenumber', 16, at, keptProps('housenumber', row.props)));
      return out;
    }
    case 'road': {
      const c = ROAD_CLASS[kind] ?? { cls: 'minor', minzoom: 13 };
      return [feature('road', c.minzoom, g, { ...base, class: c.cls, ...keptProps('road', row.props) })];
    }
    case 'rail':
      return [feature('rail', row.props.service ? 14 : 10, g, { ...base, ...keptProps('rail', row.props) })];
    case 'poi': {
      const at = point();
      return at ? [feature('poi', EARLY_POIS.has(kind) ? 14 : 15, at, { ...base, icon: POI_ICONS[kind] ?? FALLBACK_POI_ICON, ...keptProps('poi', row.props) })] : [];
    }
    case 'address': {
      const at = point();
      return at && row.props.housenumber ? [feature('housenumber', 16, at, keptProps('housenumber', row.props))] : [];
    }
    case 'place': {
      const at = point();
      return at && row.name ? [feature('place', PLACE_MINZOOM[kind] ?? 14, at, base)] : [];
    }
    default:
      return [];
  }
}

/** A district's outline and its name point (always in the tiles, from the lowest zoom). */
export function districtTileFeatures(d: DistrictLike): Feature<Geometry, TileProps>[] {
  const at = labelPoint(d.geometry);
  const props = { id: d.id, name: d.name, approximate: d.approximate };
  return [feature('district', MIN_TILE_ZOOM, d.geometry, props), ...(at ? [feature('district_label', MIN_TILE_ZOOM, { type: 'Point', coordinates: at }, props)] : [])];
}
