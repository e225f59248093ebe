// Presence per H3 cell from a cleaned track: time between fixes is spread along the straight
// leg (sampled every few metres) and credited to the cells it crosses, except across gaps in
// the recording and at speeds above walking/cycling. A visit that lasts the minimum dwell is a
// stop; shorter ones are pass-bys. Short GPS-jitter excursions out of a cell and back are
// folded into the surrounding visit so a standing patrol is not split in two. The computation
// can stop at any kept fix and go on later (VisitCursor) with the same result.
import { latLngToCell } from 'h3-js';
import { distanceM, lerpPoint, type TrackPoint } from './track-point.ts';

export interface PresenceOptions {
  /** H3 resolution of the cells. Default 10 (~66 m edge, the reports' resolution). */
  res?: number;
  /** A pause between fixes longer than this (minutes) is a gap and counts for nothing. Default 5. */
  maxGapMin?: number;
  /** Legs faster than this (km/h: brisk cycling) are transport, not presence. Default 25. */
  maxPresenceKmh?: number;
  /** A visit lasting at least this long (minutes) is a stop. Default 3. */
  minStopMin?: number;
  /** Sampling step along a leg that crosses cells, metres. Default 5. */
  sampleStepM?: number;
  /** Excursions into another cell shorter than this (seconds) that return to the same cell are jitter. Default 60. */
  bounceSec?: number;
}

export interface Visit {
  cell: string;
  startMs: number;
  endMs: number;
  isStop: boolean;
}

export interface CellPresence {
  cell: string;
  minutes: number;
  /** Minutes inside visits that qualified as stops. */
  stopMinutes: number;
  isStop: boolean;
}

/** A contiguous stay in one cell, before it is judged stop or pass-by. */
export interface Run {
  cell: string;
  startMs: number;
  endMs: number;
}

/**
 * Where a visit computation stands after a kept fix, so that it can go on from there when later
 * fixes arrive and give exactly what a computation over all fixes gives. The jitter fold only
 * touches the last two visits and only removes short ones, so every visit before the latest one
 * lasting at least `bounceSec` is final: only the visits from there on (`stack`) and the run the
 * next leg may still lengthen (`open`) are carried over.
 */
export interface VisitCursor {
  /** Instant of the kept fix the cursor stands on, ms; the next leg starts there. */
  atMs: number;
  /** How many visits (from the track's first) are final. */
  frozen: number;
  /** The visits after those, as the jitter fold holds them. */
  stack: Run[];
  /** The run the next leg continues when it stays in the same cell, if any. */
  open: Run | null;
}

interface Settings {
  res: number;
  maxGapMs: number;
  maxKmh: number;
  minStopMs: number;
  stepM: number;
  bounceMs: number;
}

function settingsOf(opts: PresenceOptions): Settings {
  return {
    res: opts.res ?? 10,
    maxGapMs: (opts.maxGapMin ?? 5) * 60_000,
    maxKmh: opts.maxPresenceKmh ?? 25,
    minStopMs: (opts.minStopMin ?? 3) * 60_000,
    stepM: opts.sampleStepM ?? 5,
    bounceMs: (opts.bounceSec ?? 60) * 1000,
  };
}

const copyRun = (r: Run): Run => ({ cell: r.cell, startMs: r.startMs, endMs: r.endMs });

/**
 * Visits from the kept fixes `points` (time order), continuing `from` (then `points[0]` is the fix
 * it stands on) or from scratch. Returns the visits from index `from.frozen` on (all of them from
 * scratch) and the cursor at the last fix. Time between fixes is spread along the leg and merged
 * into runs per cell; a run is handed to the jitter fold once the next one begins.
 */
export function continueVisits(points: readonly TrackPoint[], from: VisitCursor | null, opts: PresenceOptions = {}): { visits: Visit[]; cursor: VisitCursor | null } {
  const s = settingsOf(opts);
  const out: Run[] = from ? from.stack.map(copyRun) : [];
  let open: Run | null = from?.open ? copyRun(from.open) : null;

  /** Folds A → short B → A (contiguous) into one visit of A; merges contiguous runs of one cell. */
  const fold = (r: Run) => {
    const y = out.at(-1);
    const x = out.at(-2);
    if (x && y && x.cell === r.cell && x.endMs === y.startMs && y.endMs === r.startMs && y.endMs - y.startMs < s.bounceMs) {
      out.pop();
      x.endMs = r.endMs;
      return;
    }
    if (y && y.cell === r.cell && y.endMs === r.startMs) {
      y.endMs = r.endMs;
      return;
    }
    out.push(copyRun(r));
  };
  const push = (cell: string, startMs: number, endMs: number) => {
    if (endMs <= startMs) return;
    if (open && open.cell === cell && open.endMs === startMs) {
      open.endMs = endMs;
      return;
    }
    if (open) fold(open);
    open = { cell, startMs, endMs };
  };

  let prevCell = points.length ? latLngToCell(points[0]!.lat, points[0]!.lon, s.res) : '';
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    const cellA = prevCell;
    const cellB = latLngToCell(b.lat, b.lon, s.res);
    prevCell = cellB;
    const dtMs = b.t - a.t;
    if (dtMs <= 0 || dtMs > s.maxGapMs) continue; // a gap in the recording counts for nothing
    const dM = distanceM(a, b);
    if ((dM / (dtMs / 1000)) * 3.6 > s.maxKmh) continue; // transport, not presence
    if (cellA === cellB) {
      // Hexagons are convex: a straight leg between two points of one cell stays in it.
      push(cellA, a.t, b.t);
      continue;
    }
    const n = Math.max(2, Math.ceil(dM / s.stepM));
    for (let k = 0; k < n; k++) {
      const mid = lerpPoint(a, b, (k + 0.5) / n);
      const start = k === 0 ? a.t : a.t + (dtMs * k) / n;
      const end = k === n - 1 ? b.t : a.t + (dtMs * (k + 1)) / n;
      push(k === 0 ? cellA : k === n - 1 ? cellB : latLngToCell(mid.lat, mid.lon, s.res), start, end);
    }
  }

  const last = points.at(-1);
  let cursor: VisitCursor | null = null;
  if (last) {
    let firm = out.length - 1;
    while (firm > 0 && out[firm]!.endMs - out[firm]!.startMs < s.bounceMs) firm--;
    firm = Math.max(firm, 0);
    const openNow: Run | null = open;
    cursor = { atMs: last.t, frozen: (from?.frozen ?? 0) + firm, stack: out.slice(firm).map(copyRun), open: openNow ? copyRun(openNow) : null };
  }
  if (open) fold(open);
  return { visits: out.map((r) => ({ ...r, isStop: r.endMs - r.startMs >= s.minStopMs })), cursor };
}

/** Visits in time order: each contiguous stay in one cell, marked stop or pass-by. */
export function computeVisits(points: readonly TrackPoint[], opts: PresenceOptions = {}): Visit[] {
  return continueVisits(points, null, opts).visits;
}

/** Minutes per cell (largest first), with whether any visit there was a stop. */
export function summarizeVisits(visits: readonly Visit[]): CellPresence[] {
  const byCell = new Map<string, CellPresence>();
  for (const v of visits) {
    const min = (v.endMs - v.startMs) / 60_000;
    const c = byCell.get(v.cell) ?? { cell: v.cell, minutes: 0, stopMinutes: 0, isStop: false };
    c.minutes += min;
    if (v.isStop) {
      c.stopMinutes += min;
      c.isStop = true;
    }
    byCell.set(v.cell, c);
  }
  return [...byCell.values()].sort((a, b) => b.minutes - a.minutes || a.cell.localeCompare(b.cell));
}
