// This process's record of changes to what the basemap is drawn from (map_features, map_meta's
// version, the districts): every import announces itself after its commit, and the caches that
// hold a map version (server/tiles/map-version.ts) read it again at their next use. Keyed by the
// database handle, like the place cache. Other processes learn of a change by their own means
// (map-version.ts: ?v= and a short TTL).
import type { Sql } from './sql.ts';

const generations = new WeakMap<Sql, number>();

/** Tells this process's map caches on `sql` that the map or the districts changed (after commit). */
export function announceMapChange(sql: Sql): void {
  generations.set(sql, (generations.get(sql) ?? 0) + 1);
}

/** How many changes were announced on `sql` in this process. */
export function mapGeneration(sql: Sql): number {
  return generations.get(sql) ?? 0;
}
