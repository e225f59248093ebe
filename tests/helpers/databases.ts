// The databases every database suite runs on: embedded PGlite always, and a real PostgreSQL
// server when TEST_DATABASE_URL (or DATABASE_URL) is set. CI sets REQUIRE_REAL_POSTGRES=1.
import { randomBytes } from 'node:crypto';
import { openDatabase } from '../../server/start-server.ts';
import { migrate } from '../../server/db/migrate.ts';
import { loadDefaultArea } from '../../server/geodata/import-files.ts';
import type { Sql } from '../../server/db/sql.ts';

export interface DbTarget {
  name: 'pglite' | 'postgres';
  url?: string;
}

export function databaseTargets(): DbTarget[] {
  const url = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (!url && (process.env.REQUIRE_REAL_POSTGRES === '1' || process.env.CI)) {
    throw new Error('The real-PostgreSQL suite is required here (CI): set TEST_DATABASE_URL, e.g. postgres://postgres@127.0.0.1:5432/test');
  }
  if (!url) console.warn('[tests] TEST_DATABASE_URL is not set: the database suites run on PGlite only.');
  return url ? [{ name: 'pglite' }, { name: 'postgres', url }] : [{ name: 'pglite' }];
}

export interface TestDb {
  sql: Sql;
  isEmbedded: boolean;
  close(): Promise<void>;
}

/** A fresh, migrated database with the Linköping area: an in-memory PGlite or a throw-away schema. */
export async function openTestDb(target: DbTarget, opts: { area?: boolean } = {}): Promise<TestDb> {
  const schema = target.url ? `t_${randomBytes(6).toString('hex')}` : undefined;
  const { sql, embedded } = await openDatabase({ databaseUrl: target.url, schema });
  await migrate(sql);
  if (opts.area !== false) await loadDefaultArea(sql);
  return {
    sql,
    isEmbedded: embedded !== null,
    async close() {
      if (schema) await sql`drop schema ${sql(schema)} cascade`;
      await sql.end({ timeout: 5 });
      await embedded?.stop();
    },
  };
}
