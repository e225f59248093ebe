// What the app needs from the outside world, injected by main.ts (or a test).
import type { Sql } from './db/sql.ts';
import type { DistrictIndex } from './domain/district-index.ts';
import type { SecurityOptions } from './auth/options.ts';

export interface AreaCache {
  /** The current district index (reloaded when districts change). */
  index(): Promise<DistrictIndex>;
  /** Forget the cached index so the next call reads the database again. */
  invalidate(): void;
}

export interface Logger {
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

export interface AppDeps {
  sql: Sql;
  area: AreaCache;
  /** Milliseconds since the epoch; injected so tests can fix the clock. */
  now: () => number;
  newId: () => string;
  log: Logger;
  basemapStyleUrl: string | null;
  /** Built client to serve at /, when present. */
  staticDir?: string | undefined;
  /**
   * Names a place for a point (reverse geocoding, GET /api/places/reverse). Absent: the district
   * with a distance and direction from the nearest team base (server/domain/track-places.ts).
   */
  placeName?: ((lat: number, lon: number) => string) | undefined;
  /** Sessions, password cost, cookies, CORS, proxy trust and rate limits (defaults in server/auth/options.ts). */
  security?: Partial<SecurityOptions> | undefined;
}
