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
 * Runs `write` once per (scope, key). Returns the stored answer and whether it was replayed.
 * Concurrent requests with the same key wait on the key's row and then replay.
 */
export async function once<T>(sql: Sql, scope: string, key: string | null, body: unknown, status: number, write: (tx: Tx) => Promise<T>): Promise<{ status: number; body: T; replayed: boolean }> {
  return sql.begin(async (tx) => {
    if (key === null) return { status, body: await write(tx), replayed: false };
    const hash = requestHash(body);
    const claimed = await tx`insert into idempotency_keys (key, scope, request_hash) values (${key}, ${scope}, ${hash}) on conflict do nothing returning key`;
    if (claimed.length === 0) {
      const [prev] = await tx<{ request_hash: string; status: number; body: T }[]>`
        select request_hash, status, body from idempotency_keys where scope = ${scope} and key = ${key}`;
      if (!prev || prev.request_hash !== hash) {
        throw keyReused();
      }
      return { status: prev.status, body: prev.body, replayed: true };
    }
    const result = await write(tx);
    await tx`update idempotency_keys set status = ${status}, body = ${tx.json(result as never)} where scope = ${scope} and key = ${key}`;
    return { status, body: result, replayed: false };
  }) as Promise<{ status: number; body: T; replayed: boolean }>;
}
