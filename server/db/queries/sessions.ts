// Server-side sessions (keyed by the SHA-256 of the cookie) and sign-in failure counters.
import type { Sql, Tx } from '../sql.ts';
import type { AccountRole } from '../../auth/permissions.ts';
import type { FailureRecord } from '../../auth/policy.ts';

export interface SessionWithUser {
  id: string;
  userId: string;
  email: string;
  role: AccountRole;
  team: string | null;
  disabled: boolean;
  createdMs: number;
  lastSeenMs: number;
  expiresMs: number;
}

export async function insertSession(sql: Sql | Tx, s: { id: string; userId: string; at: Date; expiresAt: Date; ip: string | null; userAgent: string | null }): Promise<void> {
  await sql`
    insert into sessions (id, user_id, created_at, last_seen_at, expires_at, ip, user_agent)
    values (${s.id}, ${s.userId}, ${s.at}, ${s.at}, ${s.expiresAt}, ${s.ip}, ${s.userAgent})`;
}

export async function findSession(sql: Sql | Tx, id: string): Promise<SessionWithUser | null> {
  const [r] = await sql`
    select s.id, s.user_id, u.email, u.role, u.team_id, u.disabled_at is not null as disabled,
           s.created_at, s.last_seen_at, s.expires_at
    from sessions s join users u on u.id = s.user_id
    where s.id = ${id}`;
  if (!r) return null;
  return {
    id: r.id as string,
    userId: r.user_id as string,
    email: r.email as string,
    role: r.role as AccountRole,
    team: (r.team_id as string | null) ?? null,
    disabled: r.disabled as boolean,
    createdMs: (r.created_at as Date).getTime(),
    lastSeenMs: (r.last_seen_at as Date).getTime(),
    expiresMs: (r.expires_at as Date).getTime(),
  };
}

export async function touchSession(sql: Sql | Tx, id: string, at: Date): Promise<void> {
  await sql`update sessions set last_seen_at = ${at} where id = ${id} and last_seen_at < ${at}`;
}

export async function deleteSession(sql: Sql | Tx, id: string): Promise<void> {
  await sql`delete from sessions where id = ${id}`;
}

/** Ends every session of a user, except `keepId` when given; returns how many ended. */
export async function deleteUserSessions(sql: Sql | Tx, userId: string, keepId: string | null = null): Promise<number> {
  const rows = keepId ? await sql`delete from sessions where user_id = ${userId} and id <> ${keepId} returning id` : await sql`delete from sessions where user_id = ${userId} returning id`;
  return rows.length;
}

/** Deletes sessions past their absolute expiry or idle for `idleMs`. */
export async function deleteExpiredSessions(sql: Sql | Tx, now: Date, idleMs: number): Promise<number> {
  const idleSince = new Date(now.getTime() - idleMs);
  const rows = await sql`delete from sessions where expires_at <= ${now} or last_seen_at <= ${idleSince} returning id`;
  return rows.length;
}

export async function getFailures(sql: Sql | Tx, key: string): Promise<FailureRecord | null> {
  const [r] = await sql`select failures, last_at, locked_until from login_failures where key = ${key}`;
  if (!r) return null;
  return { failures: r.failures as number, lastAtMs: (r.last_at as Date).getTime(), lockedUntilMs: r.locked_until ? (r.locked_until as Date).getTime() : null };
}

/**
 * Writes `next` only if the stored record is still `prev` (null: none stored), so that concurrent
 * failures on one key (one address spraying many accounts, or several worker processes) are never
 * lost to a read-then-write race. Returns whether it was written; on false, read again and retry.
 */
export async function swapFailures(sql: Sql | Tx, key: string, prev: FailureRecord | null, next: FailureRecord): Promise<boolean> {
  const lockedUntil = next.lockedUntilMs === null ? null : new Date(next.lockedUntilMs);
  const rows = prev === null
    ? await sql`
        insert into login_failures (key, failures, last_at, locked_until)
        values (${key}, ${next.failures}, ${new Date(next.lastAtMs)}, ${lockedUntil})
        on conflict (key) do nothing
        returning key`
    : await sql`
        update login_failures set failures = ${next.failures}, last_at = ${new Date(next.lastAtMs)}, locked_until = ${lockedUntil}
        where key = ${key} and failures = ${prev.failures} and last_at = ${new Date(prev.lastAtMs)}
          and locked_until is not distinct from ${prev.lockedUntilMs === null ? null : new Date(prev.lockedUntilMs)}
        returning key`;
  return rows.length === 1;
}

export async function clearFailures(sql: Sql | Tx, key: string): Promise<void> {
  await sql`delete from login_failures where key = ${key}`;
}

/** Every failure record of an account (account-wide and per address); returns how many were removed. */
export async function clearAccountFailures(sql: Sql | Tx, accountKey: string, pairPrefix: string): Promise<number> {
  const rows = await sql`delete from login_failures where key = ${accountKey} or starts_with(key, ${pairPrefix}) returning key`;
  return rows.length;
}

/** Account and account+address records touched since `since` ('account:…' and 'pair:…' keys). */
export async function listAccountFailures(sql: Sql | Tx, since: Date): Promise<{ key: string; rec: FailureRecord }[]> {
  const rows = await sql<{ key: string; failures: number; last_at: Date; locked_until: Date | null }[]>`
    select key, failures, last_at, locked_until from login_failures
    where (starts_with(key, 'account:') or starts_with(key, 'pair:')) and last_at >= ${since}
    order by key`;
  return rows.map((r) => ({ key: r.key, rec: { failures: r.failures, lastAtMs: r.last_at.getTime(), lockedUntilMs: r.locked_until?.getTime() ?? null } }));
}
