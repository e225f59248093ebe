// Hour ranges, day lists, slots and H3 parents by bit arithmetic.
import { describe, expect, it } from 'vitest';
import { cellToParent, latLngToCell } from 'h3-js';
import { makeWeekMask, parseDays, parseHours, parseSlots } from '../../server/domain/hour-of-week.ts';
import { parentOfBigint } from '../../server/domain/h3-parent.ts';
import { parseSeverity } from '../../server/domain/severity.ts';

describe('hour-of-week parsing', () => {
  it('reads hour ranges with the end included and wrapping midnight', () => {
    expect(parseHours('18-23')).toEqual([18, 19, 20, 21, 22, 23]);
    expect(parseHours('22-2')).toEqual([0, 1, 2, 22, 23]);
    expect(parseHours('8,18-19')).toEqual([8, 18, 19]);
    expect(parseHours('18-24')).toEqual([18, 19, 20, 21, 22, 23]);
    expect(() => parseHours('25-3')).toThrow(/hour range/);
  });

  it('reads days and slots', () => {
    expect(parseDays('fri,sat')).toEqual([4, 5]);
    expect(() => parseDays('fre')).toThrow(/not a day/);
    expect(parseSlots('166-1')).toEqual([0, 1, 166, 167]);
  });

  it('makes a days × hours mask', () => {
    const m = makeWeekMask({ days: [4, 5], hours: [19, 20] });
    expect(m.filter(Boolean)).toHaveLength(4);
    expect(m[4 * 24 + 19]).toBe(true);
    expect(m[3 * 24 + 19]).toBe(false);
  });

  it('parses severity weights', () => {
    expect(parseSeverity('brand:3,klotter:0.5')).toEqual({ brand: 3, klotter: 0.5 });
    expect(() => parseSeverity('bil:2')).toThrow(/category/);
  });
});

describe('parentOfBigint', () => {
  it('agrees with h3-js cellToParent', () => {
    for (const [lat, lon] of [[58.4261, 15.5832], [58.4, 15.56], [58.41, 15.62], [-33.9, 151.2]] as const) {
      const c = latLngToCell(lat, lon, 10);
      for (const res of [8, 9, 10]) expect(parentOfBigint(BigInt(`0x${c}`), res).toString(16)).toBe(cellToParent(c, res));
    }
  });
});
