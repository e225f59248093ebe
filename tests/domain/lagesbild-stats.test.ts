// The lägesbild's statistics against hand-computed and published values: the E-test of
// Krishnamoorthy & Thomson (2004), the change rule, the traffic-light checklist, ISO weeks in
// Europe/Stockholm and the Monday 06:00 draft schedule.
import { describe, expect, it } from 'vitest';
import { eTestFall, eTestRise, eTestTwoSided } from '../../server/domain/poisson-etest.ts';
import { detectChanges } from '../../server/domain/lagesbild-changes.ts';
import { defaultThresholds, gradeDistrict, levelOf } from '../../server/domain/lagesbild-grade.ts';
import { isoWeekOfDate, parseIsoWeek, shiftWeek } from '../../server/domain/iso-week.ts';
import { dueDraftWeek } from '../../server/domain/draft-schedule.ts';

/** Brute-force E-test over equal exposures: P(|T| ≥ |t|) under Poisson((x1 + x2) / 2) each. */
function bruteTwoSided(x1: number, x2: number): number {
  const lambda = (x1 + x2) / 2;
  const pmf = (k: number) => Math.exp(-lambda + k * Math.log(lambda) - lnFact(k));
  const T = (a: number, b: number) => (a + b === 0 ? 0 : (a - b) / Math.sqrt(a + b));
  const t = Math.abs(T(x1, x2));
  let p = 0;
  for (let a = 0; a < 80; a++) for (let b = 0; b < 80; b++) if (Math.abs(T(a, b)) >= t - 1e-12) p += pmf(a) * pmf(b);
  return p;
}
function lnFact(k: number): number {
  let s = 0;
  for (let i = 2; i <= k; i++) s += Math.log(i);
  return s;
}

describe('E-test for two Poisson rates', () => {
  it('gives the published P ≈ 0.1749 for counts 6 vs 2 over equal exposure', () => {
    expect(eTestTwoSided(6, 1, 2, 1)).toBeCloseTo(0.1749, 4);
    expect(eTestRise(6, 1, 2, 1)).toBeCloseTo(0.1749 / 2, 4);
  });
  it('equals the brute-force sum over equal exposures', () => {
    for (const [a, b] of [[6, 2], [10, 3], [4, 4], [15, 7], [1, 9]] as const) expect(eTestTwoSided(a, 1, b, 1)).toBeCloseTo(bruteTwoSided(a, b), 6);
  });
  it('is symmetric in rise and fall', () => {
    expect(eTestFall(2, 1, 6, 1)).toBeCloseTo(eTestRise(6, 1, 2, 1), 12);
    expect(eTestRise(2, 1, 16, 8)).toBe(1);
  });
  it('finds 12 in a week against 12 over 8 weeks far beyond chance, and a steady rate not', () => {
    expect(eTestTwoSided(12, 1, 12, 8)).toBeLessThan(1e-4);
    expect(eTestTwoSided(3, 1, 24, 8)).toBe(1);
  });
});

describe('change rule', () => {
  it('flags a clear rise, never tiny numbers or a steady category, and controls the family', () => {
    const rows = [
      { district: 'skaggetorp', category: 'skadegorelse', count: 12, baselineTotal: 12 },
      { district: 'skaggetorp', category: 'klotter', count: 3, baselineTotal: 24 },
      { district: 'ryd', category: 'brand', count: 3, baselineTotal: 0 }, // tiny: 3 against 0
      { district: 'berga', category: 'nedskrapning', count: 0, baselineTotal: 80 }, // 0 against 10 a week
    ];
    const out = detectChanges(rows);
    const get = (d: string, c: string) => out.find((r) => r.district === d && r.category === c)!;
    expect(get('skaggetorp', 'skadegorelse').change).toBe('rise');
    expect(get('skaggetorp', 'klotter').change).toBe('none');
    expect(get('ryd', 'brand').change).toBe('none');
    expect(get('berga', 'nedskrapning')).toMatchObject({ change: 'fall', baseline: 10 });
  });
  it('compares a running week with the part of it that has passed', () => {
    // Wednesday noon (5/14 of the week): 5 reports where the mean is 14 a week is on track, not a fall;
    // judged as a whole week the same count is a significant fall.
    const rows = [
      { district: 'berga', category: 'nedskrapning', count: 5, baselineTotal: 112 },
      { district: 'ryd', category: 'skadegorelse', count: 15, baselineTotal: 48 },
    ];
    const whole = detectChanges(rows);
    expect(whole.find((r) => r.district === 'berga')).toMatchObject({ change: 'fall', baseline: 14, expected: 14 });
    const running = detectChanges(rows, undefined, 5 / 14);
    expect(running.find((r) => r.district === 'berga')).toMatchObject({ change: 'none', baseline: 14, expected: 5 });
    // 15 by Wednesday noon where the mean is 6 a week (≈ 2.1 expected) is a rise already.
    expect(running.find((r) => r.district === 'ryd')).toMatchObject({ change: 'rise', expected: 2.14 });
    // A week that has not begun is tested as one hour, never as zero exposure.
    expect(detectChanges(rows, undefined, 0).every((r) => Number.isFinite(r.p))).toBe(true);
  });
});

describe('traffic-light checklist', () => {
  it('grades by the worst indicator, with adjustable thresholds', () => {
    const t = defaultThresholds();
    expect(levelOf(0, t.rises)).toBe('gron');
    const values = { rises: 0, otrygghet: 0, violence: 3, totalRatio: 1, hotspots: 0, overdueActions: 0 };
    expect(gradeDistrict(values, t).grade).toBe('orange');
    expect(gradeDistrict(values, { ...t, violence: { gul: 5, orange: 8, rod: 10 } }).grade).toBe('gron');
  });
});

describe('ISO weeks in Europe/Stockholm', () => {
  it('parses weeks and finds the week of a date', () => {
    const w = parseIsoWeek('2026-W48')!;
    expect([w.monday, w.sunday]).toEqual(['2026-11-23', '2026-11-29']);
    expect(new Date(w.startMs).toISOString()).toBe('2026-11-22T23:00:00.000Z');
    expect(parseIsoWeek('2026-W10')!.monday).toBe('2026-03-02');
    expect(parseIsoWeek('2026-W54')).toBeNull();
    expect(parseIsoWeek('2020-W53')!.sunday).toBe('2021-01-03');
    expect(isoWeekOfDate('2027-01-01').id).toBe('2026-W53');
    expect(shiftWeek(parseIsoWeek('2026-W01')!, -1).id).toBe('2025-W52');
  });
  it('spans 167 hours across the spring clock change', () => {
    const w = parseIsoWeek('2026-W13')!; // 23–29 March 2026, summer time from the 29th
    expect((w.endMs - w.startMs) / 3_600_000).toBe(167);
  });
});

describe('Monday 06:00 draft schedule', () => {
  it('is due for the week before from Monday 06:00 Stockholm time', () => {
    expect(dueDraftWeek(Date.parse('2026-11-30T04:59:00Z')).id).toBe('2026-W47'); // Mon 05:59 CET
    expect(dueDraftWeek(Date.parse('2026-11-30T05:00:00Z')).id).toBe('2026-W48'); // Mon 06:00 CET
    expect(dueDraftWeek(Date.parse('2026-12-02T12:00:00Z')).id).toBe('2026-W48');
    expect(dueDraftWeek(Date.parse('2026-06-01T04:00:00Z')).id).toBe('2026-W22'); // Mon 06:00 CEST
  });
});
