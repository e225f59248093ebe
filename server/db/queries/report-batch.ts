// Many single-report submissions written in one transaction through the one idempotency path
// (claimAndWrite): their keys claimed, the new reports inserted by one statement (one pass of
// the heat triggers, one commit), the answers stored under their keys. Each submission gets its
// own outcome, as if written alone.
import type { Sql, Tx } from '../sql.ts';
import type { ReportRow } from '../../domain/report.ts';
import { claimAndWrite, type KeyedRequest } from '../../http/idempotency.ts';
import { COLUMNS, ROW_COLUMNS, rowArrays, toDto, type ReportDto } from './reports.ts';

export interface ReportSubmission {
  row: ReportRow;
  /** The signed-in account that sent it, or null for an anonymous resident. */
  submittedBy: string | null;
  discoveredOnPatrol: boolean;
  /** The caller's Idempotency-Key with its scope and the request's hash, or null. */
  idempotency: KeyedRequest | null;
}

export interface SubmissionOutcome {
  body: ReportDto;
  /** True when the key had been used before and the first answer is returned. */
  replayed: boolean;
}

export async function writeReportSubmissions(sql: Sql, subs: readonly ReportSubmission[]): Promise<Array<SubmissionOutcome | Error>> {
  const run = (db: Sql | Tx) =>
    claimAndWrite<ReportDto>(db, subs.map((s) => s.idempotency), 201, async (fresh) => {
      const inserted = new Map((await insertSubmissions(db, fresh.map((i) => subs[i]!))).map((r) => [r.id, r]));
      return fresh.map((i) => inserted.get(subs[i]!.row.id)!);
    });
  // Without keys the insert is one statement, its own transaction: no BEGIN/COMMIT round trips.
  if (subs.every((s) => !s.idempotency)) return run(sql);
  return sql.begin(run) as Promise<Array<SubmissionOutcome | Error>>;
}

async function insertSubmissions(tx: Sql | Tx, subs: readonly ReportSubmission[]): Promise<ReportDto[]> {
  if (subs.length === 0) return [];
  const inserted = await tx`
    insert into reports (${ROW_COLUMNS(tx)}, submitted_by, discovered_on_patrol)
    select * from unnest(${rowArrays(tx, subs.map((s) => s.row))},
      ${subs.map((s) => s.submittedBy)}::text[], ${subs.map((s) => (s.discoveredOnPatrol ? 'true' : 'false'))}::text[]::bool[])
    returning ${COLUMNS(tx)}`;
  return inserted.map(toDto);
}
