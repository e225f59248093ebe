// Incremental presence equals a full recompute: random patrols (stops with jitter, walks and
// rides, spikes, inaccurate fixes, gaps, a DST night) cut into random batches delivered out of
// order, overlapping and repeated, each worked from the stored state as the server does.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { advancePresence, checkpointBefore, decodePresenceState, diffBuckets, encodePresenceState, mergeFixes, type PresenceState } from '../../server/domain/presence-incremental.ts';
import { visitsToBuckets, type PresenceBucket } from '../../server/domain/track-buckets.ts';
import type { TrackPoint } from '../../server/domain/track-point.ts';
import { deliveries, roughPatrol } from '../fixtures/tracks/rough-patrol.ts';

const keyOf = (b: PresenceBucket) => `${b.cell}|${b.localDate}|${b.hourOfWeek}`;

/** Stores batches like the server (first fix at an instant wins), steps the state and a bucket table. */
function ingest(batches: readonly TrackPoint[][]) {
  const stored = new Map<number, TrackPoint>();
  const table = new Map<string, PresenceBucket>();
  let state: PresenceState | null = null;
  let step = null as ReturnType<typeof advancePresence>;
  let fixesRead = 0;
  for (const batch of batches) {
    const fresh = batch.filter((p) => !stored.has(p.t));
    for (const p of fresh) stored.set(p.t, p);
    const from = checkpointBefore(state, fresh.length ? Math.min(...batch.map((p) => p.t)) : Infinity);
    const fixes = [...stored.values()].filter((p) => !from || p.t >= from.atMs).sort((a, b) => a.t - b.t);
    fixesRead += fixes.length;
    step = advancePresence(state, from, fixes);
    expect(step).not.toBeNull();
    const { insert, update, remove } = diffBuckets(state?.visits ?? [], step!.state.visits);
    for (const b of remove) expect(table.delete(keyOf(b))).toBe(true);
    for (const b of update) expect(table.has(keyOf(b))).toBe(true);
    for (const b of insert) expect(table.has(keyOf(b))).toBe(false);
    for (const b of [...update, ...insert]) table.set(keyOf(b), b);
    state = decodePresenceState(encodePresenceState(step!.state, 'k'), 'k'); // as stored
  }
  const all = [...stored.values()].sort((a, b) => a.t - b.t);
  return { step: step!, state: state!, table, all, fixesRead };
}

describe('incremental presence', () => {
  it('equals a full recompute for random patrols in random batches', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 1, max: 25 }), (seed, cuts) => {
        const fixes = roughPatrol(seed);
        const { step, state, table, all } = ingest(deliveries(fixes, seed, cuts));
        const full = advancePresence(null, null, all)!;
        expect(state.visits).toEqual(full.state.visits);
        expect(step.storedPoints).toBe(all.length);
        expect(step.discarded).toEqual(full.discarded);
        expect(step.last).toEqual(full.last);
        const buckets = visitsToBuckets(full.state.visits);
        expect(new Map([...table].sort())).toEqual(new Map(buckets.map((b) => [keyOf(b), b] as const).sort()));
      }),
      { numRuns: 150 },
    );
  });

  it('redoes only the tail when batches arrive in time order', () => {
    const fixes = roughPatrol(42);
    const batches = Array.from({ length: Math.ceil(fixes.length / 20) }, (_, i) => fixes.slice(i * 20, i * 20 + 20));
    const { state, fixesRead } = ingest(batches);
    expect(state.visits).toEqual(advancePresence(null, null, fixes)!.state.visits);
    expect(fixesRead).toBeLessThan(fixes.length * 2); // a full recompute per batch would read ~n²/40
    expect(state.checkpoints.length).toBeLessThan(fixes.length / 20);
  });

  it('refuses a checkpoint whose fix is not the first one given', () => {
    const fixes = roughPatrol(7);
    const first = advancePresence(null, null, fixes.slice(0, 100))!;
    const cp = checkpointBefore(first.state, Infinity)!;
    expect(advancePresence(first.state, cp, fixes.filter((p) => p.t > cp.atMs))).toBeNull();
  });

  it('drops a state stored under another key', () => {
    const s = advancePresence(null, null, roughPatrol(3))!.state;
    expect(decodePresenceState(encodePresenceState(s, 'a'), 'a')).toEqual(s);
    expect(decodePresenceState(encodePresenceState(s, 'a'), 'b')).toBeNull();
  });

  it('merges a batch into the stored fixes as the insert stores them: time order, first of an instant, float4 accuracy', () => {
    const p = (t: number, lat = 58.4, acc: number | null = 8) => ({ t, lat, lon: 15.56, accuracyM: acc });
    const stored = [p(1000), p(2000), p(3000)];
    const { fixes, fresh } = mergeFixes(stored, [p(4000, 58.5, 7.3), p(2000, 58.6), p(2500), p(4000, 58.7), p(500)], 2000);
    expect(fresh.map((f) => f.t)).toEqual([500, 2500, 4000]);
    expect(fixes.map((f) => f.t)).toEqual([2000, 2500, 3000, 4000]);
    expect(fixes[1]).toEqual(p(2500));
    expect(fixes[3]).toEqual({ t: 4000, lat: 58.5, lon: 15.56, accuracyM: Math.fround(7.3) });
    expect(fixes[0]).toBe(stored[1]);
  });
});
