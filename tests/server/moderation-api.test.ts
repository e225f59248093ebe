// The moderation API: queue with duplicate suggestions, actions recorded with who and when,
// permissions, and what the public sees after approval.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { destination } from '@turf/turf';
import { databaseTargets } from '../helpers/databases.ts';
import { FIXED_NOW, makeTestApp } from '../helpers/test-app.ts';
import { insertUser } from '../../server/db/queries/users.ts';
import { createApiToken } from '../../server/auth/api-tokens.ts';
import { MATRIX, type AccountRole } from '../../server/auth/permissions.ts';

const RYD = { lat: 58.40837, lon: 15.564625 };
const at = (h: number) => new Date(FIXED_NOW - h * 3600_000).toISOString();
interface Caller {
  id: string;
  role: AccountRole;
  token?: string;
}
const LEADER: Caller = { id: 'leader', role: 'teamleader' };
const CHIEF: Caller = { id: 'chief', role: 'chief' };
const FIELD: Caller = { id: 'field', role: 'field' };

function offset(metres: number, bearingDeg: number) {
  const [lon, lat] = destination([RYD.lon, RYD.lat], metres, bearingDeg, { units: 'meters' }).geometry.coordinates as [number, number];
  return { lat, lon };
}

describe.each(databaseTargets())('moderation API on $name', (target) => {
  let t: Awaited<ReturnType<typeof makeTestApp>>;
  const ids: Record<string, string> = {};
  let n = 0;
  /** Each filed report one minute after the previous one, so "newest first" has an order. */
  let clock = FIXED_NOW;

  /** Calls as the user behind an API token with all of the role's permissions. */
  const call = (who: Caller | null, method: string, path: string, body?: unknown) =>
    t.app.request(path, { method, headers: { 'Content-Type': 'application/json', ...(who ? { Authorization: `Bearer ${who.token}` } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}) });

  async function file(name: string, category: string, p: { lat: number; lon: number }, hoursAgo: number, extra: Record<string, string> = {}) {
    clock += 60_000;
    const fd = new FormData();
    for (const [k, v] of Object.entries({ category, lat: String(p.lat), lon: String(p.lon), observedAt: at(hoursAgo), ...extra })) fd.append(k, v);
    const res = await t.app.request('/api/public/reports', { method: 'POST', body: fd }, { incoming: { socket: { remoteAddress: `10.1.0.${++n}` } } });
    expect(res.status).toBe(201);
    ids[name] = ((await res.json()) as { report: { id: string } }).report.id;
  }

  beforeAll(async () => {
    t = await makeTestApp(target, { now: () => clock });
    for (const who of [LEADER, CHIEF, FIELD]) {
      await insertUser(t.sql, { id: who.id, email: `${who.id}@example.se`, passwordHash: 'scrypt$unused', role: who.role, team: null, at: new Date(FIXED_NOW) });
      who.token = (await createApiToken(t.sql, { name: `test ${who.id}`, userId: who.id, scopes: MATRIX[who.role], createdBy: null, nowMs: FIXED_NOW, expiresMs: null })).token;
    }
    await file('a', 'klotter', RYD, 6, { description: 'Klotter på tunneln', email: 'boende@example.se', consent: 'on' });
    await file('b', 'klotter', offset(40, 90), 4, { description: 'Nytt klotter' });
    await file('far', 'klotter', offset(300, 90), 5);
    await file('other', 'narkotika', offset(10, 0), 5);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lists new reports newest first, suggesting 40 m / 2 h apart and not 300 m', async () => {
    const res = await call(LEADER, 'GET', '/api/moderation/queue');
    expect(res.status).toBe(200);
    const page = (await res.json()) as { items: { id: string; duplicates: { report: { id: string }; distanceM: number; gapH: number }[] }[] };
    expect(page.items.map((i) => i.id)).toEqual([ids.other, ids.far, ids.b, ids.a]);
    const a = page.items.find((i) => i.id === ids.a)!;
    expect(a.duplicates.map((d) => d.report.id)).toEqual([ids.b]);
    expect(a.duplicates[0]!.distanceM).toBe(40);
    expect(a.duplicates[0]!.gapH).toBe(2);
    expect(page.items.find((i) => i.id === ids.b)!.duplicates.map((d) => d.report.id)).toEqual([ids.a]);
    expect(page.items.find((i) => i.id === ids.far)!.duplicates).toEqual([]);
    const [logged] = await t.sql`select actor_id, action from audit_log where target = 'moderation:queue'`;
    expect(logged).toMatchObject({ actor_id: 'leader', action: 'reports.read-exact' });
  });

  it('filters the queue by category', async () => {
    const page = (await (await call(LEADER, 'GET', '/api/moderation/queue?category=narkotika')).json()) as { items: { id: string }[] };
    expect(page.items.map((i) => i.id)).toEqual([ids.other]);
  });

  it('refuses the queue to residents (401) and field workers (403)', async () => {
    expect((await call(null, 'GET', '/api/moderation/queue')).status).toBe(401);
    expect((await call(FIELD, 'GET', '/api/moderation/queue')).status).toBe(403);
  });

  it('approves with a public note; the public then sees the text and note', async () => {
    const res = await call(LEADER, 'POST', `/api/moderation/reports/${ids.a}/actions`, { action: 'approve', note: 'Vi har beställt sanering.' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { status: string; publicNote: string; actions: { action: string; actor: string; at: string; toStatus: string }[] };
    expect(body.status).toBe('approved');
    expect(body.actions).toEqual([expect.objectContaining({ action: 'approve', actor: 'leader@example.se', toStatus: 'approved', at: new Date(clock).toISOString() })]);
    type Pins = { features: { properties: { id: string; description: string | null; publicNote: string | null } }[] };
    const publicPins = async () => ((await (await t.app.request('/api/public/pins?days=7')).json()) as Pins).features;
    // Alone in its cell it stays hidden (fewer than 3 public reports); two approved neighbours draw it.
    expect((await publicPins()).map((f) => f.properties.id)).not.toContain(ids.a);
    await file('n1', 'klotter', RYD, 8);
    await file('n2', 'klotter', RYD, 9);
    for (const id of [ids.n1!, ids.n2!]) expect((await call(LEADER, 'POST', `/api/moderation/reports/${id}/actions`, { action: 'approve' })).status).toBe(200);
    const pins = await publicPins();
    const pin = pins.find((f) => f.properties.id === ids.a)!;
    expect(pin.properties.description).toBe('Klotter på tunneln');
    expect(pin.properties.publicNote).toBe('Vi har beställt sanering.');
    expect(pins.map((f) => f.properties.id)).not.toContain(ids.b); // not approved
  });

  it('merges a duplicate into another and hides it from the public map', async () => {
    const res = await call(LEADER, 'POST', `/api/moderation/reports/${ids.b}/actions`, { action: 'merge', into: ids.a });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { status: string; mergedInto: string }).mergedInto).toBe(ids.a);
    const pins = (await (await t.app.request('/api/public/pins?days=7')).json()) as { features: { properties: { id: string } }[] };
    expect(pins.features.map((f) => f.properties.id)).not.toContain(ids.b);
    const again = await call(LEADER, 'POST', `/api/moderation/reports/${ids.b}/actions`, { action: 'approve' });
    expect(again.status).toBe(422);
  });

  it('refuses merging a report into itself or a missing report with 422', async () => {
    expect((await call(LEADER, 'POST', `/api/moderation/reports/${ids.far}/actions`, { action: 'merge', into: ids.far })).status).toBe(422);
    expect((await call(LEADER, 'POST', `/api/moderation/reports/${ids.far}/actions`, { action: 'merge', into: '00000000-0000-4000-8000-000000000000' })).status).toBe(422);
  });

  it('rejects with a reason and recategorises, recording both', async () => {
    expect((await call(LEADER, 'POST', `/api/moderation/reports/${ids.other}/actions`, { action: 'recategorise', category: 'ordningsstorning' })).status).toBe(200);
    const res = await call(CHIEF, 'POST', `/api/moderation/reports/${ids.other}/actions`, { action: 'reject', reason: 'not-our-matter' });
    const body = (await res.json()) as { status: string; category: string; rejectReason: string; actions: { action: string; actor: string; fromCategory: string | null; toCategory: string | null; reason: string | null }[] };
    expect(body).toMatchObject({ status: 'rejected', category: 'ordningsstorning', rejectReason: 'not-our-matter' });
    expect(body.actions.map((a) => [a.action, a.actor, a.fromCategory, a.toCategory, a.reason])).toEqual([
      ['recategorise', 'leader@example.se', 'narkotika', 'ordningsstorning', null],
      ['reject', 'chief@example.se', null, null, 'not-our-matter'],
    ]);
    const bad = await call(LEADER, 'POST', `/api/moderation/reports/${ids.far}/actions`, { action: 'reject', reason: 'boring' });
    expect(bad.status).toBe(422);
  });

  it('shows the e-mail only with contacts:read, and logs the read', async () => {
    expect((await call(LEADER, 'GET', `/api/moderation/reports/${ids.a}/contact`)).status).toBe(403);
    const res = await call(CHIEF, 'GET', `/api/moderation/reports/${ids.a}/contact`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { email: string }).email).toBe('boende@example.se');
    const rows = await t.sql`select actor_id from audit_log where action = 'contacts.read' and target = ${`report:${ids.a}`}`;
    expect(rows.map((r) => r.actor_id)).toEqual(['chief']);
    const queue = await (await call(CHIEF, 'GET', '/api/moderation/queue?status=approved')).text();
    expect(queue).not.toContain('boende@example.se');
  });

  it('deletes the e-mail address when the case is closed, as the consent text promises', async () => {
    expect((await t.sql`select count(*)::int as n from report_contacts where report_id = ${ids.a!}`)[0]!.n).toBe(1);
    const closed = await call(CHIEF, 'POST', `/api/moderation/reports/${ids.a}/actions`, { action: 'close' });
    expect(closed.status).toBe(200);
    expect((await t.sql`select count(*)::int as n from report_contacts where report_id = ${ids.a!}`)[0]!.n).toBe(0);
    expect((await call(CHIEF, 'GET', `/api/moderation/reports/${ids.a}/contact`)).status).toBe(404);
  });
});
