// API tokens for machine clients: stored as the SHA-256 of the token, scoped, revocable.
import type { Sql, Tx } from '../sql.ts';
import type { AccountRole, Permission } from '../../auth/permissions.ts';

export interface TokenDto {
  id: string;
  name: string;
  userId: string;
  userEmail: string;
  scopes: Permission[];
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface TokenWithUser {
  id: string;
  name: string;
  userId: string;
  email: string;
  role: AccountRole;
  team: string | null;
  disabled: boolean;
  scopes: Permission[];
  expiresMs: number | null;
  revoked: boolean;
  lastUsedMs: number | null;
}

const iso = (d: unknown) => (d ? (d as Date).toISOString() : null);

export async function insertToken(sql: Sql | Tx, t: { id: string; tokenHash: string; name: string; userId: string; scopes: readonly Permission[]; createdBy: string | null; at: Date; expiresAt: Date | null }): Promise<void> {
  await sql`
    insert into api_tokens (id, token_hash, name, user_id, scopes, created_by, created_at, expires_at)
    values (${t.id}, ${t.tokenHash}, ${t.name}, ${t.userId}, ${sql.array([...t.scopes])}, ${t.createdBy}, ${t.at}, ${t.expiresAt})`;
}

export async function findToken(sql: Sql | Tx, tokenHash: string): Promise<TokenWithUser | null> {
  const [r] = await sql`
    select t.id, t.name, t.user_id, u.email, u.role, u.team_id, u.disabled_at is not null as disabled,
           t.scopes, t.expires_at, t.revoked_at is not null as revoked, t.last_used_at
    from api_tokens t join users u on u.id = t.user_id
    where t.token_hash = ${tokenHash}`;
  if (!r) return null;
  return {
    id: r.id as string,
    name: r.name as string,
    userId: r.user_id as string,
    email: r.email as string,
    role: r.role as AccountRole,
    team: (r.team_id as string | null) ?? null,
    disabled: r.disabled as boolean,
    scopes: r.scopes as Permission[],
    expiresMs: r.expires_at ? (r.expires_at as Date).getTime() : null,
    revoked: r.revoked as boolean,
    lastUsedMs: r.last_used_at ? (r.last_used_at as Date).getTime() : null,
  };
}

export async function touchToken(sql: Sql | Tx, id: string, at: Date): Promise<void> {
  await sql`update api_tokens set last_used_at = ${at} where id = ${id}`;
}

export async function listTokens(sql: Sql | Tx): Promise<TokenDto[]> {
  const rows = await sql`
    select t.id, t.name, t.user_id, u.email, t.scopes, t.created_at, t.expires_at, t.last_used_at, t.revoked_at
    from api_tokens t join users u on u.id = t.user_id
    order by t.created_at desc, t.id`;
  return rows.map((r) => ({
    id: r.id as string,
    name: r.name as string,
    userId: r.user_id as string,
    userEmail: r.email as string,
    scopes: r.scopes as Permission[],
    createdAt: iso(r.created_at)!,
    expiresAt: iso(r.expires_at),
    lastUsedAt: iso(r.last_used_at),
    revokedAt: iso(r.revoked_at),
  }));
}

/** Revokes a token; false when there is no such token (revoking twice is fine). */
export async function revokeToken(sql: Sql | Tx, id: string, at: Date): Promise<boolean> {
  const rows = await sql`update api_tokens set revoked_at = coalesce(revoked_at, ${at}) where id = ${id} returning id`;
  return rows.length > 0;
}
