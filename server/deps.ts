// What the app needs from the outside world, injected by main.ts (or a test).
import type { Sql } from './db/sql.ts';
import type { DistrictIndex } from './domain/district-index.ts';
import type { SecurityOptions } from './auth/options.ts';
import type { PlaceCache } from './place-cache.ts';

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
  /** The place index (search, reverse geocoding, names); made from sql and area when absent (server/place-cache.ts). */
  places?: PlaceCache | undefined;
  /** Milliseconds since the epoch; injected so tests can fix the clock. */
  now: () => number;
  newId: () => string;
  log: Logger;
  basemapStyleUrl: string | null;
  /** Built client to serve at /, when present. */
  staticDir?: string | undefined;
  /** Sessions, password cost, cookies, CORS, proxy trust and rate limits (defaults in server/auth/options.ts). */
  security?: Partial<SecurityOptions> | undefined;
}
