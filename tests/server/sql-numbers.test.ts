// numbers(): a numeric array as one PostgreSQL array literal, read back exactly on both databases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { numbers } from '../../server/db/sql.ts';
import { databaseTargets, openTestDb, type TestDb } from '../helpers/databases.ts';

describe('numbers()', () => {
  it('writes finite numbers and nulls as JSON does, the rest as String does', () => {
    expect(numbers([1, 2.5, null, -0, 1e21, 5e-324])).toBe('{1,2.5,null,0,1e+21,5e-324}');
    expect(numbers([NaN, Infinity, -Infinity, null])).toBe('{NaN,Infinity,-Infinity,NULL}');
    expect(numbers([9007199254740993n, '42', null])).toBe('{9007199254740993,42,NULL}');
    expect(numbers([])).toBe('{}');
  });
});

describe.each(databaseTargets())('numbers() read by $name', (target) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb(target, { area: false });
  });
  afterAll(() => db.close());

  it('round-trips doubles, nulls and non-finite values through float8[]', async () => {
    const xs = [0.1 + 0.2, 58.40837123456789, -15.5, 1e21, 5e-324, 1700000000123];
    const [row] = await db.sql<{ a: number[] }[]>`select ${numbers(xs)}::float8[] as a`;
    expect(row!.a).toEqual(xs);
    // (postgres.js reads a NULL element of float8[] as NaN, so nulls are checked in SQL.)
    const [nul] = await db.sql<{ a: boolean[] }[]>`select array(select x is null from unnest(${numbers([1.5, null, 2])}::float8[]) x) as a`;
    expect(nul!.a).toEqual([false, true, false]);
    const [odd] = await db.sql<{ a: string }[]>`select ${numbers([NaN, Infinity, null])}::float8[]::text as a`;
    expect(odd!.a).toBe('{NaN,Infinity,NULL}');
    const [big] = await db.sql<{ a: string }[]>`select ${numbers([9007199254740993n, null])}::int8[]::text as a`;
    expect(big!.a).toBe('{9007199254740993,NULL}');
  });
});
