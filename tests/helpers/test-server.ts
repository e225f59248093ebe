// The real server on an in-memory embedded database with the Linköping area, for browser tests.
import { fileURLToPath } from 'node:url';
import { ensureClientBuilt } from '../../server/client-build.ts';
import { startServer, type RunningServer } from '../../server/start-server.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

export async function startTestServer(opts: { seedDemo?: boolean; streetsFile?: string; now?: () => number; basemapStyleUrl?: string } = {}): Promise<RunningServer> {
  const staticDir = await ensureClientBuilt(root, () => {});
  return startServer({ seedDemo: opts.seedDemo ?? true, streetsFile: opts.streetsFile, staticDir, logLevel: 'warn', ...(opts.now ? { now: opts.now } : {}), ...(opts.basemapStyleUrl ? { basemapStyleUrl: opts.basemapStyleUrl } : {}) });
}
