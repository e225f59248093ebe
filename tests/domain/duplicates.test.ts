// Duplicate suggestions: distance and time thresholds, related categories, ordering.
import { describe, expect, it } from 'vitest';
import { destination } from '@turf/turf';
import { areRelatedCategories, distanceM, findDuplicates, searchBox, windowGapH, type DuplicateCandidate } from '../../server/domain/duplicates.ts';

const T0 = Date.parse('2026-11-20T20:00:00Z');
const BASE = { lat: 58.40837, lon: 15.564625 };

function at(metres: number, bearingDeg: number, hoursLater: number, category = 'klotter', id = `r${metres}-${hoursLater}`): DuplicateCandidate {
  const [lon, lat] = destination([BASE.lon, BASE.lat], metres, bearingDeg, { units: 'meters' }).geometry.coordinates as [number, number];
  const t = new Date(T0 + hoursLater * 3600_000);
  return { id, category, lat, lon, observedFrom: t, observedTo: t };
}

const target = at(0, 0, 0, 'klotter', 'target');

describe('findDuplicates', () => {
  it('suggests a report of the same category 40 m and 2 hours apart', () => {
    const near = at(40, 90, 2);
    const [s] = findDuplicates(target, [near]);
    expect(s?.report.id).toBe(near.id);
    expect(s?.distanceM).toBe(40);
    expect(s?.gapH).toBe(2);
    expect(s?.sameCategory).toBe(true);
  });

  it('does not suggest one 300 m away', () => {
    expect(findDuplicates(target, [at(300, 45, 1)])).toEqual([]);
  });

  it('does not suggest one 49 hours apart, and does at 47', () => {
    expect(findDuplicates(target, [at(10, 0, 49)])).toEqual([]);
    expect(findDuplicates(target, [at(10, 0, -47)])).toHaveLength(1);
  });

  it('suggests related categories, not unrelated ones', () => {
    expect(findDuplicates(target, [at(20, 0, 1, 'skadegorelse')])).toHaveLength(1);
    expect(findDuplicates(target, [at(20, 0, 1, 'narkotika')])).toEqual([]);
  });

  it('orders by distance and never suggests the report itself', () => {
    const out = findDuplicates(target, [at(80, 10, 1), target, at(30, 200, 5), at(60, 300, 0, 'skadegorelse')]);
    expect(out.map((d) => d.distanceM)).toEqual([30, 60, 80]);
  });

  it('measures the gap between windows, 0 when they overlap', () => {
    const w = (fromH: number, toH: number) => ({ observedFrom: new Date(T0 + fromH * 3600_000), observedTo: new Date(T0 + toH * 3600_000) });
    expect(windowGapH(w(0, 5), w(3, 8))).toBe(0);
    expect(windowGapH(w(0, 5), w(8, 9))).toBe(3);
    expect(windowGapH(w(8, 9), w(0, 5))).toBe(3);
  });

  it('keeps every point within the radius inside the search box', () => {
    const box = searchBox(BASE.lat, BASE.lon, 100);
    for (let bearing = 0; bearing < 360; bearing += 15) {
      const p = at(100, bearing, 0);
      expect(p.lat).toBeGreaterThanOrEqual(box.minLat);
      expect(p.lat).toBeLessThanOrEqual(box.maxLat);
      expect(p.lon).toBeGreaterThanOrEqual(box.minLon);
      expect(p.lon).toBeLessThanOrEqual(box.maxLon);
      expect(distanceM(BASE, p)).toBeCloseTo(100, 3);
    }
  });

  it('treats category relations as symmetric', () => {
    expect(areRelatedCategories('klotter', 'skadegorelse')).toBe(true);
    expect(areRelatedCategories('skadegorelse', 'klotter')).toBe(true);
    expect(areRelatedCategories('ovrigt', 'klotter')).toBe(false);
  });
});
