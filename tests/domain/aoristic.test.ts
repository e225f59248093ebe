// Aoristic weights over Stockholm local hours, across daylight-saving changes.
import { describe, expect, it } from 'vitest';
import { aoristicShares, weekProfile } from '../../server/domain/aoristic.ts';

const t = (iso: string) => Date.parse(iso);
const sum = (xs: readonly { weight: number }[]) => xs.reduce((a, s) => a + s.weight, 0);

describe('aoristicShares', () => {
  it('puts a point in time wholly in its local hour', () => {
    const s = aoristicShares(t('2026-11-20T19:30:00Z'), t('2026-11-20T19:30:00Z'));
    expect(s).toEqual([{ localDate: '2026-11-20', hour: 20, dow: 4, how: 4 * 24 + 20, weight: 1, count: 1 }]);
  });

  it('spreads a Friday-night window over the hours it covers in proportion to overlap', () => {
    // 21:30 Friday → 00:30 Saturday local (winter, UTC+1)
    const s = aoristicShares(t('2026-11-20T20:30:00Z'), t('2026-11-20T23:30:00Z'));
    expect(s.map((x) => [x.localDate, x.hour, x.weight])).toEqual([
      ['2026-11-20', 21, 1 / 6],
      ['2026-11-20', 22, 1 / 3],
      ['2026-11-20', 23, 1 / 3],
      ['2026-11-21', 0, 1 / 6],
    ]);
    expect(sum(s)).toBeCloseTo(1, 12);
    expect(s.filter((x) => x.count === 1).map((x) => x.hour)).toEqual([23]);
  });

  it('gives no weight to an hour the window only touches at its end', () => {
    const s = aoristicShares(t('2026-11-20T20:00:00Z'), t('2026-11-20T21:00:00Z'));
    expect(s.map((x) => x.hour)).toEqual([21]);
  });

  it('weights only hours that exist across the spring-forward night', () => {
    // 29 March 2026: 01:00 local (00:00Z) → 04:00 local (02:00Z); 02:00–03:00 does not exist.
    const s = aoristicShares(t('2026-03-29T00:00:00Z'), t('2026-03-29T02:00:00Z'));
    expect(s.map((x) => [x.hour, x.weight])).toEqual([
      [1, 0.5],
      [3, 0.5],
    ]);
    expect(sum(s)).toBe(1);
  });

  it('counts the repeated autumn hour twice', () => {
    // 25 October 2026: 02:00–03:00 local happens twice (00:00Z–01:00Z summer, 01:00Z–02:00Z winter).
    const s = aoristicShares(t('2026-10-24T23:00:00Z'), t('2026-10-25T02:00:00Z'));
    expect(s.map((x) => [x.hour, x.weight])).toEqual([
      [1, 1 / 3],
      [2, 1 / 3],
      [2, 1 / 3],
    ]);
    const p = weekProfile(t('2026-10-24T23:00:00Z'), t('2026-10-25T02:00:00Z'));
    expect(p[6 * 24 + 2]).toBeCloseTo(2 / 3, 12);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it('sums to one for random windows up to seven days', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    for (let i = 0; i < 200; i++) {
      const from = t('2026-01-01T00:00:00Z') + Math.floor(rnd() * 365 * 86400_000);
      const to = from + Math.floor(rnd() * 7 * 86400_000);
      const s = aoristicShares(from, to);
      expect(sum(s)).toBeCloseTo(1, 9);
      expect(s.filter((x) => x.count === 1)).toHaveLength(1);
    }
  });
});
