// Residents' reports: storing one with its photo, contact and receipt; reading it back by
// tracking token; and the public pins (disclosure rule of server/domain/disclosure.ts, masked in
// the route by server/domain/mask-report.ts).
import type { Sql, Tx } from '../sql.ts';
import type { ReportRow } from '../../domain/report.ts';
import type { MaskableReport } from '../../domain/mask-report.ts';
import type { EncodedPhoto } from '../../resident/reencode-photo.ts';
import { insertReport, type ReportDto } from './reports.ts';
import { disclosedWhere, stagesOf } from './disclosure.ts';
import type { DisclosurePolicy } from '../../domain/disclosure.ts';
import { insertPhoto } from './photos.ts';

/** Columns that make a MaskableReport (plus what Open311 needs). */
export const MASKABLE = (sql: Sql | Tx) => sql`
  r.id, r.category, to_hex(r.cell) as cell, r.observed_from as "observedFrom", r.observed_to as "observedTo",
  r.description, r.status, r.public_note as "publicNote", r.text_public as "textPublic", r.merged_into as "mergedInto",
  r.created_at as "createdAt", r.updated_at as "updatedAt", d.name as "districtName"`;

export interface StoredMaskable extends MaskableReport {
  createdAt: Date;
  updatedAt: Date;
  districtName: string | null;
}

export interface ResidentReportWrite {
  row: ReportRow;
  tokenHash: string;
  photo: EncodedPhoto | null;
  photoId: string;
  contact: { email: string; consentText: string; consentedAt: Date } | null;
  /** Submission time from the app's clock (the column default would be the database's). */
  at: Date;
}

/** Stores the report, its photo, contact and receipt in the caller's transaction. */
export async function insertResidentReport(tx: Tx, w: ResidentReportWrite): Promise<ReportDto> {
  const report = await insertReport(tx, w.row);
  await tx`update reports set created_at = ${w.at}, updated_at = ${w.at} where id = ${w.row.id}`;
  await tx`insert into report_receipts (token_hash, report_id) values (${w.tokenHash}, ${w.row.id})`;
  if (w.photo) await insertPhoto(tx, w.photoId, w.row.id, w.photo);
  if (w.contact) {
    await tx`insert into report_contacts (report_id, email, consent_text, consented_at)
             values (${w.row.id}, ${w.contact.email}, ${w.contact.consentText}, ${w.contact.consentedAt})`;
  }
  return report;
}

export async function getReportByTokenHash(sql: Sql, tokenHash: string): Promise<StoredMaskable | null> {
  const [row] = await sql<StoredMaskable[]>`
    select ${MASKABLE(sql)} from report_receipts k join reports r on r.id = k.report_id
    left join districts d on d.id = r.district_id
    where k.token_hash = ${tokenHash}`;
  return row ?? null;
}

export interface PublicPinFilter {
  since: Date;
  /** Statuses asked for: 'closed' adds closed reports, any other the open ones (see stagesOf). */
  statuses: readonly string[];
  categories?: readonly string[] | undefined;
  limit: number;
  policy: DisclosurePolicy;
}

/**
 * Approved reports of public sources and categories for the public map, newest first, in cells
 * that hold at least policy.minReportsPerCell of them within the window (exact coordinates are
 * not selected). `total` counts the pins drawn, before the limit.
 */
export async function listPublicPins(sql: Sql, f: PublicPinFilter): Promise<{ rows: StoredMaskable[]; total: number }> {
  const where = sql`${disclosedWhere(sql, f.policy, stagesOf(f.statuses))} and r.observed_to >= ${f.since}
    ${f.categories?.length ? sql`and r.category in ${sql(f.categories as string[])}` : sql``}`;
  const eligible = sql`select r.id, count(*) over (partition by r.cell) as n from reports r where ${where}`;
  const [rows, [count]] = await Promise.all([
    sql<StoredMaskable[]>`
      with e as (${eligible})
      select ${MASKABLE(sql)} from e join reports r on r.id = e.id left join districts d on d.id = r.district_id
      where e.n >= ${f.policy.minReportsPerCell} order by r.observed_to desc, r.id desc limit ${f.limit}`,
    sql<{ n: string }[]>`with e as (${eligible}) select count(*) as n from e where e.n >= ${f.policy.minReportsPerCell}`,
  ]);
  return { rows, total: Number(count!.n) };
}
