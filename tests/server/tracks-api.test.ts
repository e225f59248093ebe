import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { databaseTargets } from '../helpers/databases.ts';
import { CHIEF, FIELD_RYD, FIELD_RYD_2, FIELD_SKG, LEADER_RYD, LEADER_SKG, makeTracksApp, type TracksApp } from './tracks-helpers.ts';
import { makeWalk, offsetM } from '../fixtures/tracks/synthetic-walk.ts';
import { stopCell } from '../fixtures/tracks/make-fixtures.ts';

const RYD = { lat: 58.40837, lon: 15.564625 };
const T0 = Date.parse('2026-11-20T17:00:00Z');
const toWire = (ps: { t: number; lat: number; lon: number; accuracyM?: number | null }[]) => ps.map((p) => ({ t: p.t, lat: p.lat, lon: p.lon, acc: p.accuracyM ?? null }));

describe.each(databaseTargets())('tracks API on $name', (target) => {
  let t: TracksApp;
  beforeAll(async () => {
    t = await makeTracksApp(target);
  });
  afterAll(async () => t?.close());

  const start = async (who = FIELD_RYD, body: unknown = {}) => {
    const res = await t.call(who, 'POST', '/api/tracks', body);
    expect(res.status).toBe(201);
    return (await res.json()) as { id: string; team: string };
  };

  it('starts a track for the caller’s team and shift', async () => {
    const res = await t.call(FIELD_RYD, 'POST', '/api/tracks', { shift: { date: '2026-11-20', start: '18:00', end: '23:00' } });
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body).toMatchObject({ team: 'ryd', userId: t.idOf(FIELD_RYD), shift: { date: '2026-11-20', start: '18:00', end: '23:00' }, source: 'live', endedAt: null, pointCount: 0 });
  });

  it('answers 401 anonymously, 403 to the chief, and refuses another team', async () => {
    expect((await t.call(null, 'POST', '/api/tracks', {})).status).toBe(401);
    expect((await t.call(CHIEF, 'POST', '/api/tracks', {})).status).toBe(403);
    const res = await t.call(FIELD_RYD, 'POST', '/api/tracks', { team: 'berga' });
    expect(res.status).toBe(403);
    expect(res.headers.get('Content-Type')).toMatch(/application\/problem\+json/);
  });

  it('appends shuffled, repeated batches idempotently and stores each fix once', async () => {
    const { id } = await start();
    const walk = makeWalk(RYD, T0, [{ to: offsetM(RYD, 300, 0), kmh: 5 }, { stayMin: 5 }]);
    const wire = toWire(walk);
    const half = Math.floor(wire.length / 2);
    const b1 = { points: [...wire.slice(0, half)].reverse() };
    const b2 = { points: [...wire.slice(half - 5)] }; // overlaps 5 fixes
    const r1 = await t.call(FIELD_RYD, 'POST', `/api/tracks/${id}/points`, b1, { 'Idempotency-Key': 'b1' });
    expect(r1.status).toBe(200);
    const again = await t.call(FIELD_RYD, 'POST', `/api/tracks/${id}/points`, b1, { 'Idempotency-Key': 'b1' });
    expect(again.headers.get('Idempotent-Replayed')).toBe('true');
    const r2 = await (await t.call(FIELD_RYD, 'POST', `/api/tracks/${id}/points`, b2, { 'Idempotency-Key': 'b2' })).json();
    expect(r2).toMatchObject({ accepted: wire.length - half, duplicates: 5, outside: 0, pointCount: wire.length });
    const presence = await (await t.call(FIELD_RYD, 'GET', `/api/tracks/mine/${id}/presence`)).json();
    const total = presence.cells.reduce((s: number, c: { minutes: number }) => s + c.minutes, 0);
    expect(total).toBeCloseTo((walk.at(-1)!.t - walk[0]!.t) / 60_000, 0);
    expect(presence.cells.some((c: { isStop: boolean }) => c.isStop)).toBe(true);
  });

  it('does not store fixes outside the districts and counts impossible jumps', async () => {
    const { id } = await start();
    const walk = toWire(makeWalk(RYD, T0, [{ to: offsetM(RYD, 200, 0), kmh: 5 }]));
    walk[5] = { ...walk[5]!, ...offsetM(walk[5]!, 900, 0) }; // a GPS spike, inside Ryd
    walk.push({ t: T0 + 3600_000, lat: 59.33, lon: 18.07, acc: 5 }); // Stockholm
    const r = await (await t.call(FIELD_RYD, 'POST', `/api/tracks/${id}/points`, { points: walk })).json();
    expect(r.outside).toBe(1);
    expect(r.discarded.jump).toBe(1);
    const raw = await (await t.call(FIELD_RYD, 'GET', `/api/tracks/mine/${id}`)).json();
    expect(raw.points).toHaveLength(walk.length - 1);
    expect(raw.points.some((p: { lat: number }) => p.lat > 59)).toBe(false);
    expect(raw.discardedCount).toBe(2);
  });

  it('imports a GPX file and reports the 12-minute stop', async () => {
    const gpx = readFileSync(new URL('../fixtures/tracks/walk-stop.gpx', import.meta.url), 'utf8');
    const res = await t.call(FIELD_SKG, 'POST', '/api/tracks/import', gpx, { 'Content-Type': 'application/gpx+xml' });
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body).toMatchObject({ team: 'skaggetorp', source: 'gpx', name: 'Skäggetorp kvällspass', outsideCount: 0 });
    const p = await (await t.call(LEADER_SKG, 'GET', `/api/tracks/${body.id}/presence`)).json();
    const stop = p.cells.find((c: { cell: string }) => c.cell === stopCell());
    expect(stop.isStop).toBe(true);
    expect(stop.minutes).toBeGreaterThan(12);
    expect(p.cells.filter((c: { isStop: boolean }) => c.isStop)).toHaveLength(1);
  });

  it('imports GeoJSON and refuses other media types with 415', async () => {
    const walk = makeWalk(RYD, T0, [{ stayMin: 4 }]);
    const fc = { type: 'Feature', properties: { coordTimes: walk.map((p) => new Date(p.t).toISOString()) }, geometry: { type: 'LineString', coordinates: walk.map((p) => [p.lon, p.lat]) } };
    const res = await t.call(FIELD_RYD, 'POST', '/api/tracks/import', fc, { 'Content-Type': 'application/geo+json' });
    expect(res.status).toBe(201);
    expect((await res.json()).pointCount).toBe(walk.length);
    const bad = await t.call(FIELD_RYD, 'POST', '/api/tracks/import', 'a,b', { 'Content-Type': 'text/csv' });
    expect(bad.status).toBe(415);
    expect((await bad.json()).detail).toMatch(/application\/gpx\+xml/);
    const broken = await t.call(FIELD_RYD, 'POST', '/api/tracks/import', '<gpx><trk>', { 'Content-Type': 'application/gpx+xml' });
    expect(broken.status).toBe(422);
  });

  it('lets a field worker see only their own tracks; the leader their team; the chief all, audit-logged', async () => {
    const { id } = await start(FIELD_RYD_2);
    expect((await t.call(FIELD_RYD, 'GET', `/api/tracks/mine/${id}`)).status).toBe(404);
    expect((await t.call(FIELD_RYD, 'GET', `/api/tracks/${id}`)).status).toBe(403);
    expect((await t.call(FIELD_RYD, 'GET', '/api/tracks')).status).toBe(403);
    expect((await t.call(LEADER_SKG, 'GET', `/api/tracks/${id}`)).status).toBe(404);
    expect((await t.call(LEADER_RYD, 'GET', `/api/tracks/${id}`)).status).toBe(200);
    expect((await t.call(CHIEF, 'GET', `/api/tracks/${id}`)).status).toBe(200);
    const mine = await (await t.call(FIELD_RYD, 'GET', '/api/tracks/mine')).json();
    expect(mine.items.every((x: { userId: string }) => x.userId === t.idOf(FIELD_RYD))).toBe(true);
    const team = await (await t.call(LEADER_RYD, 'GET', '/api/tracks')).json();
    expect(new Set(team.items.map((x: { team: string }) => x.team))).toEqual(new Set(['ryd']));
    expect((await t.call(LEADER_RYD, 'GET', '/api/tracks?team=skaggetorp')).status).toBe(403);
    const all = await (await t.call(CHIEF, 'GET', '/api/tracks')).json();
    expect(new Set(all.items.map((x: { team: string }) => x.team))).toEqual(new Set(['ryd', 'skaggetorp']));
    const log = await t.sql`select actor_id, action, target from audit_log where target = ${`track:${id}`} order by id`;
    expect(log.map((r) => [r.actor_id, r.action])).toEqual([[t.idOf(LEADER_RYD), 'tracks.read'], [t.idOf(CHIEF), 'tracks.read']]);
  });

  it('files an observation as discovered on patrol, for staff reports only', async () => {
    const body = { category: 'klotter', lat: RYD.lat, lon: RYD.lon, observedAt: '2026-11-20T11:00:00Z', source: 'staff', discoveredOnPatrol: true };
    const res = await t.call(FIELD_RYD, 'POST', '/api/reports', body);
    expect(res.status).toBe(201);
    const [row] = await t.sql`select discovered_on_patrol, source from reports where id = ${(await res.json()).id}`;
    expect(row).toEqual({ discovered_on_patrol: true, source: 'staff' });
    const resident = await t.call(FIELD_RYD, 'POST', '/api/reports', { ...body, source: 'resident' });
    expect(resident.status).toBe(422);
    expect((await resident.json()).errors[0].path).toBe('discoveredOnPatrol');
  });

  it('ends a track', async () => {
    const { id } = await start();
    const r = await t.call(FIELD_RYD, 'POST', `/api/tracks/${id}/end`);
    expect(r.status).toBe(200);
    expect((await r.json()).endedAt).not.toBeNull();
  });

  it('validates point batches with a helpful problem', async () => {
    const { id } = await start();
    const r = await t.call(FIELD_RYD, 'POST', `/api/tracks/${id}/points`, { points: [{ t: 'yesterday', lat: 91, lon: 15 }] });
    expect(r.status).toBe(422);
    const body = await r.json();
    expect(body.errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['points.0.lat']));
  });
});
