// Which accounts sign-in is slowed or locked for right now (for the admin page), and the
// admin's unlock: pure grouping of the failure records by account, with the throttle policies.
import type { FailureRecord } from './policy.ts';
import { ACCOUNT_THROTTLE, PAIR_THROTTLE, waitBeforeAttempt } from './policy.ts';

export interface SignInBlock {
  email: string;
  /** Failed sign-ins counted against the account from all addresses. */
  failures: number;
  /** Addresses locked out of this account now. */
  lockedAddresses: number;
  /** When the account-wide wait (slowed from many addresses) ends, or null. */
  slowedUntil: string | null;
  /** When the last address lock ends, or null. */
  lockedUntil: string | null;
}

/** Groups `account:EMAIL` and `pair:EMAIL|IP` records into one block per account that waits now. */
export function signInBlocks(records: readonly { key: string; rec: FailureRecord }[], nowMs: number): SignInBlock[] {
  const byEmail = new Map<string, SignInBlock>();
  const blockOf = (email: string) => {
    let b = byEmail.get(email);
    if (!b) byEmail.set(email, (b = { email, failures: 0, lockedAddresses: 0, slowedUntil: null, lockedUntil: null }));
    return b;
  };
  for (const { key, rec } of records) {
    if (key.startsWith('account:')) {
      const w = waitBeforeAttempt(rec, nowMs, ACCOUNT_THROTTLE);
      const b = blockOf(key.slice('account:'.length));
      b.failures = rec.failures;
      if (w.waitMs > 0) b.slowedUntil = new Date(nowMs + w.waitMs).toISOString();
    } else if (key.startsWith('pair:')) {
      const w = waitBeforeAttempt(rec, nowMs, PAIR_THROTTLE);
      if (!w.locked) continue;
      const b = blockOf(key.slice('pair:'.length, key.lastIndexOf('|')));
      b.lockedAddresses += 1;
      const until = new Date(nowMs + w.waitMs).toISOString();
      if (b.lockedUntil === null || until > b.lockedUntil) b.lockedUntil = until;
    }
  }
  return [...byEmail.values()].filter((b) => b.slowedUntil !== null || b.lockedUntil !== null || b.failures >= ACCOUNT_THROTTLE.freeFailures);
}
