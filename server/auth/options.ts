// Security settings with their defaults, and how they are read from the environment
// (CORS_ORIGINS, TRUST_PROXY, COOKIE_SECURE, RATE_LIMITS) by main.ts.
import { DEFAULT_SESSION_POLICY, type SessionPolicy } from './policy.ts';
import { DEFAULT_SCRYPT_COST, type ScryptCost } from './password.ts';

export interface RateLimit {
  /** Requests allowed per window and key (client IP). */
  limit: number;
  windowMs: number;
}

export interface RateLimits {
  /** Anonymous writes (report submissions and other public forms), per IP. */
  publicWrite: RateLimit;
  /** Sign-in attempts per IP, on top of the failure throttle. */
  signIn: RateLimit;
  /** Anonymous place searches and reverse geocoding (search as you type), per IP. */
  placeSearch: RateLimit;
}

export interface SecurityOptions {
  session: SessionPolicy;
  scrypt: ScryptCost;
  /** Secure cookies: 'auto' sets Secure when the request came over HTTPS. */
  secureCookies: 'auto' | boolean;
  /** Origins allowed to call the API from a browser (CORS) and to post with a session (CSRF). Empty: no CORS. */
  corsOrigins: string[];
  /** Trust X-Forwarded-For / X-Forwarded-Proto (only behind a reverse proxy you run). */
  trustProxy: boolean;
  /** false turns rate limiting off (benchmarks of raw throughput only). */
  rateLimits: RateLimits | false;
}

export const DEFAULT_RATE_LIMITS: RateLimits = {
  publicWrite: { limit: 60, windowMs: 60_000 },
  signIn: { limit: 30, windowMs: 60_000 },
  placeSearch: { limit: 600, windowMs: 60_000 },
};

export const DEFAULT_SECURITY: SecurityOptions = {
  session: DEFAULT_SESSION_POLICY,
  scrypt: DEFAULT_SCRYPT_COST,
  secureCookies: 'auto',
  corsOrigins: [],
  trustProxy: false,
  rateLimits: DEFAULT_RATE_LIMITS,
};

export function resolveSecurity(partial: Partial<SecurityOptions> | undefined): SecurityOptions {
  return { ...DEFAULT_SECURITY, ...partial };
}

/** Reads the security environment variables; throws with a clear message on a bad value. */
export function securityFromEnv(env: Record<string, string | undefined>): Partial<SecurityOptions> {
  const out: Partial<SecurityOptions> = {};
  if (env.CORS_ORIGINS) {
    const origins = env.CORS_ORIGINS.split(',').map((s) => s.trim()).filter(Boolean);
    for (const o of origins) {
      if (!/^https?:\/\/[^/\s]+$/.test(o)) throw new Error(`CORS_ORIGINS: '${o}' is not an origin like https://example.se`);
    }
    out.corsOrigins = origins;
  }
  if (env.TRUST_PROXY) out.trustProxy = env.TRUST_PROXY === '1' || env.TRUST_PROXY === 'true';
  if (env.COOKIE_SECURE) out.secureCookies = env.COOKIE_SECURE === 'auto' ? 'auto' : env.COOKIE_SECURE === '1' || env.COOKIE_SECURE === 'true';
  if (env.RATE_LIMITS === 'off') out.rateLimits = false;
  return out;
}
