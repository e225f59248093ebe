// Keeps the district index in memory and rebuilds it when the districts table changes
// (checked at most every refreshMs), so an import from the CLI reaches a running server.
import type { Sql } from './db/sql.ts';
import type { AreaCache } from './deps.ts';
import { makeDistrictIndex, type DistrictIndex } from './domain/district-index.ts';
import { listDistricts } from './db/queries/districts.ts';

export function makeAreaCache(sql: Sql, opts: { refreshMs?: number; now?: () => number } = {}): AreaCache {
  const refreshMs = opts.refreshMs ?? 30_000;
  const now = opts.now ?? Date.now;
  let cached: { index: DistrictIndex; version: string; checkedAt: number } | undefined;
  let pending: Promise<DistrictIndex> | undefined;

  async function version(): Promise<string> {
    const [r] = await sql<{ v: string }[]>`select count(*)::text || ':' || coalesce(max(updated_at)::text, '') as v from districts`;
    return r!.v;
  }

  async function load(): Promise<DistrictIndex> {
    const v = await version();
    if (cached && cached.version === v) {
      cached.checkedAt = now();
      return cached.index;
    }
    const districts = await listDistricts(sql);
    const index = makeDistrictIndex(districts);
    cached = { index, version: v, checkedAt: now() };
    return index;
  }

  return {
    async index() {
      if (cached && now() - cached.checkedAt < refreshMs) return cached.index;
      pending ??= load().finally(() => (pending = undefined));
      return pending;
    },
    invalidate() {
      cached = undefined;
    },
  };
}
