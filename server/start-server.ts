// Starts the whole server on a database: embedded PGlite (a data directory, or in memory) or a
// real PostgreSQL URL. Used by main.ts, the tests' harness and the benchmarks.
import { serve, type ServerType } from '@hono/node-server';
import { randomUUID } from 'node:crypto';
import { createSql, type Sql } from './db/sql.ts';
import { startEmbedded, type Embedded } from './db/embedded.ts';
import { migrate } from './db/migrate.ts';
import { createApp } from './app.ts';
import { makeAreaCache } from './area-cache.ts';
import { makeLogger, type LogLevel } from './logger.ts';
import { loadDefaultArea } from './geodata/import-files.ts';
import { seedDemoIfEmpty } from './db/seed.ts';
import { retentionDaysFrom, startTrackRetention } from './jobs/track-retention.ts';

export interface StartOptions {
  /** Real PostgreSQL; when absent the embedded database is used. */
  databaseUrl?: string | undefined;
  /** Postgres schema to use (tests isolate themselves this way; created when missing). */
  schema?: string | undefined;
  /** Embedded data directory; in memory when absent. */
  dataDir?: string | undefined;
  port?: number;
  host?: string;
  seedDemo?: boolean;
  streetsFile?: string | undefined;
  basemapStyleUrl?: string | null;
  staticDir?: string | undefined;
  logLevel?: LogLevel;
  now?: () => number;
  /** Days raw track fixes are kept (default TRACK_RETENTION_DAYS or 90). */
  trackRetentionDays?: number;
}

export interface RunningServer {
  url: string;
  port: number;
  sql: Sql;
  isEmbedded: boolean;
  app: ReturnType<typeof createApp>;
  stop(): Promise<void>;
}

export async function openDatabase(opts: Pick<StartOptions, 'databaseUrl' | 'dataDir' | 'schema'>): Promise<{ sql: Sql; embedded: Embedded | null }> {
  if (opts.databaseUrl) {
    if (opts.schema) {
      const admin = createSql(opts.databaseUrl, { max: 1 });
      await admin`create schema if not exists ${admin(opts.schema)}`;
      await admin.end();
    }
    return { sql: createSql(opts.databaseUrl, { max: 20, schema: opts.schema }), embedded: null };
  }
  const embedded = await startEmbedded({ dataDir: opts.dataDir });
  return { sql: createSql(embedded.url, { max: embedded.maxConnections }), embedded };
}

export async function startServer(opts: StartOptions = {}): Promise<RunningServer> {
  const log = makeLogger(opts.logLevel ?? 'info');
  const { sql, embedded } = await openDatabase(opts);
  try {
    const applied = await migrate(sql);
    if (applied.length) log.info('migrations applied', { applied });
    await loadDefaultArea(sql, { streetsFile: opts.streetsFile, log: (line) => log.info(line) });
    if (opts.seedDemo) {
      const seeded = await seedDemoIfEmpty(sql, { method: embedded ? 'insert' : 'copy' });
      if (seeded) log.info('demo reports seeded', { count: seeded });
    }
  } catch (err) {
    await sql.end({ timeout: 1 });
    await embedded?.stop();
    throw err;
  }

  const retention = startTrackRetention(sql, { now: opts.now ?? Date.now, retentionDays: opts.trackRetentionDays ?? retentionDaysFrom(process.env), log });
  const app = createApp({
    sql,
    area: makeAreaCache(sql),
    now: opts.now ?? Date.now,
    newId: randomUUID,
    log,
    basemapStyleUrl: opts.basemapStyleUrl ?? null,
    staticDir: opts.staticDir,
  });

  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: opts.port ?? 0, hostname: opts.host ?? '127.0.0.1' }, () => resolve(s));
  });
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : (opts.port ?? 0);

  let stopping: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    sql,
    isEmbedded: embedded !== null,
    app,
    stop: () =>
      (stopping ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        (server as { closeIdleConnections?: () => void }).closeIdleConnections?.();
        await closed;
        retention.stop();
        await sql.end({ timeout: 5 });
        await embedded?.stop();
      })()),
  };
}
