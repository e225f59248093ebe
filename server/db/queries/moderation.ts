// Moderation reads and writes: the queue, nearby candidates for duplicate suggestions, one
// report's state (locked for an action), the state update and the action log.
import type { Sql, Tx } from '../sql.ts';
import type { ModeratedState } from '../../domain/moderation.ts';
import type { RejectReason, Status } from '../../domain/categories.ts';

export interface ModerationReport {
  id: string;
  category: string;
  lat: number;
  lon: number;
  cell: string;
  district: string;
  observedFrom: Date;
  observedTo: Date;
  description: string | null;
  source: string;
  status: Status;
  publicNote: string | null;
  textPublic: boolean;
  rejectReason: RejectReason | null;
  mergedInto: string | null;
  createdAt: Date;
  hasContact: boolean;
}

const COLUMNS = (sql: Sql | Tx) => sql`
  r.id, r.category, r.lat, r.lon, to_hex(r.cell) as cell, r.district_id as district,
  r.observed_from as "observedFrom", r.observed_to as "observedTo", r.description, r.source, r.status,
  r.public_note as "publicNote", r.text_public as "textPublic", r.reject_reason as "rejectReason",
  r.merged_into as "mergedInto", r.created_at as "createdAt",
  exists (select 1 from report_contacts k where k.report_id = r.id) as "hasContact"`;

export interface QueueFilter {
  statuses: readonly string[];
  sources: readonly string[];
  categories?: readonly string[] | undefined;
  districts?: readonly string[] | undefined;
  /** Reports created before this instant (the previous page's last createdAt). */
  before?: Date | undefined;
  limit: number;
}

/** The queue, newest first by submission time. Returns limit + 1 rows at most. */
export async function listQueue(sql: Sql, f: QueueFilter): Promise<ModerationReport[]> {
  return sql<ModerationReport[]>`
    select ${COLUMNS(sql)} from reports r
    where r.status in ${sql(f.statuses as string[])} and r.source in ${sql(f.sources as string[])}
      ${f.categories?.length ? sql`and r.category in ${sql(f.categories as string[])}` : sql``}
      ${f.districts?.length ? sql`and r.district_id in ${sql(f.districts as string[])}` : sql``}
      ${f.before ? sql`and r.created_at < ${f.before}` : sql``}
    order by r.created_at desc, r.id desc
    limit ${f.limit + 1}`;
}

export async function getModerationReport(sql: Sql | Tx, id: string): Promise<ModerationReport | null> {
  const [row] = await sql<ModerationReport[]>`select ${COLUMNS(sql)} from reports r where r.id = ${id}`;
  return row ?? null;
}

/** Reports in a lat/lon box whose window comes within the time range: duplicate candidates. */
export async function listNearby(
  sql: Sql,
  box: { minLat: number; maxLat: number; minLon: number; maxLon: number },
  from: Date,
  to: Date,
): Promise<ModerationReport[]> {
  return sql<ModerationReport[]>`
    select ${COLUMNS(sql)} from reports r
    where r.lat between ${box.minLat} and ${box.maxLat} and r.lon between ${box.minLon} and ${box.maxLon}
      and r.observed_to >= ${from} and r.observed_from <= ${to}
      and r.status not in ('rejected', 'merged')
    order by r.created_at desc
    limit 200`;
}

/** The moderated fields of a report, locked until the transaction ends. */
export async function lockState(tx: Tx, id: string): Promise<ModeratedState | null> {
  const [row] = await tx<ModeratedState[]>`
    select id, status, category, public_note as "publicNote", text_public as "textPublic",
           reject_reason as "rejectReason", merged_into as "mergedInto"
    from reports where id = ${id} for update`;
  return row ?? null;
}

export async function saveState(tx: Tx, s: ModeratedState, at: Date): Promise<void> {
  await tx`
    update reports set status = ${s.status}, category = ${s.category}, public_note = ${s.publicNote},
      text_public = ${s.textPublic}, reject_reason = ${s.rejectReason}, merged_into = ${s.mergedInto},
      moderated_at = ${at}, updated_at = ${at}
    where id = ${s.id}`;
  // The consent text promises the e-mail address is deleted when the case ends: closed,
  // rejected or merged into another report. Same transaction as the state change.
  if (s.status === 'closed' || s.status === 'rejected' || s.status === 'merged') {
    await tx`delete from report_contacts where report_id = ${s.id}`;
  }
}

export interface ActionRow {
  reportId: string;
  action: string;
  actorId: string | null;
  actorLabel: string;
  fromStatus: string;
  toStatus: string;
  fromCategory: string | null;
  toCategory: string | null;
  reason: string | null;
  mergedInto: string | null;
  note: string | null;
  at: Date;
}

export async function insertAction(tx: Tx, a: ActionRow): Promise<void> {
  await tx`
    insert into moderation_actions (report_id, action, actor_id, actor_label, from_status, to_status, from_category, to_category, reason, merged_into, note, created_at)
    values (${a.reportId}, ${a.action}, ${a.actorId}, ${a.actorLabel}, ${a.fromStatus}, ${a.toStatus}, ${a.fromCategory}, ${a.toCategory}, ${a.reason}, ${a.mergedInto}, ${a.note}, ${a.at})`;
}

export interface ActionDto {
  action: string;
  actor: string;
  fromStatus: string;
  toStatus: string;
  fromCategory: string | null;
  toCategory: string | null;
  reason: string | null;
  mergedInto: string | null;
  note: string | null;
  at: string;
}

export async function listActions(sql: Sql, reportId: string): Promise<ActionDto[]> {
  const rows = await sql<(Omit<ActionDto, 'at'> & { at: Date })[]>`
    select action, actor_label as actor, from_status as "fromStatus", to_status as "toStatus",
      from_category as "fromCategory", to_category as "toCategory", reason, merged_into as "mergedInto", note, created_at as at
    from moderation_actions where report_id = ${reportId} order by created_at, id`;
  return rows.map((r) => ({ ...r, at: r.at.toISOString() }));
}

export async function getContact(sql: Sql, reportId: string): Promise<{ email: string; consentText: string; consentedAt: Date } | null> {
  const [row] = await sql<{ email: string; consentText: string; consentedAt: Date }[]>`
    select email, consent_text as "consentText", consented_at as "consentedAt" from report_contacts where report_id = ${reportId}`;
  return row ?? null;
}
