// A database made from the older default area (hand-drawn, approximate Skäggetorp) gets the
// official polygon on its next start; reports, streets and bases follow (server/geodata/area-upgrade.ts).
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseTargets, openTestDb, type TestDb } from '../helpers/databases.ts';
import { importBasesFile, importDistrictsFile, importStreetsFile, loadDefaultArea } from '../../server/geodata/import-files.ts';
import { listBases, listDistricts } from '../../server/db/queries/districts.ts';
import { listStreets } from '../../server/db/queries/streets.ts';
import { insertReport } from '../../server/db/queries/reports.ts';
import { heatTotals } from '../../server/db/queries/analytics.ts';
import { reportCell } from '../../server/domain/cells.ts';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/geodata/${name}`, import.meta.url));
/** Inside the old, hand-drawn Skäggetorp but outside every official district. */
const OLD_ONLY = { lat: 58.431, lon: 15.5725 };
const CENTRE = { lat: 58.42611, lon: 15.58325 };

describe.each(databaseTargets())('area upgrade on %s', (target) => {
  let db: TestDb;
  const dir = mkdtempSync(join(tmpdir(), 'area-upgrade-'));
  const ids = { oldOnly: randomUUID(), centre: randomUUID(), misfiled: randomUUID() };

  async function report(id: string, at: { lat: number; lon: number }, districtId: string) {
    const t = new Date('2026-11-01T12:00:00Z');
    await insertReport(db.sql, { id, category: 'klotter', lat: at.lat, lon: at.lon, cell: reportCell(at.lat, at.lon), districtId, observedFrom: t, observedTo: t, description: null, source: 'staff', status: 'new' });
  }

  beforeAll(async () => {
    db = await openTestDb(target, { area: false });
    await importDistrictsFile(db.sql, fixture('districts-approximate-skaggetorp.geojson'));
    await importBasesFile(db.sql, fixture('bases-before-deso.geojson'));
    await report(ids.oldOnly, OLD_ONLY, 'skaggetorp');
    await report(ids.centre, CENTRE, 'skaggetorp');
    await report(ids.misfiled, CENTRE, 'ryd'); // filed under another polygon: follows the official one
    const streets = join(dir, 'streets.geojson');
    const line = (a: [number, number], b: [number, number]) => ({ type: 'Feature', properties: { name: `${a}` }, geometry: { type: 'LineString', coordinates: [a, b] } });
    writeFileSync(streets, JSON.stringify({ type: 'FeatureCollection', features: [line([OLD_ONLY.lon, OLD_ONLY.lat], [OLD_ONLY.lon, OLD_ONLY.lat + 0.0005]), line([CENTRE.lon, CENTRE.lat], [CENTRE.lon + 0.0005, CENTRE.lat])] }));
    await importStreetsFile(db.sql, streets);
  });
  afterAll(async () => {
    await db?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts from the hand-drawn Skäggetorp', async () => {
    expect((await listDistricts(db.sql)).find((d) => d.id === 'skaggetorp')?.approximate).toBe(true);
    expect((await listStreets(db.sql)).map((s) => s.districtId)).toEqual(['skaggetorp', 'skaggetorp']);
  });

  it('replaces it with the official polygon on the next start, once', async () => {
    expect(await loadDefaultArea(db.sql)).toEqual({ districts: false, streets: false, deso: true, upgraded: ['skaggetorp'] });
    expect(await loadDefaultArea(db.sql)).toEqual({ districts: false, streets: false, deso: false, upgraded: [] });
    const s = (await listDistricts(db.sql)).find((d) => d.id === 'skaggetorp')!;
    expect(s.approximate).toBe(false);
    expect(s.source).toMatch(/SCB DeSO 2025/);
  });

  it('keeps every report, re-pointing those another district now holds', async () => {
    const rows = await db.sql<{ id: string; district_id: string }[]>`select id, district_id from reports`;
    const of = Object.fromEntries(rows.map((r) => [r.id, r.district_id]));
    expect(of).toEqual({ [ids.oldOnly]: 'skaggetorp', [ids.centre]: 'skaggetorp', [ids.misfiled]: 'skaggetorp' });
    const heat = await db.sql<{ district_id: string; n: number }[]>`select district_id, sum(count)::int as n from heat_hours group by 1`;
    expect(heat).toEqual([{ district_id: 'skaggetorp', n: 3 }]);
    const t = await heatTotals(db.sql);
    expect(t.count).toBe(t.reports);
  });

  it('re-assigns streets by midpoint and refreshes the team bases', async () => {
    expect((await listStreets(db.sql)).map((s) => s.districtId)).toEqual([null, 'skaggetorp']);
    const berga = (await listBases(db.sql)).find((b) => b.id === 'base-berga')!;
    expect([berga.lat, berga.lon]).toEqual([58.38718, 15.64268]);
  });
});
