// Fixed-window rate limits per key (the client IP by default), counted in PostgreSQL so every
// server process (WORKERS=N) shares them; a request over the limit gets 429 problem+json with
// Retry-After and retryAfterS. The clock is injected (its time is sent to the database).
import type { Context, MiddlewareHandler } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Sql } from '../db/sql.ts';
import { HttpProblem } from './problem.ts';

/** The caller's address: the socket peer, or the first X-Forwarded-For hop behind a trusted proxy. */
export function clientIp(c: Context, trustProxy = false): string {
  if (trustProxy) {
    const fwd = c.req.header('X-Forwarded-For')?.split(',')[0]?.trim();
    if (fwd && fwd.length <= 64) return fwd;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown'; // app.request() in tests: no socket
  }
}

export interface Limiter {
  /** Counts one hit; resolves to the seconds to wait when over the limit, else 0. */
  hit(key: string): Promise<number>;
}

/** Sweep rows of ended windows once per this many hits (per process). */
const SWEEP_EVERY = 1000;

/**
 * A limit of `limit` hits per `windowMs` per key, shared by every process on the database.
 * `name` keeps limits apart (the same address has one window per limit).
 */
export function makeLimiter(sql: Sql, opts: { name: string; limit: number; windowMs: number; now: () => number }): Limiter {
  let hits = 0;
  return {
    async hit(key) {
      const now = new Date(opts.now());
      const ends = new Date(now.getTime() + opts.windowMs);
      if (++hits % SWEEP_EVERY === 0) void sql`delete from rate_limits where expires_at < ${now}`.catch(() => {});
      const [row] = await sql<{ hits: number; expires_at: Date }[]>`
        insert into rate_limits as r (key, expires_at, hits) values (${`${opts.name}:${key}`}, ${ends}, 1)
        on conflict (key) do update set
          hits = case when r.expires_at <= ${now} then 1 else r.hits + 1 end,
          expires_at = case when r.expires_at <= ${now} then excluded.expires_at else r.expires_at end
        returning hits, expires_at`;
      if (row!.hits <= opts.limit) return 0;
      return Math.max(1, Math.ceil((row!.expires_at.getTime() - now.getTime()) / 1000));
    },
  };
}

/** 429 with Retry-After: `what` names what was limited (e.g. 'report submissions'). */
export function rateLimited(what: string, waitS: number): HttpProblem {
  return new HttpProblem(429, `Too many ${what} from your address. Try again in ${waitS} s.`, { code: 'rate-limited', headers: { 'Retry-After': String(waitS) }, extensions: { retryAfterS: waitS } });
}

export interface RateLimitOptions {
  /** The limit's name in the shared table (defaults to `what`). */
  name?: string;
  limit: number;
  windowMs: number;
  now: () => number;
  trustProxy?: boolean;
  /** What the limit is on, for the message (e.g. 'report submissions'). */
  what: string;
  /** Skip the limit for some requests (e.g. signed-in callers). */
  skip?: (c: Context) => boolean;
}

/** Middleware; `false` options give a pass-through (limits switched off). */
export function rateLimit(sql: Sql, opts: RateLimitOptions | false): MiddlewareHandler {
  if (!opts) return async (_c, next) => next();
  const limiter = makeLimiter(sql, { ...opts, name: opts.name ?? opts.what });
  return async (c, next) => {
    if (!opts.skip?.(c)) {
      const waitS = await limiter.hit(clientIp(c, opts.trustProxy));
      if (waitS > 0) throw rateLimited(opts.what, waitS);
    }
    await next();
  };
}
