// Idempotency-Key: the first answer to a key is stored in the same transaction as the write
// and replayed for every repeat; a key reused with another body is refused.
import { createHash } from 'node:crypto';
import type { Sql, Tx } from '../db/sql.ts';
import { HttpProblem } from './problem.ts';

/** The answer to a key repeated with another body. */
export function keyReused(): HttpProblem {
  return new HttpProblem(422, 'This Idempotency-Key was already used with a different request body. Use a new key for a new report.', { code: 'idempotency-key-reused' });
}

/** What a key is bound to: a repeat with another body is refused. */
export function requestHash(body: unknown): string {
  return createHash('sha256').update(JSON.stringify(body)).digest('hex');
}

export function readIdempotencyKey(header: string | undefined): string | null {
  if (header === undefined) return null;
  const key = header.trim();
  if (!/^[\x21-\x7e]{1,200}$/.test(key)) {
    throw new HttpProblem(400, 'Idempotency-Key must be 1–200 visible ASCII characters.', { code: 'idempotency-key-invalid', errors: [{ path: 'Idempotency-Key', message: 'invalid', code: 'invalid' }] });
  }
  return key;
}

/**
 * An answer whose statements may still be on the wire: the key's answer is stored with the next
 * statement on the same connection instead of after them (one round trip fewer).
 */
export class Pipelined<T> {
  constructor(
    readonly body: T,
    /** The write's last statements (a rejection rolls the transaction back). */
    readonly written: Promise<unknown>,
  ) {}
}

/** A request's Idempotency-Key with its scope (per caller and route) and the hash of its body. */
export interface KeyedRequest {
  scope: string;
  key: string;
  hash: string;
}

export interface Answer<T> {
  status: number;
  body: T;
  /** True when the key had been used before and the first answer is returned. */
  replayed: boolean;
}

const keyId = (k: { scope: string; key: string }) => `${k.scope}\u0000${k.key}`;

/**
 * The one idempotency path, for one request or a batch of many in one transaction: each key is
 * claimed once (the first request of a key in the batch claims it, later ones replay it), the
 * requests that must be written are handed to `write` together (by index, in order), and their
 * answers are stored under their keys in the same transaction. A key claimed by a committed
 * transaction replays its stored answer; one held by a transaction in flight waits for it.
 * Keys are claimed in one global order, so two batches in flight wait for each other, never
 * deadlock. `alongClaim` is sent right after the claim on the same connection (pipelined) and its
 * result handed to `write`: reads or locks only, as it also runs for replays (its throw wins).
 * Each request gets its own answer or its own HttpProblem (a reused or unfinished key).
 */
export async function claimAndWrite<T, B = undefined>(
  /** A transaction; the bare pool only when no request has a key and `write` is one statement. */
  tx: Sql | Tx,
  requests: readonly (KeyedRequest | null)[],
  status: number,
  write: (indices: number[], before: B) => Promise<T[] | Pipelined<T[]>>,
  alongClaim?: () => Promise<B>,
): Promise<Array<Answer<T> | HttpProblem>> {
  const firstOfKey = new Map<string, number>();
  requests.forEach((r, i) => {
    if (r && !firstOfKey.has(keyId(r))) firstOfKey.set(keyId(r), i);
  });
  const claimers = [...firstOfKey.values()].map((i) => requests[i]!).sort((a, b) => (keyId(a) < keyId(b) ? -1 : 1));
  // The claim is queued first; `alongClaim`'s statements follow it on the connection.
  const [claimed, before] = await Promise.all([claimKeys(tx, claimers), alongClaim?.() as Promise<B>]);
  const stored = await storedAnswers<T>(tx, claimers.filter((k) => !claimed.has(keyId(k))));

  const fresh = requests.flatMap((r, i) => (!r || (firstOfKey.get(keyId(r)) === i && claimed.has(keyId(r))) ? [i] : []));
  const out = fresh.length ? await write(fresh, before) : [];
  const bodies = out instanceof Pipelined ? out.body : out;
  const bodyOf = new Map(fresh.map((i, n) => [i, bodies[n]!]));
  const toStore = fresh.flatMap((i) => (requests[i] ? [{ ...requests[i]!, body: bodyOf.get(i)! }] : []));
  await Promise.all([out instanceof Pipelined ? out.written : null, storeAnswers(tx, toStore, status)]);

  const answers = new Map<string, { hash: string; status: number; body: T; replayed: boolean }>(stored);
  for (const a of toStore) answers.set(keyId(a), { hash: a.hash, status, body: a.body, replayed: false });
  return requests.map((r, i): Answer<T> | HttpProblem => {
    if (!r) return { status, body: bodyOf.get(i)!, replayed: false };
    const answer = answers.get(keyId(r));
    if (!answer) return new HttpProblem(409, 'This Idempotency-Key was claimed by a request that did not finish. Send the request again.', { code: 'idempotency-key-unfinished' });
    if (answer.hash !== r.hash) return keyReused();
    return { status: answer.status, body: answer.body, replayed: answer.replayed || firstOfKey.get(keyId(r)) !== i };
  });
}

