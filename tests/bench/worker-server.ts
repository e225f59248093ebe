// The compiled server as `npm start` runs it (node server/start.mjs), with WORKERS processes on
// a bench schema of the real PostgreSQL server, rate limits off and request logging quiet.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { PROJECT_ROOT } from '../../server/paths.ts';
import { ensureServerBuilt } from '../../server/start.mjs';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** Starts the server; resolves once it says it is running, with the time that took. */
export async function startCompiledServer(opts: { databaseUrl?: string; schema?: string; dataDir?: string; workers: number; command?: string[]; env?: Record<string, string> }): Promise<{ url: string; startupMs: number; stop(): Promise<void> }> {
  await ensureServerBuilt(PROJECT_ROOT, () => {});
  const port = await freePort();
  const t0 = performance.now();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    WORKERS: String(opts.workers), PORT: String(port), HOST: '127.0.0.1', SKIP_CLIENT_BUILD: '1', SEED_DEMO: '0', LOG_LEVEL: 'warn', RATE_LIMITS: 'off',
    ...(opts.databaseUrl ? { DATABASE_URL: opts.databaseUrl, DATABASE_SCHEMA: opts.schema } : { DATA_DIR: opts.dataDir }),
    ...opts.env,
  };
  if (!opts.databaseUrl) delete env.DATABASE_URL;
  const child = spawn(opts.command?.[0] ?? process.execPath, opts.command?.slice(1) ?? ['--enable-source-maps', 'server/start.mjs'], {
    cwd: PROJECT_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('is running on')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`server exited (${code}) before it ran: ${out}`)));
  });
  const startupMs = performance.now() - t0;
  return {
    url: `http://127.0.0.1:${port}`,
    startupMs,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
