// Who submitted a report (reports.submitted_by): set on creation, read for "my reports".
import type { Sql, Tx } from '../sql.ts';
import type { ReportDto } from './reports.ts';

export async function isReportSubmitter(sql: Sql | Tx, reportId: string, userId: string): Promise<boolean> {
  const [row] = await sql`select 1 from reports where id = ${reportId} and submitted_by = ${userId}`;
  return row !== undefined;
}

/** The reports an account submitted, newest first. */
export async function listSubmittedReports(sql: Sql | Tx, userId: string, limit: number): Promise<ReportDto[]> {
  const rows = await sql`
    select id, category, lat, lon, to_hex(cell) as cell, district_id as district,
           observed_from, observed_to, description, source, status, created_at
    from reports where submitted_by = ${userId}
    order by observed_to desc, id desc
    limit ${limit}`;
  return rows.map((r) => ({
    id: r.id as string,
    category: r.category as string,
    lat: r.lat as number,
    lon: r.lon as number,
    cell: r.cell as string,
    district: r.district as string,
    observedFrom: (r.observed_from as Date).toISOString(),
    observedTo: (r.observed_to as Date).toISOString(),
    description: (r.description as string | null) ?? null,
    source: r.source as string,
    status: r.status as string,
    createdAt: (r.created_at as Date).toISOString(),
  }));
}
