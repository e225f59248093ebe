// Wire types of /api/routes as the client reads them (see server/schemas/patrol-routes.ts).
// The server's own types, so the client's view of a route cannot drift from what is sent.
import type { SuggestRequest, SuggestedRoute } from '../../server/domain/route-suggest.ts';
import type { PatrolRouteRow, RouteWaypoint } from '../../server/db/queries/patrol-routes.ts';
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

/** POST /api/routes/suggest body (the server's SuggestRequest plus the district). */
export type SuggestQuery = SuggestRequest & { district: string; /** "Mörker": risk from reports after dark only. */ afterDark?: boolean };



export interface SuggestAnswer {
  district: string;
  graph: GraphKind;
  note: string | null;
  base: { id: string | null; name: string; lon: number; lat: number };
  candidates: number;
  routes: SuggestedRoute[];
}



/** A saved route as the API sends it: the stored row plus its walking time. */
export type SavedRoute = PatrolRouteRow & { walkingMin: number };

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
