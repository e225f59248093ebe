// Historical import: CSV with a column mapping (Swedish headers, semicolons, quoted newlines),
// GeoJSON, rejected rows with line, field and reason, idempotent re-import, and the upload API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseTargets } from '../helpers/databases.ts';
import { importHistorical } from '../../server/import/historical-import.ts';
import { readCsv } from '../../server/import/csv.ts';
import { makeAnalyticsApp } from './analytics-helpers.ts';

const CSV = [
  'Ärendenummer;Brottstyp;Nord;Ost;Tid;Beskrivning',
  'A-1;Brand;58,4261;15,5832;2026-10-02 21:15;"Containerbrand, ""stor"""',
  'A-2;klotter;58.4262;15.5835;2026-10-03T22:00:00+02:00;"två\nrader"',
  'A-3;Bilbrand;58.4262;15.5835;2026-10-03 22:00;okänd kategori',
  'A-4;Narkotika;59.33;18.06;2026-10-04 20:00;i Stockholm',
  'A-5;Narkotika;58.4261;15.5832;igår;fel tid',
  'A-6;Hot/våld;58.4261;15.5832;2026-10-05 23:30;',
  '',
].join('\r\n');
const MAP = 'category=Brottstyp,lat=Nord,lon=Ost,observedAt=Tid,description=Beskrivning,externalId=Ärendenummer';

describe('readCsv', () => {
  it('reads quoted fields, doubled quotes, CRLF and newlines inside quotes with their line numbers', async () => {
    const recs = [];
    for await (const r of readCsv([CSV.slice(0, 50), CSV.slice(50)])) recs.push(r);
    expect(recs).toHaveLength(7);
    expect(recs[1]!.fields[5]).toBe('Containerbrand, "stor"');
    expect(recs[2]!.fields[5]).toBe('två\nrader');
    expect(recs.map((r) => r.line)).toEqual([1, 2, 3, 5, 6, 7, 8]);
  });
});

describe.each(databaseTargets())('historical import on $name', (target) => {
  let t: Awaited<ReturnType<typeof makeAnalyticsApp>>;
  beforeAll(async () => {
    t = await makeAnalyticsApp(target);
  });
  afterAll(() => t?.close());

  const run = async (text: string, format: 'csv' | 'geojson' = 'csv') =>
    importHistorical(t.sql, [text], { format, mapping: format === 'csv' ? MAP : undefined, defaultSource: 'police', districts: await t.deps.area.index(), nowMs: Date.parse('2026-11-20T12:00:00Z'), method: target.name === 'postgres' ? 'copy' : 'insert' });

  it('stores the good rows and reports the bad ones by line, field and reason', async () => {
    const r = await run(CSV);
    expect(r.rowsRead).toBe(6);
    expect(r.inserted).toBe(3);
    expect(r.rejected).toBe(3);
    expect(r.rejections).toEqual([
      { line: 5, field: 'category', reason: expect.stringContaining('Bilbrand') },
      { line: 6, field: 'lat', reason: expect.stringContaining('outside every district') },
      { line: 7, field: 'observedAt', reason: expect.stringContaining('igår') },
    ]);
    const [row] = await t.sql`select category, source, description, observed_from from reports where description like 'Containerbrand%'`;
    expect(row).toMatchObject({ category: 'brand', source: 'police', description: 'Containerbrand, "stor"' });
    expect((row!.observed_from as Date).toISOString()).toBe('2026-10-02T19:15:00.000Z');
  });

  it('stores nothing twice when the same file is imported again', async () => {
    const r = await run(CSV);
    expect(r.inserted).toBe(0);
    expect(r.duplicates).toBe(3);
    expect((await t.sql`select count(*)::int as n from reports`)[0]!.n).toBe(3);
    expect((await t.sql`select sum(count)::int as n from heat_hours`)[0]!.n).toBe(3);
  });

  it('imports GeoJSON points with properties', async () => {
    const fc = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', geometry: { type: 'Point', coordinates: [15.5832, 58.4261] }, properties: { kategori: 'Nedskräpning', tid: '2026-09-01 08:00', källa: 'staff' } },
        { type: 'Feature', geometry: { type: 'LineString', coordinates: [[15.5, 58.4], [15.6, 58.4]] }, properties: { kategori: 'brand', tid: '2026-09-01 08:00' } },
      ],
    };
    const r = await run(JSON.stringify(fc), 'geojson');
    expect(r.inserted).toBe(1);
    expect(r.rejections).toEqual([{ line: 2, field: 'geometry', reason: expect.any(String) }]);
    expect((await run(JSON.stringify(fc), 'geojson')).inserted).toBe(0);
  });

  it('takes an upload and reports progress until done', async () => {
    const csv = 'category,lat,lon,observedFrom,observedTo\nbrand,58.4261,15.5832,2026-11-01 22:00,2026-11-02 02:00\nfoo,1,2,x,y\n';
    const res = await t.app.request('/api/imports?source=staff', { method: 'POST', headers: { 'Content-Type': 'text/csv' }, body: csv });
    expect(res.status).toBe(202);
    const job = (await res.json()) as { id: string };
    let body: { state: string; progress: { inserted: number; rejected: number; bytesRead: number; totalBytes: number } } | undefined;
    for (let i = 0; i < 200; i++) {
      body = (await t.get(`/api/imports/${job.id}`)).body;
      if (body!.state !== 'running') break;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(body).toMatchObject({ state: 'done', progress: { inserted: 1, rejected: 1 } });
    expect(body!.progress.bytesRead).toBe(body!.progress.totalBytes);
    const rej = await t.app.request(`/api/imports/${job.id}/rejections.csv`);
    expect(await rej.text()).toContain('3,"category"');
  });
});
