// Retention: raw fixes past TRACK_RETENTION_DAYS are deleted, presence aggregates stay.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseTargets } from '../helpers/databases.ts';
import { CHIEF, FIELD_RYD, makeTracksApp, type TracksApp } from './tracks-helpers.ts';
import { makeWalk } from '../fixtures/tracks/synthetic-walk.ts';
import { reduceExpiredTracks, retentionDaysFrom } from '../../server/jobs/track-retention.ts';
import { FIXED_NOW } from '../helpers/test-app.ts';

const RYD = { lat: 58.40837, lon: 15.564625 };

describe.each(databaseTargets())('track retention on $name', (target) => {
  let t: TracksApp;
  beforeAll(async () => {
    t = await makeTracksApp(target);
  });
  afterAll(async () => t?.close());

  it('reads TRACK_RETENTION_DAYS with a default of 90 and refuses nonsense', () => {
    expect(retentionDaysFrom({})).toBe(90);
    expect(retentionDaysFrom({ TRACK_RETENTION_DAYS: '30' })).toBe(30);
    expect(() => retentionDaysFrom({ TRACK_RETENTION_DAYS: '-1' })).toThrow(/whole number/);
  });

  it('reduces old tracks to presence aggregates and leaves recent ones', async () => {
    const old = await (await t.call(FIELD_RYD, 'POST', '/api/tracks', { startedAt: '2026-07-01T18:00:00Z' })).json();
    const recent = await (await t.call(FIELD_RYD, 'POST', '/api/tracks', {})).json();
    const walk = (ms: number) => ({ points: makeWalk(RYD, ms, [{ stayMin: 5 }]).map((p) => ({ t: p.t, lat: p.lat, lon: p.lon })) });
    await t.call(FIELD_RYD, 'POST', `/api/tracks/${old.id}/points`, walk(Date.parse('2026-07-01T18:00:00Z')));
    await t.call(FIELD_RYD, 'POST', `/api/tracks/${old.id}/end`);
    await t.sql`update tracks set ended_at = last_at where id = ${old.id}`;
    await t.call(FIELD_RYD, 'POST', `/api/tracks/${recent.id}/points`, walk(FIXED_NOW - 3600_000));

    const r = await reduceExpiredTracks(t.sql, FIXED_NOW, 90);
    expect(r).toMatchObject({ tracks: 1, points: 31 });

    const raw = await (await t.call(CHIEF, 'GET', `/api/tracks/${old.id}`)).json();
    expect(raw).toMatchObject({ reduced: true, points: [] });
    const presence = await (await t.call(CHIEF, 'GET', `/api/tracks/${old.id}/presence`)).json();
    expect(presence.cells).toEqual([{ cell: expect.any(String), minutes: 5, isStop: true }]);
    expect((await (await t.call(CHIEF, 'GET', `/api/tracks/${recent.id}`)).json()).points).toHaveLength(31);
    const late = await t.call(FIELD_RYD, 'POST', `/api/tracks/${old.id}/points`, walk(Date.parse('2026-07-01T19:00:00Z')));
    expect(late.status).toBe(409);
    expect((await reduceExpiredTracks(t.sql, FIXED_NOW, 90)).tracks).toBe(0);
  });
});
