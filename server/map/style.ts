// The basemap style served at GET /map/style.json: the app's own vector tiles drawn like the maps
// people know (OSM Carto, Lantmäteriet's topographic map), in calm colours so the app's data
// (heat cells, hotspots, pins, routes, tracks) stands out. Layer specs are data; the tile layer
// schema is server/domain/tile-schema.ts (docs/tiles.md). Labels come last: the client inserts its
// own layers before the first symbol layer (FIRST_LABEL_LAYER_ID).

/** The one vector source of the style. */
export const BASEMAP_SOURCE_ID = 'basemap';
/** The first label layer: everything the app adds goes below it. */
export const FIRST_LABEL_LAYER_ID = 'label-waterway';
export const ROAD_LABEL_LAYER_ID = 'label-road';
export const DISTRICT_LABEL_LAYER_ID = 'label-district';
export const BUILDING_LAYER_ID = 'building';
/** Style metadata key holding the note the client shows when only the shipped network is drawn. */
export const NOTE_METADATA_KEY = 'trygghetskartan:note';

export const OSM_ATTRIBUTION = '<a href="https://www.openstreetmap.org/copyright" target="_blank" rel="noopener">© OpenStreetMap contributors</a> (<a href="https://opendatacommons.org/licenses/odbl/" target="_blank" rel="noopener">ODbL</a>)';

import { ROAD_LABEL_MIN_ZOOM } from '../domain/tile-schema.ts';

const FONT = ['Noto Sans Regular'];
const FONT_BOLD = ['Noto Sans Bold'];
const FONT_ITALIC = ['Noto Sans Italic'];

export const COLORS = {
  land: '#f2efe9',
  residential: '#e9e5df',
  commercial: '#f1e4e1',
  industrial: '#ebe4ea',
  green: '#d9ebcd',
  park: '#cfe6c2',
  forest: '#bfd8ae',
  farmland: '#eeeedb',
  school: '#f2ecd8',
  parking: '#e9e6e1',
  water: '#b6d2e3',
  waterLine: '#9cc1d9',
  waterLabel: '#3f6e8f',
  building: '#dcd5cb',
  buildingLine: '#c9c0b4',
  casing: '#b9afa2',
  major: '#f7dca6',
  majorLow: '#d49a4c',
  mediumLow: '#d2ae72',
  minorLow: '#bcb2a5',
  majorCasing: '#d6b27a',
  medium: '#fbf1c8',
  minor: '#ffffff',
  path: '#b0806b',
  cycleway: '#6f86bf',
  rail: '#8f8f8f',
  district: '#7b6a8c',
  label: '#3d3d3d',
  labelHalo: '#ffffff',
  houseNumber: '#7c7268',
  place: '#2f2f38',
} as const;

type Layer = Record<string, unknown> & { id: string; type: string };

const src = (layer: string) => ({ source: BASEMAP_SOURCE_ID, 'source-layer': layer });
/** OSM-style flags arrive as 'yes' (or true): either counts. */
const isYes = (key: string) => ['in', ['to-string', ['get', key]], ['literal', ['yes', 'true', '1']]];
const kindIn = (...kinds: string[]) => ['in', ['get', 'kind'], ['literal', kinds]];
const classIn = (...classes: string[]) => ['in', ['get', 'class'], ['literal', classes]];
/** Width in px growing exponentially with zoom (like the ground it stands for). */
const width = (stops: [number, number][]) => ['interpolate', ['exponential', 1.6], ['zoom'], ...stops.flat()];

const landuseColor = [
  'match', ['get', 'kind'],
  'residential', COLORS.residential,
  ['retail', 'commercial'], COLORS.commercial,
  ['industrial', 'construction', 'brownfield'], COLORS.industrial,
  ['park', 'recreation_ground', 'playground', 'pitch', 'sports_centre'], COLORS.park,
  ['forest', 'wood'], COLORS.forest,
  ['grass', 'meadow', 'scrub', 'cemetery', 'allotments'], COLORS.green,
  'farmland', COLORS.farmland,
  'school', COLORS.school,
  'parking', COLORS.parking,
  COLORS.residential,
];

/**
 * `lowColor`: the colour below z13, where roads have no casing yet: a pale fill alone (white on the
 * land's cream) would all but vanish, so the overview draws them in their casing's tone, as OSM
 * Carto draws its low-zoom roads.
 */
