// Wire types of the API as the client reads them (GeoJSON bodies are typed by hand; see server/schemas).
import type { Feature, FeatureCollection, LineString, MultiPolygon, Point, Polygon } from 'geojson';

export type Bbox = [west: number, south: number, east: number, north: number];

export interface AppConfig {
  basemapStyleUrl: string | null;
  area: { name: string; bbox: Bbox };
  /** The app's own basemap draws the streets: a map over it needs only their unlit ways (api.streets with lit 'no'). */
  streetsInBasemap: boolean;
}

export interface Category {
  code: string;
  sv: string;
  en: string;
  color: string;
}

export interface DistrictProps {
  id: string;
  name: string;
  approximate: boolean;
  source: string;
  /** Length of the loaded street network inside the district, in km. */
  streetKm: number;
}
export type DistrictCollection = FeatureCollection<Polygon | MultiPolygon, DistrictProps>;
export type DistrictFeature = Feature<Polygon | MultiPolygon, DistrictProps>;

export interface BaseProps {
  id: string;
  name: string;
  district: string | null;
}
export type BaseCollection = FeatureCollection<Point, BaseProps>;

export interface StreetProps {
  name: string | null;
  highway: string | null;
  lit: string | null;
  district: string | null;
}
export type StreetCollection = FeatureCollection<LineString, StreetProps>;

export interface PinProps {
  /** null on the public (masked) map. */
  id: string | null;
  /** H3 resolution-10 cell. */
  cell: string;
  category: string;
  observedTo: string;
}
/** `masked`: points at cell centres, hours only, no ids (the public map). */
export type PinCollection = FeatureCollection<Point, PinProps> & { total: number; truncated: boolean; masked: boolean };

export interface PinQuery {
  /** First day, YYYY-MM-DD in Europe/Stockholm. */
  from: string;
  /** Last day, inclusive. */
  to: string;
  districts: string[];
  categories: string[];
}

/** One report as GET /api/reports/:id sends it (the server's own DTO type). */
export type { ReportDto as Report } from '../../server/db/queries/reports.ts';
