// The one way the command-line tools open the database, exactly as `npm start` does:
// DATABASE_URL (in DATABASE_SCHEMA when set) or the embedded database in DATA_DIR, migrated,
// with the default area loaded (and STREETS_FILE or the bundled network when none is loaded), so every command
// works on a fresh data directory or an empty PostgreSQL database.
import { loadConfig } from '../config.ts';
import { openDatabase } from '../start-server.ts';
import { migrate } from '../db/migrate.ts';
import { loadDefaultArea } from '../geodata/import-files.ts';
import { DEFAULT_NETWORK_FILE } from '../geodata/bundled-network.ts';
import type { Sql } from '../db/sql.ts';

export interface CliDatabase {
  sql: Sql;
  isEmbedded: boolean;
  /** Where the data is, for messages: 'PostgreSQL (DATABASE_URL)' or 'the embedded database in ./data'. */
  where: string;
  close(): Promise<void>;
}

export interface OpenCliOptions {
  /**
   * Load the default area into an empty database (default true). `geodata import-districts`
   * passes false: the file it imports is the area.
   */
  area?: boolean;
  /**
   * Load STREETS_FILE when no network is loaded and the bundled network into an empty map, as
   * npm start does (default true; `import-streets` and `import-osm` bring their own).
   */
  streets?: boolean;
  /** Lines about what was loaded (silent when omitted). */
  log?: (line: string) => void;
}

export async function openCliDatabase(env: Record<string, string | undefined> = process.env, opts: OpenCliOptions = {}): Promise<CliDatabase> {
  const config = loadConfig(env);
  const { sql, embedded } = await openDatabase({ databaseUrl: config.DATABASE_URL, schema: config.DATABASE_SCHEMA, dataDir: config.DATABASE_URL ? undefined : config.DATA_DIR });
  const close = async () => {
    await sql.end({ timeout: 5 });
    await embedded?.stop();
  };
  try {
    const applied = await migrate(sql);
    if (applied.length) opts.log?.(`Applied ${applied.length} migration(s): ${applied.join(', ')}`);
    if (opts.area !== false) {
      const streets = opts.streets !== false;
      await loadDefaultArea(sql, { streetsFile: streets ? config.STREETS_FILE : undefined, networkFile: streets ? DEFAULT_NETWORK_FILE : undefined, ...(opts.log ? { log: opts.log } : {}) });
    }
  } catch (err) {
    await close();
    throw err;
  }
  const where = config.DATABASE_URL ? `PostgreSQL (DATABASE_URL${config.DATABASE_SCHEMA ? `, schema ${config.DATABASE_SCHEMA}` : ''})` : `the embedded database in ${config.DATA_DIR}`;
  return { sql, isEmbedded: embedded !== null, where, close };
}
