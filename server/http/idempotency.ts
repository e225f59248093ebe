// Idempotency-Key: the first answer to a key is stored in the same transaction as the write
// and replayed for every repeat; a key reused with another body is refused.
import { createHash } from 'node:crypto';
import type { Sql, Tx } from '../db/sql.ts';
import { HttpProblem } from './problem.ts';

/** The answer to a key repeated with another body. */
export function keyReused(): HttpProblem {
  return new HttpProblem(422, 'This Idempotency-Key was already used with a different request body. Use a new key for a new report.');
}

/** What a key is bound to: a repeat with another body is refused. */
export function requestHash(body: unknown): string {
  return createHash('sha256').update(JSON.stringify(body)).digest('hex');
}

export function readIdempotencyKey(header: string | undefined): string | null {
  if (header === undefined) return null;
  const key = header.trim();
  if (!/^[\x21-\x7e]{1,200}$/.test(key)) {
    throw new HttpProblem(400, 'Idempotency-Key must be 1–200 visible ASCII characters.', { errors: [{ path: 'Idempotency-Key', message: 'invalid' }] });
  }
  return key;
}

/**
 * An answer whose statements may still be on the wire: `once` stores it for the key with the
 * next statement on the same connection instead of after them (one round trip fewer).
 */
export class Pipelined<T> {
  constructor(
    readonly body: T,
    /** The write's last statements (a rejection rolls the transaction back). */
    readonly written: Promise<unknown>,
  ) {}
}

/**
 * Runs `write` once per (scope, key). Returns the stored answer and whether it was replayed.
 * Concurrent requests with the same key wait on the key's row and then replay.
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
): Promise<{ status: number; body: T; replayed: boolean }> {
  const settle = async (out: T | Pipelined<T>, store?: (result: T) => Promise<unknown>): Promise<T> => {
    if (!(out instanceof Pipelined)) {
      if (store) await store(out);
      return out;
    }
    await Promise.all([out.written, store?.(out.body)]);
    return out.body;
  };
  return sql.begin(async (tx) => {
    if (key === null) return { status, body: await settle(await write(tx, (await before?.(tx)) as B)), replayed: false };
    const hash = requestHash(body);
    // The claim is queued first; `before`'s statements follow it on the connection.
    const claim = tx`insert into idempotency_keys (key, scope, request_hash) values (${key}, ${scope}, ${hash}) on conflict do nothing returning key`.execute();
    const [claimed, pre] = await Promise.all([claim, before?.(tx)]);
    if (claimed.length === 0) {
      const [prev] = await tx<{ request_hash: string; status: number; body: T }[]>`
        select request_hash, status, body from idempotency_keys where scope = ${scope} and key = ${key}`;
      if (!prev || prev.request_hash !== hash) {
        throw keyReused();
      }
      return { status: prev.status, body: prev.body, replayed: true };
    }
    const result = await settle(await write(tx, pre as B), (r) => tx`update idempotency_keys set status = ${status}, body = ${tx.json(r as never)} where scope = ${scope} and key = ${key}`);
    return { status, body: result, replayed: false };
  }) as Promise<{ status: number; body: T; replayed: boolean }>;
}
