import { describe, expect, it } from 'vitest';
import { cleanTrack } from '../../server/domain/track-clean.ts';
import { makeWalk, offsetM } from '../fixtures/tracks/synthetic-walk.ts';

const A = { lat: 58.40837, lon: 15.564625 };
const T0 = Date.parse('2026-11-20T18:00:00Z');

describe('cleanTrack', () => {
  const walk = makeWalk(A, T0, [{ to: offsetM(A, 400, 0), kmh: 5 }]);

  it('sorts out-of-order fixes and drops repeated instants', () => {
    const shuffled = [...walk].reverse();
    const { points, discarded } = cleanTrack([...shuffled, walk[3]!, walk[7]!]);
    expect(points.map((p) => p.t)).toEqual(walk.map((p) => p.t));
    expect(discarded.duplicate).toBe(2);
  });

  it('discards an impossible jump and counts it', () => {
    const spiked = walk.map((p, i) => (i === 10 ? { ...p, ...offsetM(p, 800, 0) } : p));
    const { points, discarded } = cleanTrack(spiked);
    expect(discarded.jump).toBe(1);
    expect(points).toHaveLength(walk.length - 1);
  });

  it('discards fixes with poor accuracy', () => {
    const fuzzy = walk.map((p, i) => (i % 5 === 0 ? { ...p, accuracyM: 500 } : p));
    expect(cleanTrack(fuzzy).discarded.accuracy).toBe(Math.ceil(walk.length / 5));
  });

  it('re-anchors when the first fix was the outlier', () => {
    const bad = { t: T0 - 10_000, ...offsetM(A, -3000, 0), accuracyM: 8 };
    const { points, discarded } = cleanTrack([bad, ...walk]);
    expect(discarded.jump).toBe(0);
    expect(points).toHaveLength(walk.length + 1);
  });

  it('drops non-finite and out-of-range coordinates', () => {
    expect(cleanTrack([{ t: T0, lat: Number.NaN, lon: 15 }, { t: T0 + 1, lat: 95, lon: 15 }]).discarded.invalid).toBe(2);
  });
});
