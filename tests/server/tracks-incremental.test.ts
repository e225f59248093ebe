// Presence after batches through the API (out of order, overlapping, retried with the same or a
// fresh key) is exactly what a full recompute from the stored fixes writes: every bucket row to
// the last bit of its float4, and the track's counts and live position.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseTargets } from '../helpers/databases.ts';
import { FIELD_RYD, FIELD_RYD_2, makeTracksApp, type TracksApp } from './tracks-helpers.ts';
import { deliveries, roughPatrol } from '../fixtures/tracks/rough-patrol.ts';
import { makeAreaCache } from '../../server/area-cache.ts';
import { recomputePresence } from '../../server/db/queries/presence.ts';
import { updateTrackStats } from '../../server/db/queries/tracks.ts';
import { makeAreaGate } from '../../server/domain/track-area.ts';
import { AREA_MARGIN_M } from '../../server/routes/tracks.ts';
import { makeWalk } from '../fixtures/tracks/synthetic-walk.ts';

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

  /** Recomputes the track from its stored fixes; the rows and counts must not change (and match the last answer). */
  const expectRecomputeEquals = async (id: string, last?: { pointCount: number; discarded: unknown }) => {
    const incremental = await snapshot(id);
    const area = await makeAreaCache(t.sql).index();
    await t.sql.begin(async (tx) => {
      const r = await recomputePresence(tx, { id, teamId: 'ryd' }, area);
      await updateTrackStats(tx, id, { pointCount: r.storedPoints, discarded: r.discardedTotal, outsideAdded: 0, last: r.last });
      if (last) expect(last).toMatchObject({ pointCount: r.storedPoints, discarded: r.discarded });
    });
    const full = await snapshot(id);
    expect(incremental.rows.length).toBeGreaterThan(3);
    expect(incremental).toEqual(full);
  };

  const send = (id: string, batch: Parameters<typeof toWire>[0], key?: string) =>
    t.call(FIELD_RYD, 'POST', `/api/tracks/${id}/points`, { points: toWire(batch) }, key === undefined ? {} : { 'Idempotency-Key': key });

  it.each([11, 29, 404, 7777])('equals a full recompute for patrol %i in random batches', async (seed) => {
    const { id } = await (await t.call(FIELD_RYD, 'POST', '/api/tracks', {})).json();
    const batches = deliveries(roughPatrol(seed), seed, 12);
    let last: { pointCount: number; discarded: unknown } | undefined;
    for (const [i, batch] of batches.entries()) {
      const res = await send(id, batch, `k${i}`);
      expect(res.status).toBe(200);
      last = await res.json();
      if (i % 4 === 1) {
        const again = await send(id, batch, `k${i}`);
        expect(again.headers.get('Idempotent-Replayed')).toBe('true');
      }
    }
    const [state] = await t.sql`select json_array_length(state->'checkpoints') as n from track_presence_state where track_id = ${id}`;
    expect(state!.n).toBeGreaterThan(0);
    await expectRecomputeEquals(id, last);
  });

  it('equals a full recompute when batches of one track arrive at the same time', async () => {
    const { id } = await (await t.call(FIELD_RYD, 'POST', '/api/tracks', {})).json();
    const batches = deliveries(roughPatrol(31), 31, 10);
    const answers = await Promise.all(batches.map((b, i) => send(id, b, `c${i}`)));
    expect(answers.map((r) => r.status)).toEqual(batches.map(() => 200));
    const accepted = (await Promise.all(answers.map((r) => r.json()))).reduce((s, a: { accepted: number }) => s + a.accepted, 0);
    const [{ n }] = (await t.sql`select count(*)::int as n from track_points where track_id = ${id}`) as unknown as [{ n: number }];
    expect(accepted).toBe(n);
    const gate = makeAreaGate(await makeAreaCache(t.sql).index(), AREA_MARGIN_M);
    expect(n).toBe(new Set(batches.flat().filter((p) => gate.admits(p.lon, p.lat)).map((p) => p.t)).size);
    await expectRecomputeEquals(id);
  });

  it('stores float4 accuracies and ISO instants as a read-back would see them, the first of repeated instants', async () => {
    const { id } = await (await t.call(FIELD_RYD, 'POST', '/api/tracks', {})).json();
    // 100.000001 is discarded as a double but is 100 (kept) as the stored float4; fractional
    // accuracies also set the cleaner's jitter slack.
    const fixes = roughPatrol(12).map((p, i) => ({ ...p, accuracyM: i % 7 === 0 ? 100.000001 : i % 3 === 0 ? 0.1 + (i % 40) * 0.73 : p.accuracyM }));
    const cut = Math.floor(fixes.length / 2);
    const iso = (ps: typeof fixes) => ps.map((p) => ({ t: new Date(p.t).toISOString(), lat: p.lat, lon: p.lon, acc: p.accuracyM ?? null }));
    const first = await t.call(FIELD_RYD, 'POST', `/api/tracks/${id}/points`, { points: iso(fixes.slice(0, cut)) });
    expect(first.status).toBe(200);
    // The second batch repeats an instant with another position: the first one sent is stored.
    const dup = { ...fixes[cut]!, lat: fixes[cut]!.lat + 0.0001 };
    const second = await send(id, [fixes[cut]!, dup, ...fixes.slice(cut + 1)]);
    const answer = await second.json();
    expect(answer).toMatchObject({ duplicates: 1 });
    expect(answer.accepted + answer.outside).toBe(fixes.length - cut);
    const [stored] = await t.sql`select lat from track_points where track_id = ${id} and t = ${new Date(fixes[cut]!.t)}`;
    expect(stored!.lat).toBe(fixes[cut]!.lat);
    await expectRecomputeEquals(id);
  });

  it('goes on correctly from a state written without checkpoint instants, or under another key', async () => {
    const { id } = await (await t.call(FIELD_RYD, 'POST', '/api/tracks', {})).json();
    const batches = deliveries(roughPatrol(77), 77, 9);
    for (const [i, batch] of batches.entries()) {
      if (i === 3) await t.sql`update track_presence_state set checkpoint_at = null where track_id = ${id}`;
      if (i === 6) await t.sql`update track_presence_state set state = jsonb_set(state::jsonb, '{key}', '"another area"')::json where track_id = ${id}`;
      expect((await send(id, batch, `s${i}`)).status).toBe(200);
    }
    await expectRecomputeEquals(id);
  });

  it('refuses a reused key with another batch, and answers 404 for a track that is not yours without taking the key', async () => {
    const { id } = await (await t.call(FIELD_RYD, 'POST', '/api/tracks', {})).json();
    const fixes = makeWalk({ lat: 58.40837, lon: 15.564625 }, Date.parse('2026-11-20T17:00:00Z'), [{ stayMin: 12 }]);
    const stranger = await t.call(FIELD_RYD_2, 'POST', `/api/tracks/${id}/points`, { points: toWire(fixes.slice(0, 20)) }, { 'Idempotency-Key': 'r1' });
    expect(stranger.status).toBe(404);
    const ok = await send(id, fixes.slice(20, 40), 'r1');
    expect(ok.status).toBe(200);
    expect(ok.headers.get('Idempotent-Replayed')).toBeNull();
    const reused = await send(id, fixes.slice(40, 60), 'r1');
    expect(reused.status).toBe(422);
    expect(reused.headers.get('Content-Type')).toContain('application/problem+json');
    const replay = await send(id, fixes.slice(20, 40), 'r1');
    expect(replay.headers.get('Idempotent-Replayed')).toBe('true');
    expect(await replay.json()).toEqual(await ok.json());
    const [{ n }] = (await t.sql`select count(*)::int as n from track_points where track_id = ${id}`) as unknown as [{ n: number }];
    expect(n).toBe(20);
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
