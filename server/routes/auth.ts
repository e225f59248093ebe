// /api/auth: sign in, sign out (here or everywhere), who am I, change password.
import { Hono } from 'hono';
import type { AppDeps } from '../deps.ts';
import { describe, validate } from '../http/validate.ts';
import { HttpProblem } from '../http/problem.ts';
import { currentUser, guard, userCan } from '../http/guard.ts';
import { maxBody } from '../http/body-size.ts';
import { clientIp, rateLimit } from '../http/rate-limit.ts';
import { LoginBody, LoginResult, Me, PasswordBody, SignedOut } from '../schemas/auth.ts';
import { PERMISSIONS } from '../auth/permissions.ts';
import { resolveSecurity } from '../auth/options.ts';
import { makeSignIn } from '../auth/sign-in.ts';
import { endSession } from '../auth/sessions.ts';
import { clearSessionCookie, isHttps, readSessionCookie, writeSessionCookie } from '../auth/cookie.ts';
import { hashPassword, passwordRuleBroken, verifyPassword, weakPassword } from '../auth/password.ts';
import { audit, auditContext } from '../auth/audit.ts';
import { findUserById, setPasswordHash } from '../db/queries/users.ts';
import { deleteUserSessions } from '../db/queries/sessions.ts';

const AUTH_BODY_LIMIT_BYTES = 8 * 1024;
const TAGS = ['auth'];

export function authRoutes(deps: AppDeps) {
  const { sql } = deps;
  const security = resolveSecurity(deps.security);
  const signIn = makeSignIn({ sql, now: deps.now, security });
  const secure = (c: Parameters<typeof isHttps>[0]) => (security.secureCookies === 'auto' ? isHttps(c, security.trustProxy) : security.secureCookies);
  const limits = security.rateLimits;
  const signInLimit = rateLimit(deps.sql, limits && { ...limits.signIn, now: deps.now, trustProxy: security.trustProxy, what: 'sign-in attempts' });
  const sessionOnly = (c: Parameters<typeof currentUser>[0]) => {
    const user = currentUser(c);
    if (!user) throw new HttpProblem(401, 'You are not signed in.', { code: 'sign-in-required' });
    if (user.via !== 'session') throw new HttpProblem(403, 'This needs a signed-in session, not an API token.', { code: 'session-required' });
    return user;
  };

  return new Hono()
    .post(
      '/login',
      guard.public(),
      describe({
        summary: 'Sign in',
        description: 'Checks e-mail and password and starts a session (HttpOnly, SameSite=Lax cookie). Failed attempts are slowed, then locked, per account and per IP (429 with Retry-After).',
        tags: TAGS,
        responses: { 200: { description: 'Signed in; the session cookie is set', schema: LoginResult }, 401: { description: 'Wrong e-mail or password' }, 429: { description: 'Slowed or locked; see Retry-After' } },
      }),
      signInLimit,
      maxBody(AUTH_BODY_LIMIT_BYTES, 'a sign-in is an e-mail and a password'),
      validate('json', LoginBody),
      async (c) => {
        const { email, password } = c.req.valid('json');
        const { user, token, expiresMs } = await signIn({ email, password, ip: clientIp(c, security.trustProxy), userAgent: c.req.header('User-Agent') ?? null, requestId: c.get('requestId') ?? null });
        writeSessionCookie(c, token, { secure: secure(c), maxAgeS: Math.floor(security.session.absoluteMs / 1000) });
        return c.json({ user: { id: user.id, email: user.email, role: user.role, team: user.team }, expiresAt: new Date(expiresMs).toISOString() }, 200);
      },
    )
    .post(
      '/logout',
      guard.public(),
      describe({ summary: 'Sign out', description: 'Ends this session and clears the cookie. Signing out when not signed in is fine.', tags: TAGS, responses: { 200: { description: 'Signed out', schema: SignedOut } } }),
      maxBody(AUTH_BODY_LIMIT_BYTES, 'sign-out takes no body'),
      async (c) => {
        const token = readSessionCookie(c);
        const user = currentUser(c);
        if (token) await endSession(sql, token);
        if (user?.via === 'session') await audit(sql, { ...auditContext(c, security.trustProxy), action: 'auth.logout', target: `user:${user.id}`, at: deps.now() });
        clearSessionCookie(c, secure(c));
        return c.json({ signedOut: token && user ? 1 : 0 }, 200);
      },
    )
    .post(
      '/logout-all',
      guard('account:self'),
      describe({ summary: 'Sign out everywhere', description: "Ends every session of the signed-in account, this one included.", tags: TAGS, responses: { 200: { description: 'Sessions ended', schema: SignedOut }, 401: { description: 'Not signed in' } } }),
      maxBody(AUTH_BODY_LIMIT_BYTES, 'sign-out takes no body'),
      async (c) => {
        const user = sessionOnly(c);
        const n = await deleteUserSessions(sql, user.id);
        await audit(sql, { ...auditContext(c, security.trustProxy), action: 'auth.logout-all', target: `user:${user.id}`, detail: { sessions: n }, at: deps.now() });
        clearSessionCookie(c, secure(c));
        return c.json({ signedOut: n }, 200);
      },
    )
    .get(
      '/me',
      guard.public(),
      describe({ summary: 'Who am I', description: "The signed-in account (or null) and the permissions of the caller's role.", tags: TAGS, responses: { 200: { description: 'The caller', schema: Me } } }),
      (c) => {
        const user = currentUser(c);
        return c.json(
          {
            user: user ? { id: user.id, email: user.email, role: user.role, team: user.team } : null,
            role: user?.role ?? ('resident' as const),
            permissions: PERMISSIONS.filter((p) => userCan(user, p)),
            via: user?.via ?? null,
          },
          200,
        );
      },
    )
    .post(
      '/password',
      guard('account:self'),
      describe({ summary: 'Change password', description: 'Needs the current password. Ends every other session of the account.', tags: TAGS, responses: { 200: { description: 'Changed', schema: SignedOut }, 401: { description: 'Not signed in' }, 403: { description: 'Current password wrong' }, 422: { description: 'New password too weak' } } }),
      signInLimit,
      maxBody(AUTH_BODY_LIMIT_BYTES, 'a password change is two passwords'),
      validate('json', PasswordBody),
      async (c) => {
        const user = sessionOnly(c);
        const { currentPassword, newPassword } = c.req.valid('json');
        const account = await findUserById(sql, user.id);
        if (!account) throw new HttpProblem(401, 'You are not signed in.', { code: 'sign-in-required' });
        const check = await verifyPassword(currentPassword, account.passwordHash, security.scrypt);
        if (!check.ok) {
          await audit(sql, { ...auditContext(c, security.trustProxy), action: 'auth.password-change-failed', target: `user:${user.id}`, at: deps.now() });
          throw new HttpProblem(403, 'The current password is wrong.', { code: 'password-wrong', errors: [{ path: 'currentPassword', message: 'wrong password', code: 'password-wrong' }] });
        }
        const broken = passwordRuleBroken(newPassword, account.email);
        if (broken) throw weakPassword('newPassword', broken);
        const hash = await hashPassword(newPassword, security.scrypt);
        const ended = await sql.begin(async (tx) => {
          await setPasswordHash(tx, user.id, hash, new Date(deps.now()));
          const n = await deleteUserSessions(tx, user.id, user.credentialId);
          await audit(tx, { ...auditContext(c, security.trustProxy), action: 'auth.password-change', target: `user:${user.id}`, detail: { otherSessionsEnded: n }, at: deps.now() });
          return n;
        });
        return c.json({ signedOut: ended }, 200);
      },
    );
}