export interface RoadStyle { filter: unknown[]; color: string; lowColor: string; casing: string; w: [number, number][]; minzoom: number }
/** The zoom from which roads have casings and their light fills. */
const CASED_FROM_ZOOM = 13;
export const ROADS: Record<string, RoadStyle> = {
  major: { filter: classIn('major'), color: COLORS.major, lowColor: COLORS.majorLow, casing: COLORS.majorCasing, w: [[10, 1.4], [13, 3], [16, 10], [18, 24]], minzoom: 10 },
  medium: { filter: classIn('medium'), color: COLORS.medium, lowColor: COLORS.mediumLow, casing: COLORS.casing, w: [[11, 1], [13, 2.4], [16, 8], [18, 20]], minzoom: 11 },
  minor: { filter: classIn('minor', 'pedestrian'), color: COLORS.minor, lowColor: COLORS.minorLow, casing: COLORS.casing, w: [[12, 0.6], [14, 1.8], [16, 6], [18, 16]], minzoom: 12 },
  service: { filter: classIn('service'), color: COLORS.minor, lowColor: COLORS.minorLow, casing: COLORS.casing, w: [[14, 0.8], [16, 3], [18, 8]], minzoom: 14 },
};

function roadLayers(tunnel: boolean): Layer[] {
  const t = tunnel ? isYes('tunnel') : ['!', isYes('tunnel')];
  const prefix = tunnel ? 'road-tunnel' : 'road';
  const order = ['service', 'minor', 'medium', 'major'] as const;
  const casings: Layer[] = order.map((k) => ({
    id: `${prefix}-${k}-casing`, type: 'line', ...src('road'), minzoom: Math.max(ROADS[k]!.minzoom, CASED_FROM_ZOOM), filter: ['all', t, ROADS[k]!.filter],
    layout: { 'line-join': 'round', 'line-cap': tunnel ? 'butt' : 'round' },
    paint: { 'line-color': ROADS[k]!.casing, 'line-width': width(ROADS[k]!.w.map(([z, w]) => [z, w + (z >= 14 ? 2 : 1)])), ...(tunnel ? { 'line-dasharray': [1, 1] } : {}) },
  }));
  const fills: Layer[] = order.map((k) => ({
    id: `${prefix}-${k}`, type: 'line', ...src('road'), minzoom: ROADS[k]!.minzoom, filter: ['all', t, ROADS[k]!.filter],
    layout: { 'line-join': 'round', 'line-cap': 'round' },
    paint: { 'line-color': ['step', ['zoom'], ROADS[k]!.lowColor, CASED_FROM_ZOOM, ROADS[k]!.color], 'line-width': width(ROADS[k]!.w), ...(tunnel ? { 'line-opacity': 0.6 } : {}) },
  }));
  return [...casings, ...fills];
}

const pathLayers: Layer[] = [
  {
    id: 'path-casing', type: 'line', ...src('road'), minzoom: 15, filter: classIn('path'),
    layout: { 'line-join': 'round', 'line-cap': 'round' },
    paint: { 'line-color': '#ffffff', 'line-opacity': 0.7, 'line-width': width([[15, 2.5], [18, 6]]) },
  },
  {
    id: 'path', type: 'line', ...src('road'), minzoom: 13, filter: ['all', classIn('path'), ['!=', ['get', 'kind'], 'cycleway']],
    layout: { 'line-join': 'round' },
    paint: { 'line-color': COLORS.path, 'line-width': width([[13, 0.6], [16, 1.3], [18, 2.5]]), 'line-dasharray': [2, 1.5] },
  },
  {
    id: 'path-cycleway', type: 'line', ...src('road'), minzoom: 13, filter: kindIn('cycleway'),
    layout: { 'line-join': 'round' },
    paint: { 'line-color': COLORS.cycleway, 'line-width': width([[13, 0.6], [16, 1.3], [18, 2.5]]), 'line-dasharray': [2, 1.5] },
  },
];

const halo = { 'text-halo-color': COLORS.labelHalo, 'text-halo-width': 1.4, 'text-halo-blur': 0.3 };

