// Keeps the DeSO index (cell → DeSO, server/domain/deso-index.ts) in memory and rebuilds it
// when the deso_areas table changes (checked at most every refreshMs), so an import-deso from
// the CLI reaches a running server and every process agrees within refreshMs.
import type { Sql } from './db/sql.ts';
import { desoVersion, listDesoAreas, type DesoRow } from './db/queries/deso.ts';
import { makeDesoIndex, type DesoIndex } from './domain/deso-index.ts';

export interface DesoCache {
  current(): Promise<{ index: DesoIndex; areas: readonly DesoRow[] }>;
}

export function makeDesoCache(sql: Sql, opts: { refreshMs?: number; now?: () => number } = {}): DesoCache {
  const refreshMs = opts.refreshMs ?? 30_000;
  const now = opts.now ?? Date.now;
  let cached: { index: DesoIndex; areas: DesoRow[]; version: string; checkedAt: number } | undefined;
  let pending: Promise<{ index: DesoIndex; areas: DesoRow[] }> | undefined;

  async function load() {
    const version = await desoVersion(sql);
    if (cached?.version !== version) {
      const areas = await listDesoAreas(sql);
      cached = { index: makeDesoIndex(areas), areas, version, checkedAt: now() };
    }
    cached.checkedAt = now();
    return cached;
  }

  return {
    async current() {
      if (cached && now() - cached.checkedAt < refreshMs) return cached;
      pending ??= load().finally(() => (pending = undefined));
      return pending;
    },
  };
}
