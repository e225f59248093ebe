// A circuit breaker in front of the database: after a connection failure, requests get 503
// problem+json with Retry-After at once (instead of each waiting for postgres.js to time out)
// while one probe at a time checks whether the database is back. Closes by itself on success.
import type { MiddlewareHandler } from 'hono';
import { databaseUnavailable } from './on-error.ts';

export interface DbBreaker {
  /** A database call failed with a connection error. */
  recordFailure(): void;
  /** Whether requests should be refused right now (kicks off a probe when one is due). */
  isOpen(): boolean;
  /** Seconds a client should wait before retrying. */
  retryAfterS(): number;
  /** Runs the probe now and resolves whether the database answered. */
  probe(): Promise<boolean>;
}

export interface BreakerOptions {
  /** Runs a trivial query; must reject when the database is unreachable. */
  ping: () => Promise<unknown>;
  /** Give up on a probe after this long (ms). */
  probeTimeoutMs?: number;
  /** Wait between probes while open (ms). */
  probeEveryMs?: number;
  now: () => number;
}

export function makeDbBreaker(opts: BreakerOptions): DbBreaker {
  const probeTimeoutMs = opts.probeTimeoutMs ?? 2000;
  const probeEveryMs = opts.probeEveryMs ?? 1000;
  let open = false;
  let nextProbeAt = 0;
  let probing: Promise<boolean> | null = null;

  const probe = () =>
    (probing ??= (async () => {
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([opts.ping(), new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('probe timeout')), probeTimeoutMs)))]);
        open = false;
        return true;
      } catch {
        open = true;
        nextProbeAt = opts.now() + probeEveryMs;
        return false;
      } finally {
        clearTimeout(timer);
        probing = null;
      }
    })());

  return {
    recordFailure() {
      if (!open) {
        open = true;
        nextProbeAt = opts.now(); // probe on the next request
      }
    },
    isOpen() {
      if (open && !probing && opts.now() >= nextProbeAt) void probe();
      return open;
    },
    retryAfterS: () => Math.max(1, Math.ceil(probeEveryMs / 1000)),
    probe,
  };
}

/** Refuses requests with 503 while the breaker is open. */
export function dbGate(breaker: DbBreaker): MiddlewareHandler {
  return async (_c, next) => {
    if (breaker.isOpen()) {
      throw databaseUnavailable(breaker.retryAfterS());
    }
    await next();
  };
}
