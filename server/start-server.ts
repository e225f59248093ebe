// Starts the whole server on a database: embedded PGlite (a data directory, or in memory) or a
// real PostgreSQL URL. Used by main.ts, the tests' harness and the benchmarks.
import { serve, type ServerType } from '@hono/node-server';
import { Server as NetServer } from 'node:net';
import { randomUUID } from 'node:crypto';
import { createSql, type Sql } from './db/sql.ts';
import { startEmbedded, type Embedded } from './db/embedded.ts';
import { migrate } from './db/migrate.ts';
import { createApp } from './app.ts';
import { makeAreaCache } from './area-cache.ts';
import { makeLogger, type LogLevel } from './logger.ts';
import type { Logger } from './deps.ts';
import { loadDefaultArea } from './geodata/import-files.ts';
import { seedDemoIfEmpty } from './db/seed.ts';
import { ensureDemoUsers, type DemoUser } from './auth/demo-users.ts';
import { resolveSecurity, type SecurityOptions } from './auth/options.ts';
import { retentionDaysFrom, startTrackRetention } from './jobs/track-retention.ts';
import { startDraftJob } from './jobs/lagesbild-draft.ts';
import { makeMailer } from './mail/mailer.ts';

export interface StartOptions {
  /** Real PostgreSQL; when absent the embedded database is used. */
  databaseUrl?: string | undefined;
  /** Postgres schema to use (tests isolate themselves this way; created when missing). */
  schema?: string | undefined;
  /** Embedded data directory; in memory when absent. */
  dataDir?: string | undefined;
  /** In-memory embedded database only: start from this PGlite dump (dumpDataDir) instead of empty. */
  initialData?: Blob | undefined;
  port?: number;
  host?: string;
  seedDemo?: boolean;
  streetsFile?: string | undefined;
  /** The compact network loaded into an empty map (main: geodata/linkoping/network.json.gz). */
  networkFile?: string | undefined;
  basemapStyleUrl?: string | null;
  staticDir?: string | undefined;
  logLevel?: LogLevel;
  now?: () => number;
  /** Sessions, cookies, CORS, proxy trust, rate limits (server/auth/options.ts). */
  security?: Partial<SecurityOptions> | undefined;
  /** One account per role with fresh passwords (default: embedded database with seedDemo). */
  demoUsers?: boolean;
  /** How long stop() lets requests in flight finish before cutting connections (ms). */
  shutdownGraceMs?: number;
  /** SMTP_URL (partner e-mail with the weekly draft); null/absent: no mail is attempted. */
  smtpUrl?: string | null;
  mailFrom?: string | undefined;
  /** Base URL for links in e-mail. */
  publicUrl?: string | undefined;
  /** Run the Monday lägesbild draft job in this process (default true). */
  draftJob?: boolean;
  /** Days raw track fixes are kept (default TRACK_RETENTION_DAYS or 90). */
  trackRetentionDays?: number;
}

export interface RunningServer {
  url: string;
  port: number;
  sql: Sql;
  isEmbedded: boolean;
  app: ReturnType<typeof createApp>;
  /** The demo accounts and their passwords (empty unless demo users were made). */
  demoUsers: DemoUser[];
  stop(): Promise<void>;
}

export async function openDatabase(opts: Pick<StartOptions, 'databaseUrl' | 'dataDir' | 'schema' | 'initialData'>): Promise<{ sql: Sql; embedded: Embedded | null }> {
  if (opts.databaseUrl) {
    if (opts.schema) {
      const admin = createSql(opts.databaseUrl, { max: 1 });
      await admin`create schema if not exists ${admin(opts.schema)}`;
      await admin.end();
    }
    return { sql: createSql(opts.databaseUrl, { max: 20, schema: opts.schema }), embedded: null };
  }
  const embedded = await startEmbedded({ dataDir: opts.dataDir, initialData: opts.initialData });
  return { sql: createSql(embedded.url, { max: embedded.maxConnections }), embedded };
}

const netClose = NetServer.prototype.close;

/**
 * Brings a database up to date for serving: migrations, the default area, demo reports and
 * users when asked. Run once before the server processes start (WORKERS=N: by the primary).
 */
