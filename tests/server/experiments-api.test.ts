// Patrol-dosage experiments through the API: the chief sets one up (same seed, same assignment,
// power for 20/30/40 %), team leaders read it and field staff cannot, route suggestions while it
// runs never stop in a control cell and do stop in treatment cells, compliance and analysis answer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseTargets } from '../helpers/databases.ts';
import { makeTestApp, type SignedIn } from '../helpers/test-app.ts';
import { seedDemo } from '../../server/db/seed.ts';
import { FIXED_NOW } from '../helpers/test-app.ts';

describe.each(databaseTargets())('experiments on $name', (target) => {
  let t: Awaited<ReturnType<typeof makeTestApp>>;
  let chief: SignedIn;
  let leader: SignedIn;
  let field: SignedIn;
  let cells: string[] = [];
  const call = (who: SignedIn, method: string, path: string, body?: unknown) =>
    t.app.request(path, { method, headers: { 'Content-Type': 'application/json', ...who.headers }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });

  beforeAll(async () => {
    t = await makeTestApp(target);
    await seedDemo(t.sql, { count: 4000, nowMs: FIXED_NOW });
    chief = await t.signIn('chief');
    leader = await t.signIn('teamleader', { team: 'berga' });
    field = await t.signIn('field', { team: 'berga' });
    const rows = await t.sql<{ cell: string }[]>`
      select to_hex(cell) as cell from heat_hours where district_id = 'berga' group by cell order by sum(count) desc, cell limit 16`;
    cells = rows.map((r) => r.cell);
  }, 300_000);
  afterAll(() => t?.close());

  const body = () => ({ cells, weeks: 4, start: '2026-11-16', visitsPerEvening: 3, visitMin: 15, seed: 11 });
  let id = '';

  it('sets up an experiment: blocked assignment by seed and power for 20/30/40 %', async () => {
    const res = await call(chief, 'POST', '/api/experiments', body());
    expect(res.status, await res.clone().text()).toBe(201);
    const e = await res.json();
    id = e.id;
    expect(e.assignment).toHaveLength(16);
    expect(e.assignment.filter((a: { arm: string }) => a.arm === 'treatment')).toHaveLength(8);
    expect(e.power.map((p: { reduction: number }) => p.reduction)).toEqual([0.2, 0.3, 0.4]);
    expect(e.power[2].power).toBeGreaterThanOrEqual(e.power[0].power);
    expect(e.status).toBe('running');
    const again = await (await call(chief, 'POST', '/api/experiments', body())).json();
    expect(again.assignment).toEqual(e.assignment);
  });

  it('shows the assignment to team leaders and the chief only', async () => {
    expect((await call(leader, 'GET', `/api/experiments/${id}`)).status).toBe(200);
    expect((await call(field, 'GET', `/api/experiments/${id}`)).status).toBe(403);
    expect((await call(leader, 'POST', '/api/experiments', body())).status).toBe(403);
    expect((await t.app.request(`/api/experiments/${id}`)).status).toBe(401);
  });

  it('never suggests a control cell as a stop while it runs, and does suggest treatment cells', async () => {
    const e = await (await call(leader, 'GET', `/api/experiments/${id}`)).json();
    const control = new Set(e.assignment.filter((a: { arm: string }) => a.arm === 'control').map((a: { cell: string }) => a.cell));
    const treatment = new Set(e.assignment.filter((a: { arm: string }) => a.arm === 'treatment').map((a: { cell: string }) => a.cell));
    let treatedStops = 0;
    for (const seed of [1, 2, 3]) {
      const res = await call(leader, 'POST', '/api/routes/suggest', { district: 'berga', date: '2026-11-20', teams: 2, stopsPerTeam: 5, seed });
      expect(res.status).toBe(200);
      const s = await res.json();
      expect(s.experiment.treatmentCells.length).toBeGreaterThan(0);
      for (const r of s.routes) for (const stop of r.stops) {
        expect(control.has(stop.cell), stop.cell).toBe(false);
        if (treatment.has(stop.cell)) treatedStops++;
      }
    }
    expect(treatedStops).toBeGreaterThan(0);
    // After the experiment (4 weeks from 16 Nov) the control cells may be suggested again.
    const later = await (await call(leader, 'POST', '/api/routes/suggest', { district: 'berga', date: '2026-12-20', teams: 1 })).json();
    expect(later.experiment).toBeNull();
  });

  it('reports compliance and refuses the analysis before a week of data', async () => {
    const res = await call(leader, 'GET', `/api/experiments/${id}/compliance`);
    expect(res.status).toBe(200);
    const c = await res.json();
    expect(c.evenings).toEqual(['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20']);
    expect(c.plannedMin).toBe(8 * 5 * 45);
    const a = await call(leader, 'GET', `/api/experiments/${id}/analysis`);
    expect(a.status).toBe(409);
    expect((await a.json()).code).toBe('experiment-no-data');
  });

  it('analyses an experiment once data exists', async () => {
    const past = await (await call(chief, 'POST', '/api/experiments', { ...body(), start: '2026-09-28', weeks: 6 })).json();
    const res = await call(chief, 'GET', `/api/experiments/${past.id}/analysis?draws=199`);
    expect(res.status).toBe(200);
    const a = await res.json();
    expect(a.days).toBe(42);
    expect(a.itt.low).toBeLessThan(a.itt.estimate);
    expect(a.randomisationP).toBeGreaterThan(0);
    expect(a.randomisationP).toBeLessThanOrEqual(1);
    expect(a.counts.treatment.after + a.counts.control.after).toBeGreaterThan(0);
  });
});
