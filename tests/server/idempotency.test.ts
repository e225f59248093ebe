// The one idempotency path (claimAndWrite, and once() on top of it), as the report batcher and
// every keyed route use it: a key is written once, replayed after, refused with another body,
// waited on while held, and a batch holding a key twice writes it once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimAndWrite, once, Pipelined, requestHash, type KeyedRequest } from '../../server/http/idempotency.ts';
import { HttpProblem } from '../../server/http/problem.ts';
import { databaseTargets, openTestDb, type TestDb } from '../helpers/databases.ts';

describe.each(databaseTargets())('idempotency on $name', (target) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb(target, { area: false });
    await db.sql`create table idem_log (n int not null)`;
  });
  afterAll(() => db.close());

  const logged = async () => (await db.sql<{ n: number }[]>`select n from idem_log order by n`).map((r) => r.n);
  const key = (k: string, body: unknown = { k }): KeyedRequest => ({ scope: 'test', key: k, hash: requestHash(body) });
  /** Writes one idem_log row per fresh request (its index + base) and answers { n }. */
  const batch = (requests: (KeyedRequest | null)[], base: number) =>
    db.sql.begin((tx) =>
      claimAndWrite(tx, requests, 201, async (fresh) => {
        const ns = fresh.map((i) => base + i);
        await tx`insert into idem_log select * from unnest(${ns}::int[])`;
        return ns.map((n) => ({ n }));
      }),
    );

  it('writes a batch once per key: later requests of the key in the batch and in later batches replay it', async () => {
    const first = await batch([key('a'), null, key('a'), key('b')], 100);
    expect(first).toEqual([
      { status: 201, body: { n: 100 }, replayed: false },
      { status: 201, body: { n: 101 }, replayed: false },
      { status: 201, body: { n: 100 }, replayed: true },
      { status: 201, body: { n: 103 }, replayed: false },
    ]);
    const again = await batch([key('b'), key('c')], 200);
    expect(again).toEqual([{ status: 201, body: { n: 103 }, replayed: true }, { status: 201, body: { n: 201 }, replayed: false }]);
    expect(await logged()).toEqual([100, 101, 103, 201]);
  });

  it('refuses only the request that reuses a key with another body (422 idempotency-key-reused)', async () => {
    const out = await batch([key('d'), key('a', 'another body')], 300);
    expect(out[0]).toEqual({ status: 201, body: { n: 300 }, replayed: false });
    expect(out[1]).toBeInstanceOf(HttpProblem);
    expect(out[1]).toMatchObject({ status: 422, code: 'idempotency-key-reused' });
  });

  it('rolls the claim back with the write: a failed write leaves the key free', async () => {
    await expect(db.sql.begin((tx) => claimAndWrite(tx, [key('e')], 201, async () => { throw new Error('write failed'); }))).rejects.toThrow('write failed');
    expect(await batch([key('e')], 400)).toEqual([{ status: 201, body: { n: 400 }, replayed: false }]);
  });

  it('once() writes once, replays with the first status, and lets a `before` throw win over the replay', async () => {
    const write = async (n: number) => once(db.sql, 'once', 'k1', { x: 1 }, 201, async (tx) => {
      await tx`insert into idem_log values (${n})`;
      return { n };
    });
    expect(await write(500)).toEqual({ status: 201, body: { n: 500 }, replayed: false });
    expect(await write(501)).toEqual({ status: 201, body: { n: 500 }, replayed: true });
    await expect(once(db.sql, 'once', 'k1', { x: 2 }, 201, async () => ({}))).rejects.toMatchObject({ status: 422, code: 'idempotency-key-reused' });
    const notFound = new HttpProblem(404, 'gone', { code: 'not-found' });
    await expect(once(db.sql, 'once', 'k1', { x: 1 }, 201, async () => ({}), async () => { throw notFound; })).rejects.toBe(notFound);
    expect(await once(db.sql, 'once', null, {}, 200, async (tx, b: number) => new Pipelined({ b }, tx`insert into idem_log values (${b})`.execute()), async () => 502)).toEqual({ status: 200, body: { b: 502 }, replayed: false });
    expect((await logged()).filter((n) => n >= 500)).toEqual([500, 502]);
  });

  it('makes a request with a key held by a transaction in flight wait for it, then replay', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let claimed!: () => void;
    const isClaimed = new Promise<void>((r) => (claimed = r));
    const slow = db.sql.begin((tx) =>
      claimAndWrite(tx, [key('f')], 201, async () => {
        claimed();
        await held;
        await tx`insert into idem_log values (600)`;
        return [{ n: 600 }];
      }),
    );
    await isClaimed;
    if (db.isEmbedded) {
      // PGlite runs one transaction at a time: the second waits for the connection, not the row.
      release();
    }
    const second = batch([key('f')], 700);
    setTimeout(() => release(), 50);
    expect(await slow).toEqual([{ status: 201, body: { n: 600 }, replayed: false }]);
    expect(await second).toEqual([{ status: 201, body: { n: 600 }, replayed: true }]);
    expect((await logged()).filter((n) => n >= 600)).toEqual([600]);
  });
});
