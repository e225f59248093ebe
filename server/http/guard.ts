// Every route declares who may call it: guard(permission) or guard.public(). The guard carries
// its declaration as metadata (like validate.ts) so a test can walk app.routes and the OpenAPI
// document can list the security requirement. Who the caller is comes from c.var.user, set by
// the session/token loader (server/auth/load-user.ts); anonymous callers act as `resident`.
import type { Context, MiddlewareHandler } from 'hono';
import { HttpProblem } from './problem.ts';
import { OPENAPI_META } from './validate.ts';
import { can, type Permission, type Role } from '../auth/permissions.ts';

export type { Permission, Role } from '../auth/permissions.ts';

/** The signed-in caller (a session or an API token), or null for an anonymous resident. */
export interface AuthUser {
  id: string;
  email: string;
  role: Exclude<Role, 'resident'>;
  /** Team id, or null for accounts without a team (chief, admin, most partners). */
  team: string | null;
  /** How the caller proved who they are. */
  via: 'session' | 'token';
  /** For API tokens: the permissions the token was scoped to (a subset of the role's). */
  scopes: readonly Permission[] | null;
  /** Session or token id (for sign-out and the audit log). */
  credentialId: string;
}

declare module 'hono' {
  interface ContextVariableMap {
    user: AuthUser | null;
  }
}

export interface GuardMeta {
  kind: 'guard';
  /** null: public. */
  permission: Permission | null;
}

export const GUARD_META = Symbol.for('trygghetskartan.guard');

/** The caller, or null when anonymous (also when no loader ran). */
export function currentUser(c: Context): AuthUser | null {
  return (c.get('user') as AuthUser | null | undefined) ?? null;
}

/** The caller's role; anonymous callers are residents. */
export function currentRole(c: Context): Role {
  return currentUser(c)?.role ?? 'resident';
}

/** Whether the caller holds the permission (a token only within its scopes). */
export function userCan(user: AuthUser | null, permission: Permission): boolean {
  if (!user) return can('resident', permission);
  if (!can(user.role, permission)) return false;
  return user.scopes === null || user.scopes.includes(permission);
}

function withMeta(mw: MiddlewareHandler, meta: GuardMeta): MiddlewareHandler {
  return Object.assign(mw, { [GUARD_META]: meta, [OPENAPI_META]: meta });
}

/** Lets the request through only when the caller holds `permission`: 401 when anonymous, 403 otherwise. */
export function guard(permission: Permission): MiddlewareHandler {
  return withMeta(
    async (c, next) => {
      const user = currentUser(c);
      if (!userCan(user, permission)) {
        if (!user) {
          throw new HttpProblem(401, 'Sign in to use this.', { code: 'sign-in-required', headers: { 'WWW-Authenticate': 'Bearer realm="trygghetskartan"' }, extensions: { permission } });
        }
        const why = user.scopes !== null && can(user.role, permission) ? 'This API token is not scoped for it' : `The role ${user.role} may not do this`;
        throw new HttpProblem(403, `${why} (needs ${permission}).`, { code: user.scopes !== null && can(user.role, permission) ? 'token-scope' : 'permission-denied', extensions: { permission } });
      }
      await next();
    },
    { kind: 'guard', permission },
  );
}

/** Declares a route open to everyone, signed in or not. */
guard.public = function publicRoute(): MiddlewareHandler {
  return withMeta(
    async (_c, next) => {
      await next();
    },
    { kind: 'guard', permission: null },
  );
};

/** The guard declaration a route handler carries, if any. */
export function guardMetaOf(handler: unknown): GuardMeta | undefined {
  return (handler as Record<symbol, GuardMeta | undefined> | null)?.[GUARD_META];
}
