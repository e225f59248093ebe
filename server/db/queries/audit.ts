// The audit log: append-only rows of who did or read what, when; listed newest first.
import type { Sql, Tx } from '../sql.ts';

export interface AuditEntry {
  at: Date;
  actorId: string | null;
  actorLabel: string;
  action: string;
  target: string | null;
  detail: Record<string, unknown> | null;
  ip: string | null;
  requestId: string | null;
}

export interface AuditDto {
  id: string;
  at: string;
  actorId: string | null;
  actor: string;
  action: string;
  target: string | null;
  detail: Record<string, unknown> | null;
  ip: string | null;
  requestId: string | null;
}

export interface AuditFilter {
  actorId?: string | undefined;
  action?: string | undefined;
  target?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
}

export async function insertAudit(sql: Sql | Tx, e: AuditEntry): Promise<void> {
  await sql`
    insert into audit_log (at, actor_id, actor_label, action, target, detail, ip, request_id)
    values (${e.at}, ${e.actorId}, ${e.actorLabel}, ${e.action}, ${e.target},
            ${e.detail === null ? null : JSON.stringify(e.detail)}::text::jsonb, ${e.ip}, ${e.requestId})`;
}

/** Newest first; `beforeId` pages backwards (ids grow with time). */
export async function listAudit(sql: Sql | Tx, f: AuditFilter, limit: number, beforeId?: string): Promise<AuditDto[]> {
  const rows = await sql`
    select id::text, at, actor_id, actor_label, action, target, detail, ip, request_id
    from audit_log
    where true
      ${f.actorId ? sql`and actor_id = ${f.actorId}` : sql``}
      ${f.action ? sql`and action = ${f.action}` : sql``}
      ${f.target ? sql`and target = ${f.target}` : sql``}
      ${f.from ? sql`and at >= ${f.from}` : sql``}
      ${f.to ? sql`and at <= ${f.to}` : sql``}
      ${beforeId ? sql`and id < ${beforeId}::bigint` : sql``}
    order by id desc
    limit ${limit}`;
  return rows.map((r) => ({
    id: r.id as string,
    at: (r.at as Date).toISOString(),
    actorId: (r.actor_id as string | null) ?? null,
    actor: r.actor_label as string,
    action: r.action as string,
    target: (r.target as string | null) ?? null,
    detail: (r.detail as Record<string, unknown> | null) ?? null,
    ip: (r.ip as string | null) ?? null,
    requestId: (r.request_id as string | null) ?? null,
  }));
}
