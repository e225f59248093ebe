// Presence kept up to date as fixes arrive. A track's state is its visits and checkpoints: where
// the clean → visits pipeline stands after a kept fix. A batch of new fixes is worked from the
// latest checkpoint before its earliest fix (a kept fix leaves the cleaner with that fix as its
// anchor and nothing pending, and the visit cursor carries the rest), so the answer is exactly
// the one a computation over every stored fix gives, late and out-of-order fixes included.
import { cleanTrack, type CleanOptions, type DiscardCounts } from './track-clean.ts';
import { continueVisits, type PresenceOptions, type Run, type Visit, type VisitCursor } from './presence.ts';
import { visitsToBuckets, type PresenceBucket } from './track-buckets.ts';
import type { TrackPoint } from './track-point.ts';

/** Checkpoints are kept at least this far apart (ms), the newest always: a fix this late redoes about this much. */
export const CHECKPOINT_SPACING_MS = 10 * 60_000;

export interface PresenceCheckpoint extends VisitCursor {
  /** Stored fixes before `atMs`. */
  rawBefore: number;
  /** Fixes discarded by the cleaner among those up to and including the one at `atMs`. */
  discarded: DiscardCounts;
}

export interface PresenceState {
  /** Every visit of the track, in time order. */
  visits: Visit[];
  /** Oldest first. */
  checkpoints: PresenceCheckpoint[];
}

export interface PresenceOptionsAll {
  clean?: CleanOptions;
  presence?: PresenceOptions;
}

export interface PresenceStep {
  state: PresenceState;
  storedPoints: number;
  discarded: DiscardCounts;
  /** The latest kept fix (live position). */
  last: TrackPoint | null;
}

const NO_DISCARDS: DiscardCounts = { invalid: 0, duplicate: 0, accuracy: 0, jump: 0 };
const addCounts = (a: DiscardCounts, b: DiscardCounts): DiscardCounts => ({
  invalid: a.invalid + b.invalid,
  duplicate: a.duplicate + b.duplicate,
  accuracy: a.accuracy + b.accuracy,
  jump: a.jump + b.jump,
});

/** The latest checkpoint strictly before `earliestNewMs` (Infinity when no fix is new), or null: recompute all. */
export function checkpointBefore(state: PresenceState | null, earliestNewMs: number): PresenceCheckpoint | null {
  if (!state) return null;
  for (let i = state.checkpoints.length - 1; i >= 0; i--) {
    if (state.checkpoints[i]!.atMs < earliestNewMs) return state.checkpoints[i]!;
  }
  return null;
}

/**
 * Goes on from checkpoint `from` of `prev` (or from scratch when null) over `fixes`: every stored
 * fix from the checkpoint's own on (all of them from scratch), in time order. Null when the
 * fixes do not start with the checkpoint's kept fix (the state no longer fits: recompute all).
 */
export function advancePresence(prev: PresenceState | null, from: PresenceCheckpoint | null, fixes: readonly TrackPoint[], opts: PresenceOptionsAll = {}): PresenceStep | null {
  if (from && (!prev || fixes[0]?.t !== from.atMs)) return null;
  const { points, discarded } = cleanTrack(fixes, opts.clean);
  if (from && points[0] !== fixes[0]) return null;
  const { visits, cursor } = continueVisits(points, from, opts.presence);
  const base = from ?? { rawBefore: 0, discarded: NO_DISCARDS, frozen: 0, atMs: -Infinity };

  const checkpoints = (prev?.checkpoints ?? []).filter((c) => c.atMs <= base.atMs && (!cursor || c.atMs < cursor.atMs));
  if (cursor) {
    const lastKept = points.at(-1)!;
    const at = fixes.lastIndexOf(lastKept);
    // Rejected fixes after the last kept one are counted in `discarded` but not at the checkpoint.
    const upTo = at === fixes.length - 1 ? discarded : cleanTrack(fixes.slice(0, at + 1), opts.clean).discarded;
    const newest = checkpoints.at(-1);
    if (newest && checkpoints.length >= 2 && newest.atMs - checkpoints.at(-2)!.atMs < CHECKPOINT_SPACING_MS) checkpoints.pop();
    checkpoints.push({ ...cursor, rawBefore: base.rawBefore + at, discarded: addCounts(base.discarded, upTo) });
  }
  return {
    state: { visits: [...(prev?.visits.slice(0, base.frozen) ?? []), ...visits], checkpoints },
    storedPoints: base.rawBefore + fixes.length,
    discarded: addCounts(base.discarded, discarded),
    last: points.at(-1) ?? null,
  };
}

