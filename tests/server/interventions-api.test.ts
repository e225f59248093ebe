// The intervention log and its evaluation through the API: a planted 50 % fall at a Ryd target
// is found (rate ratio near 0.5, WDD negative), the log is listed, edited and closed, a lighting
// intervention gets the dark/daylight design, /api/sun answers, and errors are problem+json.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cellToLatLng, gridDisk, latLngToCell } from 'h3-js';
import { databaseTargets } from '../helpers/databases.ts';
import { makeTestApp } from '../helpers/test-app.ts';
import { insertReports } from '../../server/db/queries/reports.ts';
import { fromWallClock } from '../../server/domain/stockholm-time.ts';
import { makeDistrictIndex } from '../../server/domain/district-index.ts';
import { reportAt, seeded } from './analytics-helpers.ts';

const CENTRE = latLngToCell(58.4082, 15.5652, 10);
const TARGET = gridDisk(CENTRE, 1);
const START = '2026-08-24'; // a Monday; 12 whole weeks on each side before 20 Nov 2026
const DAY = 86_400_000;

function poisson(rnd: () => number, mean: number): number {
  let k = 0;
  for (let t = -Math.log(1 - rnd()); t < mean; t += -Math.log(1 - rnd())) k++;
  return k;
}

describe.each(databaseTargets())('interventions on $name', (target) => {
  let t: Awaited<ReturnType<typeof makeTestApp>>;
  let id = '';

  beforeAll(async () => {
    t = await makeTestApp(target, { as: 'chief' });
    const rows = await t.sql<{ id: string; name: string; geometry: never }[]>`select id, name, geometry from districts`;
    const index = makeDistrictIndex(rows);
    const rnd = seeded(3);
    const inTarget = new Set(TARGET);
    const reports = [];
    const first = Date.parse('2026-06-01T00:00:00Z');
    for (const cell of gridDisk(CENTRE, 7)) {
      const [lat, lon] = cellToLatLng(cell);
      if (index.locate(lon, lat) !== 'ryd') continue;
      for (let w = 0; w < 24; w++) {
        const after = w >= 12;
        const n = poisson(rnd, inTarget.has(cell) ? (after ? 2 : 4) : 1);
        for (let i = 0; i < n; i++) {
          const d = new Date(first + (w * 7 + Math.floor(rnd() * 7)) * DAY);
          const at = fromWallClock(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), Math.floor(rnd() * 24), Math.floor(rnd() * 60));
          reports.push(reportAt(cell, 'ryd', at, at));
        }
      }
    }
    await insertReports(t.sql, reports, target.name === 'postgres' ? 'copy' : 'insert');
  }, 120_000);
  afterAll(() => t?.close());

  it('refuses an actionId that names no lägesbild action', async () => {
    const res = await t.json('POST', '/api/interventions', {
      kind: 'patrol', title: 'Utan åtgärd', where: { type: 'cells', cells: TARGET }, start: START, organisation: 'Områdesteam Ryd',
      actionId: '9d6f3c52-5a43-4c1e-9d7b-2a1d1f0e8c99',
    });
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ code: 'unknown-action', errors: [{ path: 'actionId', code: 'unknown-action' }] });
  });

  it('logs an intervention on clicked cells and names its place', async () => {
    await t.sql`insert into est_actions (id, week, district_id, what, created_at, updated_at)
      values ('0b6f3c52-5a43-4c1e-9d7b-2a1d1f0e8c11', '2026-W30', 'ryd', 'Kvällsnärvaro vid Ryds centrum', now(), now())`;
    const res = await t.json('POST', '/api/interventions', {
      kind: 'patrol', title: 'Kvällspatrull Ryd centrum', where: { type: 'cells', cells: TARGET }, start: START,
      organisation: 'Områdesteam Ryd', cost: 12000, notes: 'Tre besök per kväll', actionId: '0b6f3c52-5a43-4c1e-9d7b-2a1d1f0e8c11',
    });
    expect(res.status).toBe(201);
    const body = await res.json();
    id = body.id;
    expect(res.headers.get('Location')).toBe(`/api/interventions/${id}`);
    expect(body.cells).toEqual([...TARGET].sort());
    expect(body.districts).toEqual(['ryd']);
    expect(body.placeName).toMatch(/Ryd/);
    expect(body.actionId).toBe('0b6f3c52-5a43-4c1e-9d7b-2a1d1f0e8c11');
    expect(body.status).toBe('running');
  });

  it('finds the planted 50 % fall with a rate ratio near 0.5', async () => {
    const res = await t.app.request(`/api/interventions/${id}/evaluation?draws=300`);
    expect(res.status).toBe(200);
    const e = await res.json();
    expect(e.weeks).toBe(12);
    expect(e.series.weekStarts[12]).toBe(START);
    expect(e.series.start).toBe(START);
    expect(e.counts.target.after).toBeLessThan(e.counts.target.before * 0.7);
    expect(e.rateRatio.estimate).toBeGreaterThan(0.35);
    expect(e.rateRatio.estimate).toBeLessThan(0.7);
    expect(e.rateRatio.high).toBeLessThan(1);
    expect(e.wdd.value).toBeLessThan(0);
    expect(e.wdd.se).toBeCloseTo(Math.sqrt(e.counts.target.before + e.counts.target.after + e.counts.control.before + e.counts.control.after), 9);
    expect(e.wddDisplacement.se ** 2).toBeCloseTo(Object.values(e.counts as Record<string, { before: number; after: number }>).reduce((s, x) => s + x.before + x.after, 0), 6);
    expect(e.placeboP).toBeLessThan(0.05);
    expect(e.verdict).toMatch(/^Minskning/);
    expect(e.areas.control.length).toBeGreaterThan(0);
    expect(e.areas.control.some((c: string) => TARGET.includes(c) || e.areas.buffer.includes(c))).toBe(false);
    expect(e.darkness).toBeNull();
  });

  it('uses hand-chosen control cells and a shorter period', async () => {
    const control = gridDisk(latLngToCell(58.4082, 15.5652, 10), 6).filter((c) => !gridDisk(CENTRE, 3).includes(c)).slice(0, 20);
    const put = await t.json('PUT', `/api/interventions/${id}`, { kind: 'patrol', title: 'Kvällspatrull Ryd', where: { type: 'cells', cells: TARGET }, start: START, organisation: 'Områdesteam Ryd', controlCells: control, weeks: 8 });
    expect(put.status).toBe(200);
    const e = await (await t.app.request(`/api/interventions/${id}/evaluation?draws=100`)).json();
    expect(e.weeks).toBe(8);
    expect(e.areas.controlChosenBy).toBe('hand');
    expect(e.areas.control.every((c: string) => control.includes(c))).toBe(true);
  });

  it('closes an intervention and lists it', async () => {
    const res = await t.json('POST', `/api/interventions/${id}/close`, { end: '2026-11-01' });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.end).toBe('2026-11-01');
    expect(body.closedAt).not.toBeNull();
    expect(body.status).toBe('ended');
    const list = await (await t.app.request('/api/interventions?district=ryd')).json();
    expect(list.interventions.map((x: { id: string }) => x.id)).toContain(id);
  });

  it('evaluates a lighting intervention with the dark/daylight design', async () => {
    const res = await t.json('POST', '/api/interventions', {
      kind: 'lighting', title: 'Ny belysning gångtunnel', where: { type: 'place', lat: 58.4082, lon: 15.5652, name: 'Gångtunneln', rings: 1 }, start: START, organisation: 'Tekniska verken',
    });
    expect(res.status).toBe(201);
    const iv = await res.json();
    expect(iv.placeName).toBe('Gångtunneln');
    const e = await (await t.app.request(`/api/interventions/${iv.id}/evaluation?draws=50`)).json();
    expect(e.darkness).not.toBeNull();
    const tb = e.darkness.target.before;
    expect(tb.dark + tb.day).toBe(e.counts.target.before);
    expect(tb.share).toBeCloseTo(tb.dark / (tb.dark + tb.day), 12);
  });

  it('answers problems with stable codes', async () => {
    const missing = await t.app.request('/api/interventions/6a1f3c52-5a43-4c1e-9d7b-2a1d1f0e8c11/evaluation');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('Content-Type')).toMatch(/problem\+json/);
    expect((await missing.json()).code).toBe('intervention-not-found');
    const bad = await t.json('POST', '/api/interventions', { kind: 'magic', title: '', where: { type: 'cells', cells: [] }, start: 'x', organisation: '' });
    expect(bad.status).toBe(422);
    expect((await bad.json()).errors.length).toBeGreaterThan(2);
  });

  it('gives sun times with the Stockholm offset at /api/sun', async () => {
    const res = await t.app.request('/api/sun?date=2026-12-21');
    expect(res.status).toBe(200);
    const s = await res.json();
    expect(s.date).toBe('2026-12-21');
    expect(s.sunset).toMatch(/^2026-12-21T15:0\d:\d\d\+01:00$/);
    expect(s.civilDusk > s.sunset).toBe(true);
    expect(s.darkHours).toContain(16);
    expect(s.darkHours).not.toContain(12);
  });
});
