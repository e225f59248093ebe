import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseTargets, openTestDb, type TestDb } from '../helpers/databases.ts';
import { countReports } from '../../server/db/queries/reports.ts';
import { demoAnchorMs, demoReportId, seedDemo, seedDemoIfEmpty } from '../../server/db/seed.ts';

const NOW = Date.parse('2026-11-20T12:00:00Z'); // a Friday

describe('demo ids and anchor', () => {
  it('derives a stable RFC 9562 UUID from seed and index', () => {
    const id = demoReportId(1, 0);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(demoReportId(1, 0)).toBe(id);
    expect(demoReportId(1, 1)).not.toBe(id);
    expect(demoReportId(2, 0)).not.toBe(id);
  });

  it('anchors the demo period at Monday 00:00 UTC of the week', () => {
    expect(new Date(demoAnchorMs(NOW)).toISOString()).toBe('2026-11-16T00:00:00.000Z');
    expect(demoAnchorMs(Date.parse('2026-11-16T00:00:00Z'))).toBe(Date.parse('2026-11-16T00:00:00Z'));
  });
});

for (const target of databaseTargets()) {
  describe(`seedDemo on ${target.name}`, () => {
    let db: TestDb;
    beforeAll(async () => {
      db = await openTestDb(target);
    });
    afterAll(async () => {
      await db?.close();
    });

    it('writes N reports, then nothing on a second run a day later', async () => {
      const method = db.isEmbedded ? 'insert' : 'copy';
      const first = await seedDemo(db.sql, { count: 2000, nowMs: NOW, method });
      expect(first).toEqual({ written: 2000, existing: 0, rejected: 0 });
      expect(await countReports(db.sql)).toBe(2000);
      const second = await seedDemo(db.sql, { count: 2000, nowMs: NOW + 86_400_000, method });
      expect(second).toEqual({ written: 0, existing: 2000, rejected: 0 });
      expect(await countReports(db.sql)).toBe(2000);
      const [row] = await db.sql<{ n: number; sources: string[] }[]>`
        select count(distinct district_id)::int as n, array_agg(distinct source) as sources from reports`;
      expect(row).toEqual({ n: 3, sources: ['demo'] });
    });

    it('seeds only an empty table', async () => {
      expect(await seedDemoIfEmpty(db.sql, { count: 100, nowMs: NOW })).toBe(0);
      expect(await countReports(db.sql)).toBe(2000);
    });
  });
}
