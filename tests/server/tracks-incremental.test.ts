// Presence after batches through the API (out of order, overlapping, retried with the same or a
// fresh key) is exactly what a full recompute from the stored fixes writes: every bucket row to
// the last bit of its float4, and the track's counts and live position.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseTargets } from '../helpers/databases.ts';
import { FIELD_RYD, makeTracksApp, type TracksApp } from './tracks-helpers.ts';
import { deliveries, roughPatrol } from '../fixtures/tracks/rough-patrol.ts';
import { makeAreaCache } from '../../server/area-cache.ts';
import { recomputePresence } from '../../server/db/queries/presence.ts';
import { updateTrackStats } from '../../server/db/queries/tracks.ts';

const toWire = (ps: { t: number; lat: number; lon: number; accuracyM?: number | null }[]) => ps.map((p) => ({ t: p.t, lat: p.lat, lon: p.lon, acc: p.accuracyM ?? null }));

describe.each(databaseTargets())('incremental track presence on $name', (target) => {
  let t: TracksApp;
  beforeAll(async () => {
    t = await makeTracksApp(target);
  });
  afterAll(async () => t?.close());

  /** Presence rows and track counts, floats as PostgreSQL prints them (exact). */
  const snapshot = async (id: string) => ({
    rows: await t.sql`
      select cell::text, district_id, local_date::text, hour_of_week, minutes::text, stop_minutes::text, last_at::text, team_id
      from track_presence where track_id = ${id} order by cell, local_date, hour_of_week`,
    track: (await t.sql`select point_count, discarded_count, outside_count, last_lat, last_lon, last_at::text from tracks where id = ${id}`)[0],
  });

  it.each([11, 29, 404, 7777])('equals a full recompute for patrol %i in random batches', async (seed) => {
    const { id } = await (await t.call(FIELD_RYD, 'POST', '/api/tracks', {})).json();
    const batches = deliveries(roughPatrol(seed), seed, 12);
    let last: { pointCount: number; discarded: unknown } | undefined;
    for (const [i, batch] of batches.entries()) {
      const res = await t.call(FIELD_RYD, 'POST', `/api/tracks/${id}/points`, { points: toWire(batch) }, { 'Idempotency-Key': `k${i}` });
      expect(res.status).toBe(200);
      last = await res.json();
      if (i % 4 === 1) {
        const again = await t.call(FIELD_RYD, 'POST', `/api/tracks/${id}/points`, { points: toWire(batch) }, { 'Idempotency-Key': `k${i}` });
        expect(again.headers.get('Idempotent-Replayed')).toBe('true');
      }
    }
    const incremental = await snapshot(id);
    const [state] = await t.sql`select json_array_length(state->'checkpoints') as n from track_presence_state where track_id = ${id}`;
    expect(state!.n).toBeGreaterThan(0);

    const area = await makeAreaCache(t.sql).index();
    await t.sql.begin(async (tx) => {
      const r = await recomputePresence(tx, { id, teamId: 'ryd' }, area);
      await updateTrackStats(tx, id, { pointCount: r.storedPoints, discarded: r.discardedTotal, outsideAdded: 0, last: r.last });
      expect(last).toMatchObject({ pointCount: r.storedPoints, discarded: r.discarded });
    });
    const full = await snapshot(id);
    expect(incremental.rows.length).toBeGreaterThan(3);
    expect(incremental).toEqual(full);
  });

  it('deletes the presence state with the raw fixes when a track is reduced', async () => {
    const { id } = await (await t.call(FIELD_RYD, 'POST', '/api/tracks', {})).json();
    await t.call(FIELD_RYD, 'POST', `/api/tracks/${id}/points`, { points: toWire(roughPatrol(5).slice(0, 50)) });
    expect(await t.sql`select 1 from track_presence_state where track_id = ${id}`).toHaveLength(1);
    const { reduceTracksBefore } = await import('../../server/db/queries/tracks.ts');
    await reduceTracksBefore(t.sql, new Date('2100-01-01T00:00:00Z'));
    expect(await t.sql`select 1 from track_presence_state where track_id = ${id}`).toHaveLength(0);
    expect((await t.sql`select count(*)::int as n from track_presence where track_id = ${id}`)[0]!.n).toBeGreaterThan(0);
  });
});
