// The process: read config, build the client if needed, start the server (or, with WORKERS=N on
// PostgreSQL, N server processes sharing one port through node:cluster), shut down gracefully.
import cluster, { type Worker } from 'node:cluster';
import { availableParallelism } from 'node:os';
import { PROJECT_ROOT } from './paths.ts';
import { loadConfig, workerCount, type Config } from './config.ts';
import { ensureClientBuilt } from './client-build.ts';
import { openDatabase, prepareDatabase, startServer, type StartOptions } from './start-server.ts';
import { DEFAULT_NETWORK_FILE } from './geodata/bundled-network.ts';
import { DataDirBusyError } from './db/embedded.ts';
import { securityFromEnv } from './auth/options.ts';
import { makeLogger } from './logger.ts';

function startOptions(config: Config, staticDir: string | undefined): StartOptions {
  return {
    databaseUrl: config.DATABASE_URL,
    schema: config.DATABASE_SCHEMA,
    dataDir: config.DATABASE_URL ? undefined : config.DATA_DIR,
    port: config.PORT,
    host: config.HOST,
    seedDemo: config.SEED_DEMO === '1',
    streetsFile: config.STREETS_FILE,
    networkFile: DEFAULT_NETWORK_FILE,
    basemapStyleUrl: config.BASEMAP_STYLE_URL ?? null,
    staticDir,
    logLevel: config.LOG_LEVEL,
    security: securityFromEnv(process.env),
  };
}

const staticDirOf = async (config: Config) => (config.SKIP_CLIENT_BUILD === '1' ? undefined : await ensureClientBuilt(PROJECT_ROOT));

function banner(port: number, db: string, processes: number) {
  console.log(`\nTrygghetskartan is running on http://localhost:${port}  (database: ${db}${processes > 1 ? `; ${processes} server processes` : ''})`);
  console.log(`API docs: http://localhost:${port}/api/docs`);
}

/** One server process (alone, or a cluster worker that tells the primary when it listens). */
async function runServer(config: Config, staticDir: string | undefined) {
  const server = await startServer(startOptions(config, staticDir));
  if (cluster.isWorker) {
    process.send?.({ listening: server.port });
  } else {
    banner(server.port, config.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${config.DATA_DIR}`, 1);
    if (server.demoUsers.length) {
      console.log('Demo accounts (new passwords at every start):');
      for (const u of server.demoUsers) console.log(`  ${u.role.padEnd(10)} ${u.email.padEnd(36)} ${u.password}`);
    }
    console.log('');
  }
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    if (!cluster.isWorker) console.log(`${signal}: finishing requests in flight and closing the database…`);
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    await server.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

/** The primary of WORKERS=N: prepares the database and the client once, then keeps N workers running. */
async function runPrimary(config: Config, count: number) {
  const staticDir = await staticDirOf(config);
  const opts = startOptions(config, staticDir);
  const { sql } = await openDatabase(opts);
  try {
    await prepareDatabase(sql, false, opts, makeLogger(config.LOG_LEVEL));
  } finally {
    await sql.end({ timeout: 5 });
  }
  const env = { TK_WORKER: '1', ...(staticDir ? { TK_STATIC_DIR: staticDir } : { SKIP_CLIENT_BUILD: '1' }) };
  let stopping = false;
  let listening = 0;
  const restarts: number[] = [];
  const fork = (): Worker => {
    const w = cluster.fork(env);
    w.on('message', (m: { listening?: number }) => {
      if (m.listening !== undefined && ++listening === count) banner(m.listening, 'PostgreSQL (DATABASE_URL)', count);
    });
    return w;
  };
  cluster.on('exit', (w, code, signal) => {
    if (stopping) return;
    const now = Date.now();
    restarts.push(now);
    while (restarts.length && restarts[0]! < now - 60_000) restarts.shift();
    if (restarts.length > 2 * count) {
      console.error(`Server processes keep failing (${restarts.length} exits in a minute); stopping.`);
      process.exit(1);
    }
    console.error(`Server process ${w.process.pid} exited (${signal ?? code}); starting another.`);
    fork();
  });
  for (let i = 0; i < count; i++) fork();

  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping ${count} server processes…`);
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
    let left = workers.length;
    if (left === 0) process.exit(0);
    for (const w of workers) {
      w.once('exit', () => --left === 0 && process.exit(0));
      w.process.kill('SIGTERM');
    }
    setTimeout(() => process.exit(1), 20_000).unref();
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

async function main() {
  const config = loadConfig();
  if (cluster.isWorker) return runServer(config, process.env.TK_STATIC_DIR || undefined);
  const count = workerCount(config.WORKERS, availableParallelism());
  if (count > 1 && !config.DATABASE_URL) {
    console.log(`WORKERS=${config.WORKERS}: the embedded PGlite database serves one process, so one server process runs. Set DATABASE_URL to a PostgreSQL server for more.`);
  }
  if (count > 1 && config.DATABASE_URL) return runPrimary(config, count);
  return runServer(config, await staticDirOf(config));
}

main().catch((err) => {
  if (err instanceof DataDirBusyError) console.error(err.message);
  else console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
