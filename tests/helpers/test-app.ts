// An app over a test database, called with app.request() (no server), with a fixed clock.
// `signIn(role)` creates an account and signs it in; `makeTestApp(target, { as: role })` makes
// every call through t.app.request / t.json carry that session.
import { randomUUID } from 'node:crypto';
import { createApp } from '../../server/app.ts';
import { makeAreaCache } from '../../server/area-cache.ts';
import { makeLogger } from '../../server/logger.ts';
import { createAccount } from '../../server/auth/accounts.ts';
import type { AccountRole } from '../../server/auth/permissions.ts';
import type { SecurityOptions } from '../../server/auth/options.ts';
import type { UserDto } from '../../server/db/queries/users.ts';
import { openTestDb, type DbTarget, type TestDb } from './databases.ts';

/** 2026-11-20 12:00 UTC: a Friday. */
export const FIXED_NOW = Date.parse('2026-11-20T12:00:00Z');

/**
 * Password hashing cost for test accounts: scrypt's production cost (N = 2^15) takes a tenth of
 * a second per hash, and the suites sign in hundreds of times. Tests of the cost itself set theirs.
 */
export const TEST_SCRYPT = { N: 1024, r: 8, p: 1 } as const;

/** The origin app.request() URLs resolve to; sent as Origin so signed-in writes pass the CSRF check. */
export const TEST_ORIGIN = 'http://localhost';

export interface SignedIn {
  user: UserDto;
  email: string;
  password: string;
  /** Cookie (the session) and Origin (our own). */
  headers: Record<string, string>;
}

type Request = (path: string, init?: RequestInit) => Response | Promise<Response>;

/** Creates an account with `role` (and team) in the database and signs it in through the API. */
export async function signInWith(request: Request, db: TestDb, role: AccountRole, opts: { team?: string | null; email?: string; now?: number; security?: Partial<SecurityOptions> } = {}): Promise<SignedIn> {
  const email = opts.email ?? `${role}-${randomUUID().slice(0, 8)}@example.se`;
  const password = `pw-${randomUUID()}`;
  const { user } = await createAccount(db.sql, { email, role, team: opts.team ?? null, password, createTeam: true }, opts.now ?? FIXED_NOW, opts.security?.scrypt ?? TEST_SCRYPT);
  const res = await request('/api/auth/login', { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: TEST_ORIGIN }, body: JSON.stringify({ email, password }) });
  if (res.status !== 200) throw new Error(`sign-in as ${role} failed: ${res.status} ${await res.text()}`);
  const cookie = /tk_session=([^;]+)/.exec(res.headers.get('Set-Cookie') ?? '')?.[1];
  if (!cookie) throw new Error('sign-in set no session cookie');
  return { user, email, password, headers: { Cookie: `tk_session=${cookie}`, Origin: TEST_ORIGIN } };
}

export async function makeTestApp(target: DbTarget, opts: { now?: () => number; as?: AccountRole; security?: Partial<SecurityOptions> } = {}) {
  const db: TestDb = await openTestDb(target);
  const now = opts.now ?? (() => FIXED_NOW);
  const security: Partial<SecurityOptions> = { scrypt: TEST_SCRYPT, ...opts.security };
  const bare = createApp({
    sql: db.sql,
    area: makeAreaCache(db.sql),
    now,
    newId: randomUUID,
    log: makeLogger('silent'),
    basemapStyleUrl: null,
    security,
  });
  const signIn = (role: AccountRole, o: { team?: string | null; email?: string } = {}) => signInWith((p, i) => bare.request(p, i), db, role, { ...o, now: now(), security });
  const session = opts.as ? await signIn(opts.as) : null;

  // With `as`, every request carries the session unless the call sets those headers itself.
  const withSession = (init: RequestInit = {}): RequestInit => {
    if (!session) return init;
    const headers = new Headers(init.headers);
    for (const [k, v] of Object.entries(session.headers)) if (!headers.has(k)) headers.set(k, v);
    return { ...init, headers };
  };
  const app: typeof bare = session
    ? Object.assign(Object.create(bare) as typeof bare, { request: ((input: string | Request | URL, init?: RequestInit, env?: unknown, ctx?: unknown) => bare.request(input as string, withSession(init), env as undefined, ctx as undefined)) as typeof bare.request })
    : bare;

  const json = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    app.request(path, {
      method,
      headers: { 'Content-Type': 'application/json', ...headers },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
  return { app, bare, db, sql: db.sql, json, signIn, session, close: db.close };
}
