// Open311 reads: service requests (residents' and partners' reports) by id or by filter,
// newest first, and the partner account behind a posted request.
import type { Sql, Tx } from '../sql.ts';
import { MASKABLE, type StoredMaskable } from './public-reports.ts';
import { disclosedWhere, stagesOf } from './disclosure.ts';
import type { DisclosurePolicy } from '../../domain/disclosure.ts';

/** Sources whose requests a tracking token finds (public channels). */
const OPEN311_SOURCES = ['resident', 'partner'];

export interface Open311Filter {
  /** Look these up (still under the rule, counted in the start–end window). */
  ids?: readonly string[] | undefined;
  serviceCodes?: readonly string[] | undefined;
  statuses?: readonly string[] | undefined;
  /** Submission-time window; small-number suppression counts the cell's reports within it. */
  start: Date;
  end: Date;
  limit: number;
  policy: DisclosurePolicy;
}

/**
 * Service requests under the public map's rule (server/domain/disclosure.ts): approved reports
 * of public sources and categories, in cells holding at least policy.minReportsPerCell of them
 * within the window, newest first.
 */
export async function listOpen311Requests(sql: Sql, f: Open311Filter): Promise<StoredMaskable[]> {
  const stages = f.statuses?.length ? stagesOf(f.statuses) : { open: true, closed: true };
  const eligible = sql`select r.id, count(*) over (partition by r.cell) as n from reports r
    where ${disclosedWhere(sql, f.policy, stages)}
      and r.created_at between ${f.start} and ${f.end}
      ${!f.ids?.length && f.serviceCodes?.length ? sql`and r.category in ${sql(f.serviceCodes as string[])}` : sql``}`;
  return sql<StoredMaskable[]>`
    with e as (${eligible})
    select ${MASKABLE(sql)} from e join reports r on r.id = e.id left join districts d on d.id = r.district_id
    where e.n >= ${f.policy.minReportsPerCell} ${f.ids?.length ? sql`and r.id in ${sql(f.ids as string[])}` : sql``}
    order by r.created_at desc, r.id desc
    limit ${f.limit}`;
}

export async function setSubmittedBy(tx: Sql | Tx, reportId: string, userId: string): Promise<void> {
  await tx`update reports set submitted_by = ${userId} where id = ${reportId}`;
}

export async function findReportIdByTokenHash(sql: Sql, tokenHash: string): Promise<string | null> {
  const [row] = await sql<{ id: string }[]>`
    select k.report_id as id from report_receipts k join reports r on r.id = k.report_id
    where k.token_hash = ${tokenHash} and r.source in ${sql(OPEN311_SOURCES)}`;
  return row?.id ?? null;
}
