// WDD and WDQ against published and hand-computed values; the whole evaluation on planted data:
// a 50 % fall is found with a rate ratio near 0.5, a null is not, and 200 seeded nulls give a
// false-positive rate near 5 %.
import { describe, expect, it } from 'vitest';
import { gridDisk, latLngToCell } from 'h3-js';
import { darkDaylight, wdd, wddWithBuffer, wdq } from '../../server/domain/stats/displacement.ts';
import { evaluateIntervention, type CellWeeks } from '../../server/domain/stats/evaluation.ts';
import { evaluationPeriods } from '../../server/domain/stats/evaluation-periods.ts';
import { smallestDetectableReduction } from '../../server/domain/stats/did-rate-ratio.ts';
import { makeRandom } from '../../server/domain/synthetic-reports.ts';

describe('Weighted Displacement Difference (values from the ptools tests)', () => {
  it('is −10 with SE √70 for T = 20 → 10, C = 20 → 20', () => {
    const r = wdd({ before: 20, after: 10 }, { before: 20, after: 20 });
    expect(r.value).toBe(-10);
    expect(r.se).toBeCloseTo(Math.sqrt(70), 12);
  });
  it('is −118 with SE √1568 and z ≈ −2.98 with a buffer and its control', () => {
    const r = wddWithBuffer({ before: 207, after: 110 }, { before: 308, after: 318 }, { before: 178, after: 157 }, { before: 150, after: 140 });
    expect(r.value).toBe(-118);
    expect(r.se).toBeCloseTo(Math.sqrt(1568), 12);
    expect(r.z).toBeCloseTo(-2.98, 2);
  });
});

describe('Weighted Displacement Quotient', () => {
  it('agrees with (B₁/C₁ − B₀/C₀) / (A₁/C₁ − A₀/C₀) on planted counts', () => {
    const [a0, a1, b0, b1, c0, c1] = [100, 60, 80, 90, 200, 210];
    const q = wdq({ before: a0, after: a1 }, { before: b0, after: b1 }, { before: c0, after: c1 })!;
    expect(q.value).toBeCloseTo((b1 / c1 - b0 / c0) / (a1 / c1 - a0 / c0), 12);
    expect(q.reading).toBe('displacement-smaller-than-effect');
    const d = wdq({ before: 100, after: 50 }, { before: 80, after: 60 }, { before: 200, after: 200 })!;
    expect(d.value).toBeCloseTo((60 / 200 - 80 / 200) / (50 / 200 - 100 / 200), 12);
    expect(d.reading).toBe('diffusion');
  });
  it('is withheld when A₁/C₁ − A₀/C₀ ≈ 0', () => {
    expect(wdq({ before: 50, after: 50 }, { before: 30, after: 10 }, { before: 100, after: 100 })).toBeNull();
    expect(wdq({ before: 50, after: 100 }, { before: 30, after: 10 }, { before: 100, after: 200 })).toBeNull();
  });
});

describe('dark/daylight design', () => {
  it('gives the ratio of odds ratios with Woolf’s standard error', () => {
    const r = darkDaylight({ dark: 60, day: 40 }, { dark: 30, day: 40 }, { dark: 50, day: 50 }, { dark: 50, day: 50 })!;
    expect(r.oddsRatio).toBeCloseTo((30 / 40) / (60 / 40), 12);
    expect(r.z).toBeCloseTo(Math.log(0.5) / Math.sqrt(1 / 60 + 1 / 40 + 1 / 30 + 1 / 40 + 4 / 50), 10);
    expect(r.target.before.share).toBeCloseTo(0.6, 12);
  });
});

describe('evaluation periods', () => {
  it('takes equal whole weeks, skips a mid-week start week and stops at the data', () => {
    const p = evaluationPeriods({ start: '2026-03-04', weeks: 12, dataFirst: '2026-01-01', today: '2026-06-01' });
    // Data from Thursday 1 Jan: the first whole week starts Monday 5 Jan; the start's week begins 2 Mar.
    expect(p.weeks).toBe(8);
    expect(p.weekStarts[0]).toBe('2026-01-05');
    expect(p.afterFrom).toBe('2026-03-09');
    expect(p.weekStarts[8]).toBe('2026-03-09');
    expect(evaluationPeriods({ start: '2026-05-25', weeks: 12, dataFirst: '2025-01-01', today: '2026-06-01' }).weeks).toBe(1);
  });
});

