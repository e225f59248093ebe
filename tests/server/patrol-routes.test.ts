// /api/routes on both databases: suggestions (streets in Ryd, the hex grid in Berga), legs for
// drawing, saved-route CRUD, GPX/GeoJSON export and GPX import, and who may call what.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { polygonToCells } from 'h3-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseTargets } from '../helpers/databases.ts';
import { FIXED_NOW, makeTestApp } from '../helpers/test-app.ts';
import type { AccountRole } from '../../server/auth/permissions.ts';
import { MATRIX } from '../../server/auth/permissions.ts';
import { createApiToken } from '../../server/auth/api-tokens.ts';
import { insertUser, upsertTeam } from '../../server/db/queries/users.ts';
import type { Sql } from '../../server/db/sql.ts';
import { seedDemo } from '../../server/db/seed.ts';
import { importStreetsFile } from '../../server/geodata/import-files.ts';
import { loadRouteRisk } from '../../server/db/queries/route-risk.ts';
import { listDistricts } from '../../server/db/queries/districts.ts';
import { weekdayHourAt } from '../../server/domain/route-schedule.ts';
import { makeRandom } from '../../server/domain/synthetic-reports.ts';
import { gpx11Violations } from '../domain/gpx-schema.ts';

const STREETS_FILE = fileURLToPath(new URL('../../../shared/geodata-raw/linkoping_highway_graph_osm2018_tdde25.geojson', import.meta.url));
const hasStreets = existsSync(STREETS_FILE);
if (!hasStreets) console.warn(`patrol-routes API test: ${STREETS_FILE} is absent, Ryd routes on the hex grid`);

interface TestUser {
  id: string;
  role: AccountRole;
  team: string | null;
}
const as = (id: string, role: AccountRole, team: string | null): TestUser => ({ id, role, team });
const LEADER = as('leader-ryd', 'teamleader', 'ryd');
const FIELD = as('field-ryd', 'field', 'ryd');
const FIELD_BERGA = as('field-berga', 'field', 'berga');
const CHIEF = as('chief', 'chief', null);

/** Accounts with API tokens holding their role's permissions: token by user id. */
async function makeTokens(sql: Sql, users: readonly TestUser[]): Promise<Map<string, string>> {
  const tokens = new Map<string, string>();
  for (const u of users) {
    if (u.team) await upsertTeam(sql, { id: u.team, name: u.team, district: u.team });
    await insertUser(sql, { id: u.id, email: `${u.id}@example.se`, passwordHash: 'x', role: u.role, team: u.team, at: new Date(FIXED_NOW) });
    const { token } = await createApiToken(sql, { name: u.id, userId: u.id, scopes: MATRIX[u.role], createdBy: null, nowMs: FIXED_NOW, expiresMs: null });
    tokens.set(u.id, token);
  }
  return tokens;
}

const SUGGEST = { district: 'ryd', date: '2026-11-20', start: '18:00', end: '23:00', teams: 3, speedKmh: 4.5, stopsPerTeam: 4, dwellMin: 12, revisitMin: 120, preferLit: false, seed: 7 };

