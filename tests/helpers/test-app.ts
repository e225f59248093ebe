// An app over a test database, called with app.request() (no server), with a fixed clock.
import { randomUUID } from 'node:crypto';
import { createApp } from '../../server/app.ts';
import { makeAreaCache } from '../../server/area-cache.ts';
import { makeLogger } from '../../server/logger.ts';
import { openTestDb, type DbTarget, type TestDb } from './databases.ts';

/** 2026-11-20 12:00 UTC: a Friday. */
export const FIXED_NOW = Date.parse('2026-11-20T12:00:00Z');

export async function makeTestApp(target: DbTarget, opts: { now?: () => number } = {}) {
  const db: TestDb = await openTestDb(target);
  const app = createApp({
    sql: db.sql,
    area: makeAreaCache(db.sql),
    now: opts.now ?? (() => FIXED_NOW),
    newId: randomUUID,
    log: makeLogger('silent'),
    basemapStyleUrl: null,
  });
  const json = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    app.request(path, {
      method,
      headers: { 'Content-Type': 'application/json', ...headers },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
  return { app, db, sql: db.sql, json, close: db.close };
}
