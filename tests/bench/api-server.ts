// The real app on a throw-away schema for the load benchmark: as startServer builds it, but with
// the per-IP rate limit off (every request comes from 127.0.0.1) and logging silent.
// TODO: use startServer once it accepts `security` (asked of its owner).
import { serve, type ServerType } from '@hono/node-server';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../server/app.ts';
import { makeAreaCache } from '../../server/area-cache.ts';
import { makeLogger } from '../../server/logger.ts';
import type { Sql } from '../../server/db/sql.ts';

export async function startApiServer(sql: Sql): Promise<{ url: string; stop(): Promise<void> }> {
  const app = createApp({
    sql,
    area: makeAreaCache(sql),
    now: Date.now,
    newId: randomUUID,
    log: makeLogger('silent'),
    basemapStyleUrl: null,
    security: { rateLimits: false },
  });
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
