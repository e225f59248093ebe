// Per-IP rate limits for the public form and Open311 POST: a sliding log of request times per
// client in memory (one process), with the clock injected. Over the limit → 429 + Retry-After.
import type { Context, MiddlewareHandler } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';

export interface RateLimitOptions {
  /** Requests allowed per window. */
  limit: number;
  windowMs: number;
  now: () => number;
  /** Turns the refusal into the route's own error body (problem+json or Open311's). */
  refuse: (c: Context, retryAfterS: number) => Response | Promise<Response>;
  /** Clients tracked at most; the oldest are forgotten first. */
  maxClients?: number;
}

/** The caller's address as the socket saw it ('local' under app.request() in tests). */
export function clientIp(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'local';
  } catch {
    return 'local';
  }
}

export function rateLimit(opts: RateLimitOptions): MiddlewareHandler {
  const hits = new Map<string, number[]>();
  const maxClients = opts.maxClients ?? 10_000;
  return async (c, next) => {
    const now = opts.now();
    const key = clientIp(c);
    const recent = (hits.get(key) ?? []).filter((t) => t > now - opts.windowMs);
    if (recent.length >= opts.limit) {
      hits.set(key, recent);
      const retryAfterS = Math.max(1, Math.ceil((recent[0]! + opts.windowMs - now) / 1000));
      const res = await opts.refuse(c, retryAfterS);
      res.headers.set('Retry-After', String(retryAfterS));
      return res;
    }
    recent.push(now);
    hits.delete(key);
    hits.set(key, recent);
    if (hits.size > maxClients) hits.delete(hits.keys().next().value!);
    await next();
  };
}
