// Prepared embedded databases for the test suites. Migrating PGlite and loading the Linköping
// area (and, for the browser suites, seeding the demo reports) costs seconds per database, and
// nearly every test file opens one: the first file to ask builds the database once, dumps it with
// PGlite's dumpDataDir, and every later database of the same kind starts from that dump.
//
// The dumps live for one run: tests/global-setup.ts makes an empty directory for them
// (TK_TEST_SNAPSHOT_DIR, shared by the worker processes) and removes it afterwards, so a dump
// can never outlive the code that made it. Without that directory (a test run some other way)
// each process keeps its dumps in memory.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { startEmbedded } from '../../server/db/embedded.ts';
import { createSql, type Sql } from '../../server/db/sql.ts';

const inProcess = new Map<string, Promise<Blob>>();

/** The dump of an in-memory PGlite database prepared by `prepare`, made once per key and run. */
export function pgliteSnapshot(key: string, prepare: (sql: Sql) => Promise<unknown>): Promise<Blob> {
  let made = inProcess.get(key);
  if (!made) {
    made = readOrBuild(key, prepare);
    made.catch(() => inProcess.delete(key));
    inProcess.set(key, made);
  }
  return made;
}

async function readOrBuild(key: string, prepare: (sql: Sql) => Promise<unknown>): Promise<Blob> {
  const dir = process.env.TK_TEST_SNAPSHOT_DIR;
  const file = dir ? join(dir, `${createHash('sha256').update(key).digest('hex').slice(0, 16)}.tar`) : null;
  if (file) {
    try {
      return new Blob([readFileSync(file)]);
    } catch {
      /* not made yet in this run */
    }
  }
  const embedded = await startEmbedded();
  let dump: Blob;
  try {
    const sql = createSql(embedded.url, { max: embedded.maxConnections });
    try {
      await prepare(sql);
    } finally {
      await sql.end({ timeout: 5 });
    }
    dump = await embedded.dump();
  } finally {
    await embedded.stop();
  }
  if (file) {
    // Another worker may be writing the same dump: write aside, then rename (atomic).
    mkdirSync(dir!, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()));
    renameSync(tmp, file);
  }
  return dump;
}
