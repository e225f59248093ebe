// CSRF protection for cookie-authenticated writes: an unsafe method that carries the session
// cookie must come from our own origin (Origin, else Referer, must match; a cross-site
// Sec-Fetch-Site is refused). Any unsafe request naming a foreign Origin is refused too.
// SameSite=Lax on the cookie is the second layer. Bearer-token requests carry no ambient
// authority and are not checked.
import type { MiddlewareHandler } from 'hono';
import { HttpProblem } from './problem.ts';
import { SESSION_COOKIE } from '../auth/cookie.ts';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

function originOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.origin === 'null' ? 'null' : u.origin;
  } catch {
    return 'null';
  }
}

export function csrfProtection(opts: { allowedOrigins: readonly string[]; trustProxy: boolean }): MiddlewareHandler {
  return async (c, next) => {
    if (SAFE.has(c.req.method) || c.req.header('Authorization') !== undefined) return next();
    const url = new URL(c.req.url);
    const host = (opts.trustProxy ? c.req.header('X-Forwarded-Host') : undefined) ?? c.req.header('Host') ?? url.host;
    const proto = opts.trustProxy ? (c.req.header('X-Forwarded-Proto')?.split(',')[0]?.trim() ?? url.protocol.slice(0, -1)) : url.protocol.slice(0, -1);
    const own = `${proto}://${host}`.toLowerCase();
    const allowed = (o: string) => o.toLowerCase() === own || opts.allowedOrigins.some((a) => a.toLowerCase() === o.toLowerCase());

    const origin = c.req.header('Origin');
    const hasCookie = (c.req.header('Cookie') ?? '').includes(`${SESSION_COOKIE}=`);
    if (origin !== undefined && !allowed(originOf(origin) ?? 'null')) {
      throw new HttpProblem(403, 'This request came from another site (Origin does not match), so it was refused.', { code: 'cross-site', title: 'Cross-site request refused' });
    }
    if (hasCookie) {
      if (c.req.header('Sec-Fetch-Site') === 'cross-site') throw new HttpProblem(403, 'Cross-site requests with a session are refused.', { code: 'cross-site', title: 'Cross-site request refused' });
      if (origin === undefined) {
        const ref = originOf(c.req.header('Referer'));
        if (ref === null || !allowed(ref)) throw new HttpProblem(403, 'A signed-in write must say where it comes from (Origin or Referer header of this site).', { code: 'cross-site', title: 'Cross-site request refused' });
      }
    }
    await next();
  };
}