/**
 * The stored fixes from `fromMs` on once `batch` is stored beside `stored` (every stored fix at
 * or after the earlier of `fromMs` and the batch's earliest, time order), as the insert stores
 * it: a fix at an instant already stored is skipped, and so is a repeat within the batch (the
 * first is kept); accuracy becomes float4. Returns them in time order (what reading them back
 * gives) and the batch's new fixes (`fresh`, time order). Instants must be whole milliseconds.
 */
export function mergeFixes(stored: readonly TrackPoint[], batch: readonly TrackPoint[], fromMs: number): { fixes: TrackPoint[]; fresh: TrackPoint[] } {
  const seen = new Set<number>();
  for (const p of stored) seen.add(p.t);
  const fresh: TrackPoint[] = [];
  for (const p of batch) {
    if (seen.has(p.t)) continue;
    seen.add(p.t);
    fresh.push({ t: p.t, lat: p.lat, lon: p.lon, accuracyM: p.accuracyM == null ? null : Math.fround(p.accuracyM) });
  }
  fresh.sort((a, b) => a.t - b.t);
  const fixes: TrackPoint[] = [];
  let i = 0, j = 0;
  while (i < stored.length && stored[i]!.t < fromMs) i++;
  while (j < fresh.length && fresh[j]!.t < fromMs) j++;
  while (i < stored.length || j < fresh.length) {
    if (j === fresh.length || (i < stored.length && stored[i]!.t < fresh[j]!.t)) fixes.push(stored[i++]!);
    else fixes.push(fresh[j++]!);
  }
  return { fixes, fresh };
}

const bucketKey = (b: PresenceBucket) => `${b.cell}|${b.localDate}|${b.hourOfWeek}`;

/** Going from the old visits to the new: buckets that are new, buckets whose sums changed, and buckets gone. */
export function diffBuckets(before: readonly Visit[], after: readonly Visit[]): { insert: PresenceBucket[]; update: PresenceBucket[]; remove: PresenceBucket[] } {
  const old = new Map(visitsToBuckets(before).map((b) => [bucketKey(b), b]));
  const insert: PresenceBucket[] = [];
  const update: PresenceBucket[] = [];
  for (const b of visitsToBuckets(after)) {
    const k = bucketKey(b);
    const o = old.get(k);
    old.delete(k);
    if (!o) insert.push(b);
    else if (o.minutes !== b.minutes || o.stopMinutes !== b.stopMinutes || o.lastAtMs !== b.lastAtMs) update.push(b);
  }
  return { insert, update, remove: [...old.values()] };
}

// Stored form: compact arrays, numbers as JSON writes them (doubles round-trip exactly).
type RunJson = [string, number, number];
type CheckpointJson = { at: number; frozen: number; stack: RunJson[]; open: RunJson | null; raw: number; d: [number, number, number, number] };
interface StateJson {
  v: 1;
  key: string;
  visits: [string, number, number, 0 | 1][];
  checkpoints: CheckpointJson[];
}

const runToJson = (r: Run): RunJson => [r.cell, r.startMs, r.endMs];
const runFromJson = ([cell, startMs, endMs]: RunJson): Run => ({ cell, startMs, endMs });

/** The state as stored, tagged with `key` (what it was computed with: area and options). */
export function encodePresenceState(s: PresenceState, key: string): string {
  const json: StateJson = {
    v: 1,
    key,
    visits: s.visits.map((v) => [v.cell, v.startMs, v.endMs, v.isStop ? 1 : 0]),
    checkpoints: s.checkpoints.map((c) => ({
      at: c.atMs,
      frozen: c.frozen,
      stack: c.stack.map(runToJson),
      open: c.open && runToJson(c.open),
      raw: c.rawBefore,
      d: [c.discarded.invalid, c.discarded.duplicate, c.discarded.accuracy, c.discarded.jump],
    })),
  };
  return JSON.stringify(json);
}

/** The stored state, or null when it was computed with another key or format (then recompute all). */
export function decodePresenceState(text: string | null | undefined, key: string): PresenceState | null {
  if (!text) return null;
  const json = JSON.parse(text) as StateJson;
  if (json.v !== 1 || json.key !== key) return null;
  return {
    visits: json.visits.map(([cell, startMs, endMs, stop]) => ({ cell, startMs, endMs, isStop: stop === 1 })),
    checkpoints: json.checkpoints.map((c) => ({
      atMs: c.at,
      frozen: c.frozen,
      stack: c.stack.map(runFromJson),
      open: c.open && runFromJson(c.open),
      rawBefore: c.raw,
      discarded: { invalid: c.d[0], duplicate: c.d[1], accuracy: c.d[2], jump: c.d[3] },
    })),
  };
}
