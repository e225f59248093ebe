// The patrol-dosage experiment on simulated data: blocked assignment repeats by seed, a planted
// 40 % fall over 20 cells × 12 weeks is found, and with no effect the randomisation p-values are
// uniform (Kolmogorov–Smirnov) with a rejection rate near 5 %.
import { describe, expect, it } from 'vitest';
import { assignBlocked, doseResponse, ittEffect, randomisationP, simulatePower, type CellOutcome, type ExperimentCell } from '../../server/domain/stats/experiment.ts';
import { makeRandom } from '../../server/domain/synthetic-reports.ts';

const CELLS: ExperimentCell[] = Array.from({ length: 20 }, (_, i) => ({ cell: `8a1f${String(i).padStart(11, '0')}`, district: ['berga', 'ryd', 'skaggetorp'][i % 3]! }));

function poisson(rnd: () => number, mean: number): number {
  let k = 0;
  for (let t = -Math.log(1 - rnd()); t < mean; t += -Math.log(1 - rnd())) k++;
  return k;
}

/** 12 weeks before and 12 during, weekly rates 1.5–4.5 per cell, treatment × (1 − effect). */
function simulate(seed: number, effect: number, weeks = 12): CellOutcome[] {
  const rnd = makeRandom(seed);
  const rates = new Map(CELLS.map((c) => [c.cell, 1.5 + 3 * rnd()]));
  return assignBlocked(CELLS, seed).map((a) => {
    const rate = rates.get(a.cell)! * weeks;
    const treated = a.arm === 'treatment';
    return { ...a, pre: poisson(rnd, rate), post: poisson(rnd, rate * (treated ? 1 - effect : 1)), deliveredMin: treated ? weeks * 7 * (30 + 20 * rnd()) : 5 * rnd() };
  });
}

describe('blocked assignment', () => {
  it('gives the same assignment for the same seed, another for another seed', () => {
    const a = assignBlocked(CELLS, 42);
    expect(assignBlocked([...CELLS].reverse(), 42)).toEqual(a);
    expect(assignBlocked(CELLS, 43)).not.toEqual(a);
  });
  it('splits each district in halves', () => {
    const a = assignBlocked(CELLS, 7);
    for (const d of ['berga', 'ryd', 'skaggetorp']) {
      const block = a.filter((x) => x.district === d);
      const treated = block.filter((x) => x.arm === 'treatment').length;
      expect(Math.abs(treated - block.length / 2)).toBeLessThanOrEqual(0.5);
    }
  });
});

describe('analysis', () => {
  it('finds a planted 40 % effect over 20 cells × 12 weeks', () => {
    const rows = simulate(5, 0.4);
    const itt = ittEffect(rows)!;
    expect(itt.high).toBeLessThan(1);
    expect(itt.estimate).toBeGreaterThan(0.45);
    expect(itt.estimate).toBeLessThan(0.75);
    expect(randomisationP(rows, 499, 1)!).toBeLessThan(0.05);
    const dose = doseResponse(rows, 84)!;
    expect(dose.estimate).toBeLessThan(1);
  });
  it('gives uniform randomisation p-values under no effect (KS) and rejects about 5 %', () => {
    const ps: number[] = [];
    for (let s = 0; s < 150; s++) ps.push(randomisationP(simulate(100 + s, 0), 99, s)!);
    ps.sort((a, b) => a - b);
    let d = 0;
    ps.forEach((p, i) => (d = Math.max(d, Math.abs(p - i / ps.length), Math.abs(p - (i + 1) / ps.length))));
    // KS critical value at 1 %: 1.63 / √n; the p-values are on a grid of 1/100, adding ≤ 0.01.
    expect(d).toBeLessThan(1.63 / Math.sqrt(ps.length) + 0.01);
    const rejected = ps.filter((p) => p <= 0.05).length / ps.length;
    expect(rejected).toBeLessThan(0.11);
  });
  it('estimates power that grows with the reduction and is high for 40 % on hot cells', () => {
    const rates = new Map(CELLS.map((c, i) => [c.cell, 2 + (i % 4)]));
    const power = simulatePower(CELLS, rates, 12, 3, 100);
    expect(power.map((p) => p.reduction)).toEqual([0.2, 0.3, 0.4]);
    expect(power[0]!.power).toBeLessThan(power[2]!.power);
    expect(power[2]!.power).toBeGreaterThan(0.8);
    expect(simulatePower(CELLS, rates, 12, 3, 100)).toEqual(power);
  });
});
