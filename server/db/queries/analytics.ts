// Maintenance of the analytics aggregate: a full rebuild from the reports table (the triggers of
// migration 00004 keep it exact afterwards) and a consistency check against the raw rows.
import type { Sql } from '../sql.ts';

/** Rebuilds heat_hours from reports in one transaction, in id-ordered batches. Returns reports read. */
export async function rebuildHeat(sql: Sql, opts: { batchSize?: number; onProgress?: (done: number, total: number) => void } = {}): Promise<number> {
  const batchSize = opts.batchSize ?? 50_000;
  return sql.begin(async (tx) => {
    await tx`lock table reports in share mode`; // writers wait; readers keep reading the old aggregate
    await tx`truncate heat_hours`;
    await tx`insert into heat_changes (first_date, last_date) values ('-infinity', 'infinity')`; // readers reload all
    await tx`delete from heat_changes where created_at < now() - interval '1 day'`;
    const [counted] = await tx<{ total: number }[]>`select count(*)::int as total from reports`;
    const total = counted?.total ?? 0;
    let done = 0;
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const [edge] = await tx<{ last: string; n: number }[]>`
        select max(id::text) as last, count(*)::int as n from (select id from reports where id > ${after}::uuid order by id limit ${batchSize}) b`;
      if (!edge?.n) break;
      await tx`select heat_apply(array(select r::reports from reports r where r.id > ${after}::uuid and r.id <= ${edge.last}::uuid), 1)`;
      done += edge.n;
      after = edge.last;
      opts.onProgress?.(done, total);
      if (edge.n < batchSize) break;
    }
    return done;
  });
}

/** Σ weight and Σ count in the aggregate, and the number of counted reports (for checks). */
export async function heatTotals(sql: Sql): Promise<{ weight: number; count: number; reports: number }> {
  const [a] = await sql<{ weight: number | null; count: number | null }[]>`select sum(weight) as weight, sum(count)::int as count from heat_hours`;
  const [b] = await sql<{ n: number }[]>`select count(*)::int as n from reports where status not in ('rejected', 'merged')`;
  return { weight: a?.weight ?? 0, count: a?.count ?? 0, reports: b?.n ?? 0 };
}
