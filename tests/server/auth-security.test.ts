// Sign-in throttling (slowed, then locked, per account and per IP), rate limits, API tokens
// (shown once, hashed, scoped, revocable), bad credentials, body limits. Clock injected.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseTargets } from '../helpers/databases.ts';
import { FIXED_NOW, makeTestApp, TEST_ORIGIN } from '../helpers/test-app.ts';
import { ACCOUNT_THROTTLE, IP_THROTTLE, PAIR_THROTTLE } from '../../server/auth/policy.ts';
import { sha256Hex } from '../../server/auth/secrets.ts';
import { makeSignIn } from '../../server/auth/sign-in.ts';
import { getFailures } from '../../server/db/queries/sessions.ts';
import { DEFAULT_SECURITY } from '../../server/auth/options.ts';

const RYD = { lat: 58.4094, lon: 15.5636 };

describe.each(databaseTargets())('auth hardening on %s', (target) => {
  let t: Awaited<ReturnType<typeof makeTestApp>>;
  let clock = FIXED_NOW;
  let ipSeq = 0;
  const freshIp = () => `10.0.${Math.floor(++ipSeq / 250)}.${ipSeq % 250}`;
  const login = (email: string, password: string, ip: string) =>
    t.bare.request('/api/auth/login', { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: TEST_ORIGIN, 'X-Forwarded-For': ip }, body: JSON.stringify({ email, password }) });

  beforeAll(async () => {
    // Behind a trusted proxy, so each test can speak from its own address.
    t = await makeTestApp(target, { now: () => clock, security: { trustProxy: true, scrypt: { N: 1024, r: 8, p: 1 } } });
  });
  afterAll(() => t.close());

  describe('sign-in throttling', () => {
    it('slows an account whose failures come from many addresses, but never locks it', async () => {
      const u = await t.signIn('chief');
      for (let i = 0; i < ACCOUNT_THROTTLE.freeFailures; i++) expect((await login(u.email, 'wrong-wrong', freshIp())).status).toBe(401);
      // now the account must wait before another try, even with the right password
      const slowed = await login(u.email, u.password, freshIp());
      expect(slowed.status).toBe(429);
      const body = await slowed.json();
      expect(body).toMatchObject({ code: 'sign-in-slowed', locked: false, retryAfterS: Number(slowed.headers.get('Retry-After')) });
      expect(Date.parse(body.retryAt)).toBe(clock + body.retryAfterS * 1000);
      // many more failures from many addresses: still only slowed, at most maxDelay
      for (let i = 0; i < PAIR_THROTTLE.lockAfter + 2; i++) {
        clock += ACCOUNT_THROTTLE.maxDelayMs;
        expect((await login(u.email, 'wrong-wrong', freshIp())).status).toBe(401);
      }
      const still = await login(u.email, u.password, freshIp());
      expect(still.status).toBe(429);
      expect(await still.json()).toMatchObject({ code: 'sign-in-slowed', locked: false });
      expect(Number(still.headers.get('Retry-After'))).toBeLessThanOrEqual(ACCOUNT_THROTTLE.maxDelayMs / 1000);
      clock += ACCOUNT_THROTTLE.maxDelayMs;
      expect((await login(u.email, u.password, freshIp())).status).toBe(200);
    });

    it('locks one address out of an account, not the owner elsewhere; an admin unlock clears it', async () => {
      const u = await t.signIn('chief');
      const attacker = freshIp();
      let locked: Response | null = null;
      for (let i = 0; i < PAIR_THROTTLE.lockAfter + 1 && !locked; i++) {
        clock += PAIR_THROTTLE.maxDelayMs;
        const res = await login(u.email, 'wrong-wrong', attacker);
        if (res.status === 429) locked = res;
        else expect(res.status).toBe(401);
      }
      expect(locked).not.toBeNull();
      expect(await locked!.json()).toMatchObject({ code: 'locked', locked: true });
      expect(Number(locked!.headers.get('Retry-After'))).toBeGreaterThan(10 * 60);
      clock += ACCOUNT_THROTTLE.maxDelayMs;
      expect((await login(u.email, u.password, attacker)).status).toBe(429); // the right password does not open a lock
      expect((await login(u.email, u.password, freshIp())).status).toBe(200); // the owner elsewhere is not locked out
      // the admin sees the lock and clears it
      const admin = await t.signIn('admin');
      const blocks = await (await t.bare.request('/api/admin/sign-in-blocks', { headers: admin.headers })).json();
      expect(blocks.blocks).toContainEqual(expect.objectContaining({ email: u.email, userId: u.user.id, lockedAddresses: 1 }));
      const unlock = await t.bare.request(`/api/admin/users/${u.user.id}/unlock`, { method: 'POST', headers: admin.headers });
      expect(unlock.status).toBe(200);
      expect((await unlock.json()).cleared).toBeGreaterThan(0);
      expect((await login(u.email, u.password, attacker)).status).toBe(200);
      const [entry] = await t.sql`select action from audit_log where action = 'users.unlock' and target = ${`user:${u.user.id}`}`;
      expect(entry).toBeDefined();
    });

    it('slows one address that sprays many accounts', async () => {
      const ip = freshIp();
      for (let i = 0; i < IP_THROTTLE.freeFailures + 1; i++) {
        clock += 2500; // stay under the per-IP request rate limit
        expect((await login(`spray-${i}@example.se`, 'guess-guess', ip)).status).toBe(401);
      }
      const u = await t.signIn('partner');
      const res = await login(u.email, u.password, ip);
      expect(res.status).toBe(429);
      expect(res.headers.get('Retry-After')).toMatch(/^\d+$/);
      expect((await login(u.email, u.password, freshIp())).status).toBe(200); // another address is not affected
    });

    it('counts every failure of an address exactly when accounts are tried at the same moment', async () => {
      // Different accounts do not share the in-process lock, so each one's read-then-write of the
      // address's record used to race and lose counts; compare-and-swap keeps all of them.
      const signIn = makeSignIn({ sql: t.sql, now: () => clock, security: { ...DEFAULT_SECURITY, scrypt: { N: 1024, r: 8, p: 1 } } });
      const ip = freshIp();
      const tries = 12;
      const results = await Promise.allSettled(Array.from({ length: tries }, (_, i) => signIn({ email: `race-${i}@example.se`, password: 'guess-guess', ip, userAgent: null, requestId: null })));
      expect(results.every((r) => r.status === 'rejected' && (r.reason as { status?: number }).status === 401)).toBe(true);
      expect((await getFailures(t.sql, `ip:${ip}`))?.failures).toBe(tries);
      const other = await Promise.all([0, 1, 2].map(() => signIn({ email: 'race-0@example.se', password: 'guess-guess', ip: freshIp(), userAgent: null, requestId: null }).catch(() => null)));
      expect(other).toHaveLength(3);
      expect((await getFailures(t.sql, 'account:race-0@example.se'))?.failures).toBe(4);
    });

    it('forgets failures after a success', async () => {
      const u = await t.signIn('field', { team: 'ryd' });
      for (let i = 0; i < ACCOUNT_THROTTLE.freeFailures - 1; i++) await login(u.email, 'nope-nope', freshIp());
      expect((await login(u.email, u.password, freshIp())).status).toBe(200);
      for (let i = 0; i < ACCOUNT_THROTTLE.freeFailures; i++) expect((await login(u.email, 'nope-nope', freshIp())).status).toBe(401);
    });
  });

  describe('rate limits', () => {
    it('answers 429 problem+json with Retry-After past the sign-in rate per address', async () => {
      const ip = freshIp();
      const statuses: number[] = [];
      for (let i = 0; i < 40; i++) statuses.push((await t.bare.request('/api/auth/login', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': ip }, body: '{}' })).status);
      expect(statuses.slice(0, 30).every((s) => s === 422)).toBe(true);
      expect(statuses.slice(30).every((s) => s === 429)).toBe(true);
      const res = await t.bare.request('/api/auth/login', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': ip }, body: '{}' });
      expect(res.headers.get('Content-Type')).toMatch(/problem\+json/);
      expect(Number(res.headers.get('Retry-After'))).toBeGreaterThan(0);
      clock += 60_000;
      expect((await t.bare.request('/api/auth/login', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': ip }, body: '{}' })).status).toBe(422);
    });

    it('limits anonymous report submissions per address but not signed-in staff', async () => {
      const ip = freshIp();
      const report = { category: 'nedskrapning', ...RYD, observedAt: new Date(clock - 60_000).toISOString() };
      const send = (headers: Record<string, string> = {}) => t.bare.request('/api/reports', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': ip, ...headers }, body: JSON.stringify(report) });
      const statuses: number[] = [];
      for (let i = 0; i < 61; i++) statuses.push((await send()).status);
      expect(statuses.filter((s) => s === 201)).toHaveLength(60);
      expect(statuses.at(-1)).toBe(429);
      const staff = await t.signIn('field', { team: 'ryd' });
      expect((await send(staff.headers)).status).toBe(201);
    });

    it('refuses an oversize sign-in body with 413', async () => {
      const res = await login('a@example.se', 'x'.repeat(20_000), freshIp());
      expect(res.status).toBe(413);
      expect(res.headers.get('Content-Type')).toMatch(/problem\+json/);
    });
  });

  describe('API tokens', () => {
    it('is shown once, stored hashed, works as Bearer within its scopes, and stops when revoked', async () => {
      const admin = await t.signIn('admin');
      const partner = await t.signIn('partner');
      const h = { 'Content-Type': 'application/json', ...admin.headers };
      const beyond = await t.bare.request('/api/admin/tokens', { method: 'POST', headers: h, body: JSON.stringify({ name: 'too much', userId: partner.user.id, scopes: ['analytics:read'] }) });
      expect(beyond.status).toBe(422);
      const created = await t.bare.request('/api/admin/tokens', { method: 'POST', headers: h, body: JSON.stringify({ name: 'Stångåstaden import', userId: partner.user.id, scopes: ['reports:create'] }) });
      expect(created.status).toBe(201);
      expect(created.headers.get('Cache-Control')).toBe('no-store');
      const { id, token } = await created.json();
      expect(token).toMatch(/^tkt_[A-Za-z0-9_-]{43}$/);
      const [row] = await t.sql<{ token_hash: string }[]>`select token_hash from api_tokens where id = ${id}`;
      expect(row!.token_hash).toBe(sha256Hex(token));
      const listed = await (await t.bare.request('/api/admin/tokens', { headers: admin.headers })).json();
      expect(JSON.stringify(listed)).not.toContain(token);

      const bearer = { Authorization: `Bearer ${token}` };
      const report = { category: 'klotter', ...RYD, observedAt: new Date(clock - 60_000).toISOString() };
      const post = await t.bare.request('/api/reports', { method: 'POST', headers: { 'Content-Type': 'application/json', ...bearer, Origin: 'https://partner.example' }, body: JSON.stringify(report) });
      expect(post.status).toBe(201); // no cookie: no CSRF check; the source is the partner's
      expect((await post.json()).source).toBe('partner');
      expect((await t.bare.request('/api/reports/mine', { headers: bearer })).status).toBe(403); // not in scope
      const me = await (await t.bare.request('/api/auth/me', { headers: bearer })).json();
      expect(me).toMatchObject({ role: 'partner', via: 'token', permissions: ['reports:create'] });

      const revoked = await t.bare.request(`/api/admin/tokens/${id}`, { method: 'DELETE', headers: admin.headers });
      expect(revoked.status).toBe(204);
      const after = await t.bare.request('/api/auth/me', { headers: bearer });
      expect(after.status).toBe(401);
      expect(after.headers.get('WWW-Authenticate')).toMatch(/invalid_token/);
    });

    it('refuses expired tokens and malformed Authorization headers with 401', async () => {
      const admin = await t.signIn('admin');
      const chief = await t.signIn('chief');
      const created = await (await t.bare.request('/api/admin/tokens', { method: 'POST', headers: { 'Content-Type': 'application/json', ...admin.headers }, body: JSON.stringify({ name: 'short', userId: chief.user.id, scopes: ['analytics:read'], expiresInDays: 1 }) })).json();
      expect((await t.bare.request('/api/auth/me', { headers: { Authorization: `Bearer ${created.token}` } })).status).toBe(200);
      clock += 86_400_000;
      expect((await t.bare.request('/api/auth/me', { headers: { Authorization: `Bearer ${created.token}` } })).status).toBe(401);
      for (const value of ['Basic dXNlcjpwYXNz', 'Bearer', 'Bearer tkt_short', `Bearer ${'x'.repeat(5000)}`]) {
        expect((await t.bare.request('/api/auth/me', { headers: { Authorization: value } })).status, value.slice(0, 20)).toBe(401);
      }
    });
  });
});
