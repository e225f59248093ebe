// Cleans a batch of raw fixes: sorts by time, drops repeated instants, fixes too inaccurate to
// place in a ~66 m cell, and impossible jumps (a speed no patrol on foot or by bike reaches).
import { distanceM, isValidFix, speedKmh, type TrackPoint } from './track-point.ts';

export interface CleanOptions {
  /** A fix whose accuracy radius is larger than this (metres) is discarded. Default 100. */
  maxAccuracyM?: number;
  /** Faster than this (km/h) from the last kept fix is an impossible jump. Default 30. */
  maxJumpKmh?: number;
  /** Metres of the candidate's accuracy forgiven before the speed is judged (GPS jitter). Default up to 30. */
  jitterAllowanceM?: number;
  /** After this many consecutive rejected fixes that agree with each other, the track re-anchors on them (the earlier anchor was the outlier). Default 3. */
  reanchorAfter?: number;
}

export interface DiscardCounts {
  invalid: number;
  duplicate: number;
  accuracy: number;
  jump: number;
}

export interface CleanResult {
  points: TrackPoint[];
  discarded: DiscardCounts;
}

export function totalDiscarded(d: DiscardCounts): number {
  return d.invalid + d.duplicate + d.accuracy + d.jump;
}

/** Time-sorted, deduplicated fixes with outliers removed, and how many of each kind were dropped. */
export function cleanTrack(raw: readonly TrackPoint[], opts: CleanOptions = {}): CleanResult {
  const maxAccuracyM = opts.maxAccuracyM ?? 100;
  const maxJumpKmh = opts.maxJumpKmh ?? 30;
  const jitterCapM = opts.jitterAllowanceM ?? 30;
  const reanchorAfter = opts.reanchorAfter ?? 3;
  const discarded: DiscardCounts = { invalid: 0, duplicate: 0, accuracy: 0, jump: 0 };

  const sorted = raw.filter((p) => {
    if (isValidFix(p)) return true;
    discarded.invalid++;
    return false;
  });
  sorted.sort((a, b) => a.t - b.t);

  const plausible = (a: TrackPoint, b: TrackPoint) => {
    const slack = Math.min(jitterCapM, b.accuracyM ?? 0);
    return speedKmh(a, b, Math.max(0, distanceM(a, b) - slack)) <= maxJumpKmh;
  };

  const kept: TrackPoint[] = [];
  let pending: TrackPoint[] = []; // consecutive rejected jumps that may be the true track
  for (const p of sorted) {
    const last = kept.at(-1);
    if (last && last.t === p.t) {
      discarded.duplicate++;
      continue;
    }
    if (p.accuracyM != null && p.accuracyM > maxAccuracyM) {
      discarded.accuracy++;
      continue;
    }
    if (!last || plausible(last, p)) {
      kept.push(p);
      pending = [];
      continue;
    }
    const prevPending = pending.at(-1);
    if (prevPending && prevPending.t === p.t) {
      discarded.duplicate++;
      continue;
    }
    pending = prevPending && plausible(prevPending, p) ? [...pending, p] : [p];
    discarded.jump++;
    if (pending.length >= reanchorAfter) {
      // The rejected fixes agree among themselves: the anchor was the outlier (or the team moved
      // fast in between). Keep them; the move itself is still not presence (too fast or too long).
      kept.push(...pending);
      discarded.jump -= pending.length;
      pending = [];
    }
  }
  return { points: kept, discarded };
}
