// The databases every database suite runs on: embedded PGlite always, and a real PostgreSQL
// server when TEST_DATABASE_URL (or DATABASE_URL) is set. CI sets REQUIRE_REAL_POSTGRES=1.
import { randomBytes } from 'node:crypto';
import { openDatabase } from '../../server/start-server.ts';
import { migrate } from '../../server/db/migrate.ts';
import { loadDefaultArea } from '../../server/geodata/import-files.ts';
import type { Sql } from '../../server/db/sql.ts';
import { pgliteSnapshot } from './pglite-snapshot.ts';

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

interface TestDbContent {
  /** The Linköping area (default true). */
  area?: boolean;
  /** A streets file imported with the area (OSM or the TDDE25 GeoJSON). */
  streetsFile?: string;
}

/** What a fresh test database holds: the migrated schema, the Linköping area unless asked not to, and the streets file if named. */
async function prepareTestDb(sql: Sql, content: TestDbContent): Promise<void> {
  await migrate(sql);
  if (content.area !== false) await loadDefaultArea(sql, { streetsFile: content.streetsFile });
}

/** The run's prepared embedded database of that content, for startServer's initialData. */
export const preparedEmbeddedData = (content: TestDbContent = {}): Promise<Blob> =>
  pgliteSnapshot(`test-db area=${content.area !== false} streets=${content.streetsFile ?? ''}`, (sql) => prepareTestDb(sql, content));

/**
 * A fresh, migrated database with the Linköping area: a throw-away schema on the server, or an
 * in-memory PGlite started from the run's prepared dump (tests/helpers/pglite-snapshot.ts).
 */
export async function openTestDb(target: DbTarget, opts: TestDbContent = {}): Promise<TestDb> {
  const schema = target.url ? `t_${randomBytes(6).toString('hex')}` : undefined;
  const initialData = target.url ? undefined : await preparedEmbeddedData(opts);
  const { sql, embedded } = await openDatabase({ databaseUrl: target.url, schema, initialData });
  if (!initialData) await prepareTestDb(sql, opts);
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
