// Wire types of /api/routes as the client reads them (see server/schemas/patrol-routes.ts).
import type { LineString } from 'geojson';
// The server's own types, so the client's view of a route cannot drift from what is sent.
import type { SuggestedRoute } from '../../server/domain/route-suggest.ts';
import type { RouteScheduleEntry, RouteWaypoint } from '../../server/db/queries/patrol-routes.ts';
export type { SuggestedStop, SuggestedRoute } from '../../server/domain/route-suggest.ts';
export type { RouteScheduleEntry, RouteWaypoint } from '../../server/db/queries/patrol-routes.ts';

export type LonLatPair = [lon: number, lat: number];
export type GraphKind = 'streets' | 'hex-grid';

export interface PathAnswer {
  district: string;
  graph: GraphKind;
  note: string | null;
  /** The waypoints snapped onto the walking network. */
  waypoints: LonLatPair[];
  legs: { coordinates: LonLatPair[]; lengthM: number }[];
  lengthM: number;
}

export interface SuggestQuery {
  district: string;
  date: string;
  start: string;
  end: string;
  teams: number;
  speedKmh: number;
  stopsPerTeam: number;
  dwellMin: number;
  revisitMin: number;
  preferLit: boolean;
  seed: number;
}



export interface SuggestAnswer {
  district: string;
  graph: GraphKind;
  note: string | null;
  base: { id: string | null; name: string; lon: number; lat: number };
  candidates: number;
  routes: SuggestedRoute[];
}



export interface SavedRoute {
  id: string;
  name: string;
  team: string | null;
  district: string | null;
  date: string;
  start: string;
  end: string;
  speedKmh: number;
  waypoints: RouteWaypoint[];
  geometry: LineString | null;
  schedule: RouteScheduleEntry[];
  lengthM: number;
  walkingMin: number;
  graph: GraphKind;
  source: 'drawn' | 'suggested' | 'imported';
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface RouteInput {
  name: string;
  team: string | null;
  district: string | null;
  date: string;
  start: string;
  end: string;
  speedKmh: number;
  waypoints: RouteWaypoint[];
  source: 'drawn' | 'suggested' | 'imported';
}

export interface Me {
  user: { id: string; email: string; role: string; team: string | null } | null;
  role: string;
  permissions: string[];
}
