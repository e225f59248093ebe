// The weekly lägesbild end to end on a planted week: 12 "skadegörelse" reports in Skäggetorp
// centrum in 2026-W10 against 1–2 a week before → a significant rise; a steady category is not
// flagged; the PDF holds the week, districts, categories and actions and every page renders;
// the meeting freezes the week (late reports change neither JSON nor PDF, and show next week);
// a partner reads only its districts and never contact data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { databaseTargets } from '../helpers/databases.ts';
import { makeTestApp, type SignedIn } from '../helpers/test-app.ts';
import { insertReports } from '../../server/db/queries/reports.ts';
import { prepareReport } from '../../server/domain/report.ts';
import { fromWallClock } from '../../server/domain/stockholm-time.ts';
import type { CategoryCode } from '../../server/domain/categories.ts';
import type { DistrictIndex } from '../../server/domain/district-index.ts';

/** Skäggetorp centrum, well inside the (approximate) district polygon. */
const SKAGGETORP = { lat: 58.42611, lon: 15.58325 };
const RYD = { lat: 58.4075, lon: 15.5645 };
// 2026-W10: Monday 2 March – Sunday 8 March 2026. Baseline: W02–W09 (5 January – 1 March).
const W10_MONDAY = [2026, 3, 2] as const;

function at(weekOffset: number, dayOffset: number, hour: number): number {
  const [y, m, d] = W10_MONDAY;
  const day = new Date(Date.UTC(y, m - 1, d + weekOffset * 7 + dayOffset));
  return fromWallClock(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate(), hour, 15);
}

function row(index: DistrictIndex, p: { lat: number; lon: number }, category: CategoryCode, ms: number, jitter = 0) {
  return prepareReport({ category, lat: p.lat + jitter * 0.0001, lon: p.lon + jitter * 0.00013, observedAt: new Date(ms), source: 'staff' }, index, randomUUID(), Date.now());
}

