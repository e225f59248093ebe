// The reports API through app.request(), on PGlite and (when configured) a real PostgreSQL server.
import { FIELD_ERROR_CODES, PROBLEM_CODES } from '../../server/http/problem-codes.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latLngToCell } from 'h3-js';
import { databaseTargets } from '../helpers/databases.ts';
import { FIXED_NOW, makeTestApp } from '../helpers/test-app.ts';

const RYD = { lat: 58.40837, lon: 15.564625 };
const SKAGGETORP = { lat: 58.42611, lon: 15.583248 };
const BERGA = { lat: 58.3885, lon: 15.6385 };
const STOCKHOLM = { lat: 59.3293, lon: 18.0686 };
const hoursAgo = (h: number) => new Date(FIXED_NOW - h * 3600_000).toISOString();

describe.each(databaseTargets())('reports API on $name', (target) => {
  let t: Awaited<ReturnType<typeof makeTestApp>>;
  const count = async () => Number((await t.sql`select count(*) as n from reports`)[0]!.n);

  beforeAll(async () => {
    t = await makeTestApp(target, { as: 'chief' }); // reads exact reports: needs reports:read
  });
  afterAll(async () => {
    await t?.close();
  });

  async function problem(res: Response, status: number) {
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const body = (await res.json()) as { status: number; code: string; detail: string; title: string; errors?: { path: string; code?: string }[] } & Record<string, unknown>;
    expect(body.status).toBe(status);
    // A stable code from the registry, with every structured member its text may use.
    expect(Object.keys(PROBLEM_CODES)).toContain(body.code);
    for (const param of PROBLEM_CODES[body.code as keyof typeof PROBLEM_CODES].params ?? []) expect(body).toHaveProperty(param);
    for (const e of body.errors ?? []) expect([...Object.keys(FIELD_ERROR_CODES), ...Object.keys(PROBLEM_CODES)]).toContain(e.code);
    expect(body.detail.length).toBeGreaterThan(10);
    expect(JSON.stringify(body)).not.toMatch(/at .*\.(ts|js):\d+/); // no stack trace
    return body;
  }

  it('creates a report with its H3 cell and district', async () => {
    const res = await t.json('POST', '/api/reports', { category: 'brand', ...RYD, observedAt: hoursAgo(2), description: 'Brand i papperskorg', source: 'resident' });
    expect(res.status).toBe(201);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body.cell).toBe(latLngToCell(RYD.lat, RYD.lon, 10));
    expect(body.district).toBe('ryd');
    expect(body.observedFrom).toBe(body.observedTo);
    expect(body.status).toBe('new');
    expect(res.headers.get('location')).toBe(`/api/reports/${body.id}`);
    const again = await t.app.request(`/api/reports/${body.id}`);
    expect(await again.json()).toEqual(body);
  });

  it('assigns each district by its polygon', async () => {
    for (const [pt, district] of [[SKAGGETORP, 'skaggetorp'], [BERGA, 'berga']] as const) {
      const res = await t.json('POST', '/api/reports', { category: 'klotter', ...pt, observedFrom: hoursAgo(10), observedTo: hoursAgo(2) });
      expect(res.status).toBe(201);
      expect(((await res.json()) as { district: string }).district).toBe(district);
    }
  });

  it('refuses a point outside every district with 422 naming the districts', async () => {
    const before = await count();
    const body = await problem(await t.json('POST', '/api/reports', { category: 'brand', ...STOCKHOLM, observedAt: hoursAgo(1) }), 422);
    expect(body.detail).toMatch(/Berga/);
    expect(body.detail).toMatch(/Ryd/);
    expect(body.detail).toMatch(/Skäggetorp/);
    expect(body).toMatchObject({ code: 'outside-area', lat: STOCKHOLM.lat, lon: STOCKHOLM.lon });
    expect(body.districts).toEqual(expect.arrayContaining(['Berga', 'Ryd', 'Skäggetorp']));
    expect(await count()).toBe(before);
  });

  it('answers malformed JSON with 400 problem+json', async () => {
    await problem(await t.json('POST', '/api/reports', '{"category": "brand",'), 400);
  });

  it('answers wrong types and out-of-range coordinates with 422 listing the fields', async () => {
    const wrong = await problem(await t.json('POST', '/api/reports', { category: 'brand', lat: '58.4', lon: 15.5, observedAt: hoursAgo(1) }), 422);
    expect(wrong.errors?.map((e) => e.path)).toContain('lat');
    const range = await problem(await t.json('POST', '/api/reports', { category: 'brand', lat: 91, lon: 200, observedAt: hoursAgo(1) }), 422);
    expect(range.errors?.map((e) => e.path).sort()).toEqual(['lat', 'lon']);
    const cat = await problem(await t.json('POST', '/api/reports', { category: 'ufo', ...RYD, observedAt: hoursAgo(1) }), 422);
    expect(cat.errors?.[0]?.path).toBe('category');
    await problem(await t.json('POST', '/api/reports', { category: 'brand', ...RYD, observedAt: hoursAgo(1), extra: 1 }), 422);
    await problem(await t.json('POST', '/api/reports', [1, 2]), 422);
  });

  it('enforces the observation window rules', async () => {
    await problem(await t.json('POST', '/api/reports', { category: 'brand', ...RYD }), 422);
    await problem(await t.json('POST', '/api/reports', { category: 'brand', ...RYD, observedAt: new Date(FIXED_NOW + 3600_000).toISOString() }), 422);
    await problem(await t.json('POST', '/api/reports', { category: 'brand', ...RYD, observedFrom: hoursAgo(24 * 8), observedTo: hoursAgo(1) }), 422);
    await problem(await t.json('POST', '/api/reports', { category: 'brand', ...RYD, observedFrom: hoursAgo(1), observedTo: hoursAgo(3) }), 422);
    await problem(await t.json('POST', '/api/reports', { category: 'brand', ...RYD, observedAt: hoursAgo(1), observedFrom: hoursAgo(2), observedTo: hoursAgo(1) }), 422);
    await problem(await t.json('POST', '/api/reports', { category: 'brand', ...RYD, observedAt: '2026-11-20 10:00' }), 422);
    const ok = await t.json('POST', '/api/reports', { category: 'brand', ...RYD, observedFrom: hoursAgo(24 * 7), observedTo: hoursAgo(0) });
    expect(ok.status).toBe(201);
  });

  it('limits the description to 2,000 characters of plain text', async () => {
    await problem(await t.json('POST', '/api/reports', { category: 'ovrigt', ...RYD, observedAt: hoursAgo(1), description: 'x'.repeat(2001) }), 422);
    const res = await t.json('POST', '/api/reports', { category: 'ovrigt', ...RYD, observedAt: hoursAgo(1), description: '  <script>alert(1)</script>\u0007 ' });
    expect(((await res.json()) as { description: string }).description).toBe('<script>alert(1)</script>');
  });

  it('refuses a 5 MB body with 413 and stores nothing', async () => {
    const before = await count();
    const big = JSON.stringify({ category: 'brand', ...RYD, observedAt: hoursAgo(1), description: 'x'.repeat(5 * 1024 * 1024) });
    await problem(await t.json('POST', '/api/reports', big), 413);
    expect(await count()).toBe(before);
  });

  it('stores one row for a repeated Idempotency-Key and replays the first answer', async () => {
    const before = await count();
    const body = { category: 'narkotika', ...RYD, observedAt: hoursAgo(3) };
    const headers = { 'Idempotency-Key': `k-${target.name}-1` };
    const answers = await Promise.all([1, 2, 3].map(() => t.json('POST', '/api/reports', body, headers)));
    const ids = await Promise.all(answers.map(async (r) => ((await r.json()) as { id: string }).id));
    expect(answers.map((r) => r.status)).toEqual([201, 201, 201]);
    expect(new Set(ids).size).toBe(1);
    const later = await t.json('POST', '/api/reports', body, headers);
    expect(((await later.json()) as { id: string }).id).toBe(ids[0]);
    expect(later.headers.get('idempotent-replayed')).toBe('true');
    expect(await count()).toBe(before + 1);
    await problem(await t.json('POST', '/api/reports', { ...body, category: 'brand' }, headers), 422);
    await problem(await t.json('POST', '/api/reports', body, { 'Idempotency-Key': '' }), 400);
  });

  it('answers each of many simultaneous submissions (written together in batches) as if it had come alone', async () => {
    const before = await count();
    const body = (i: number) => ({ category: 'nedskrapning', ...RYD, observedAt: hoursAgo(1 + (i % 5)), description: `samtidig ${i}` });
    const key = (i: number) => ({ 'Idempotency-Key': `burst-${target.name}-${i % 10}` });
    // 40 unkeyed, 30 sharing 10 keys (3 each, same body), and one reusing a key with another body.
    const sends = [
      ...Array.from({ length: 40 }, (_, i) => ({ kind: 'plain' as const, i, res: t.json('POST', '/api/reports', body(100 + i)) })),
      ...Array.from({ length: 30 }, (_, i) => ({ kind: 'keyed' as const, i: i % 10, res: t.json('POST', '/api/reports', body(i % 10), key(i)) })),
    ];
    const answers = await Promise.all(sends.map(async (s) => ({ ...s, status: (await s.res).status, body: (await (await s.res).json()) as { id: string; description: string } })));
    expect(answers.every((a) => a.status === 201)).toBe(true);
    for (const a of answers) expect(a.body.description).toBe(`samtidig ${a.kind === 'plain' ? 100 + a.i : a.i}`);
    const plainIds = new Set(answers.filter((a) => a.kind === 'plain').map((a) => a.body.id));
    expect(plainIds.size).toBe(40);
    for (let k = 0; k < 10; k++) {
      expect(new Set(answers.filter((a) => a.kind === 'keyed' && a.i === k).map((a) => a.body.id)).size).toBe(1);
    }
    expect(await count()).toBe(before + 40 + 10);
    await problem(await t.json('POST', '/api/reports', body(42), key(3)), 422);
    const stored = await t.sql`select count(*)::int as n from reports where description like 'samtidig %'`;
    expect(stored[0]!.n).toBe(50);
  });

  it('answers unknown ids with 404 and malformed ids with 400', async () => {
    await problem(await t.app.request('/api/reports/6f1c1d2e-0000-4000-8000-000000000000'), 404);
    await problem(await t.app.request('/api/reports/not-a-uuid'), 400);
    await problem(await t.app.request('/api/nothing-here'), 404);
  });

  describe('listing', () => {
    beforeAll(async () => {
      await t.sql`delete from reports`;
      const posts = [];
      for (let i = 0; i < 25; i++) {
        const pt = [RYD, SKAGGETORP, BERGA][i % 3]!;
        posts.push({ category: i % 2 ? 'brand' : 'klotter', lat: pt.lat + i * 1e-5, lon: pt.lon, observedAt: hoursAgo(i * 10 + 1), source: 'staff' });
      }
      for (const p of posts) expect((await t.json('POST', '/api/reports', p)).status).toBe(201);
    });

    it('pages through every report with the cursor, newest first', async () => {
      const seen: string[] = [];
      const times: string[] = [];
      let cursor: string | null = null;
      do {
        const res: Response = await t.app.request(`/api/reports?limit=7${cursor ? `&cursor=${cursor}` : ''}`);
        expect(res.status).toBe(200);
        const page = (await res.json()) as { items: { id: string; observedTo: string }[]; nextCursor: string | null };
        expect(page.items.length).toBeLessThanOrEqual(7);
        seen.push(...page.items.map((r) => r.id));
        times.push(...page.items.map((r) => r.observedTo));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toHaveLength(25);
      expect(new Set(seen).size).toBe(25);
      expect([...times].sort().reverse()).toEqual(times);
    });

    it('filters by district, category, time range, bbox and status', async () => {
      const get = async (q: string) => ((await (await t.app.request(`/api/reports?limit=1000&${q}`)).json()) as { items: { district: string; category: string; observedTo: string; lat: number }[] }).items;
      expect((await get('district=ryd')).every((r) => r.district === 'ryd')).toBe(true);
      expect(await get('district=ryd')).toHaveLength(9);
      expect(await get('districts=ryd,berga')).toHaveLength(17);
      expect((await get('category=brand')).every((r) => r.category === 'brand')).toBe(true);
      expect(await get('category=brand')).toHaveLength(12);
      expect(await get(`from=${encodeURIComponent(hoursAgo(50))}`)).toHaveLength(5);
      expect(await get(`from=${encodeURIComponent(hoursAgo(50))}&to=${encodeURIComponent(hoursAgo(20))}`)).toHaveLength(3);
      expect(await get('bbox=15.55,58.40,15.57,58.42')).toHaveLength(9);
      expect(await get('status=new')).toHaveLength(25);
      expect(await get('status=closed')).toHaveLength(0);
    });

    it('caps a page at 1,000 and rejects bad filters with 400', async () => {
      await problem(await t.app.request('/api/reports?limit=1001'), 400);
      await problem(await t.app.request('/api/reports?bbox=1,2,3'), 400);
      await problem(await t.app.request('/api/reports?category=ufo'), 400);
      await problem(await t.app.request('/api/reports?from=yesterday'), 400);
      await problem(await t.app.request('/api/reports?cursor=garbage'), 400);
    });

    it('serves pins as compact GeoJSON with the total', async () => {
      const res = await t.app.request('/api/reports/pins?categories=brand');
      const fc = (await res.json()) as { type: string; total: number; truncated: boolean; features: { geometry: { coordinates: number[] }; properties: { category: string } }[] };
      expect(fc.type).toBe('FeatureCollection');
      expect(fc.total).toBe(12);
      expect(fc.truncated).toBe(false);
      expect(fc.features.every((f) => f.properties.category === 'brand' && f.geometry.coordinates.length === 2)).toBe(true);
      const few = (await (await t.app.request('/api/reports/pins?limit=5')).json()) as { total: number; truncated: boolean; features: unknown[] };
      expect(few.features).toHaveLength(5);
      expect(few.truncated).toBe(true);
    });
  });
});
