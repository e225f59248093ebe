// What the anonymous public sees (GET /api/public/pins, GET /api/reports/pins, Open311 GET
// requests): approved reports of public sources and categories in cells with ≥ 3 of them;
// police and hot-vald/narkotika reports only as weekly counts; staff see everything; an
// admin's change is audit-logged and takes effect at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { latLngToCell } from 'h3-js';
import { databaseTargets } from '../helpers/databases.ts';
import { FIXED_NOW, makeTestApp, type SignedIn } from '../helpers/test-app.ts';
import { insertReport } from '../../server/db/queries/reports.ts';
import type { CategoryCode, Source, Status } from '../../server/domain/categories.ts';
import { makeDisclosurePolicy, suppressSmallCells } from '../../server/domain/disclosure.ts';

/** Three points in Ryd, each in its own H3 resolution-10 cell. */
const A = { lat: 58.40837, lon: 15.564625 };
const B = { lat: 58.4105, lon: 15.5646 };
const C = { lat: 58.4063, lon: 15.5646 };
const hoursAgo = (h: number) => new Date(FIXED_NOW - h * 3600_000);

interface Planted {
  at: { lat: number; lon: number };
  category: CategoryCode;
  source: Source;
  approved: boolean;
  status?: Status;
}

describe('disclosure policy', () => {
  it('withholds police reports and hot-vald/narkotika by default and lays overrides over the defaults', () => {
    const p = makeDisclosurePolicy([]);
    expect(p.sources).toEqual(['resident', 'partner', 'demo']);
    expect(p.categories).not.toContain('hot-vald');
    expect(p.categories).not.toContain('narkotika');
    expect(p.categories).toContain('klotter');
    const q = makeDisclosurePolicy([{ kind: 'category', value: 'narkotika', public: true }, { kind: 'source', value: 'demo', public: false }]);
    expect(q.categories).toContain('narkotika');
    expect(q.sources).toEqual(['resident', 'partner']);
  });

  it('keeps only cells with at least the minimum number of rows', () => {
    const rows = ['a', 'a', 'a', 'b', 'b', 'c'].map((cell, i) => ({ cell, i }));
    expect(suppressSmallCells(rows, 3).map((r) => r.i)).toEqual([0, 1, 2]);
    expect(suppressSmallCells(rows, 2).map((r) => r.i)).toEqual([0, 1, 2, 3, 4]);
  });
});