function pdfText(pdf: Uint8Array): { text: string; pages: number; rendered: number } {
  const dir = mkdtempSync(join(tmpdir(), 'lagesbild-'));
  try {
    const file = join(dir, 'l.pdf');
    writeFileSync(file, pdf);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1]);
    execFileSync('pdftoppm', ['-r', '20', '-png', file, join(dir, 'page')]);
    const rendered = readdirSync(dir).filter((f) => f.startsWith('page') && f.endsWith('.png')).length;
    return { text, pages, rendered };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe.each(databaseTargets())('lägesbild on $name', (target) => {
  let t: Awaited<ReturnType<typeof makeTestApp>>;
  let index: DistrictIndex;
  let partner: SignedIn;
  let admin: SignedIn;

  beforeAll(async () => {
    // The real clock: reports' created_at comes from the database's now(), compared with the freeze time.
    t = await makeTestApp(target, { as: 'chief', now: Date.now });
    const { makeAreaCache } = await import('../../server/area-cache.ts');
    index = await makeAreaCache(t.sql).index();
    const rows = [];
    // Baseline weeks W02–W09: 1–2 skadegörelse a week in Skäggetorp centrum; 3 klotter every week.
    for (let w = -8; w < 0; w++) {
      for (let i = 0; i < (w % 2 === 0 ? 2 : 1); i++) rows.push(row(index, SKAGGETORP, 'skadegorelse', at(w, 2, 20 + i), i));
      for (let i = 0; i < 3; i++) rows.push(row(index, SKAGGETORP, 'klotter', at(w, i, 14), i));
      rows.push(row(index, RYD, 'nedskrapning', at(w, 3, 10)));
    }
    // The planted week W10: 12 skadegörelse, the same 3 klotter.
    for (let i = 0; i < 12; i++) rows.push(row(index, SKAGGETORP, 'skadegorelse', at(0, i % 7, 18 + (i % 5)), i % 4));
    for (let i = 0; i < 3; i++) rows.push(row(index, SKAGGETORP, 'klotter', at(0, i, 14), i));
    rows.push(row(index, RYD, 'nedskrapning', at(0, 3, 10)));
    await insertReports(t.sql, rows, 'insert');

    admin = await t.signIn('admin');
    partner = await t.signIn('partner');
    const put = (path: string, body: unknown) => t.bare.request(path, { method: 'PUT', headers: { ...admin.headers, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    expect((await put('/api/admin/organisations', { id: 'stangastaden', name: 'Stångåstaden', kind: 'fastighetsagare' })).status).toBe(200);
    expect((await put(`/api/admin/organisations/stangastaden/members/${partner.user.id}`, { districts: ['ryd'] })).status).toBe(200);
  }, 120_000);
  afterAll(() => t?.close());

  it('flags the planted skadegörelse week in Skäggetorp as a significant rise', async () => {
    const res = await t.app.request('/api/lagesbild?week=2026-W10&district=skaggetorp');
    expect(res.status).toBe(200);
    const body = (await res.json()) as any; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(body.week).toBe('2026-W10');
    expect(body.monday).toBe('2026-03-02');
    expect(body.frozenAt).toBeNull();
    const skade = body.changes.find((c: any) => c.district === 'skaggetorp' && c.category === 'skadegorelse'); // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(skade).toMatchObject({ count: 12, baseline: 1.5, change: 'rise' });
    expect(skade.p).toBeLessThan(0.001);
    const klotter = body.changes.find((c: any) => c.category === 'klotter'); // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(klotter).toMatchObject({ count: 3, baseline: 3, change: 'none' });
    expect(body.grades[0].district).toBe('skaggetorp');
    expect(body.grades[0].grade).not.toBe('gron');
    expect(body.pattern[0].week).toHaveLength(168);
    expect(body.pattern[0].week.reduce((s: number, x: number) => s + x, 0)).toBeCloseTo(15, 1);
    expect(body.sources.some((s: any) => s.id === 'police' && /polis/i.test(s.sv))).toBe(true); // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(body.mail).toEqual({ configured: false });
  });

  it('answers 400 for a malformed week and 404 for an unknown district', async () => {
    expect((await t.app.request('/api/lagesbild?week=2026-W54')).status).toBe(400);
    const res = await t.app.request('/api/lagesbild?week=2026-W10&district=atlantis');
    expect(res.status).toBe(404);
    expect(res.headers.get('Content-Type')).toContain('application/problem+json');
    expect(((await res.json()) as { code: string }).code).toBe('unknown-district');
  });

  it('records actions and makes a PDF holding the week, districts, categories and actions', async () => {
    const created = await t.json('POST', '/api/lagesbild/actions', { week: '2026-W10', district: 'skaggetorp', what: 'Extra belysning vid centrumentrén', place: 'Skäggetorp centrum', organisation: 'stangastaden', responsiblePerson: 'Anna Andersson', dueDate: '2026-03-20' });
    expect(created.status).toBe(201);
    const res = await t.app.request('/api/lagesbild/2026-W10.pdf?district=skaggetorp,ryd');
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('application/pdf');
    const pdf = new Uint8Array(await res.arrayBuffer());
    const { text, pages, rendered } = pdfText(pdf);
    expect(text).toContain('Lägesbild vecka 10, 2026');
    expect(text).toContain('2 mars 2026');
    for (const s of ['Skäggetorp', 'Ryd', 'Skadegörelse', 'Klotter', 'Ökning', 'Extra belysning vid centrumentrén', 'Källor och begränsningar']) expect(text).toContain(s);
    expect(pages).toBeGreaterThan(0);
    expect(rendered).toBe(pages);
    expect(execFileSync('pdffonts', ['-'], { input: pdf, encoding: 'utf8' })).toMatch(/NotoSans.*yes/);
  });

  it('freezes the week at the meeting: late reports change neither the JSON nor the PDF, and show next week', async () => {
    const before = (await (await t.app.request('/api/lagesbild?week=2026-W10&district=skaggetorp')).json()) as any; // eslint-disable-line @typescript-eslint/no-explicit-any
    const meeting = await t.json('POST', '/api/lagesbild/2026-W10/meeting', { districts: ['skaggetorp'] });
    expect(meeting.status).toBe(200);
    const frozen = (await (await t.app.request('/api/lagesbild?week=2026-W10&district=skaggetorp')).json()) as any; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(frozen.frozenAt).toEqual(expect.any(String));
    const pdfBefore = pdfText(new Uint8Array(await (await t.app.request('/api/lagesbild/2026-W10.pdf?district=skaggetorp')).arrayBuffer())).text;

    // Late reports for the frozen week.
    await insertReports(t.sql, Array.from({ length: 5 }, (_, i) => row(index, SKAGGETORP, 'hot-vald', at(0, 4, 22), i)), 'insert');
    const after = (await (await t.app.request('/api/lagesbild?week=2026-W10&district=skaggetorp')).json()) as any; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(after.changes).toEqual(frozen.changes);
    expect(after.changes).toEqual(before.changes);
    expect(after.changes.some((c: any) => c.category === 'hot-vald')).toBe(false); // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(after.totals).toEqual(frozen.totals);
    const pdfAfter = pdfText(new Uint8Array(await (await t.app.request('/api/lagesbild/2026-W10.pdf?district=skaggetorp')).arrayBuffer())).text;
    expect(pdfAfter).toBe(pdfBefore);

    // Next week: the late reports are in the baseline and listed as arrived after the meeting.
    const next = (await (await t.app.request('/api/lagesbild?week=2026-W11&district=skaggetorp')).json()) as any; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(next.frozenAt).toBeNull();
    expect(next.late.find((l: any) => l.district === 'skaggetorp')).toMatchObject({ week: '2026-W10', count: 5 }); // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(next.changes.find((c: any) => c.category === 'hot-vald')).toMatchObject({ count: 0, baseline: 0.63 }); // eslint-disable-line @typescript-eslint/no-explicit-any
    // The open action is followed up, with what happened at its place since.
    expect(next.actions).toHaveLength(1);
    expect(next.actions[0]).toMatchObject({ what: 'Extra belysning vid centrumentrén', status: 'ej-paborjad', statusLabel: 'Ej påbörjad', open: true });

    // Freezing again is refused; the analysis text of a frozen week too.
    const again = await t.json('POST', '/api/lagesbild/2026-W10/meeting', { districts: ['skaggetorp'] });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { code: string }).code).toBe('week-frozen');
    expect((await t.json('PUT', '/api/lagesbild/2026-W10/analysis', { district: 'skaggetorp', analysis: 'x' })).status).toBe(409);
  });

  it('lets a partner read only its districts, without contact data, and comment before the meeting', async () => {
    const get = (path: string) => t.bare.request(path, { headers: partner.headers });
    const other = await get('/api/lagesbild?week=2026-W10&district=skaggetorp');
    expect(other.status).toBe(403);
    expect(((await other.json()) as { code: string }).code).toBe('district-not-allowed');
    expect((await get('/api/lagesbild/2026-W10.pdf?district=skaggetorp')).status).toBe(403);
    const own = await get('/api/lagesbild?week=2026-W10');
    expect(own.status).toBe(200);
    const text = await own.text();
    const body = JSON.parse(text);
    expect(body.districts.map((d: { id: string }) => d.id)).toEqual(['ryd']);
    expect(text).not.toMatch(/"(description|contact|email|phone|name_of_reporter)"/i);
    const comment = await t.bare.request('/api/lagesbild/2026-W10/comments', { method: 'POST', headers: { ...partner.headers, 'Content-Type': 'application/json' }, body: JSON.stringify({ district: 'ryd', body: 'Trapphuset på Rydsvägen har fått nytt lås.' }) });
    expect(comment.status).toBe(201);
    expect(((await comment.json()) as { organisation: string }).organisation).toBe('Stångåstaden');
    const denied = await t.bare.request('/api/lagesbild/2026-W10/comments', { method: 'POST', headers: { ...partner.headers, 'Content-Type': 'application/json' }, body: JSON.stringify({ district: 'skaggetorp', body: 'x' }) });
    expect(denied.status).toBe(403);
  });

  it("stores a partner's report with its organisation, judgement and kind of place, counted in the lägesbild", async () => {
    const res = await t.bare.request('/api/reports', {
      method: 'POST',
      headers: { ...partner.headers, 'Content-Type': 'application/json' },
      body: JSON.stringify({ category: 'otrygg-plats', lat: RYD.lat, lon: RYD.lon, observedAt: new Date(at(0, 2, 21)).toISOString(), otrygghet: 'ja', placeKind: 'trapphus' }),
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ source: 'partner', otrygghet: 'ja', placeKind: 'trapphus', organisation: 'stangastaden' });
    const body = (await (await t.app.request('/api/lagesbild?week=2026-W10&district=ryd')).json()) as any; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(body.partners).toEqual([expect.objectContaining({ district: 'ryd', organisation: 'stangastaden', name: 'Stångåstaden', reports: 1, otrygghet: 1 })]);
    expect(body.otrygghet[0]).toMatchObject({ district: 'ryd', count: 1 });
    expect(body.otrygghet[0].reports[0]).toMatchObject({ category: 'otrygg-plats', placeKind: 'trapphus', organisation: 'Stångåstaden' });
  });

  it('lets the chief adjust the thresholds (audit-logged) and refuses gul > röd', async () => {
    const bad = await t.json('PUT', '/api/lagesbild/thresholds', { violence: { gul: 5, orange: 3, rod: 1 } });
    expect(bad.status).toBe(422);
    const ok = await t.json('PUT', '/api/lagesbild/thresholds', { violence: { gul: 2, orange: 4, rod: 8 } });
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as { indicators: { id: string; gul: number }[] };
    expect(body.indicators.find((i) => i.id === 'violence')!.gul).toBe(2);
    const [log] = await t.sql<{ action: string }[]>`select action from audit_log where action = 'lagesbild.thresholds'`;
    expect(log?.action).toBe('lagesbild.thresholds');
    expect((await t.bare.request('/api/lagesbild/thresholds', { method: 'PUT', headers: { ...partner.headers, 'Content-Type': 'application/json' }, body: '{}' })).status).toBe(403);
  });

  it('gives the tertial follow-up for four months', async () => {
    const res = await t.app.request('/api/lagesbild/tertial?from=2026-01');
    expect(res.status).toBe(200);
    const body = (await res.json()) as any; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(body.months).toEqual(['2026-01', '2026-02', '2026-03', '2026-04']);
    const skade = body.trends.find((x: any) => x.district === 'skaggetorp' && x.category === 'skadegorelse'); // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(skade.total).toBe(24);
    expect(body.places[0].district).toBeDefined();
    expect(body.actions.open).toBe(1);
    expect(body.evaluationsAvailable).toBe(false);
  });
});