const labelLayers: Layer[] = [
  {
    id: 'label-waterway', type: 'symbol', ...src('waterway'), minzoom: 13, filter: ['has', 'name'],
    layout: { 'symbol-placement': 'line', 'text-field': ['get', 'name'], 'text-font': FONT_ITALIC, 'text-size': 12, 'text-max-angle': 30 },
    paint: { 'text-color': COLORS.waterLabel, ...halo },
  },
  {
    id: 'label-water', type: 'symbol', ...src('water'), minzoom: 12, filter: ['has', 'name'],
    layout: { 'text-field': ['get', 'name'], 'text-font': FONT_ITALIC, 'text-size': ['interpolate', ['linear'], ['zoom'], 12, 11, 16, 14], 'text-max-width': 8 },
    paint: { 'text-color': COLORS.waterLabel, ...halo },
  },
  {
    id: 'label-park', type: 'symbol', ...src('landuse'), minzoom: 14, filter: ['all', ['has', 'name'], kindIn('park', 'forest', 'wood', 'cemetery', 'recreation_ground', 'allotments')],
    layout: { 'text-field': ['get', 'name'], 'text-font': FONT_ITALIC, 'text-size': 11, 'text-max-width': 8 },
    paint: { 'text-color': '#3f6b3a', ...halo },
  },
  {
    id: 'label-housenumber', type: 'symbol', ...src('housenumber'), minzoom: 16,
    layout: { 'text-field': ['get', 'housenumber'], 'text-font': FONT, 'text-size': 10, 'text-padding': 1 },
    paint: { 'text-color': COLORS.houseNumber, 'text-halo-color': COLORS.labelHalo, 'text-halo-width': 1 },
  },
  {
    id: ROAD_LABEL_LAYER_ID, type: 'symbol', ...src('road'), minzoom: ROAD_LABEL_MIN_ZOOM, filter: ['all', ['has', 'name'], ['!', classIn('path')]],
    layout: {
      'symbol-placement': 'line', 'text-field': ['get', 'name'], 'text-font': FONT, 'text-max-angle': 35, 'symbol-spacing': 300,
      'text-size': ['interpolate', ['linear'], ['zoom'], 13, 10, 16, 12.5, 18, 15],
    },
    paint: { 'text-color': COLORS.label, ...halo },
  },
  {
    id: 'label-path', type: 'symbol', ...src('road'), minzoom: 16, filter: ['all', ['has', 'name'], classIn('path')],
    layout: { 'symbol-placement': 'line', 'text-field': ['get', 'name'], 'text-font': FONT_ITALIC, 'text-size': 10.5, 'text-max-angle': 35 },
    paint: { 'text-color': '#6b4e40', ...halo },
  },
  {
    id: 'label-poi', type: 'symbol', ...src('poi'), minzoom: 14,
    layout: {
      'icon-image': ['get', 'icon'], 'icon-size': ['interpolate', ['linear'], ['zoom'], 14, 0.8, 17, 1],
      'text-field': ['step', ['zoom'], '', 15, ['coalesce', ['get', 'name'], '']], 'text-font': FONT, 'text-size': 11,
      'text-anchor': 'top', 'text-offset': [0, 0.9], 'text-max-width': 9, 'text-optional': true, 'symbol-sort-key': ['match', ['get', 'kind'], ['school', 'kindergarten', 'youth_centre', 'library'], 0, 1],
    },
    paint: { 'text-color': '#4a4640', ...halo },
  },
  {
    id: 'label-place', type: 'symbol', ...src('place'),
    layout: {
      'text-field': ['get', 'name'], 'text-font': ['match', ['get', 'kind'], ['city', 'suburb', 'village'], ['literal', FONT_BOLD], ['literal', FONT]],
      'text-size': ['match', ['get', 'kind'], 'city', 16, ['suburb', 'village'], 14, 'square', 11, 12], 'text-max-width': 8,
      'text-transform': ['match', ['get', 'kind'], ['suburb', 'quarter'], 'uppercase', 'none'], 'text-letter-spacing': ['match', ['get', 'kind'], ['suburb', 'quarter'], 0.08, 0],
    },
    paint: { 'text-color': COLORS.place, ...halo },
  },
  {
    id: DISTRICT_LABEL_LAYER_ID, type: 'symbol', ...src('district_label'),
    layout: { 'text-field': ['get', 'name'], 'text-font': FONT_BOLD, 'text-size': ['interpolate', ['linear'], ['zoom'], 10, 13, 15, 18], 'text-allow-overlap': false },
    paint: { 'text-color': COLORS.district, ...halo, 'text-halo-width': 2 },
  },
];

export interface StyleInput {
  /** Absolute origin of the app, e.g. https://karta.example.se (MapLibre needs absolute URLs). */
  origin: string;
  /** The tiles' version (put in the tile URL so tiles can be cached as immutable). */
  version: string;
  /** Whether an OpenStreetMap extract has been imported (else only the shipped network is drawn). */
  hasOsmImport: boolean;
  /** Whether map_features has roads (else the client keeps drawing its own street network). */
  hasRoads: boolean;
  /** [w, s, e, n] of the map's data, or null. */
  bounds: [number, number, number, number] | null;
  /** The style's `font-faces` (server/map/fonts.ts). */
  fontFaces: Record<string, unknown>;
  /** Credits for fonts and icons, added to the attribution. */
  credits: string[];
}

