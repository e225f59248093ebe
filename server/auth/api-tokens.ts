// API tokens for machine clients (Authorization: Bearer): shown once, stored as SHA-256,
// scoped to a subset of the owning account's permissions, revocable, optionally expiring.
import { randomUUID } from 'node:crypto';
import type { Sql } from '../db/sql.ts';
import { findToken, insertToken, touchToken } from '../db/queries/tokens.ts';
import { can, type AccountRole, type Permission } from './permissions.ts';
import { looksLikeSecret, newSecret, sha256Hex, TOKEN_PREFIX } from './secrets.ts';
import type { AuthUser } from '../http/guard.ts';

/** last_used_at is written at most this often per token. */
const TOUCH_EVERY_MS = 60_000;

/** Scopes the role does not hold (a token may never exceed its account). */
export function scopesBeyondRole(role: AccountRole, scopes: readonly Permission[]): Permission[] {
  return scopes.filter((s) => !can(role, s));
}

export async function createApiToken(sql: Sql, t: { name: string; userId: string; scopes: readonly Permission[]; createdBy: string | null; nowMs: number; expiresMs: number | null }): Promise<{ id: string; token: string }> {
  const token = newSecret(TOKEN_PREFIX);
  const id = randomUUID();
  await insertToken(sql, { id, tokenHash: sha256Hex(token), name: t.name, userId: t.userId, scopes: t.scopes, createdBy: t.createdBy, at: new Date(t.nowMs), expiresAt: t.expiresMs === null ? null : new Date(t.expiresMs) });
  return { id, token };
}

/** The caller behind a bearer token, or null when unknown, revoked, expired or its account disabled. */
export async function resolveApiToken(sql: Sql, token: string, nowMs: number): Promise<AuthUser | null> {
  if (!looksLikeSecret(token, TOKEN_PREFIX)) return null;
  const t = await findToken(sql, sha256Hex(token));
  if (!t || t.revoked || t.disabled || (t.expiresMs !== null && nowMs >= t.expiresMs)) return null;
  if (t.lastUsedMs === null || nowMs - t.lastUsedMs >= TOUCH_EVERY_MS) await touchToken(sql, t.id, new Date(nowMs));
  return { id: t.userId, email: t.email, role: t.role, team: t.team, via: 'token', scopes: t.scopes.filter((s) => can(t.role, s)), credentialId: t.id };
}
