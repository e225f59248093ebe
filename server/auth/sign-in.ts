// Sign-in: throttle check per account+address, per account and per address, constant-work
// password check, session start, failure counting and the audit trail. Errors are HttpProblems
// (401 wrong, 429 slowed or locked with retryAfterS and retryAt). Failure records live in
// PostgreSQL, so every server process sees the same throttles.
import type { Sql } from '../db/sql.ts';
import { HttpProblem } from '../http/problem.ts';
import { findUserByEmail, setPasswordHash, type UserDto } from '../db/queries/users.ts';
import { clearFailures, getFailures, swapFailures } from '../db/queries/sessions.ts';
import { hashPassword, makeDummyHash, verifyPassword } from './password.ts';
import { ACCOUNT_THROTTLE, IP_THROTTLE, PAIR_THROTTLE, recordFailure, waitBeforeAttempt, type FailureRecord, type ThrottlePolicy } from './policy.ts';
import { startSession } from './sessions.ts';
import { audit } from './audit.ts';
import { makeKeyedLock } from './keyed-lock.ts';
import type { SecurityOptions } from './options.ts';

export interface SignInDeps {
  sql: Sql;
  now: () => number;
  security: SecurityOptions;
}

export interface SignInRequest {
  email: string;
  password: string;
  ip: string;
  userAgent: string | null;
  requestId: string | null;
}

export type SignIn = (req: SignInRequest) => Promise<{ user: UserDto; token: string; expiresMs: number }>;

const WRONG = 'The e-mail address or the password is wrong.';

/** The failure-record keys of one attempt and the policy of each. */
export function throttleKeys(email: string, ip: string): { key: string; policy: ThrottlePolicy }[] {
  return [
    { key: accountThrottleKey(email), policy: ACCOUNT_THROTTLE },
    { key: `pair:${email}|${ip}`, policy: PAIR_THROTTLE },
    { key: `ip:${ip}`, policy: IP_THROTTLE },
  ];
}

/** The key of an account's own record; its per-address records start with `pairThrottlePrefix`. */
export const accountThrottleKey = (email: string) => `account:${email}`;
export const pairThrottlePrefix = (email: string) => `pair:${email}|`;

/**
 * One more failure on `key`, counted exactly even when other requests (other accounts from the same
 * address, other worker processes) count on it at the same moment: compare-and-swap, re-read on a miss.
 */
async function countFailure(sql: SignInDeps['sql'], key: string, seen: FailureRecord | null, now: number, policy: ThrottlePolicy): Promise<void> {
  let prev = seen;
  for (let attempt = 0; attempt < 50; attempt++) {
    if (await swapFailures(sql, key, prev, recordFailure(prev, now, policy))) return;
    prev = await getFailures(sql, key);
  }
  throw new Error(`could not count a sign-in failure on ${key}: the record kept changing`);
}

export function makeSignIn(deps: SignInDeps): SignIn {
  const lock = makeKeyedLock();
  let dummy: Promise<string> | undefined;
  const dummyHash = () => (dummy ??= makeDummyHash(deps.security.scrypt));

  return (req) => {
    const email = req.email.trim().toLowerCase();
    const keys = throttleKeys(email, req.ip);
    return lock.run(accountThrottleKey(email), async () => {
      const now = deps.now();
      const recs = await Promise.all(keys.map((k) => getFailures(deps.sql, k.key)));
      const wait = keys.map((k, i) => waitBeforeAttempt(recs[i]!, now, k.policy)).reduce((a, b) => (b.waitMs > a.waitMs ? b : a));
      if (wait.waitMs > 0) {
        const s = Math.ceil(wait.waitMs / 1000);
        const detail = wait.locked ? `Too many failed sign-ins: sign-in is locked for ${Math.ceil(s / 60)} min.` : `Too many failed sign-ins: wait ${s} s before trying again.`;
        throw new HttpProblem(429, detail, { code: wait.locked ? 'locked' : 'sign-in-slowed', headers: { 'Retry-After': String(s) }, extensions: { locked: wait.locked, retryAfterS: s, retryAt: new Date(now + s * 1000).toISOString() } });
      }

      const user = await findUserByEmail(deps.sql, email);
      const check = await verifyPassword(req.password, user?.passwordHash ?? (await dummyHash()), deps.security.scrypt);
      if (!user || !check.ok || user.disabled) {
        await Promise.all(keys.map((k, i) => countFailure(deps.sql, k.key, recs[i]!, now, k.policy)));
        await audit(deps.sql, { actor: { id: user?.id ?? null, label: email.slice(0, 320) }, action: 'auth.login-failed', target: user ? `user:${user.id}` : null, detail: user?.disabled ? { reason: 'disabled' } : null, at: now, ip: req.ip, requestId: req.requestId });
        const disabled = user?.disabled === true && check.ok;
        throw new HttpProblem(401, disabled ? 'This account is disabled. Ask an administrator.' : WRONG, { code: disabled ? 'account-disabled' : 'wrong-credentials' });
      }

      // A success clears the account's records (this address's and the account-wide one), not the address's.
      await Promise.all(keys.slice(0, 2).map((k, i) => (recs[i] ? clearFailures(deps.sql, k.key) : null)));
      if (check.needsRehash) await setPasswordHash(deps.sql, user.id, await hashPassword(req.password, deps.security.scrypt), new Date(now));
      const session = await startSession(deps.sql, user.id, now, deps.security.session, { ip: req.ip, userAgent: req.userAgent });
      await audit(deps.sql, { actor: { id: user.id, label: user.email }, action: 'auth.login', target: `user:${user.id}`, at: now, ip: req.ip, requestId: req.requestId });
      const { passwordHash: _omit, ...dto } = user;
      return { user: dto, token: session.token, expiresMs: session.expiresMs };
    });
  };
}
