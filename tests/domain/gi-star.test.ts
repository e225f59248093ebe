// Getis–Ord Gi*, Benjamini–Hochberg and the hot/cold classes, against hand-computed cases.
import { describe, expect, it } from 'vitest';
import { gridDisk, gridRing, latLngToCell } from 'h3-js';
import { giStar } from '../../server/domain/gi-star.ts';
import { bhSignificant, bhThreshold } from '../../server/domain/fdr.ts';
import { twoSidedP } from '../../server/domain/normal.ts';

const center = latLngToCell(58.4261, 15.5832, 10);

describe('twoSidedP', () => {
  it('matches normal tables', () => {
    expect(twoSidedP(1.959964)).toBeCloseTo(0.05, 6);
    expect(twoSidedP(2.575829)).toBeCloseTo(0.01, 6);
    expect(twoSidedP(-1.644854)).toBeCloseTo(0.1, 6);
    expect(twoSidedP(0)).toBeCloseTo(1, 6);
  });
});

describe('Benjamini–Hochberg', () => {
  it('finds the largest p under its rank line', () => {
    const ps = [0.01, 0.04, 0.03, 0.005, 0.2];
    expect(bhThreshold(ps, 0.05)).toBe(0.04);
    expect(bhSignificant(ps, 0.05)).toEqual([true, true, true, true, false]);
    expect(bhThreshold(ps, 0.01)).toBe(-1);
  });
});

describe('giStar', () => {
  // Universe: the cell and two rings (19 cells). Centre 10, first ring 2 each, second ring 0.
  const universe = gridDisk(center, 2);
  const values = new Map<string, number>([[center, 10], ...gridRing(center, 1).map((c) => [c, 2] as [string, number])]);
  // By hand: n = 19, X̄ = 22/19 = 1.157894…, S = √(124/19 − X̄²) = 2.277190…,
  // centre: Σw = 7, Σwx = 22 → z = (22 − 7X̄) / (S √((19·7 − 49)/18)) = 2.824539…
  // a first-ring cell: its disk holds the centre, itself, 2 ring-1 and 3 ring-2 cells → Σwx = 16 → z = 1.604852…
  const results = new Map(giStar(universe, values, { fdr: false }).map((g) => [g.cell, g]));

  it('computes z-scores as by hand', () => {
    expect(results.get(center)!.z).toBeCloseTo(2.8245392505720246, 9);
    expect(results.get(gridRing(center, 1)[0]!)!.z).toBeCloseTo(1.6048518469159232, 9);
    expect(results.get(center)!.p).toBeCloseTo(0.004734864859576436, 6);
  });

  it('classes without FDR: centre hot at 99 %, a ring cell not significant', () => {
    expect(results.get(center)!.class).toBe(3);
    expect(results.get(gridRing(center, 1)[0]!)!.class).toBe(0);
  });

  it('lowers the class when FDR correction is applied over many tests', () => {
    const fdr = new Map(giStar(universe, values).map((g) => [g.cell, g]));
    // 19 tests; the centre's p = 0.0047 is the smallest: 0.0047 ≤ 0.01/19? no; ≤ 0.05/19 = 0.0026? no; ≤ 0.1/19 = 0.0053 → 90 %.
    expect(fdr.get(center)!.class).toBe(1);
  });

  it('gives zeros when every value is equal', () => {
    expect(giStar(universe, new Map(universe.map((c) => [c, 3]))).every((g) => g.z === 0 && g.class === 0)).toBe(true);
  });

  it('finds a planted hot cell in a larger area at 99 % after FDR', () => {
    const area = gridDisk(center, 8);
    const vals = new Map<string, number>();
    let seed = 3;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    for (const c of area) vals.set(c, Math.floor(rnd() * 3));
    for (const c of gridDisk(center, 1)) vals.set(c, 30);
    const g = new Map(giStar(area, vals).map((x) => [x.cell, x]));
    expect(g.get(center)!.class).toBe(3);
    expect(g.get(gridRing(center, 5)[0]!)!.class).toBeLessThanOrEqual(0);
  });
});
