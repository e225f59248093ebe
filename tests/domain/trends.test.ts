// Mann–Kendall, emerging hot-spot patterns and the near-repeat flag.
import { describe, expect, it } from 'vitest';
import { gridDisk, latLngToCell } from 'h3-js';
import { mannKendall } from '../../server/domain/mann-kendall.ts';
import { emergingPattern } from '../../server/domain/emerging-hotspots.ts';
import { nearRepeatCells } from '../../server/domain/near-repeat.ts';
import { analyseTrends, weekStarts } from '../../server/domain/trend-analysis.ts';
import type { HotspotClass } from '../../server/domain/gi-star.ts';

describe('mannKendall', () => {
  it('matches the hand computation for a rising series', () => {
    const r = mannKendall([1, 2, 3, 4, 5]);
    expect(r.s).toBe(10);
    expect(r.variance).toBeCloseTo(50 / 3, 12); // 5·4·15/18
    expect(r.z).toBeCloseTo(9 / Math.sqrt(50 / 3), 12);
    expect(r.p).toBeCloseTo(0.0275, 3);
    expect(r.direction).toBe('up');
    expect(r.tau).toBe(1);
  });

  it('corrects the variance for ties', () => {
    const r = mannKendall([1, 1, 2]);
    expect(r.s).toBe(2);
    expect(r.variance).toBeCloseTo((66 - 18) / 18, 12);
    expect(r.direction).toBe('none');
  });
});

const hot = (n: number, k: HotspotClass = 3) => new Array<HotspotClass>(n).fill(k);
const rising = (n: number) => Array.from({ length: n }, (_, i) => 3 + i);

describe('emergingPattern', () => {
  it('names new, intensifying, persistent, diminishing and sporadic hot spots', () => {
    expect(emergingPattern([...new Array<HotspotClass>(11).fill(0), 3], new Array(12).fill(0)).pattern).toBe('new');
    expect(emergingPattern(hot(12), rising(12)).pattern).toBe('intensifying');
    expect(emergingPattern(hot(12), rising(12).reverse()).pattern).toBe('diminishing');
    expect(emergingPattern(hot(12), [3, 4, 3, 4, 3, 4, 3, 4, 3, 4, 3, 4]).pattern).toBe('persistent');
    expect(emergingPattern([3, 0, 0, 2, 0, 1, 0, 0, 3, 0, 0, 3], new Array(12).fill(1)).pattern).toBe('sporadic');
    expect(emergingPattern([3, 0, -2, 0, 0, 3], new Array(6).fill(1)).pattern).toBe(null);
    expect(emergingPattern(new Array<HotspotClass>(12).fill(0), new Array(12).fill(0)).pattern).toBe(null);
  });
});

describe('nearRepeatCells', () => {
  const c = latLngToCell(58.4261, 15.5832, 10);
  it('flags cells with a cluster around them and not lone reports', () => {
    const [a, b] = gridDisk(c, 1).filter((x) => x !== c);
    const far = gridDisk(c, 5).at(-1)!;
    const flagged = nearRepeatCells(new Map([[c, 1], [a!, 1], [b!, 1], [far, 2]]));
    expect(flagged.has(c)).toBe(true);
    expect(flagged.has(far)).toBe(false);
  });
});

describe('analyseTrends', () => {
  it('finds a cell that heats up in the last weeks as intensifying', () => {
    const c = latLngToCell(58.4261, 15.5832, 10);
    const universe = gridDisk(c, 6);
    const weeks = weekStarts('2026-11-20', 12);
    expect(weeks[0]).toBe('2026-08-24');
    expect(weeks.at(-1)).toBe('2026-11-09');
    const values = weeks.flatMap((w, i) => [
      { cell: c, weekStart: w, weight: 20 + 5 * i },
      ...universe.filter((x) => x !== c).map((x, j) => ({ cell: x, weekStart: w, weight: (i + j) % 3 })),
    ]);
    const out = analyseTrends({ universe, weeks, values, recentCounts: new Map() });
    const mine = out.find((x) => x.cell === c)!;
    expect(mine.pattern).toBe('intensifying');
    expect(mine.series).toHaveLength(12);
  });
});