/** Said on the map (style metadata and attribution) when no OSM extract has been imported. */
export const SHIPPED_NETWORK_NOTE = {
  sv: 'Kartan visar bara det medföljande gatunätet. Ladda ett OpenStreetMap-utdrag med: npm run geodata -- import-osm FIL.osm.pbf',
  en: 'The map shows only the shipped street network. Load an OpenStreetMap extract with: npm run geodata -- import-osm FILE.osm.pbf',
  short: { sv: 'Bara medföljande gatunät', en: 'Shipped street network only' },
};

export function makeBasemapStyle(input: StyleInput): Record<string, unknown> {
  const note = input.hasOsmImport ? null : SHIPPED_NETWORK_NOTE;
  const attribution = [OSM_ATTRIBUTION, 'Källa: SCB', ...input.credits, ...(note ? [`${note.short.sv} (npm run geodata -- import-osm)`] : [])].join(' · ');
  const layers: Layer[] = [
    { id: 'background', type: 'background', paint: { 'background-color': COLORS.land } },
    {
      id: 'landuse', type: 'fill', ...src('landuse'),
      // Broad areas first, so a park inside a residential area shows.
      layout: { 'fill-sort-key': ['match', ['get', 'kind'], ['residential', 'farmland'], 0, ['retail', 'commercial', 'industrial'], 1, 2] },
      paint: { 'fill-color': landuseColor, 'fill-opacity': ['interpolate', ['linear'], ['zoom'], 10, 0.7, 14, 1] },
    },
    { id: 'landuse-pitch-outline', type: 'line', ...src('landuse'), minzoom: 15, filter: kindIn('pitch'), paint: { 'line-color': '#a9cf9c', 'line-width': 1 } },
    { id: 'water', type: 'fill', ...src('water'), paint: { 'fill-color': COLORS.water } },
    {
      id: 'waterway', type: 'line', ...src('waterway'), layout: { 'line-join': 'round', 'line-cap': 'round' },
      paint: {
        'line-color': COLORS.waterLine,
        'line-width': ['interpolate', ['exponential', 1.6], ['zoom'], ...[[10, 1, 0.3], [14, 4, 0.8], [16, 7, 1.6], [18, 14, 3]].flatMap(([z, river, stream]) => [z, ['match', ['get', 'kind'], ['river', 'canal'], river, stream]])],
      },
    },
    ...roadLayers(true),
    { id: BUILDING_LAYER_ID, type: 'fill', ...src('building'), minzoom: 13, paint: { 'fill-color': COLORS.building, 'fill-opacity': ['interpolate', ['linear'], ['zoom'], 13, 0.6, 15, 1] } },
    { id: 'building-outline', type: 'line', ...src('building'), minzoom: 15, paint: { 'line-color': COLORS.buildingLine, 'line-width': 0.7 } },
    ...pathLayers,
    ...roadLayers(false),
    {
      id: 'rail', type: 'line', ...src('rail'), filter: ['!', isYes('tunnel')],
      paint: { 'line-color': COLORS.rail, 'line-width': width([[10, 0.8], [14, 1.6], [18, 3]]) },
    },
    {
      id: 'rail-dash', type: 'line', ...src('rail'), minzoom: 14, filter: ['all', ['!', isYes('tunnel')], kindIn('rail')],
      paint: { 'line-color': '#ffffff', 'line-width': width([[14, 0.8], [18, 1.8]]), 'line-dasharray': [4, 4] },
    },
    {
      id: 'district-outline', type: 'line', ...src('district'), layout: { 'line-join': 'round' },
      paint: { 'line-color': COLORS.district, 'line-opacity': 0.55, 'line-width': ['interpolate', ['linear'], ['zoom'], 10, 1, 16, 2.2], 'line-dasharray': [4, 2, 1, 2] },
    },
    ...labelLayers,
  ];
  return {
    version: 8,
    name: 'Trygghetskartan',
    metadata: {
      'trygghetskartan:version': input.version,
      'trygghetskartan:first-label-layer': FIRST_LABEL_LAYER_ID,
      'trygghetskartan:has-roads': input.hasRoads,
      [NOTE_METADATA_KEY]: note,
    },
    sprite: `${input.origin}/map/sprite`,
    'font-faces': input.fontFaces,
    sources: {
      [BASEMAP_SOURCE_ID]: {
        type: 'vector',
        tiles: [`${input.origin}/tiles/{z}/{x}/{y}.mvt?v=${encodeURIComponent(input.version)}`],
        minzoom: 10,
        maxzoom: 16,
        ...(input.bounds ? { bounds: input.bounds } : {}),
        attribution,
      },
    },
    layers,
  };
}
