// The real server on an in-memory embedded database with the Linköping area, for browser tests.
// The database starts from the run's prepared dump of the same kind (migrated, the area, the
// streets file and the demo reports when asked: tests/helpers/pglite-snapshot.ts); the server then
// makes its demo accounts with fresh passwords as `npm start` does.
import { fileURLToPath } from 'node:url';
import { ensureClientBuilt } from '../../server/client-build.ts';
import { prepareDatabase, startServer, type RunningServer } from '../../server/start-server.ts';
import { makeLogger } from '../../server/logger.ts';
import { pgliteSnapshot } from './pglite-snapshot.ts';
import { preparedEmbeddedData } from './databases.ts';
import { TEST_SCRYPT } from './test-app.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

export async function startTestServer(opts: { seedDemo?: boolean; streetsFile?: string; now?: () => number; basemapStyleUrl?: string } = {}): Promise<RunningServer> {
  const staticDir = await ensureClientBuilt(root, () => {});
  const data = { seedDemo: opts.seedDemo ?? true, streetsFile: opts.streetsFile };
  const initialData = data.seedDemo
    ? await pgliteSnapshot(`test-server demo streets=${data.streetsFile ?? ''}`, (sql) => prepareDatabase(sql, true, { ...data, demoUsers: false }, makeLogger('warn')))
    : await preparedEmbeddedData({ streetsFile: data.streetsFile });
  return startServer({
    ...data,
    initialData,
    staticDir,
    logLevel: 'warn',
    security: { scrypt: TEST_SCRYPT },
    ...(opts.now ? { now: opts.now } : {}),
    ...(opts.basemapStyleUrl ? { basemapStyleUrl: opts.basemapStyleUrl } : {}),
  });
}