export async function prepareDatabase(sql: Sql, isEmbedded: boolean, opts: StartOptions, log: Logger): Promise<DemoUser[]> {
  const applied = await migrate(sql);
  if (applied.length) log.info('migrations applied', { applied });
  await loadDefaultArea(sql, { streetsFile: opts.streetsFile, networkFile: opts.networkFile, log: (line) => log.info(line) });
  if (opts.seedDemo) {
    const seeded = await seedDemoIfEmpty(sql, { method: isEmbedded ? 'insert' : 'copy' });
    if (seeded) log.info('demo reports seeded', { count: seeded });
  }
  if (opts.demoUsers ?? (opts.seedDemo === true && isEmbedded)) {
    return ensureDemoUsers(sql, (opts.now ?? Date.now)(), resolveSecurity(opts.security).scrypt);
  }
  return [];
}

export async function startServer(opts: StartOptions = {}): Promise<RunningServer> {
  const log = makeLogger(opts.logLevel ?? 'info');
  const { sql, embedded } = await openDatabase(opts);
  let demoUsers: DemoUser[] = [];
  try {
    demoUsers = await prepareDatabase(sql, embedded !== null, opts, log);
  } catch (err) {
    await sql.end({ timeout: 1 });
    await embedded?.stop();
    throw err;
  }

  const area = makeAreaCache(sql);
  // Another process (or the CLI) changing the districts: drop the cached index at once. The
  // embedded database serves one process, which invalidates its own cache.
  if (!embedded) await sql.listen('area_changed', () => area.invalidate());
  const retention = startTrackRetention(sql, { now: opts.now ?? Date.now, retentionDays: opts.trackRetentionDays ?? retentionDaysFrom(process.env), log });
  const mailer = makeMailer(opts.smtpUrl, opts.mailFrom);
  const publicUrl = opts.publicUrl ?? `http://localhost:${opts.port ?? 8787}`;
  const draftJob = opts.draftJob === false ? null : startDraftJob({ sql, now: opts.now ?? Date.now, log, mailer, publicUrl });
  const app = createApp({
    smtpUrl: opts.smtpUrl ?? null,
    publicUrl,
    sql,
    area,
    now: opts.now ?? Date.now,
    newId: randomUUID,
    log,
    basemapStyleUrl: opts.basemapStyleUrl ?? null,
    staticDir: opts.staticDir,
    security: opts.security,
  });

  // Graceful shutdown: once stopping, /readyz says 503 (so a load balancer drains us), answers
  // carry Connection: close, requests in flight finish, then the database is closed.
  let draining = false;
  let inFlight = 0;
  const fetch = async (req: Request, env: unknown): Promise<Response> => {
    if (draining && new URL(req.url).pathname === '/readyz') {
      return new Response(JSON.stringify({ type: 'about:blank', title: 'Service Unavailable', status: 503, code: 'unavailable', detail: 'The server is shutting down.' }), { status: 503, headers: { 'Content-Type': 'application/problem+json', 'Retry-After': '5', Connection: 'close' } });
    }
    inFlight += 1;
    let res: Response;
    try {
      res = await app.fetch(req, env);
    } finally {
      inFlight -= 1;
    }
    if (!draining) return res;
    const closing = new Response(res.body, res);
    closing.headers.set('Connection', 'close');
    return closing;
  };

  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch, port: opts.port ?? 0, hostname: opts.host ?? '127.0.0.1' }, () => resolve(s));
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
    demoUsers,
    stop: () =>
      (stopping ??= (async () => {
        draining = true;
        // Stop accepting without http.Server.close()'s immediate idle sweep: a connection whose
        // request is still in the socket buffer counts as idle and would be reset.
        const closed = new Promise<void>((resolve) => netClose.call(server, () => resolve()));
        const conns = server as { closeIdleConnections?: () => void; closeAllConnections?: () => void };
        const graceMs = opts.shutdownGraceMs ?? 10_000;
        const cut = setTimeout(() => conns.closeAllConnections?.(), graceMs);
        let quietChecks = 0;
        const sweep = setInterval(() => {
          quietChecks = inFlight === 0 ? quietChecks + 1 : 0;
          if (quietChecks >= 2) conns.closeIdleConnections?.(); // idle keep-alives once requests are done
        }, 50);
        await closed;
        clearInterval(sweep);
        clearTimeout(cut);
        retention.stop();
        draftJob?.stop();
        mailer?.close();
        await sql.end({ timeout: 5 });
        await embedded?.stop();
      })()),
  };
}
