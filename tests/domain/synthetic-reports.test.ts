import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { latLngToCell } from 'h3-js';
import { generateDemoReports, makeRandom, stockholmParts, stockholmToUtcMs, type DemoReport } from '../../server/domain/synthetic-reports.ts';
import { makeDistrictIndex } from '../../server/domain/district-index.ts';
import { MAX_WINDOW_MS } from '../../server/domain/report.ts';

const geo = (name: string) => JSON.parse(readFileSync(new URL(`../../geodata/linkoping/${name}`, import.meta.url), 'utf8'));
const districts = geo('districts.geojson').features.map((f: any) => ({ id: f.properties.id, name: f.properties.name, geometry: f.geometry }));
const bases = geo('bases.geojson').features.map((f: any) => ({ name: f.properties.name, districtId: f.properties.district, lon: f.geometry.coordinates[0], lat: f.geometry.coordinates[1] }));
const NOW = Date.parse('2026-03-02T00:00:00Z');
const reports = generateDemoReports({ districts, bases, count: 20_000, seed: 7, nowMs: NOW });

const localOf = (r: DemoReport) => stockholmParts((r.observedAt ?? r.observedTo!).getTime());
const share = (pred: (r: DemoReport) => boolean, of: readonly DemoReport[] = reports) => of.filter(pred).length / of.length;

describe('Stockholm local time', () => {
  it('converts wall-clock times across both DST changes', () => {
    expect(stockholmToUtcMs(2026, 1, 15, 12)).toBe(Date.parse('2026-01-15T11:00:00Z'));
    expect(stockholmToUtcMs(2026, 7, 15, 12)).toBe(Date.parse('2026-07-15T10:00:00Z'));
    expect(stockholmToUtcMs(2026, 3, 29, 1)).toBe(Date.parse('2026-03-29T00:00:00Z'));
    expect(stockholmToUtcMs(2026, 3, 29, 3)).toBe(Date.parse('2026-03-29T01:00:00Z'));
    expect(stockholmToUtcMs(2026, 10, 25, 4)).toBe(Date.parse('2026-10-25T03:00:00Z'));
    expect(stockholmParts(Date.parse('2026-10-24T22:30:00Z'))).toMatchObject({ day: 25, hour: 0, minute: 30, weekday: 0 });
  });
});

describe('generateDemoReports', () => {
  it('returns the same reports for the same seed and different ones for another seed', () => {
    const a = generateDemoReports({ districts, bases, count: 500, seed: 1, nowMs: NOW });
    expect(generateDemoReports({ districts, bases, count: 500, seed: 1, nowMs: NOW })).toEqual(a);
    const b = generateDemoReports({ districts, bases, count: 500, seed: 2, nowMs: NOW });
    expect(b.filter((r, i) => r.lat === a[i]!.lat).length).toBeLessThan(10);
  });

  it('puts every report inside a district, marked demo, within the past 12 months', () => {
    const index = makeDistrictIndex(districts);
    const earliest = NOW - 366 * 86_400_000;
    for (const r of reports) {
      expect(index.locate(r.lon, r.lat)).not.toBeNull();
      expect(r.source).toBe('demo');
      const from = (r.observedAt ?? r.observedFrom!).getTime(), to = (r.observedAt ?? r.observedTo!).getTime();
      expect(from).toBeGreaterThanOrEqual(earliest);
      expect(to).toBeLessThanOrEqual(NOW);
      expect(to - from).toBeLessThanOrEqual(MAX_WINDOW_MS);
    }
    const perDistrict = new Set(reports.map((r) => index.locate(r.lon, r.lat)));
    expect(perDistrict.size).toBe(districts.length);
  });

  it('peaks on Friday and Saturday evenings (19–24 local time)', () => {
    const friSatEvening = share((r) => { const p = localOf(r); return (p.weekday === 5 || p.weekday === 6) && p.hour >= 19; });
    expect(friSatEvening).toBeGreaterThan(2 * (2 * 5) / (7 * 24));
  });

  it('has hotspot cells far above the median cell', () => {
    const cells = new Map<string, number>();
    for (const r of reports) { const c = latLngToCell(r.lat, r.lon, 10); cells.set(c, (cells.get(c) ?? 0) + 1); }
    const counts = [...cells.values()].sort((x, y) => x - y);
    const median = counts[counts.length >> 1]!;
    for (const b of bases) expect(cells.get(latLngToCell(b.lat, b.lon, 10)) ?? 0).toBeGreaterThan(10 * median);
  });

  it('mixes categories by hour and season', () => {
    const evening = reports.filter((r) => localOf(r).hour >= 19);
    const morning = reports.filter((r) => { const h = localOf(r).hour; return h >= 6 && h < 10; });
    const gathering = (r: DemoReport) => r.category === 'otrygghetsskapande-samling' || r.category === 'ordningsstorning';
    const foundInMorning = (r: DemoReport) => r.category === 'nedskrapning' || r.category === 'klotter';
    expect(share(gathering, evening)).toBeGreaterThan(2 * share(gathering, morning));
    expect(share(foundInMorning, morning)).toBeGreaterThan(3 * share(foundInMorning, evening));
    const winter = reports.filter((r) => [11, 12, 1].includes(localOf(r).month));
    const summer = reports.filter((r) => [5, 6, 7].includes(localOf(r).month));
    const dark = (r: DemoReport) => r.category === 'otrygg-plats';
    expect(share(dark, winter)).toBeGreaterThan(2 * share(dark, summer));
  });

  it('gives some reports a night-long window and some a Swedish description', () => {
    const windows = reports.filter((r) => r.observedFrom);
    expect(windows.length).toBeGreaterThan(reports.length * 0.01);
    for (const r of windows) expect(r.observedAt).toBeUndefined();
    expect(windows.some((r) => stockholmParts(r.observedFrom!.getTime()).hour === 22 && localOf(r).hour < 11)).toBe(true);
    expect(share((r) => r.description !== null)).toBeGreaterThan(0.2);
    expect(reports.some((r) => /[åäö]/.test(r.description ?? ''))).toBe(true);
  });

  it('lays the path hotspot along a given street', () => {
    const ryd = bases.find((b: { districtId: string }) => b.districtId === 'ryd')!;
    const street = { coords: [[ryd.lon + 0.006, ryd.lat + 0.001], [ryd.lon + 0.009, ryd.lat + 0.001]] as [number, number][], name: null };
    const withStreet = generateDemoReports({ districts, bases, streets: [street], count: 5000, seed: 3, nowMs: NOW });
    const nearStreet = withStreet.filter((r) => Math.abs(r.lat - (ryd.lat + 0.001)) < 0.0005 && r.lon > ryd.lon + 0.0055 && r.lon < ryd.lon + 0.0095);
    expect(nearStreet.length).toBeGreaterThan(50);
  });
});

describe('makeRandom', () => {
  it('returns numbers in [0, 1) that repeat for a seed', () => {
    const a = makeRandom(42), b = makeRandom(42);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(xs).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
  });
});
