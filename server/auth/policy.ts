// Pure session and sign-in throttling rules: times in, decisions out (no clock, no I/O).

export interface SessionPolicy {
  /** A session unused this long ends (idle expiry). */
  idleMs: number;
  /** A session ends this long after sign-in whatever happens (absolute expiry). */
  absoluteMs: number;
  /** last_seen_at is written at most this often, so reads do not all become writes. */
  touchEveryMs: number;
}

export const DEFAULT_SESSION_POLICY: SessionPolicy = {
  idleMs: 2 * 60 * 60 * 1000,
  absoluteMs: 12 * 60 * 60 * 1000,
  touchEveryMs: 60 * 1000,
};

export interface SessionTimes {
  lastSeenMs: number;
  expiresMs: number;
}

export function isSessionLive(s: SessionTimes, nowMs: number, policy: SessionPolicy): boolean {
  return nowMs < s.expiresMs && nowMs - s.lastSeenMs < policy.idleMs;
}

export function needsTouch(s: SessionTimes, nowMs: number, policy: SessionPolicy): boolean {
  return nowMs - s.lastSeenMs >= policy.touchEveryMs;
}

export interface ThrottlePolicy {
  /** Failures allowed before sign-in is slowed. */
  freeFailures: number;
  /** Wait after the first slowed failure, doubling per further failure, up to maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** At this many failures the key is locked for lockMs. */
  lockAfter: number;
  lockMs: number;
  /** Failures older than this are forgotten. */
  forgetAfterMs: number;
}

/**
 * Per account and address: 5 free tries, then waits of 1, 2, 4, … s, locked for 15 min at 10
 * failures. The lock shuts out that address only, so it cannot be used to lock the owner out.
 */
export const PAIR_THROTTLE: ThrottlePolicy = { freeFailures: 5, baseDelayMs: 1000, maxDelayMs: 30_000, lockAfter: 10, lockMs: 15 * 60_000, forgetAfterMs: 60 * 60_000 };
/**
 * Per account from all addresses: slowed, never locked. Failures from many addresses (a botnet
 * guessing one password) make every try wait up to a minute, the owner's included, but never
 * lock the owner out; an administrator can clear it (POST /api/admin/users/{id}/unlock).
 */
export const ACCOUNT_THROTTLE: ThrottlePolicy = { freeFailures: 10, baseDelayMs: 1000, maxDelayMs: 60_000, lockAfter: Infinity, lockMs: 0, forgetAfterMs: 60 * 60_000 };
/** Per IP (many accounts behind one address, or one attacker spraying): looser, same shape. */
export const IP_THROTTLE: ThrottlePolicy = { freeFailures: 20, baseDelayMs: 1000, maxDelayMs: 30_000, lockAfter: 50, lockMs: 15 * 60_000, forgetAfterMs: 60 * 60_000 };

export interface FailureRecord {
  failures: number;
  lastAtMs: number;
  lockedUntilMs: number | null;
}

/** Milliseconds the caller must still wait before another attempt on this key (0: go ahead). */
export function waitBeforeAttempt(rec: FailureRecord | null, nowMs: number, policy: ThrottlePolicy): { waitMs: number; locked: boolean } {
  if (!rec || nowMs - rec.lastAtMs >= policy.forgetAfterMs) return { waitMs: 0, locked: false };
  if (rec.lockedUntilMs !== null && nowMs < rec.lockedUntilMs) return { waitMs: rec.lockedUntilMs - nowMs, locked: true };
  if (rec.lockedUntilMs !== null) return { waitMs: 0, locked: false }; // lock served: start again
  const over = rec.failures - policy.freeFailures;
  if (over < 0) return { waitMs: 0, locked: false };
  const delay = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** over);
  return { waitMs: Math.max(0, rec.lastAtMs + delay - nowMs), locked: false };
}

/** The record after one more failure. */
export function recordFailure(rec: FailureRecord | null, nowMs: number, policy: ThrottlePolicy): FailureRecord {
  const stale = !rec || nowMs - rec.lastAtMs >= policy.forgetAfterMs || (rec.lockedUntilMs !== null && nowMs >= rec.lockedUntilMs);
  const failures = (stale ? 0 : rec.failures) + 1;
  return { failures, lastAtMs: nowMs, lockedUntilMs: failures >= policy.lockAfter ? nowMs + policy.lockMs : null };
}
