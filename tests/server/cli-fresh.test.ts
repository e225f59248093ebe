// Every CLI command works on a fresh database: it is migrated and given the default area first,
// as npm start does (server/cli/cli-database.ts). Checked on an empty data directory and on an
// empty PostgreSQL schema.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { runGeodataCli } from '../../server/cli/geodata.ts';
import { createSql } from '../../server/db/sql.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const fixture = fileURLToPath(new URL('../fixtures/geodata/tiny.osm', import.meta.url));
const serverUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
const run = promisify(execFile);

async function geodata(args: string[], env: Record<string, string>) {
  const out: string[] = [];
  const code = await runGeodataCli(args, { ...env, PATH: process.env.PATH } as NodeJS.ProcessEnv, (l) => out.push(l), (l) => out.push(l));
  return { code, text: out.join('\n') };
}

describe('CLI on an empty data directory', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cli-fresh-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('imports streets after migrating and loading the default area', async () => {
    const r = await geodata(['import-streets', fixture], { DATA_DIR: dir });
    expect(r.text).toContain('Loaded the default area');
    expect(r.code).toBe(0);
    expect(r.text).toMatch(/wrote 5 street rows/);
    const status = await geodata(['status'], { DATA_DIR: dir });
    expect(status.code).toBe(0);
    expect(status.text).toMatch(/skaggetorp\s+Skäggetorp\s+official polygon/);
    expect(status.text).toMatch(/DeSO areas: 14, 24\s695 residents in the districts/);
  }, 300_000); // a fresh embedded database: migrations, the default area, then (status) the bundled network

  // On the directory the first test made: the fresh-directory path is the one opener it went
  // through (server/cli/cli-database.ts); this one is about processes taking turns on a directory.
  it('runs analytics and user on the same directory as separate processes', async () => {
    const env = { ...process.env, DATA_DIR: dir, DATABASE_URL: '', TEST_DATABASE_URL: '' };
    delete (env as Record<string, string | undefined>).DATABASE_URL;
    const tsx = join(root, 'node_modules/.bin/tsx');
    const analytics = await run(tsx, ['server/cli/analytics.ts', 'check'], { cwd: root, env });
    expect(analytics.stdout).toMatch(/Σcount 0, counted reports 0 — consistent/);
    const users = await run(tsx, ['server/cli/user.ts', 'list'], { cwd: root, env });
    expect(users.stdout).toBe('');
  }, 300_000); // two child processes, each starting PGlite on the directory
});

describe.skipIf(!serverUrl)('CLI on an empty PostgreSQL schema', () => {
  const schema = `cli_fresh_${randomBytes(5).toString('hex')}`;
  afterAll(async () => {
    const admin = createSql(serverUrl!, { max: 1 });
    await admin`drop schema if exists ${admin(schema)} cascade`;
    await admin.end();
  });

  it('imports streets after migrating and loading the default area', async () => {
    const r = await geodata(['import-streets', fixture], { DATABASE_URL: serverUrl!, DATABASE_SCHEMA: schema });
    expect(r.text).toContain('Loaded the default area');
    expect(r.code).toBe(0);
    const sql = createSql(serverUrl!, { max: 1, schema });
    const [row] = await sql<{ districts: number; streets: number; deso: number }[]>`
      select (select count(*)::int from districts) as districts, (select count(*)::int from streets) as streets, (select count(*)::int from deso_areas) as deso`;
    await sql.end();
    expect(row).toEqual({ districts: 3, streets: 5, deso: 14 });
  });
});
