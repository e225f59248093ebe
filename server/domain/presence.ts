// Presence per H3 cell from a cleaned track: time between fixes is spread along the straight
// leg (sampled every few metres) and credited to the cells it crosses, except across gaps in
// the recording and at speeds above walking/cycling. A visit that lasts the minimum dwell is a
// stop; shorter ones are pass-bys. Short GPS-jitter excursions out of a cell and back are
// folded into the surrounding visit so a standing patrol is not split in two.
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

interface Run {
  cell: string;
  startMs: number;
  endMs: number;
}

/** Contiguous runs of time per cell, before jitter folding. */
function cellRuns(points: readonly TrackPoint[], res: number, maxGapMs: number, maxKmh: number, stepM: number): Run[] {
  const runs: Run[] = [];
  const push = (cell: string, startMs: number, endMs: number) => {
    if (endMs <= startMs) return;
    const last = runs.at(-1);
    if (last && last.cell === cell && last.endMs === startMs) last.endMs = endMs;
    else runs.push({ cell, startMs, endMs });
  };
  let prevCell = points.length ? latLngToCell(points[0]!.lat, points[0]!.lon, res) : '';
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    const cellA = prevCell;
    const cellB = latLngToCell(b.lat, b.lon, res);
    prevCell = cellB;
    const dtMs = b.t - a.t;
    if (dtMs <= 0 || dtMs > maxGapMs) continue;
    const dM = distanceM(a, b);
    if ((dM / (dtMs / 1000)) * 3.6 > maxKmh) continue;
    if (cellA === cellB) {
      // Hexagons are convex: a straight leg between two points of one cell stays in it.
      push(cellA, a.t, b.t);
      continue;
    }
    const n = Math.max(2, Math.ceil(dM / stepM));
    for (let k = 0; k < n; k++) {
      const mid = lerpPoint(a, b, (k + 0.5) / n);
      const start = k === 0 ? a.t : a.t + (dtMs * k) / n;
      const end = k === n - 1 ? b.t : a.t + (dtMs * (k + 1)) / n;
      push(k === 0 ? cellA : k === n - 1 ? cellB : latLngToCell(mid.lat, mid.lon, res), start, end);
    }
  }
  return runs;
}

/** Folds A → short B → A (contiguous) into one visit of A. */
function foldJitter(runs: readonly Run[], bounceMs: number): Run[] {
  const out: Run[] = [];
  for (const r of runs) {
    const y = out.at(-1);
    const x = out.at(-2);
    if (x && y && x.cell === r.cell && x.endMs === y.startMs && y.endMs === r.startMs && y.endMs - y.startMs < bounceMs) {
      out.pop();
      x.endMs = r.endMs;
      continue;
    }
    if (y && y.cell === r.cell && y.endMs === r.startMs) {
      y.endMs = r.endMs;
      continue;
    }
    out.push({ ...r });
  }
  return out;
}

/** Visits in time order: each contiguous stay in one cell, marked stop or pass-by. */
export function computeVisits(points: readonly TrackPoint[], opts: PresenceOptions = {}): Visit[] {
  const minStopMs = (opts.minStopMin ?? 3) * 60_000;
  const runs = cellRuns(points, opts.res ?? 10, (opts.maxGapMin ?? 5) * 60_000, opts.maxPresenceKmh ?? 25, opts.sampleStepM ?? 5);
  return foldJitter(runs, (opts.bounceSec ?? 60) * 1000).map((r) => ({ ...r, isStop: r.endMs - r.startMs >= minStopMs }));
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