/** Claims the keys no committed or concurrent transaction holds (a held key waits for its holder). */
function claimKeys(tx: Sql | Tx, keys: readonly KeyedRequest[]): Promise<Set<string>> {
  if (keys.length === 0) return Promise.resolve(new Set());
  return tx<{ scope: string; key: string }[]>`
    insert into idempotency_keys (scope, key, request_hash)
    select * from unnest(${keys.map((k) => k.scope)}::text[], ${keys.map((k) => k.key)}::text[], ${keys.map((k) => k.hash)}::text[])
    on conflict do nothing
    returning scope, key`
    .execute()
    .then((rows) => new Set(rows.map(keyId)));
}

/** The first answers stored under keys used before. */
async function storedAnswers<T>(tx: Sql | Tx, keys: readonly KeyedRequest[]) {
  const answers = new Map<string, { hash: string; status: number; body: T; replayed: boolean }>();
  if (keys.length === 0) return answers;
  const rows = await tx<{ scope: string; key: string; request_hash: string; status: number | null; body: T }[]>`
    select k.scope, k.key, k.request_hash, k.status, k.body
    from idempotency_keys k
    join unnest(${keys.map((k) => k.scope)}::text[], ${keys.map((k) => k.key)}::text[]) as u(scope, key)
      on k.scope = u.scope and k.key = u.key`;
  for (const r of rows) if (r.status !== null) answers.set(keyId(r), { hash: r.request_hash, status: r.status, body: r.body, replayed: true });
  return answers;
}

async function storeAnswers(tx: Sql | Tx, answers: readonly { scope: string; key: string; body: unknown }[], status: number): Promise<void> {
  if (answers.length === 0) return;
  await tx`
    update idempotency_keys k set status = ${status}, body = u.body
    from unnest(${answers.map((a) => a.scope)}::text[], ${answers.map((a) => a.key)}::text[], ${answers.map((a) => JSON.stringify(a.body))}::text[]::jsonb[]) as u(scope, key, body)
    where k.scope = u.scope and k.key = u.key`;
}

/**
 * Runs `write` once per (scope, key): claimAndWrite for a single request, in its own transaction.
 * Returns the stored answer and whether it was replayed; a reused key is refused with 422.
 * `before`, when given, is sent together with the key's claim (pipelined, after it) and its
 * result handed to `write`: reads or locks only, as it also runs for a replay (its throw, e.g. a
 * 404, still wins over the replay).
 */
export async function once<T, B = undefined>(
  sql: Sql,
  scope: string,
  key: string | null,
  body: unknown,
  status: number,
  write: (tx: Tx, before: B) => Promise<T | Pipelined<T>>,
  before?: (tx: Tx) => Promise<B>,
): Promise<Answer<T>> {
  return sql.begin(async (tx) => {
    const request = key === null ? null : { scope, key, hash: requestHash(body) };
    const [answer] = await claimAndWrite<T, B>(
      tx,
      [request],
      status,
      async (_fresh, pre) => {
        const out = await write(tx, pre);
        return out instanceof Pipelined ? new Pipelined([out.body], out.written) : [out];
      },
      before && (() => before(tx)),
    );
    if (answer instanceof HttpProblem) throw answer;
    return answer!;
  }) as Promise<Answer<T>>;
}
