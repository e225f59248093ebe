// audit(sql, { actor, action, target }): one row in the audit log. Call it for every read of
// personal data (contact details), exact resident locations or staff tracks, and for account
// changes. Pass the transaction when the read or write happens in one.
import type { Context } from 'hono';
import type { Sql, Tx } from '../db/sql.ts';
import { insertAudit } from '../db/queries/audit.ts';
import type { AuthUser } from '../http/guard.ts';
import { currentUser } from '../http/guard.ts';
import { clientIp } from '../http/rate-limit.ts';

export interface AuditEvent {
  /** Who: the signed-in caller, null for anonymous, or a label for system actions (CLI, jobs). */
  actor: AuthUser | null | { id: string | null; label: string };
  /** What, as 'resource.verb', e.g. 'contacts.read', 'tracks.read', 'users.create'. */
  action: string;
  /** Which record, as 'kind:id', e.g. 'report:…', 'track:…', 'user:…'. */
  target?: string | null;
  detail?: Record<string, unknown> | null;
  /** When (defaults to now; pass deps.now() in routes so tests with a fixed clock see it). */
  at?: Date | number;
  ip?: string | null;
  requestId?: string | null;
}

function actorOf(actor: AuditEvent['actor']): { id: string | null; label: string } {
  if (actor === null) return { id: null, label: 'anonymous' };
  if ('label' in actor) return actor;
  return { id: actor.id, label: actor.via === 'token' ? `${actor.email} (token ${actor.credentialId})` : actor.email };
}

export async function audit(sql: Sql | Tx, e: AuditEvent): Promise<void> {
  const who = actorOf(e.actor);
  const at = e.at === undefined ? new Date() : new Date(e.at);
  await insertAudit(sql, { at, actorId: who.id, actorLabel: who.label, action: e.action, target: e.target ?? null, detail: e.detail ?? null, ip: e.ip ?? null, requestId: e.requestId ?? null });
}

/** The who/where of the current request, to spread into audit(): actor, ip and request id. */
export function auditContext(c: Context, trustProxy = false): Pick<AuditEvent, 'actor' | 'ip' | 'requestId'> {
  return { actor: currentUser(c), ip: clientIp(c, trustProxy), requestId: (c.get('requestId' as never) as string | undefined) ?? null };
}
