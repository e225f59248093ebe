// Middleware that sets c.var.user from an `Authorization: Bearer` API token or the session
// cookie (null when anonymous). A bad bearer token is refused (401): a machine client should
// learn at once that its token is wrong, not be treated as an anonymous resident.
import type { MiddlewareHandler } from 'hono';
import type { Sql } from '../db/sql.ts';
import { HttpProblem } from '../http/problem.ts';
import { resolveApiToken } from './api-tokens.ts';
import { resolveSession } from './sessions.ts';
import { clearSessionCookie, isHttps, readSessionCookie } from './cookie.ts';
import type { SecurityOptions } from './options.ts';

export function loadUser(deps: { sql: Sql; now: () => number; security: SecurityOptions }): MiddlewareHandler {
  return async (c, next) => {
    // An outer layer that already decided who calls (a test harness, an embedding app) wins.
    if (c.get('user') !== undefined) return next();
    c.set('user', null);
    const authz = c.req.header('Authorization');
    if (authz !== undefined) {
      const m = /^Bearer\s+(\S+)\s*$/i.exec(authz);
      if (!m) throw new HttpProblem(401, 'The Authorization header must be "Bearer <token>".', { code: 'token-malformed', headers: { 'WWW-Authenticate': 'Bearer realm="trygghetskartan"' } });
      const user = await resolveApiToken(deps.sql, m[1]!, deps.now());
      if (!user) throw new HttpProblem(401, 'The API token is unknown, revoked or expired.', { code: 'token-invalid', headers: { 'WWW-Authenticate': 'Bearer realm="trygghetskartan", error="invalid_token"' } });
      c.set('user', user);
    } else {
      const token = readSessionCookie(c);
      if (token !== undefined) {
        const user = await resolveSession(deps.sql, token, deps.now(), deps.security.session);
        if (user) c.set('user', user);
        else clearSessionCookie(c, deps.security.secureCookies === 'auto' ? isHttps(c, deps.security.trustProxy) : deps.security.secureCookies);
      }
    }
    await next();
  };
}
