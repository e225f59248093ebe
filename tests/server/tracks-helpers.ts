// Test app for the track suites: the app over a test database, called as a given user.
// Until sign-in is available to tests, the caller is set on the context by an outer middleware.
import { Hono } from 'hono';
import { makeTestApp } from '../helpers/test-app.ts';
import type { DbTarget } from '../helpers/databases.ts';
import type { AuthUser } from '../../server/http/guard.ts';

export type TestUser = AuthUser;

export const user = (id: string, role: AuthUser['role'], team: string | null): AuthUser => ({ id, email: `${id}@example.se`, role, team, via: 'session', scopes: null, credentialId: `s-${id}` });

export const FIELD_RYD = user('field-ryd', 'field', 'ryd');
export const FIELD_RYD_2 = user('field-ryd-2', 'field', 'ryd');
export const LEADER_RYD = user('leader-ryd', 'teamleader', 'ryd');
export const LEADER_SKG = user('leader-skg', 'teamleader', 'skaggetorp');
export const FIELD_SKG = user('field-skg', 'field', 'skaggetorp');
export const CHIEF = user('chief', 'chief', null);

export async function makeTracksApp(target: DbTarget, opts: { now?: () => number } = {}) {
  const t = await makeTestApp(target, opts);
  const outer = new Hono<{ Variables: { user: AuthUser | null } }>();
  outer.use('*', async (c, next) => {
    const u = c.req.header('x-test-user');
    c.set('user', u ? (JSON.parse(u) as AuthUser) : null);
    await next();
  });
  outer.route('/', t.app);
  const call = (who: AuthUser | null, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    outer.request(path, {
      method,
      headers: { 'Content-Type': 'application/json', ...(who ? { 'x-test-user': JSON.stringify(who) } : {}), ...headers },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
  return { ...t, outer, call };
}

export type TracksApp = Awaited<ReturnType<typeof makeTracksApp>>;
