// Pure auth pieces: scrypt cost and verification, session expiry and throttle rules, source
// rules, secrets, the CSV cell defusing.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCRYPT_COST, generatePassword, hashPassword, passwordProblem, verifyPassword } from '../../server/auth/password.ts';
import { ACCOUNT_THROTTLE, DEFAULT_SESSION_POLICY, PAIR_THROTTLE, isSessionLive, recordFailure, waitBeforeAttempt } from '../../server/auth/policy.ts';
import { reportSourceFor } from '../../server/auth/report-source.ts';
import { looksLikeSecret, newSecret, SESSION_PREFIX } from '../../server/auth/secrets.ts';
import { csvCell } from '../../server/auth/audit-csv.ts';
import { makeKeyedLock } from '../../server/auth/keyed-lock.ts';

const CHEAP = { N: 2 ** 10, r: 8, p: 1 };

describe('passwords', () => {
  it('uses a memory-hard cost of at least 2^15 × 8 (32 MiB per hash)', () => {
    expect(DEFAULT_SCRYPT_COST.N * DEFAULT_SCRYPT_COST.r * 128).toBeGreaterThanOrEqual(32 * 1024 * 1024);
  });
  it('verifies the right password and refuses a wrong one', async () => {
    const h = await hashPassword('correct horse battery', CHEAP);
    expect(h).toMatch(/^scrypt\$1024\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(await verifyPassword('correct horse battery', h, CHEAP)).toEqual({ ok: true, needsRehash: false });
    expect((await verifyPassword('correct horse batterY', h, CHEAP)).ok).toBe(false);
    expect((await verifyPassword('x', 'garbage', CHEAP)).ok).toBe(false);
  });
  it('asks for a rehash when the stored cost is below the current one', async () => {
    const h = await hashPassword('correct horse battery', CHEAP);
    expect(await verifyPassword('correct horse battery', h, { ...CHEAP, N: 2 ** 11 })).toEqual({ ok: true, needsRehash: true });
  });
  it('salts every hash', async () => {
    expect(await hashPassword('same same same', CHEAP)).not.toBe(await hashPassword('same same same', CHEAP));
  });
  it('refuses short or trivial passwords and accepts generated ones', () => {
    expect(passwordProblem('short')).toMatch(/at least 10/);
    expect(passwordProblem('aaaaaaaaaaaa')).toMatch(/repeated/);
    expect(passwordProblem('anna.berg-2026!', 'anna.berg@linkoping.se')).toMatch(/e-mail/);
    expect(passwordProblem(generatePassword())).toBeNull();
  });
});

describe('session expiry', () => {
  const p = DEFAULT_SESSION_POLICY;
  it('ends a session after idle time or at the absolute expiry', () => {
    expect(isSessionLive({ lastSeenMs: 0, expiresMs: p.absoluteMs }, p.idleMs - 1, p)).toBe(true);
    expect(isSessionLive({ lastSeenMs: 0, expiresMs: p.absoluteMs }, p.idleMs, p)).toBe(false);
    expect(isSessionLive({ lastSeenMs: p.absoluteMs - 1, expiresMs: p.absoluteMs }, p.absoluteMs, p)).toBe(false);
  });
});

describe('throttle', () => {
  const P = PAIR_THROTTLE;
  it('slows an account from many addresses without ever locking it', () => {
    let rec = null as ReturnType<typeof recordFailure> | null;
    for (let i = 0; i < 1000; i++) rec = recordFailure(rec, i * 60_000 - (i * 60_000) % 1, ACCOUNT_THROTTLE);
    const w = waitBeforeAttempt(rec, 1000 * 60_000, ACCOUNT_THROTTLE);
    expect(w.locked).toBe(false);
    expect(w.waitMs).toBeLessThanOrEqual(ACCOUNT_THROTTLE.maxDelayMs);
  });
  it('lets the free failures through, then doubles the wait, then locks', () => {
    let rec = null as ReturnType<typeof recordFailure> | null;
    let now = 0;
    const waits: number[] = [];
    for (let i = 0; i < P.lockAfter; i++) {
      rec = recordFailure(rec, now, P);
      const w = waitBeforeAttempt(rec, now, P);
      waits.push(w.locked ? -1 : w.waitMs);
      now += w.waitMs;
    }
    expect(waits.slice(0, P.freeFailures - 1)).toEqual(Array(P.freeFailures - 1).fill(0));
    expect(waits.slice(P.freeFailures - 1, P.freeFailures + 2)).toEqual([1000, 2000, 4000]);
    expect(waits.at(-1)).toBe(-1);
    expect(waitBeforeAttempt(rec, now + P.lockMs, P)).toEqual({ waitMs: 0, locked: false });
    expect(recordFailure(rec, now + P.lockMs, P).failures).toBe(1);
  });
  it('forgets old failures', () => {
    const rec = { failures: P.lockAfter - 1, lastAtMs: 0, lockedUntilMs: null };
    expect(waitBeforeAttempt(rec, P.forgetAfterMs, P).waitMs).toBe(0);
  });
});

describe('report source', () => {
  it('makes an anonymous report a resident one and refuses any other claim', () => {
    expect(reportSourceFor('resident', undefined)).toBe('resident');
    for (const s of ['staff', 'police', 'partner', 'demo']) expect(reportSourceFor('resident', s)).toBeNull();
  });
  it('lets a signed-in role narrow, never widen', () => {
    expect(reportSourceFor('field', undefined)).toBe('staff');
    expect(reportSourceFor('field', 'resident')).toBe('resident');
    expect(reportSourceFor('partner', 'staff')).toBeNull();
    expect(reportSourceFor('chief', 'police')).toBeNull();
  });
});

describe('secrets and CSV', () => {
  it('makes 256-bit secrets with a prefix', () => {
    const s = newSecret(SESSION_PREFIX);
    expect(looksLikeSecret(s, SESSION_PREFIX)).toBe(true);
    expect(looksLikeSecret(s + 'x', SESSION_PREFIX)).toBe(false);
    expect(newSecret(SESSION_PREFIX)).not.toBe(s);
  });
  it('defuses spreadsheet formulas and quotes separators', () => {
    expect(csvCell('=1+1')).toBe(`"'=1+1"`);
    expect(csvCell('a,"b"')).toBe(`"a,""b"""`);
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell(null)).toBe('');
  });
});

describe('keyed lock', () => {
  it('runs tasks for one key one at a time, in order', async () => {
    const lock = makeKeyedLock();
    const log: string[] = [];
    const task = (name: string, steps: number) => async () => {
      log.push(`${name} start`);
      for (let i = 0; i < steps; i++) await Promise.resolve();
      log.push(`${name} end`);
    };
    await Promise.all([lock.run('a', task('1', 5)), lock.run('a', task('2', 1)), lock.run('b', task('3', 0))]);
    expect(log.indexOf('1 end')).toBeLessThan(log.indexOf('2 start'));
  });
});
