// Accounts and sessions through the API: sign-in, who am I, sign-out (here and everywhere),
// password change, idle and absolute expiry (injected clock), lockout, CSRF, admin flows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseTargets } from '../helpers/databases.ts';
import { FIXED_NOW, makeTestApp, TEST_ORIGIN } from '../helpers/test-app.ts';
import { DEFAULT_SESSION_POLICY } from '../../server/auth/policy.ts';

const RYD = { lat: 58.4094, lon: 15.5636 };
const MIN = 60_000;

describe.each(databaseTargets())('auth API on %s', (target) => {
  let t: Awaited<ReturnType<typeof makeTestApp>>;
  let clock = FIXED_NOW;
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    t.bare.request(path, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: TEST_ORIGIN, ...headers }, body: JSON.stringify(body) });
  const get = (path: string, headers: Record<string, string> = {}) => t.bare.request(path, { headers });
  const cookieOf = (res: Response): Record<string, string> => {
    const v = /tk_session=([^;]*)/.exec(res.headers.get('Set-Cookie') ?? '')?.[1];
    return v ? { Cookie: `tk_session=${v}` } : {};
  };

  beforeAll(async () => {
    t = await makeTestApp(target, { now: () => clock });
  });
  afterAll(() => t.close());

  it('signs in with e-mail and password and sets an HttpOnly SameSite=Lax cookie', async () => {
    const u = await t.signIn('field', { team: 'ryd' });
    const res = await post('/api/auth/login', { email: u.email.toUpperCase(), password: u.password });
    expect(res.status).toBe(200);
    const setCookie = res.headers.get('Set-Cookie')!;
    expect(setCookie).toMatch(/tk_session=tks_[A-Za-z0-9_-]{43}/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).not.toMatch(/Secure/); // plain http in tests
    expect(await res.json()).toMatchObject({ user: { email: u.email, role: 'field', team: 'ryd' } });
    const me = await (await get('/api/auth/me', cookieOf(res))).json();
    expect(me).toMatchObject({ user: { email: u.email, role: 'field' }, role: 'field', via: 'session' });
    expect(me.permissions).toContain('tracks:write');
    expect(me.permissions).not.toContain('analytics:read');
  });

  it('stores only the hash of the session token', async () => {
    const u = await t.signIn('chief');
    const token = u.headers.Cookie!.split('=')[1]!;
    const rows = await t.sql<{ id: string }[]>`select id from sessions`;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.map((r) => r.id)).not.toContain(token);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.id))).toBe(true);
  });

  it('answers a wrong password and an unknown e-mail alike with 401', async () => {
    const u = await t.signIn('partner');
    const a = await post('/api/auth/login', { email: u.email, password: 'wrong-password' });
    const b = await post('/api/auth/login', { email: 'nobody@example.se', password: 'wrong-password' });
    expect(a.status).toBe(401);
    expect(b.status).toBe(401);
    expect(a.headers.get('Content-Type')).toMatch(/application\/problem\+json/);
    expect((await a.json()).detail).toBe((await b.json()).detail);
  });

  it('reports an anonymous caller as a resident', async () => {
    const me = await (await get('/api/auth/me')).json();
    expect(me).toEqual({ user: null, role: 'resident', permissions: ['reports:create'], via: null });
  });

  it('signs out: the cookie is cleared and the session no longer works', async () => {
    const u = await t.signIn('teamleader');
    const out = await post('/api/auth/logout', {}, u.headers);
    expect(out.status).toBe(200);
    expect(out.headers.get('Set-Cookie')).toMatch(/tk_session=;/);
    expect((await get('/api/routes', u.headers)).status).toBe(401);
  });

  it('signs out everywhere', async () => {
    const u = await t.signIn('chief');
    const second = cookieOf(await post('/api/auth/login', { email: u.email, password: u.password }));
    const res = await post('/api/auth/logout-all', {}, u.headers);
    expect(await res.json()).toEqual({ signedOut: 2 });
    expect((await get('/api/heatmap?res=9', second)).status).toBe(401);
  });

  it('ends sessions idle too long, and every session at its absolute expiry', async () => {
    const u = await t.signIn('chief');
    clock += DEFAULT_SESSION_POLICY.idleMs - MIN;
    expect((await get('/api/auth/me', u.headers)).status).toBe(200);
    expect((await (await get('/api/auth/me', u.headers)).json()).user).not.toBeNull(); // touched: idle clock restarts
    clock += DEFAULT_SESSION_POLICY.idleMs - MIN;
    expect((await (await get('/api/auth/me', u.headers)).json()).user).not.toBeNull();
    clock += DEFAULT_SESSION_POLICY.idleMs + MIN;
    const idle = await get('/api/auth/me', u.headers);
    expect((await idle.json()).user).toBeNull();
    expect(idle.headers.get('Set-Cookie')).toMatch(/tk_session=;/);

    const v = await t.signIn('chief', {});
    const start = clock;
    while (clock < start + DEFAULT_SESSION_POLICY.absoluteMs - 30 * MIN) {
      clock += 30 * MIN; // active all day
      expect((await (await get('/api/auth/me', v.headers)).json()).user, `at +${(clock - start) / MIN} min`).not.toBeNull();
    }
    clock = start + DEFAULT_SESSION_POLICY.absoluteMs;
    expect((await (await get('/api/auth/me', v.headers)).json()).user).toBeNull();
  });

  it('changes the password, ending the other sessions but keeping this one', async () => {
    const u = await t.signIn('field', { team: 'ryd' });
    const other = cookieOf(await post('/api/auth/login', { email: u.email, password: u.password }));
    expect((await post('/api/auth/password', { currentPassword: 'not-it-at-all', newPassword: 'a-new-long-password' }, u.headers)).status).toBe(403);
    expect((await post('/api/auth/password', { currentPassword: u.password, newPassword: 'short' }, u.headers)).status).toBe(422);
    const ok = await post('/api/auth/password', { currentPassword: u.password, newPassword: 'a-new-long-password' }, u.headers);
    expect(await ok.json()).toEqual({ signedOut: 1 });
    expect((await (await get('/api/auth/me', u.headers)).json()).user).not.toBeNull();
    expect((await (await get('/api/auth/me', other)).json()).user).toBeNull();
    expect((await post('/api/auth/login', { email: u.email, password: u.password })).status).toBe(401);
    expect((await post('/api/auth/login', { email: u.email, password: 'a-new-long-password' })).status).toBe(200);
  });

  describe('CSRF', () => {
    it('refuses a signed-in write from another origin or without Origin/Referer', async () => {
      const u = await t.signIn('field', { team: 'ryd' });
      const body = { category: 'brand', ...RYD, observedAt: new Date(clock - 3600_000).toISOString() };
      const evil = await post('/api/reports', body, { ...u.headers, Origin: 'https://evil.example' });
      expect(evil.status).toBe(403);
      expect((await evil.json()).title).toBe('Cross-site request refused');
      const bare = await t.bare.request('/api/reports', { method: 'POST', headers: { 'Content-Type': 'application/json', Cookie: u.headers.Cookie! }, body: JSON.stringify(body) });
      expect(bare.status).toBe(403);
      const referer = await t.bare.request('/api/reports', { method: 'POST', headers: { 'Content-Type': 'application/json', Cookie: u.headers.Cookie!, Referer: `${TEST_ORIGIN}/` }, body: JSON.stringify(body) });
      expect(referer.status).toBe(201);
      const crossSite = await post('/api/reports', body, { ...u.headers, 'Sec-Fetch-Site': 'cross-site' });
      expect(crossSite.status).toBe(403);
      expect((await post('/api/reports', body, u.headers)).status).toBe(201);
    });

    it('lets reads through from anywhere and leaves bearer-token writes alone', async () => {
      const u = await t.signIn('chief');
      expect((await get('/api/reports?limit=1', { ...u.headers, Origin: 'https://evil.example' })).status).toBe(200);
    });
  });

  describe('report source follows the caller', () => {
    const body = () => ({ category: 'klotter', ...RYD, observedAt: new Date(clock - 3600_000).toISOString() });
    it('stores an anonymous report as resident and refuses a claim to be staff or police', async () => {
      const anon = await post('/api/reports', body());
      expect(anon.status).toBe(201);
      expect((await anon.json()).source).toBe('resident');
      for (const source of ['staff', 'police', 'partner', 'demo']) expect((await post('/api/reports', { ...body(), source })).status, source).toBe(403);
    });
    it('lets staff narrow to resident but not widen to police', async () => {
      const u = await t.signIn('field', { team: 'ryd' });
      expect((await (await post('/api/reports', body(), u.headers)).json()).source).toBe('staff');
      expect((await (await post('/api/reports', { ...body(), source: 'resident' }, u.headers)).json()).source).toBe('resident');
      expect((await post('/api/reports', { ...body(), source: 'police' }, u.headers)).status).toBe(403);
    });
    it('shows a partner its own reports and no one else’s', async () => {
      const p = await t.signIn('partner');
      const mine = await (await post('/api/reports', body(), p.headers)).json();
      expect(mine.source).toBe('partner');
      const other = await (await post('/api/reports', body())).json();
      expect((await get(`/api/reports/${mine.id}`, p.headers)).status).toBe(200);
      expect((await get(`/api/reports/${other.id}`, p.headers)).status).toBe(404);
      expect((await get('/api/reports', p.headers)).status).toBe(403);
      const list = await (await get('/api/reports/mine', p.headers)).json();
      expect(list.items.map((r: { id: string }) => r.id)).toEqual([mine.id]);
    });
  });

  describe('admin', () => {
    it('creates a user who can then sign in, and disables it', async () => {
      const admin = await t.signIn('admin');
      await t.bare.request('/api/admin/teams', { method: 'PUT', headers: { 'Content-Type': 'application/json', ...admin.headers }, body: JSON.stringify({ id: 'berga', name: 'Berga', district: 'berga' }) });
      const created = await post('/api/admin/users', { email: 'ny.medarbetare@linkoping.se', role: 'field', team: 'berga' }, admin.headers);
      expect(created.status).toBe(201);
      const { user, password } = await created.json();
      expect(password).toMatch(/^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);
      const login = await post('/api/auth/login', { email: 'ny.medarbetare@linkoping.se', password });
      expect(login.status).toBe(200);
      const session = cookieOf(login);
      const list = await (await get('/api/admin/users', admin.headers)).json();
      expect(list.users.map((x: { email: string }) => x.email)).toContain('ny.medarbetare@linkoping.se');
      expect((await post('/api/admin/users', { email: 'NY.medarbetare@linkoping.se', role: 'field' }, admin.headers)).status).toBe(409);
      const patch = await t.bare.request(`/api/admin/users/${user.id}`, { method: 'PATCH', headers: { 'Content-Type': 'application/json', ...admin.headers }, body: JSON.stringify({ disabled: true }) });
      expect(patch.status).toBe(200);
      expect((await get('/api/tracks/mine', session)).status).toBe(401);
      expect((await post('/api/auth/login', { email: 'ny.medarbetare@linkoping.se', password })).status).toBe(401);
    });

    it('writes account changes and sign-ins to the audit log and exports it as CSV', async () => {
      const admin = await t.signIn('admin');
      expect((await post('/api/admin/users', { email: 'ny.partner@example.se', role: 'partner', password: 'a-long-enough-password' }, admin.headers)).status).toBe(201);
      expect((await post('/api/auth/login', { email: '-2+3@example.se', password: 'guess-guess' })).status).toBe(401);
      const page = await (await get('/api/admin/audit?action=users.create', admin.headers)).json();
      expect(page.entries[0]).toMatchObject({ actor: admin.email, action: 'users.create', actorId: admin.user.id });
      const logins = await (await get(`/api/admin/audit?action=auth.login&actor=${admin.user.id}`, admin.headers)).json();
      expect(logins.entries).toHaveLength(1);
      const csv = await get('/api/admin/audit.csv', admin.headers);
      expect(csv.headers.get('Content-Type')).toMatch(/text\/csv/);
      const text = await csv.text();
      expect(text.split('\r\n')[0]).toBe('id,at,actor_id,actor,action,target,detail,ip,request_id');
      expect(text).toContain("\"'-2+3@example.se\""); // a formula-looking cell is defused
      const exported = await (await get('/api/admin/audit?action=audit.export', admin.headers)).json();
      expect(exported.entries).toHaveLength(1);
    });
  });
});
