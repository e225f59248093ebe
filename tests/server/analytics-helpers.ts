// Shared pieces of the analytics suites: an app whose caller is a signed-in chief, random and
// planted reports, and the brute-force heat map over raw rows that the aggregate must equal.
import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { cellToLatLng } from 'h3-js';
import { analyticsRoutes } from '../../server/routes/analytics.ts';
import { importRoutes } from '../../server/routes/imports.ts';
import { makeAreaCache } from '../../server/area-cache.ts';
import { makeLogger } from '../../server/logger.ts';
import { problemResponse, toProblem } from '../../server/http/on-error.ts';
import type { AuthUser } from '../../server/http/guard.ts';
import type { AppDeps } from '../../server/deps.ts';
import type { Sql } from '../../server/db/sql.ts';
import { aoristicShares } from '../../server/domain/aoristic.ts';
import { rowFactor, rowMatches, type HeatFilter } from '../../server/domain/heat-filter.ts';
import type { DayKind } from '../../server/domain/holidays.ts';
import { parentOfBigint } from '../../server/domain/h3-parent.ts';
import { openTestDb, type DbTarget } from '../helpers/databases.ts';
import { FIXED_NOW } from '../helpers/test-app.ts';

export const CHIEF: AuthUser = { id: 'u-chief', email: 'chief@example.se', role: 'chief', team: null, via: 'session', scopes: null, credentialId: 's1' };

/** The analytics and import routes over a fresh test database, called as `user` (null: anonymous). */
export async function makeAnalyticsApp(target: DbTarget, opts: { user?: AuthUser | null; now?: () => number } = {}) {
  const db = await openTestDb(target);
  const deps: AppDeps = { sql: db.sql, area: makeAreaCache(db.sql), now: opts.now ?? (() => FIXED_NOW), newId: randomUUID, log: makeLogger('silent'), basemapStyleUrl: null };
  const user = opts.user === undefined ? CHIEF : opts.user;
  const api = new Hono().route('/', analyticsRoutes(deps)).route('/imports', importRoutes(deps));
  const app = new Hono();
  app.use(async (c, next) => {
    c.set('user', user);
    await next();
  });
  app.onError((err, c) => problemResponse(c, toProblem(err)));
  app.route('/api', api);
  const get = async (path: string) => {
    const res = await app.request(path);
    return { status: res.status, body: (await res.json()) as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
  };
  return { app, deps, db, sql: db.sql, get, close: db.close };
}

/** sfc-like seeded generator (Park–Miller) for repeatable random data. */
export function seeded(seed: number): () => number {
  let s = seed % 2147483647 || 1;
  return () => (s = (s * 48271) % 2147483647) / 2147483647;
}

export interface RawReport {
  cell: string;
  category: string;
  source: string;
  status: string;
  district_id: string;
  observed_from: Date;
  observed_to: Date;
}

export async function rawReports(sql: Sql): Promise<RawReport[]> {
  return sql<RawReport[]>`select to_hex(cell) as cell, category, source, status, district_id, observed_from, observed_to from reports`;
}

const sharesMemo = new Map<string, ReturnType<typeof aoristicShares>>();
function memoShares(fromMs: number, toMs: number) {
  const key = `${fromMs}:${toMs}`;
  let s = sharesMemo.get(key);
  if (!s) sharesMemo.set(key, (s = aoristicShares(fromMs, toMs)));
  return s;
}

/** The heat map computed from raw rows with the domain functions: the reference. */
export function bruteForceHeat(rows: readonly RawReport[], f: HeatFilter, special: ReadonlyMap<string, DayKind>): Map<string, { weight: number; count: number }> {
  const out = new Map<string, { weight: number; count: number }>();
  for (const r of rows) {
    if (r.status === 'rejected' || r.status === 'merged') continue;
    const cell = f.res === 10 ? r.cell : parentOfBigint(BigInt(`0x${r.cell}`), f.res).toString(16);
    for (const s of memoShares(r.observed_from.getTime(), r.observed_to.getTime())) {
      const row = { localDate: s.localDate, hour: s.hour, category: r.category, source: r.source, districtId: r.district_id };
      if (!rowMatches(f, row, special)) continue;
      const acc = out.get(cell) ?? { weight: 0, count: 0 };
      acc.weight += s.weight * rowFactor(f, row);
      acc.count += s.count;
      out.set(cell, acc);
    }
  }
  return out;
}

/** A report row at the centre of an H3 cell, for direct inserts. */
export function reportAt(cell: string, districtId: string, fromMs: number, toMs: number, extra: { category?: string; source?: string; status?: string; id?: string } = {}) {
  const [lat, lon] = cellToLatLng(cell);
  return {
    id: extra.id ?? randomUUID(),
    category: (extra.category ?? 'ordningsstorning') as 'ordningsstorning',
    lat,
    lon,
    cell,
    districtId,
    observedFrom: new Date(fromMs),
    observedTo: new Date(toMs),
    description: null,
    source: (extra.source ?? 'staff') as 'staff',
    status: (extra.status ?? 'new') as 'new',
  };
}
