// Per role, every route is tried: it must answer 401 (anonymous) or 403 exactly when the
// permission matrix denies the route's permission, and let the request through otherwise.
// An API token scoped to one permission is held to that scope.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseTargets } from '../helpers/databases.ts';
import { makeTestApp, TEST_ORIGIN, type SignedIn } from '../helpers/test-app.ts';
import { ACCOUNT_ROLES, can, MATRIX, ROLES, type AccountRole, type Role } from '../../server/auth/permissions.ts';
import { createApiToken } from '../../server/auth/api-tokens.ts';
import { declaredRoutes, samplePath, type DeclaredRoute } from './auth-helpers.ts';

async function call(t: Awaited<ReturnType<typeof makeTestApp>>, r: DeclaredRoute, headers: Record<string, string>) {
  const hasBody = r.method !== 'GET' && r.method !== 'HEAD' && r.method !== 'DELETE';
  const res = await t.bare.request(samplePath(r.path), { method: r.method, headers: { 'Content-Type': 'application/json', Origin: TEST_ORIGIN, ...headers }, ...(hasBody ? { body: '{}' } : {}) });
  await res.body?.cancel(); // event streams stay open otherwise
  return res.status;
}

describe('permission matrix', () => {
  it('gives the anonymous resident only report submission', () => {
    expect(MATRIX.resident).toEqual(['reports:create']);
  });
  it('keeps the chief’s analytics from field workers and partners', () => {
    expect(can('chief', 'analytics:read')).toBe(true);
    expect(can('field', 'analytics:read')).toBe(false);
    expect(can('partner', 'analytics:read')).toBe(false);
  });
  it('lets only admins read the audit log and manage users and tokens', () => {
    for (const p of ['audit:read', 'users:admin', 'tokens:admin'] as const) expect(ROLES.filter((r) => can(r, p))).toEqual(['admin']);
  });
  it('gives contact details to the chief only', () => {
    expect(ROLES.filter((r) => can(r, 'contacts:read'))).toEqual(['chief']);
  });
});

describe.each(databaseTargets())('every route for every role on %s', (target) => {
  let t: Awaited<ReturnType<typeof makeTestApp>>;
  const sessions = new Map<AccountRole, SignedIn>();
  let routes: DeclaredRoute[];

  beforeAll(async () => {
    t = await makeTestApp(target);
    for (const role of ACCOUNT_ROLES) sessions.set(role, await t.signIn(role, { team: role === 'field' || role === 'teamleader' ? 'ryd' : null }));
    // Sign-in and sign-out routes change the session they are called with: tried in auth-api tests.
    routes = declaredRoutes(t.bare).filter((r) => !['/api/auth/logout', '/api/auth/logout-all', '/api/auth/login'].includes(r.path));
  }, 120_000);
  afterAll(() => t.close());

  it.each(ROLES.map((r) => [r] as const))('as %s, answers 401/403 exactly where the matrix denies', async (role: Role) => {
    const headers = role === 'resident' ? {} : sessions.get(role)!.headers;
    const wrong: string[] = [];
    for (const r of routes) {
      const status = await call(t, r, headers);
      const allowed = r.permission === null || r.permission === undefined || can(role, r.permission);
      const denied = status === 401 || status === 403;
      const expected = allowed ? 'through' : role === 'resident' ? '401' : '403';
      const got = denied ? String(status) : 'through';
      // A route that is let through may still refuse the empty body (4xx) but must not claim a missing right.
      if (allowed ? denied : String(status) !== expected) wrong.push(`${r.method} ${r.path} (${r.permission ?? 'public'}): expected ${expected}, got ${got === 'through' ? status : got}`);
      expect(status, `${r.method} ${r.path}`).toBeLessThan(500);
    }
    expect(wrong).toEqual([]);
  });

  it('holds an API token to its scopes, within its account’s role', async () => {
    const chief = sessions.get('chief')!;
    const { token } = await createApiToken(t.sql, { name: 'scoped', userId: chief.user.id, scopes: ['reports:create'], createdBy: null, nowMs: Date.parse('2026-11-20T12:00:00Z'), expiresMs: null });
    const bearer = { Authorization: `Bearer ${token}` };
    for (const r of routes.filter((x) => x.permission)) {
      const status = await call(t, r, bearer);
      if (r.permission === 'reports:create') expect([401, 403], `${r.method} ${r.path}`).not.toContain(status);
      else expect(status, `${r.method} ${r.path}`).toBe(403);
    }
  });
});
