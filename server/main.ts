// The process: read config, build the client if needed, start the server, shut down gracefully.
import { fileURLToPath } from 'node:url';
import { loadConfig } from './config.ts';
import { ensureClientBuilt } from './client-build.ts';
import { startServer } from './start-server.ts';
import { DEFAULT_NETWORK_FILE } from './geodata/bundled-network.ts';
import { DataDirBusyError } from './db/embedded.ts';
import { securityFromEnv } from './auth/options.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

async function main() {
  const config = loadConfig();
  const staticDir = config.SKIP_CLIENT_BUILD === '1' ? undefined : await ensureClientBuilt(root);
  const server = await startServer({
    databaseUrl: config.DATABASE_URL,
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
  });
  const db = config.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${config.DATA_DIR}`;
  console.log(`\nTrygghetskartan is running on http://localhost:${server.port}  (database: ${db})`);
  console.log(`API docs: http://localhost:${server.port}/api/docs`);
  if (server.demoUsers.length) {
    console.log('Demo accounts (new passwords at every start):');
    for (const u of server.demoUsers) console.log(`  ${u.role.padEnd(10)} ${u.email.padEnd(36)} ${u.password}`);
  }
  console.log('');

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: finishing requests in flight and closing the database…`);
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    await server.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err) => {
  if (err instanceof DataDirBusyError) console.error(err.message);
  else console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