describe.each(databaseTargets())('/api/routes on $name', (target) => {
  let t: Awaited<ReturnType<typeof makeTestApp>>;
  let call: (who: TestUser | null, method: string, path: string, body?: unknown, headers?: Record<string, string>) => Promise<Response>;

  beforeAll(async () => {
    t = await makeTestApp(target);
    await seedDemo(t.sql, { count: 4000, nowMs: FIXED_NOW });
    if (hasStreets) await importStreetsFile(t.sql, STREETS_FILE);
    const tokens = await makeTokens(t.sql, [LEADER, FIELD, FIELD_BERGA, CHIEF]);
    call = async (who, method, path, body, headers = {}) =>
      t.app.request(path, {
        method,
        headers: { 'Content-Type': 'application/json', ...(who ? { Authorization: `Bearer ${tokens.get(who.id)}` } : {}), ...headers },
        ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
      });
  }, 300_000);

  afterAll(async () => {
    await t?.close();
  });

  it('suggests three routes that start and end at the base, fit the shift and share no stop', async () => {
    const res = await call(LEADER, 'POST', '/api/routes/suggest', SUGGEST);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.graph).toBe(hasStreets ? 'streets' : 'hex-grid');
    expect(body.routes).toHaveLength(3);
    const cells = new Set<string>();
    for (const r of body.routes) {
      expect(r.stops.length).toBeGreaterThanOrEqual(2);
      expect(r.stops.length).toBeLessThanOrEqual(4);
      const line = r.geometry.coordinates;
      expect(line[0]).toEqual(line[line.length - 1]);
      expect(Math.abs(line[0][0] - body.base.lon) + Math.abs(line[0][1] - body.base.lat)).toBeLessThan(0.003);
      expect(Date.parse(r.departure)).toBeGreaterThanOrEqual(Date.parse('2026-11-20T18:00:00+01:00'));
      expect(Date.parse(r.returnAt)).toBeLessThanOrEqual(Date.parse('2026-11-20T23:00:00+01:00') + 1000);
      for (const s of r.stops) {
        expect(s.arrival).toMatch(/^2026-11-20T(1[89]|2[0-2]):\d{2}:00\+01:00$/);
        expect(Date.parse(s.departure) - Date.parse(s.arrival)).toBe(12 * 60_000);
        expect(s.place.length).toBeGreaterThan(0);
      }
      const own = new Set<string>(r.stops.map((s: { cell: string }) => s.cell));
      for (const c of own) expect(cells.has(c)).toBe(false);
      for (const c of own) cells.add(c);
    }
    const again = await (await call(LEADER, 'POST', '/api/routes/suggest', SUGGEST)).json();
    expect(again.routes).toEqual(body.routes);
    const other = await (await call(LEADER, 'POST', '/api/routes/suggest', { ...SUGGEST, seed: 8 })).json();
    const value = (b: { routes: { value: number }[] }) => b.routes.reduce((a, r) => a + r.value, 0);
    expect(value(other)).toBeGreaterThanOrEqual(value(body) * 0.95);
  }, 300_000);

  it('stops at riskier cells than random routes with the same number of stops at the same times', async () => {
    const body = await (await call(LEADER, 'POST', '/api/routes/suggest', { ...SUGGEST, teams: 1, seed: 3 })).json();
    const risk = await loadRouteRisk(t.sql, { districtId: 'ryd', untilMs: Date.parse('2026-11-20T18:00:00+01:00') });
    const ryd = (await listDistricts(t.sql)).find((d) => d.id === 'ryd')!;
    const all = (ryd.geometry.type === 'Polygon' ? [ryd.geometry.coordinates] : ryd.geometry.coordinates).flatMap((p) => polygonToCells(p, 10, true));
    const stops = body.routes[0].stops as { cell: string; arrival: string }[];
    const at = stops.map((s) => weekdayHourAt(Date.parse(s.arrival)));
    const valueOf = (cells: string[]) => cells.reduce((a, c, i) => a + risk.risk(c, at[i]!.weekday, at[i]!.hour), 0);
    const rnd = makeRandom(11);
    let randomSum = 0;
    for (let k = 0; k < 200; k++) randomSum += valueOf(stops.map(() => all[Math.floor(rnd() * all.length)]!));
    expect(valueOf(stops.map((s) => s.cell))).toBeGreaterThan((randomSum / 200) * 3);
  }, 300_000);

  it('says that Berga routes follow the hex grid', async () => {
    const res = await call(LEADER, 'POST', '/api/routes/suggest', { ...SUGGEST, district: 'berga', teams: 1 });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.graph).toBe('hex-grid');
    expect(body.note).toMatch(/hex grid until a street network is imported/);
  }, 300_000);

  it('returns legs along the network between waypoints, snapped', async () => {
    const res = await call(LEADER, 'POST', '/api/routes/path', { waypoints: [[15.5646, 58.4084], [15.556, 58.41], [15.57, 58.404]] });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.district).toBe('ryd');
    expect(body.legs).toHaveLength(2);
    expect(body.waypoints).toHaveLength(3);
    expect(body.legs[0].coordinates[0]).toEqual(body.waypoints[0]);
    expect(body.lengthM).toBeGreaterThan(1000);
  }, 120_000);

  it('saves, reads, lists, updates, duplicates, exports and deletes a drawn route', async () => {
    const route = {
      name: 'Ryd kväll', team: 'ryd', district: 'ryd', date: '2026-11-20', start: '18:00', end: '23:00',
      waypoints: [
        { lon: 15.5646, lat: 58.4084 },
        { lon: 15.556, lat: 58.41, stop: true, dwellMin: 12 },
        { lon: 15.552, lat: 58.404, stop: true, dwellMin: 10 },
        { lon: 15.57, lat: 58.404, stop: true, dwellMin: 15 },
        { lon: 15.566, lat: 58.412, stop: true, dwellMin: 12 },
        { lon: 15.5646, lat: 58.4084 },
      ],
    };
    const created = await call(LEADER, 'POST', '/api/routes', route);
    expect(created.status).toBe(201);
    const r = await created.json();
    expect(r.schedule).toHaveLength(4);
    expect(r.schedule[0].arrival > '2026-11-20T18:0').toBe(true);
    expect(r.lengthM).toBeGreaterThan(1500);
    expect(r.walkingMin).toBeCloseTo(r.lengthM / 75, 6);
    expect(r.createdBy).toBe('leader-ryd');

    expect((await call(FIELD, 'GET', `/api/routes/${r.id}`)).status).toBe(200);
    const list = await (await call(FIELD, 'GET', '/api/routes?date=2026-11-20')).json();
    expect(list.routes.map((x: { id: string }) => x.id)).toContain(r.id);
    expect((await call(FIELD_BERGA, 'GET', `/api/routes/${r.id}`)).status).toBe(404);

    const put = await call(LEADER, 'PUT', `/api/routes/${r.id}`, { ...route, name: 'Ryd kväll 2', waypoints: route.waypoints.slice(0, 3) });
    expect(put.status).toBe(200);
    expect((await put.json()).schedule).toHaveLength(2);

    const dup = await (await call(LEADER, 'POST', `/api/routes/${r.id}/duplicate`)).json();
    expect(dup.name).toBe('Ryd kväll 2 (kopia)');
    expect(dup.id).not.toBe(r.id);

    const gpx = await call(LEADER, 'GET', `/api/routes/${dup.id}.gpx`);
    expect(gpx.status).toBe(200);
    expect(gpx.headers.get('content-type')).toContain('application/gpx+xml');
    const xml = await gpx.text();
    expect(gpx11Violations(xml)).toEqual([]);
    const geo = await (await call(LEADER, 'GET', `/api/routes/${dup.id}.geojson`)).json();
    expect(geo.features.map((f: { properties: { kind: string } }) => f.properties.kind)).toEqual(['route', 'stop', 'stop']);

    const imported = await call(LEADER, 'POST', '/api/routes/import-gpx?name=Import', xml, { 'Content-Type': 'application/gpx+xml' });
    expect(imported.status).toBe(201);
    const imp = await imported.json();
    expect(imp.source).toBe('imported');
    expect(imp.schedule).toHaveLength(2);

    expect((await call(LEADER, 'DELETE', `/api/routes/${dup.id}`)).status).toBe(204);
    expect((await call(LEADER, 'GET', `/api/routes/${dup.id}`)).status).toBe(404);
  }, 300_000);

  it('refuses anonymous callers, field staff planning and bad bodies as problems', async () => {
    const anon = await call(null, 'POST', '/api/routes/suggest', SUGGEST);
    expect(anon.status).toBe(401);
    expect(anon.headers.get('content-type')).toContain('application/problem+json');
    expect((await call(FIELD, 'POST', '/api/routes/suggest', SUGGEST)).status).toBe(403);
    expect((await call(CHIEF, 'GET', '/api/routes')).status).toBe(200);
    const bad = await call(LEADER, 'POST', '/api/routes/suggest', { ...SUGGEST, teams: 4, start: '25:00' });
    expect(bad.status).toBe(422);
    const problem = await bad.json();
    expect(problem.errors.map((e: { path: string }) => e.path).sort()).toEqual(['start', 'teams']);
    expect((await call(LEADER, 'POST', '/api/routes/import-gpx', '<kml/>', { 'Content-Type': 'application/gpx+xml' })).status).toBe(422);
  }, 120_000);
});
