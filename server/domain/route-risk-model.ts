// The risk port and the prize table: how likely trouble is in a cell at a weekday and hour,
// sampled over a shift in fixed slots (so a stop's prize is the risk at the hour of the visit).
import { weekdayHourAt } from './route-schedule.ts';

/** Risk of a cell (H3 hex string) at an ISO weekday (1 = Monday) and Stockholm hour (0–23). */
export type RiskSource = (cell: string, weekday: number, hour: number) => number;

/** Prize slots are this long; a visit's prize is the risk at its slot's midpoint. */
export const PRIZE_SLOT_MIN = 15;

export interface PrizeTable {
  slots: number;
  slotMin: number;
  /** prize[c * slots + s] */
  prize: Float64Array;
  /** Sum over the shift's slots per cell (used to choose candidates). */
  totals: number[];
}

/** Samples the risk of each cell over the shift, DST-safe (each slot's own wall clock). */
export function prizeTable(cells: readonly string[], risk: RiskSource, startMs: number, shiftMin: number, slotMin = PRIZE_SLOT_MIN): PrizeTable {
  const slots = Math.max(1, Math.ceil(shiftMin / slotMin));
  const when = Array.from({ length: slots }, (_, s) => weekdayHourAt(startMs + (s + 0.5) * slotMin * 60000));
  const prize = new Float64Array(cells.length * slots);
  const totals = cells.map((cell, c) => {
    let sum = 0;
    for (let s = 0; s < slots; s++) {
      const v = Math.max(0, risk(cell, when[s]!.weekday, when[s]!.hour));
      prize[c * slots + s] = v;
      sum += v;
    }
    return sum;
  });
  return { slots, slotMin, prize, totals };
}

/**
 * Risk from report weights per (cell, weekday, hour): the weight at the hour plus half of each
 * neighbouring hour (sparse data is noisy at hour level), per week of the lookback.
 */
export function riskFromCounts(counts: ReadonlyMap<string, Float64Array>, weeks: number): RiskSource {
  const at = (a: Float64Array, weekday: number, hour: number) => {
    const i = ((((weekday - 1) * 24 + hour) % 168) + 168) % 168;
    return a[i]!;
  };
  return (cell, weekday, hour) => {
    const a = counts.get(cell);
    if (!a) return 0;
    return (at(a, weekday, hour) + 0.5 * at(a, weekday, hour - 1) + 0.5 * at(a, weekday, hour + 1)) / Math.max(1, weeks);
  };
}