/** A patch of res-10 cells in Ryd: 400 cells around a centre; the target is the centre's 1-ring. */
const centre = latLngToCell(58.4082, 15.5652, 10);
const universe = gridDisk(centre, 11).sort();
const target = gridDisk(centre, 1);

function poisson(rnd: () => number, mean: number): number {
  let k = 0;
  for (let t = -Math.log(1 - rnd()); t < mean; t += -Math.log(1 - rnd())) k++;
  return k;
}

/** Weekly Poisson counts per cell; the target's rate multiplied by `effect` after the start. */
function planted(seed: number, effect: number, weeks = 12): CellWeeks {
  const rnd = makeRandom(seed);
  const W = 2 * weeks;
  const base = universe.map(() => 0.4 + 2 * rnd());
  const counts = new Int32Array(universe.length * W);
  const inTarget = new Set(target);
  universe.forEach((c, i) => {
    for (let w = 0; w < W; w++) counts[i * W + w] = poisson(rnd, base[i]! * (inTarget.has(c) && w >= weeks ? effect : 1));
  });
  return { cells: universe, weeks, counts };
}

const opts = { target, bufferRings: 2, placeboDraws: 199, seed: 7, hopedReduction: 0.25, withDarkness: false };

describe('evaluation on planted data', () => {
  it('finds a 50 % fall at the target with a rate ratio near 0.5', () => {
    const e = evaluateIntervention(planted(11, 0.5), opts);
    expect(e.rateRatio!.high).toBeLessThan(1);
    expect(e.rateRatio!.estimate).toBeGreaterThan(0.4);
    expect(e.rateRatio!.estimate).toBeLessThan(0.62);
    expect(e.wdd.z).toBeLessThan(-1.96);
    expect(e.placeboP!).toBeLessThan(0.05);
    expect(e.verdictKind).toBe('decrease');
    expect(e.verdict).toMatch(/^Minskning/);
    expect(e.areas.buffer.length).toBe(gridDisk(centre, 3).length - 7);
    expect(e.series.target).toHaveLength(24);
  });
  it('does not call a planted null significant', () => {
    const e = evaluateIntervention(planted(12, 1), opts);
    expect(e.rateRatio!.low).toBeLessThan(1);
    expect(e.rateRatio!.high).toBeGreaterThan(1);
    expect(e.verdictKind === 'no-effect' || e.verdictKind === 'too-little-data').toBe(true);
  });
  it('says "för lite data" with the smallest detectable change when counts are tiny', () => {
    const tiny = planted(13, 1, 2);
    tiny.counts.forEach((_, i) => (tiny.counts[i] = i % 9 === 0 ? 1 : 0));
    const e = evaluateIntervention(tiny, opts);
    expect(e.verdictKind).toBe('too-little-data');
    expect(e.verdict).toMatch(/^För lite data för att avgöra/);
    expect(e.verdict).toMatch(/minsta förändring/);
  });
  it('keeps the false-positive rate near 5 % over 200 seeded nulls', () => {
    let rejected = 0;
    let placeboRejected = 0;
    for (let s = 0; s < 200; s++) {
      const e = evaluateIntervention(planted(1000 + s, 1), { ...opts, placeboDraws: 99, seed: s });
      if (e.rateRatio && (e.rateRatio.high < 1 || e.rateRatio.low > 1)) rejected++;
      if (e.placeboP !== null && e.placeboP < 0.05) placeboRejected++;
    }
    // Binomial(200, 0.05): mean 10, sd ≈ 3.1; [2, 20] holds it with > 99.5 % probability.
    expect(rejected).toBeGreaterThanOrEqual(2);
    expect(rejected).toBeLessThanOrEqual(20);
    expect(placeboRejected).toBeLessThanOrEqual(20);
  });
});

describe('smallest detectable change', () => {
  it('shrinks as counts grow', () => {
    const small = smallestDetectableReduction(20, 80, 80);
    const large = smallestDetectableReduction(500, 2000, 2000);
    expect(small).toBeGreaterThan(large);
    expect(large).toBeGreaterThan(0.1);
    expect(large).toBeLessThan(0.25);
  });
});
