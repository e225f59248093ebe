// Plan against actual for a saved patrol route: for each planned stop, whether a team's track
// reached its cell, when (against the planned arrival) and whether the dwell was kept (longest
// continuous visit ≥ the minimum, default 10 minutes).
import type { Visit } from './presence.ts';

export interface PlannedStop {
  index: number;
  cell: string;
  place: string | null;
  /** Planned arrival, ms. */
  arrivalMs: number | null;
  dwellMin: number | null;
}

export interface StopOutcome {
  index: number;
  cell: string;
  place: string | null;
  reached: boolean;
  plannedArrivalMs: number | null;
  actualArrivalMs: number | null;
  /** Actual − planned arrival, minutes (positive: late). */
  lateMin: number | null;
  dwellMin: number;
  dwellKept: boolean;
}

export function comparePlan(stops: readonly PlannedStop[], visits: readonly Visit[], opts: { minDwellMin?: number; windowMs?: [number, number] } = {}): StopOutcome[] {
  const minDwell = opts.minDwellMin ?? 10;
  const [from, to] = opts.windowMs ?? [-Infinity, Infinity];
  return stops.map((s) => {
    const here = visits.filter((v) => v.cell === s.cell && v.endMs > from && v.startMs < to);
    // The visit that best matches the plan: the one nearest the planned arrival, else the first.
    const pick = s.arrivalMs === null ? here[0] : [...here].sort((a, b) => Math.abs(a.startMs - s.arrivalMs!) - Math.abs(b.startMs - s.arrivalMs!))[0];
    const dwellMin = here.reduce((m, v) => Math.max(m, (v.endMs - v.startMs) / 60_000), 0);
    return {
      index: s.index,
      cell: s.cell,
      place: s.place,
      reached: here.length > 0,
      plannedArrivalMs: s.arrivalMs,
      actualArrivalMs: pick?.startMs ?? null,
      lateMin: pick && s.arrivalMs !== null ? Math.round((pick.startMs - s.arrivalMs) / 60_000) : null,
      dwellMin: Math.round(dwellMin * 10) / 10,
      dwellKept: dwellMin >= minDwell,
    };
  });
}
