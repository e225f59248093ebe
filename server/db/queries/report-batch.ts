// Many single-report submissions written in one transaction: their Idempotency-Keys claimed,
// the new reports inserted by one statement (one pass of the heat triggers, one commit), the
// answers stored under their keys. Each submission gets its own outcome, as if written alone.
import type { Sql, Tx } from '../sql.ts';
import type { ReportRow } from '../../domain/report.ts';
import { keyReused } from '../../http/idempotency.ts';
import { HttpProblem } from '../../http/problem.ts';
import { COLUMNS, ROW_COLUMNS, rowArrays, toDto, type ReportDto } from './reports.ts';

export interface ReportSubmission {
  row: ReportRow;
  /** The signed-in account that sent it, or null for an anonymous resident. */
  submittedBy: string | null;
  discoveredOnPatrol: boolean;
  /** EST fields (migration 00060): judgement, kind of place, the sender's organisation. */
  est?: { otrygghet: string | null; placeKind: string | null; organisationId: string | null } | undefined;
  /** The caller's Idempotency-Key with its scope and the request's hash, or null. */
  idempotency: { scope: string; key: string; hash: string } | null;
}

export interface SubmissionOutcome {
  body: ReportDto;
  /** True when the key had been used before and the first answer is returned. */
  replayed: boolean;
}

const keyOf = (k: { scope: string; key: string }) => `${k.scope}\u0000${k.key}`;

export async function writeReportSubmissions(sql: Sql, subs: readonly ReportSubmission[]): Promise<Array<SubmissionOutcome | Error>> {
  if (subs.every((s) => !s.idempotency)) {
    // One statement is its own transaction: no BEGIN/COMMIT round trips.
    const inserted = new Map((await insertSubmissions(sql, subs)).map((r) => [r.id, r]));
    return subs.map((s) => ({ body: inserted.get(s.row.id)!, replayed: false }));
  }
  return sql.begin(async (tx) => {
    // Keys: the first submission of a key in this batch claims it; later ones in the batch replay it.
    const firstOfKey = new Map<string, number>();
    subs.forEach((s, i) => {
      if (s.idempotency && !firstOfKey.has(keyOf(s.idempotency))) firstOfKey.set(keyOf(s.idempotency), i);
    });
    // Claimed in one global order, so two batches in flight wait for each other, never deadlock.
    const claimers = [...firstOfKey.values()].map((i) => subs[i]!.idempotency!).sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : 1));
    const claimed = await claimKeys(tx, claimers);
    const stored = await storedAnswers(tx, claimers.filter((k) => !claimed.has(keyOf(k))));

    const writes = subs.filter((s, i) => !s.idempotency || (firstOfKey.get(keyOf(s.idempotency)) === i && claimed.has(keyOf(s.idempotency))));
    const inserted = await insertSubmissions(tx, writes);
    const byId = new Map(inserted.map((r) => [r.id, r]));
    const answers = new Map<string, { hash: string; body: ReportDto; replayed: boolean }>(stored);
    for (const s of writes) {
      if (s.idempotency) answers.set(keyOf(s.idempotency), { hash: s.idempotency.hash, body: byId.get(s.row.id)!, replayed: false });
    }
    await storeAnswers(tx, writes.flatMap((s) => (s.idempotency ? [{ ...s.idempotency, body: byId.get(s.row.id)! }] : [])));

    return subs.map((s, i): SubmissionOutcome | Error => {
      if (!s.idempotency) return { body: byId.get(s.row.id)!, replayed: false };
      const answer = answers.get(keyOf(s.idempotency));
      if (!answer) return new HttpProblem(409, 'This Idempotency-Key was claimed by a request that did not finish. Send the report again.');
      if (answer.hash !== s.idempotency.hash) return keyReused();
      return { body: answer.body, replayed: answer.replayed || firstOfKey.get(keyOf(s.idempotency)) !== i };
    });
  }) as Promise<Array<SubmissionOutcome | Error>>;
}

/** Claims the keys no committed or concurrent transaction holds (a held key waits for its holder). */
async function claimKeys(tx: Tx, keys: readonly { scope: string; key: string; hash: string }[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await tx<{ scope: string; key: string }[]>`
    insert into idempotency_keys (scope, key, request_hash)
    select * from unnest(${keys.map((k) => k.scope)}::text[], ${keys.map((k) => k.key)}::text[], ${keys.map((k) => k.hash)}::text[])
    on conflict do nothing
    returning scope, key`;
  return new Set(rows.map(keyOf));
}

/** The first answers stored under keys used before. */
async function storedAnswers(tx: Tx, keys: readonly { scope: string; key: string }[]) {
  const answers = new Map<string, { hash: string; body: ReportDto; replayed: boolean }>();
  if (keys.length === 0) return answers;
  const rows = await tx<{ scope: string; key: string; request_hash: string; body: ReportDto }[]>`
    select k.scope, k.key, k.request_hash, k.body
    from idempotency_keys k
    join unnest(${keys.map((k) => k.scope)}::text[], ${keys.map((k) => k.key)}::text[]) as u(scope, key)
      on k.scope = u.scope and k.key = u.key`;
  for (const r of rows) answers.set(keyOf(r), { hash: r.request_hash, body: r.body, replayed: true });
  return answers;
}

async function insertSubmissions(tx: Sql | Tx, subs: readonly ReportSubmission[]): Promise<ReportDto[]> {
  if (subs.length === 0) return [];
  const inserted = await tx`
    insert into reports (${ROW_COLUMNS(tx)}, submitted_by, discovered_on_patrol, otrygghet, place_kind, organisation_id)
    select * from unnest(${rowArrays(tx, subs.map((s) => s.row))},
      ${subs.map((s) => s.submittedBy)}::text[], ${subs.map((s) => (s.discoveredOnPatrol ? 'true' : 'false'))}::text[]::bool[],
      ${subs.map((s) => s.est?.otrygghet ?? null)}::text[], ${subs.map((s) => s.est?.placeKind ?? null)}::text[], ${subs.map((s) => s.est?.organisationId ?? null)}::text[])
    returning ${COLUMNS(tx)}`;
  return inserted.map(toDto);
}

async function storeAnswers(tx: Tx, answers: readonly { scope: string; key: string; body: ReportDto }[]): Promise<void> {
  if (answers.length === 0) return;
  await tx`
    update idempotency_keys k set status = 201, body = u.body
    from unnest(${answers.map((a) => a.scope)}::text[], ${answers.map((a) => a.key)}::text[], ${answers.map((a) => JSON.stringify(a.body))}::text[]::jsonb[]) as u(scope, key, body)
    where k.scope = u.scope and k.key = u.key`;
}
