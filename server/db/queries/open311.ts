// Open311 reads: service requests (residents' and partners' reports) by id or by filter,
// newest first, and the partner account behind a posted request.
import type { Sql, Tx } from '../sql.ts';
import { MASKABLE, type StoredMaskable } from './public-reports.ts';

/** Sources Open311 serves: reports that came in through public channels. */
const OPEN311_SOURCES = ['resident', 'partner'];

export interface Open311Filter {
  ids?: readonly string[] | undefined;
  serviceCodes?: readonly string[] | undefined;
  statuses?: readonly string[] | undefined;
  start: Date;
  end: Date;
  limit: number;
}

export async function listOpen311Requests(sql: Sql, f: Open311Filter): Promise<StoredMaskable[]> {
  const filter = f.ids?.length
    ? sql`r.id in ${sql(f.ids as string[])}`
    : sql`r.status <> 'rejected' and r.created_at between ${f.start} and ${f.end}
        ${f.serviceCodes?.length ? sql`and r.category in ${sql(f.serviceCodes as string[])}` : sql``}
        ${f.statuses?.length ? sql`and r.status in ${sql(f.statuses as string[])}` : sql``}`;
  return sql<StoredMaskable[]>`
    select ${MASKABLE(sql)} from reports r left join districts d on d.id = r.district_id
    where r.source in ${sql(OPEN311_SOURCES)} and ${filter}
    order by r.created_at desc, r.id desc
    limit ${f.limit}`;
}

export async function getOpen311Request(sql: Sql, id: string): Promise<StoredMaskable | null> {
  const [row] = await listOpen311Requests(sql, { ids: [id], start: new Date(0), end: new Date(0), limit: 1 });
  return row ?? null;
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
