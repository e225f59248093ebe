// Fixed-window rate limits per key (the client IP by default), in memory per process; a request
// over the limit gets 429 problem+json with Retry-After. The clock is injected.
import type { Context, MiddlewareHandler } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
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
  /** Counts one hit; returns the seconds to wait when over the limit, else 0. */
  hit(key: string): number;
}

export function makeLimiter(opts: { limit: number; windowMs: number; now: () => number; maxKeys?: number }): Limiter {
  const windows = new Map<string, { start: number; count: number }>();
  const maxKeys = opts.maxKeys ?? 100_000;
  return {
    hit(key) {
      const now = opts.now();
      let w = windows.get(key);
      if (!w || now - w.start >= opts.windowMs) {
        if (!w && windows.size >= maxKeys) {
          for (const [k, v] of windows) if (now - v.start >= opts.windowMs) windows.delete(k);
          if (windows.size >= maxKeys) windows.delete(windows.keys().next().value!); // oldest first
        }
        w = { start: now, count: 0 };
        windows.set(key, w);
      }
      w.count += 1;
      if (w.count <= opts.limit) return 0;
      return Math.max(1, Math.ceil((w.start + opts.windowMs - now) / 1000));
    },
  };
}

export interface RateLimitOptions {
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
export function rateLimit(opts: RateLimitOptions | false): MiddlewareHandler {
  if (!opts) return async (_c, next) => next();
  const limiter = makeLimiter(opts);
  return async (c, next) => {
    if (!opts.skip?.(c)) {
      const waitS = limiter.hit(clientIp(c, opts.trustProxy));
      if (waitS > 0) {
        throw new HttpProblem(429, `Too many ${opts.what} from your address. Try again in ${waitS} s.`, { code: 'rate-limited', headers: { 'Retry-After': String(waitS) }, extensions: { retryAfterS: waitS } });
      }
    }
    await next();
  };
}
