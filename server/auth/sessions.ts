// Sessions: a random cookie value, stored only as its SHA-256, with idle and absolute expiry.
import type { Sql } from '../db/sql.ts';
import { deleteSession, findSession, insertSession, touchSession } from '../db/queries/sessions.ts';
import { isSessionLive, needsTouch, type SessionPolicy } from './policy.ts';
import { looksLikeSecret, newSecret, sha256Hex, SESSION_PREFIX } from './secrets.ts';
import type { AuthUser } from '../http/guard.ts';

/** Starts a session; returns the cookie value (never stored) and the session id (its hash). */
export async function startSession(sql: Sql, userId: string, nowMs: number, policy: SessionPolicy, meta: { ip: string | null; userAgent: string | null }): Promise<{ token: string; id: string; expiresMs: number }> {
  const token = newSecret(SESSION_PREFIX);
  const id = sha256Hex(token);
  const expiresMs = nowMs + policy.absoluteMs;
  await insertSession(sql, { id, userId, at: new Date(nowMs), expiresAt: new Date(expiresMs), ip: meta.ip, userAgent: meta.userAgent?.slice(0, 300) ?? null });
  return { token, id, expiresMs };
}

/** The user behind a cookie value, or null when unknown, expired (then deleted) or disabled. */
export async function resolveSession(sql: Sql, token: string, nowMs: number, policy: SessionPolicy): Promise<AuthUser | null> {
  if (!looksLikeSecret(token, SESSION_PREFIX)) return null;
  const s = await findSession(sql, sha256Hex(token));
  if (!s) return null;
  if (s.disabled || !isSessionLive(s, nowMs, policy)) {
    await deleteSession(sql, s.id);
    return null;
  }
  if (needsTouch(s, nowMs, policy)) await touchSession(sql, s.id, new Date(nowMs));
  return { id: s.userId, email: s.email, role: s.role, team: s.team, via: 'session', scopes: null, credentialId: s.id };
}

export async function endSession(sql: Sql, token: string): Promise<void> {
  if (looksLikeSecret(token, SESSION_PREFIX)) await deleteSession(sql, sha256Hex(token));
}
