import { describe, expect, it } from 'vitest';
import { formatBand, hotBand, rankGaps } from '../../server/domain/track-gaps.ts';
import { tonightAlerts } from '../../server/domain/track-alerts.ts';
import { comparePlan } from '../../server/domain/track-plan.ts';

const place = (cell: string) => ({ sv: `Plats ${cell}`, en: `Place ${cell}` });

describe('hotBand', () => {
  it('widens the peak hour over neighbours carrying at least 30 % of it', () => {
    const w = new Array(168).fill(0);
    w[4 * 24 + 20] = 8; w[4 * 24 + 21] = 6; w[4 * 24 + 22] = 17; w[4 * 24 + 18] = 1;
    const band = hotBand(w);
    expect(band).toEqual({ startHow: 4 * 24 + 20, hours: 3 });
    expect(formatBand(band, 'sv')).toBe('fre 20–23');
    expect(formatBand({ startHow: 5 * 24 + 22, hours: 2 }, 'en')).toBe('Sat 22–24');
  });
});

describe('rankGaps', () => {
  it('ranks by need share minus presence share, hand-computed', () => {
    const need = [{ cell: 'a', hourOfWeek: 10, weight: 6 }, { cell: 'b', hourOfWeek: 10, weight: 3 }, { cell: 'c', hourOfWeek: 10, weight: 1 }];
    const presence = [{ cell: 'a', hourOfWeek: 10, minutes: 30 }, { cell: 'c', hourOfWeek: 10, minutes: 10 }];
    const out = rankGaps(need, presence, { weeks: 4, placeOf: place });
    // a: 0.6 − 0.75 = −0.15; b: 0.3 − 0 = 0.3; c: 0.1 − 0.25 = −0.15 (tie: higher need first)
    expect(out.map((g) => [g.cell, Math.round(g.gap * 100) / 100])).toEqual([['b', 0.3], ['a', -0.15], ['c', -0.15]]);
    expect(out[0]!.text.sv).toBe('Plats b: viss risk mån 10–11, 0 min närvaro på 4 veckor');
    expect(out[1]!.text.en).toBe('Place a: high need Mon 10–11, 30 min of presence in 4 weeks');
  });
});

describe('tonightAlerts', () => {
  const hourStartMs = Date.parse('2026-11-20T21:00:00Z'); // Fri 22:00 local
  const clock = { nowMs: hourStartMs + 30 * 60_000, nowHow: 4 * 24 + 22, hourStartMs };
  const band = { startHow: 4 * 24 + 20, hours: 3 };
  const input = (lastVisitMs: number | null, b = band) => [{ cell: 'x', band: b, place: place('x'), lastVisitMs }];

  it('is overdue after two hours of the band without a visit', () => {
    expect(tonightAlerts(input(null), clock)[0]!.status).toBe('overdue');
  });
  it('is ok after a recent visit and due early in the band', () => {
    expect(tonightAlerts(input(clock.nowMs - 30 * 60_000), clock)[0]!.status).toBe('ok');
    expect(tonightAlerts(input(null, { startHow: 4 * 24 + 22, hours: 2 }), clock)[0]!.status).toBe('due');
  });
  it('lists later bands as upcoming and skips other days and ended bands', () => {
    expect(tonightAlerts(input(null, { startHow: 4 * 24 + 23, hours: 1 }), clock)[0]!.status).toBe('upcoming');
    expect(tonightAlerts(input(null, { startHow: 3 * 24 + 20, hours: 3 }), clock)).toEqual([]);
    expect(tonightAlerts(input(null, { startHow: 4 * 24 + 18, hours: 2 }), clock)).toEqual([]);
  });
});

describe('comparePlan', () => {
  it('marks stops reached, late and dwell kept', () => {
    const t = Date.parse('2026-11-20T19:00:00Z');
    const visits = [{ cell: 'a', startMs: t + 5 * 60_000, endMs: t + 17 * 60_000, isStop: true }, { cell: 'b', startMs: t + 40 * 60_000, endMs: t + 44 * 60_000, isStop: true }];
    const out = comparePlan([
      { index: 0, cell: 'a', place: null, arrivalMs: t, dwellMin: 12 },
      { index: 1, cell: 'b', place: null, arrivalMs: t + 30 * 60_000, dwellMin: 12 },
      { index: 2, cell: 'c', place: null, arrivalMs: t + 60 * 60_000, dwellMin: 12 },
    ], visits);
    expect(out.map((o) => [o.reached, o.lateMin, o.dwellMin, o.dwellKept])).toEqual([[true, 5, 12, true], [true, 10, 4, false], [false, null, 0, false]]);
  });
});