describe.each(databaseTargets())('public disclosure on %s', (target) => {
  let t: Awaited<ReturnType<typeof makeTestApp>>;
  let admin: SignedIn;
  let chief: SignedIn;
  const ids = new Map<string, string[]>();

  async function plant(label: string, p: Planted, n = 1) {
    for (let i = 0; i < n; i++) {
      const id = randomUUID();
      const cell = latLngToCell(p.at.lat, p.at.lon, 10);
      await insertReport(t.sql, {
        id, category: p.category, lat: p.at.lat, lon: p.at.lon, cell, districtId: 'ryd',
        observedFrom: hoursAgo(30 + i), observedTo: hoursAgo(29 + i), description: `${label} text`, source: p.source, status: 'new',
      });
      const status = p.status ?? (p.approved ? 'approved' : 'new');
      await t.sql`update reports set status = ${status}, text_public = ${p.approved}, created_at = ${hoursAgo(28)} where id = ${id}`;
      ids.set(label, [...(ids.get(label) ?? []), id]);
    }
  }

  beforeAll(async () => {
    t = await makeTestApp(target);
    admin = await t.signIn('admin');
    chief = await t.signIn('chief');
    await plant('shown', { at: A, category: 'klotter', source: 'resident', approved: true }, 2);
    await plant('shown', { at: A, category: 'nedskrapning', source: 'partner', approved: true });
    await plant('police', { at: A, category: 'klotter', source: 'police', approved: true }, 3);
    await plant('violence', { at: A, category: 'hot-vald', source: 'resident', approved: true });
    await plant('drugs', { at: A, category: 'narkotika', source: 'partner', approved: true });
    await plant('unapproved', { at: A, category: 'klotter', source: 'resident', approved: false }, 3);
    await plant('rejected', { at: A, category: 'klotter', source: 'resident', approved: false, status: 'rejected' });
    await plant('staff', { at: A, category: 'klotter', source: 'staff', approved: false, status: 'confirmed' });
    // B: two public reports, made up to four by withheld ones — still too few to draw.
    await plant('small', { at: B, category: 'klotter', source: 'resident', approved: true }, 2);
    await plant('small-police', { at: B, category: 'klotter', source: 'police', approved: false }, 1);
    await plant('small-violence', { at: B, category: 'hot-vald', source: 'resident', approved: true }, 1);
    // C: three approved reports, but one falls outside a 1-day window.
    await plant('window', { at: C, category: 'brand', source: 'resident', approved: true }, 2);
    const old = randomUUID();
    await insertReport(t.sql, { id: old, category: 'brand', lat: C.lat, lon: C.lon, cell: latLngToCell(C.lat, C.lon, 10), districtId: 'ryd', observedFrom: hoursAgo(24 * 20), observedTo: hoursAgo(24 * 20 - 1), description: null, source: 'resident', status: 'new' });
    await t.sql`update reports set status = 'approved', text_public = true, created_at = ${hoursAgo(24 * 20)} where id = ${old}`;
    ids.set('window-old', [old]);
  });
  afterAll(async () => t?.close());

  const publicPins = async (query = 'days=30') => {
    const res = await t.bare.request(`/api/public/pins?${query}`);
    expect(res.status).toBe(200);
    return ((await res.json()) as { features: { properties: { id: string; cell: string } }[] }).features.map((f) => f.properties);
  };
  const open311 = async (query = '') => {
    const res = await t.bare.request(`/open311/v2/requests.json?${query}`);
    expect(res.status).toBe(200);
    return ((await res.json()) as { service_request_id: string; h3_cell: string }[]).map((r) => r.service_request_id);
  };
  const withheld = () => ['police', 'violence', 'drugs', 'unapproved', 'rejected', 'staff', 'small', 'small-police', 'small-violence'].flatMap((l) => ids.get(l)!);
  const sorted = (xs: string[]) => [...xs].sort();

  it('shows anonymous visitors only approved public reports in cells with at least 3 of them', async () => {
    const all = await publicPins('days=30');
    expect(sorted(all.map((p) => p.id))).toEqual(sorted([...ids.get('shown')!, ...ids.get('window')!, ...ids.get('window-old')!]));
    for (const id of withheld()) expect(all.map((p) => p.id)).not.toContain(id);
    // Within 7 days only two of C's reports fall: C is not drawn.
    const week = await publicPins('days=7');
    expect(sorted(week.map((p) => p.id))).toEqual(sorted(ids.get('shown')!));
    expect(JSON.stringify(week)).not.toContain('unapproved text');
  });

  it('applies the same rule to the anonymous main map (GET /api/reports/pins)', async () => {
    const res = await t.bare.request(`/api/reports/pins?from=${encodeURIComponent(hoursAgo(24 * 7).toISOString())}`);
    const body = (await res.json()) as { masked: boolean; total: number; features: { properties: { cell: string; category: string } }[] };
    expect(body.masked).toBe(true);
    expect(body.total).toBe(3);
    const cellA = latLngToCell(A.lat, A.lon, 10);
    expect(body.features.map((f) => f.properties.cell)).toEqual([cellA, cellA, cellA]);
    expect(body.features.map((f) => f.properties.category).sort()).toEqual(['klotter', 'klotter', 'nedskrapning']);
  });

  it('applies the same rule to Open311 GET requests, by list and by id', async () => {
    const listed = await open311(`start_date=${encodeURIComponent(hoursAgo(24 * 7).toISOString())}`);
    expect(sorted(listed)).toEqual(sorted(ids.get('shown')!));
    const everything = await open311();
    for (const id of withheld()) expect(everything).not.toContain(id);
    for (const id of [ids.get('police')![0]!, ids.get('violence')![0]!, ids.get('drugs')![0]!, ids.get('unapproved')![0]!, ids.get('small')![0]!]) {
      expect((await t.bare.request(`/open311/v2/requests/${id}.json`)).status).toBe(404);
      expect(await open311(`service_request_id=${id}`)).toEqual([]);
    }
    const shown = ids.get('shown')![0]!;
    expect((await t.bare.request(`/open311/v2/requests/${shown}.json`)).status).toBe(200);
  });

  it('lets staff see every report', async () => {
    const res = await t.bare.request('/api/reports?limit=1000', { headers: chief.headers });
    const items = ((await res.json()) as { items: { id: string }[] }).items.map((r) => r.id);
    for (const id of [...withheld(), ...ids.get('shown')!]) expect(items).toContain(id);
    const pins = (await (await t.bare.request('/api/reports/pins', { headers: chief.headers })).json()) as { masked: boolean; total: number };
    expect(pins.masked).toBe(false);
    expect(pins.total).toBe([...ids.values()].flat().length);
  });

  it('publishes the withheld reports as weekly counts per district only', async () => {
    const res = await t.bare.request('/api/public/weekly-counts?weeks=2');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { weeks: string[]; withheld: { categories: string[]; sources: string[] }; rows: { district: string; week: string; category: string; count: number }[] };
    expect(body.weeks).toEqual(['2026-11-09', '2026-11-16']);
    expect(body.withheld).toEqual({ categories: ['narkotika', 'hot-vald'], sources: ['staff', 'police'] });
    const counts = Object.fromEntries(body.rows.map((r) => [`${r.district}/${r.week}/${r.category}`, r.count]));
    // police: 3 in A + 1 in B (klotter); hot-vald: 2 approved; narkotika: 1; staff: 1 confirmed klotter.
    expect(counts).toEqual({ 'ryd/2026-11-16/klotter': 5, 'ryd/2026-11-16/hot-vald': 2, 'ryd/2026-11-16/narkotika': 1 });
    expect(JSON.stringify(body)).not.toMatch(/lat|lon|cell/);
  });

  it('lets only an admin change what is public; the change is audit-logged and takes effect at once', async () => {
    const change = { kind: 'category', value: 'hot-vald', public: true };
    expect((await t.bare.request('/api/admin/disclosure', { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(change) })).status).toBe(401);
    expect((await t.bare.request('/api/admin/disclosure', { method: 'PUT', headers: { ...chief.headers, 'Content-Type': 'application/json' }, body: JSON.stringify(change) })).status).toBe(403);
    const bad = await t.bare.request('/api/admin/disclosure', { method: 'PUT', headers: { ...admin.headers, 'Content-Type': 'application/json' }, body: JSON.stringify({ kind: 'category', value: 'nope', public: true }) });
    expect(bad.status).toBe(422);

    const res = await t.bare.request('/api/admin/disclosure', { method: 'PUT', headers: { ...admin.headers, 'Content-Type': 'application/json' }, body: JSON.stringify(change) });
    expect(res.status).toBe(200);
    const settings = (await res.json()) as { categories: { value: string; public: boolean; default: boolean }[] };
    expect(settings.categories.find((c) => c.value === 'hot-vald')).toMatchObject({ public: true, default: false });
    const [entry] = await t.sql<{ action: string; target: string; actor_id: string; detail: { public: boolean; before: boolean } }[]>`
      select action, target, actor_id, detail from audit_log where action = 'disclosure.update'`;
    expect(entry).toMatchObject({ target: 'category:hot-vald', actor_id: admin.user.id, detail: { public: true, before: false } });

    const pins = await publicPins('days=7');
    expect(pins.map((p) => p.id)).toContain(ids.get('violence')![0]);
    // B now holds three public reports (small ×2, small-violence): drawn.
    for (const id of [...ids.get('small')!, ...ids.get('small-violence')!]) expect(pins.map((p) => p.id)).toContain(id);
    expect(pins.map((p) => p.id)).not.toContain(ids.get('small-police')![0]);
    expect(await open311(`start_date=${encodeURIComponent(hoursAgo(24 * 7).toISOString())}`)).toContain(ids.get('violence')![0]);

    // Police made public: their three approved reports in A join (unmoderated sources need no approval).
    await t.bare.request('/api/admin/disclosure', { method: 'PUT', headers: { ...admin.headers, 'Content-Type': 'application/json' }, body: JSON.stringify({ kind: 'source', value: 'police', public: true }) });
    const withPolice = await publicPins('days=7');
    for (const id of ids.get('police')!) expect(withPolice.map((p) => p.id)).toContain(id);
    expect(withPolice.map((p) => p.id)).toContain(ids.get('small-police')![0]);
    const get = await t.bare.request('/api/admin/disclosure', { headers: admin.headers });
    expect(((await get.json()) as { sources: { value: string; public: boolean }[] }).sources.find((s) => s.value === 'police')?.public).toBe(true);
  });
});
