// Need against presence: a planted hotspot that no track visits ranks first in /api/gaps and
// drops after a track stops there; alerts, coverage, fairness, plan against actual and live.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cellToLatLng, gridDisk } from 'h3-js';
import { databaseTargets } from '../helpers/databases.ts';
import { CHIEF, FIELD_RYD, FIELD_SKG, LEADER_RYD, LEADER_SKG, makeTracksApp, type Persona, type TracksApp } from './tracks-helpers.ts';
import { makeWalk, offsetM } from '../fixtures/tracks/synthetic-walk.ts';
import { insertReports } from '../../server/db/queries/reports.ts';
import { prepareReport, type ReportRow } from '../../server/domain/report.ts';
import { makeDistrictIndex } from '../../server/domain/district-index.ts';
import { linkopingArea } from '../bench/bench-setup.ts';
import { seeded } from '../fixtures/tracks/synthetic-walk.ts';

/** Friday 2026-11-20 22:30 in Stockholm. */
const NOW = Date.parse('2026-11-20T21:30:00Z');
const SKG = { lat: 58.42611, lon: 15.583248 };
const HOT = offsetM(SKG, 250, 0);
const index = makeDistrictIndex(linkopingArea().districts);
const fridays = ['2026-10-30', '2026-11-06', '2026-11-13'];

async function plantReports(t: TracksApp) {
  const rand = seeded(3);
  const rows: ReportRow[] = [];
  let n = 0;
  const id = () => `00000000-0000-4000-8000-${(++n).toString(16).padStart(12, '0')}`;
  // The hotspot: 10 reports each Friday 20–23 local (19–22 UTC in winter).
  for (const day of fridays) for (let i = 0; i < 10; i++) {
    const at = new Date(Date.parse(`${day}T19:00:00Z`) + ((i % 3) + rand()) * 3600_000);
    rows.push(prepareReport({ category: 'ordningsstorning', ...offsetM(HOT, (rand() - 0.5) * 20, (rand() - 0.5) * 20), observedAt: at, source: 'resident' }, index, id(), NOW));
  }
  // Background: 15 reports at assorted hours in each of ten cells two to four rings away.
  const ring = gridDisk(rows[0]!.cell, 4).filter((c) => !gridDisk(rows[0]!.cell, 1).includes(c));
  let planted = 0;
  for (const cell of ring) {
    const [lat, lon] = cellToLatLng(cell);
    if (!index.locate(lon, lat) || planted === 10) continue;
    planted++;
    for (let i = 0; i < 15; i++) {
      const at = new Date(Date.parse('2026-10-26T00:00:00Z') + rand() * 24 * 86_400_000);
      rows.push(prepareReport({ category: 'klotter', lat, lon, observedAt: at, source: 'resident' }, index, id(), NOW));
    }
  }
  await insertReports(t.sql, rows, 'insert');
  return rows[0]!.cell;
}

const upload = async (t: TracksApp, who: Persona, points: ReturnType<typeof makeWalk>) => {
  const start = await (await t.call(who, 'POST', '/api/tracks', { startedAt: new Date(points[0]!.t).toISOString() })).json();
  const res = await t.call(who, 'POST', `/api/tracks/${start.id}/points`, { points: points.map((p) => ({ t: p.t, lat: p.lat, lon: p.lon, acc: 8 })) });
  expect(res.status).toBe(200);
  await t.call(who, 'POST', `/api/tracks/${start.id}/end`);
  return start.id as string;
};

