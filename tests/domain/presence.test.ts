import { describe, expect, it } from 'vitest';
import { latLngToCell } from 'h3-js';
import { computeVisits, summarizeVisits } from '../../server/domain/presence.ts';
import { visitsToBuckets } from '../../server/domain/track-buckets.ts';
import { makeWalk, offsetM } from '../fixtures/tracks/synthetic-walk.ts';

const A = { lat: 58.40837, lon: 15.564625 };
const T0 = Date.parse('2026-11-20T18:00:00Z'); // Friday 19:00 in Stockholm
const cellA = latLngToCell(A.lat, A.lon, 10);
const total = (cells: { minutes: number }[]) => cells.reduce((s, c) => s + c.minutes, 0);

describe('computeVisits', () => {
  it('counts a stay as a stop once it passes the minimum dwell', () => {
    const cells = summarizeVisits(computeVisits(makeWalk(A, T0, [{ stayMin: 5, jitterM: 2 }])));
    expect(cells).toHaveLength(1);
    expect(cells[0]).toMatchObject({ cell: cellA, isStop: true });
    expect(cells[0]!.minutes).toBeCloseTo(5, 5);
  });

  it('calls a short stay a pass-by, and honours a custom dwell', () => {
    const pts = makeWalk(A, T0, [{ stayMin: 2, jitterM: 2 }]);
    expect(summarizeVisits(computeVisits(pts))[0]!.isStop).toBe(false);
    expect(summarizeVisits(computeVisits(pts, { minStopMin: 1 }))[0]!.isStop).toBe(true);
  });

  it('does not count a gap longer than five minutes', () => {
    const pts = [{ t: T0, ...A }, { t: T0 + 6 * 60_000, ...A }, { t: T0 + 7 * 60_000, ...A }];
    expect(total(summarizeVisits(computeVisits(pts)))).toBeCloseTo(1, 5);
  });

  it('does not count movement faster than cycling', () => {
    const pts = makeWalk(A, T0, [{ to: offsetM(A, 2000, 0), kmh: 28 }], { intervalS: 5 });
    expect(computeVisits(pts)).toEqual([]);
    const bike = makeWalk(A, T0, [{ to: offsetM(A, 2000, 0), kmh: 18 }], { intervalS: 5 });
    expect(total(summarizeVisits(computeVisits(bike)))).toBeGreaterThan(6);
  });

  it('spreads a leg across the cells it crosses in proportion to distance', () => {
    const pts = [{ t: T0, ...A }, { t: T0 + 4 * 60_000, ...offsetM(A, 300, 0) }];
    const cells = summarizeVisits(computeVisits(pts));
    expect(cells.length).toBeGreaterThanOrEqual(3);
    expect(total(cells)).toBeCloseTo(4, 5);
  });

  it('folds a short jitter excursion into the surrounding stop', () => {
    const pts = makeWalk(A, T0, [{ stayMin: 2 }]);
    let out = A;
    while (latLngToCell(out.lat, out.lon, 10) === cellA) out = offsetM(out, 5, 0);
    out = offsetM(out, 5, 0); // just over the edge, as a jittering fix would be
    const last = pts.at(-1)!.t;
    pts.push({ t: last + 20_000, ...out }, { t: last + 40_000, ...A });
    pts.push(...makeWalk(A, pts.at(-1)!.t + 10_000, [{ stayMin: 2 }]));
    const visits = computeVisits(pts);
    expect(visits).toHaveLength(1);
    expect(visits[0]!.isStop).toBe(true);
  });
});

describe('visitsToBuckets', () => {
  it('splits presence at local hours and labels the hour of the week', () => {
    const start = Date.parse('2026-11-20T18:50:00Z'); // Fri 19:50 local
    const b = visitsToBuckets([{ cell: cellA, startMs: start, endMs: start + 20 * 60_000, isStop: true }]);
    expect(b.map((x) => [x.localDate, x.hourOfWeek, Math.round(x.minutes)])).toEqual([
      ['2026-11-20', 4 * 24 + 19, 10],
      ['2026-11-20', 4 * 24 + 20, 10],
    ]);
    expect(b[1]!.stopMinutes).toBeCloseTo(10, 5);
  });
});