describe.each(databaseTargets())('gaps and coverage on $name', (target) => {
  let t: TracksApp;
  let hot: string;
  beforeAll(async () => {
    t = await makeTracksApp(target, { now: () => NOW });
    hot = await plantReports(t);
  });
  afterAll(async () => t?.close());

  const gaps = async () => (await (await t.call(CHIEF, 'GET', '/api/gaps?weeks=4')).json()).cells as { cell: string; text: { sv: string; en: string }; presenceMin: number }[];

  it('ranks the planted hotspot first while no track visits it', async () => {
    // A patrol in Skäggetorp that stays 500 m north of the hotspot.
    await upload(t, FIELD_SKG, makeWalk(offsetM(SKG, 0, 500), Date.parse('2026-11-13T19:10:00Z'), [{ stayMin: 15 }, { to: offsetM(SKG, 300, 600), kmh: 5 }]));
    const cells = await gaps();
    expect(cells[0]!.cell).toBe(hot);
    expect(cells[0]!.text.sv).toMatch(/: hög risk fre 20–23, 0 min närvaro på 4 veckor$/);
    expect(cells[0]!.text.en).toMatch(/high need Fri/);
  });

  it('alerts tonight that the hotspot has not been visited for two hours of its band', async () => {
    const res = await (await t.call(CHIEF, 'GET', '/api/gaps/alerts')).json();
    const a = res.alerts.find((x: { cell: string }) => x.cell === hot);
    expect(a).toMatchObject({ status: 'overdue', lastVisitAt: null });
    expect(res.alerts[0].cell).toBe(hot);
  });

  it('drops the hotspot after a track stops there', async () => {
    await upload(t, FIELD_SKG, makeWalk(SKG, Date.parse('2026-11-20T20:40:00Z'), [{ to: HOT, kmh: 5 }, { stayMin: 12 }, { to: offsetM(HOT, 0, 300), kmh: 5 }]));
    const cells = await gaps();
    const rank = cells.findIndex((c) => c.cell === hot);
    expect(rank === -1 || rank > 5).toBe(true);
    const alerts = (await (await t.call(CHIEF, 'GET', '/api/gaps/alerts')).json()).alerts;
    expect(alerts.find((x: { cell: string }) => x.cell === hot)?.status).toBe('ok');
  });

  it('reports coverage minutes per cell for a filter', async () => {
    const all = await (await t.call(CHIEF, 'GET', '/api/coverage?from=2026-11-01&to=2026-11-20')).json();
    const h = all.cells.find((c: { cell: string }) => c.cell === hot);
    expect(h.minutes).toBeGreaterThanOrEqual(12);
    expect(h.stopMinutes).toBeGreaterThanOrEqual(12);
    const mornings = await (await t.call(CHIEF, 'GET', '/api/coverage?from=2026-11-01&to=2026-11-20&hours=6-10')).json();
    expect(mornings.cells).toEqual([]);
    expect((await t.call(FIELD_RYD, 'GET', '/api/coverage')).status).toBe(403);
  });

  it('counts reports per patrol-hour, patrol discoveries apart', async () => {
    await t.sql`update reports set discovered_on_patrol = true where id = '00000000-0000-4000-8000-000000000001'`;
    const res = await (await t.call(CHIEF, 'GET', '/api/fairness?from=2026-10-26&to=2026-11-20')).json();
    const h = res.cells.find((c: { cell: string }) => c.cell === hot);
    expect(h.patrolReports).toBe(1);
    expect(h.otherReports).toBe(29);
    expect(h.patrolHours).toBeGreaterThan(0.2);
    expect(Math.abs(h.otherReportsPerHour / (29 / h.patrolHours) - 1)).toBeLessThan(0.05);
  });

  it('compares a saved route with what the team did', async () => {
    const routeId = '11111111-1111-4111-8111-111111111111';
    const far = offsetM(SKG, -300, -200);
    await t.sql`insert into patrol_routes (id, name, team, date, shift_start, shift_end, waypoints, schedule)
      values (${routeId}, 'Fredag', 'skaggetorp', '2026-11-20', '21:00', '23:59',
        ${JSON.stringify([{ ...HOT, stop: true, dwellMin: 12 }, { ...far, stop: true, dwellMin: 12 }])}::text::jsonb,
        ${JSON.stringify([{ index: 0, cell: hot, place: 'Torget', arrival: '2026-11-20T21:45:00+01:00', departure: '2026-11-20T21:57:00+01:00' }, { index: 1, cell: null, place: null, arrival: '2026-11-20T22:30:00+01:00', departure: '2026-11-20T22:42:00+01:00' }])}::text::jsonb)`;
    const res = await (await t.call(LEADER_SKG, 'GET', `/api/coverage/routes/${routeId}`)).json();
    expect(res.tracks).toBeGreaterThanOrEqual(1);
    expect(res.stops[0]).toMatchObject({ index: 0, reached: true, dwellKept: true });
    expect(Math.abs(res.stops[0].lateMin)).toBeLessThan(10);
    expect(res.stops[1]).toMatchObject({ reached: false, dwellKept: false, actualArrival: null });
  });

  it('shows teams on patrol now to leaders (own team) and the chief, nobody else', async () => {
    const open = await (await t.call(FIELD_RYD, 'POST', '/api/tracks', {})).json();
    await t.call(FIELD_RYD, 'POST', `/api/tracks/${open.id}/points`, { points: [{ t: NOW - 60_000, lat: 58.40837, lon: 15.564625 }] });
    expect((await t.call(FIELD_RYD, 'GET', '/api/live')).status).toBe(403);
    const leader = await (await t.call(LEADER_RYD, 'GET', '/api/live')).json();
    expect(leader.teams.map((x: { trackId: string }) => x.trackId)).toEqual([open.id]);
    expect((await (await t.call(LEADER_SKG, 'GET', '/api/live')).json()).teams).toEqual([]);
    const res = await t.call(CHIEF, 'GET', '/api/live/stream?intervalS=1');
    expect(res.headers.get('Content-Type')).toMatch(/text\/event-stream/);
    const reader = res.body!.getReader();
    let text = '';
    while (!text.includes('\n\n')) text += new TextDecoder().decode((await reader.read()).value);
    await reader.cancel();
    expect(text).toMatch(/^event: positions/m);
    expect(JSON.parse(/^data: (.*)$/m.exec(text)![1]!).teams[0].trackId).toBe(open.id);
  });
});
