// Aoristic weighting (Ratcliffe 2002, "Aoristic signatures and the spatio-temporal analysis of
// high volume crime patterns", J. Quant. Criminology 18(1)): a report known only to have happened
// within a window is spread over the hours it covers, in proportion to the overlap, summing to one.
// Hours are Europe/Stockholm wall-clock hours. Stockholm's offset is always a whole number of
// hours, so every UTC hour is exactly one local hour: stepping in UTC hours makes the spring gap
// (02:00–03:00 does not exist) get no weight and the autumn repeated hour (02:00 twice) count twice.
import { toWallClock } from './stockholm-time.ts';
import { hourOfWeek } from './hour-of-week.ts';

const HOUR_MS = 3_600_000;

export interface HourShare {
  /** Local date 'YYYY-MM-DD'. */
  localDate: string;
  /** Local hour 0–23. */
  hour: number;
  /** ISO weekday 0 = Monday … 6 = Sunday. */
  dow: number;
  /** Hour of the week 0–167. */
  how: number;
  /** Fraction of the report in this hour (all of a report's shares sum to 1). */
  weight: number;
  /** 1 for the hour holding the window's midpoint (where the report is counted once), else 0. */
  count: 0 | 1;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Local date, hour and weekday of the UTC hour starting at `hourStartMs`. */
export function localHour(hourStartMs: number): { localDate: string; hour: number; dow: number } {
  const w = toWallClock(hourStartMs);
  const dow = (new Date(Date.UTC(w.year, w.month - 1, w.day)).getUTCDay() + 6) % 7;
  return { localDate: `${w.year}-${pad(w.month)}-${pad(w.day)}`, hour: w.hour, dow };
}

/**
 * The local hours a window [fromMs, toMs] covers with their aoristic weights. A point in time
 * (fromMs = toMs) puts its whole weight in its hour. Hours the window merely touches at an edge
 * get nothing. The midpoint's hour carries the report's count.
 */
export function aoristicShares(fromMs: number, toMs: number): HourShare[] {
  if (!(toMs >= fromMs)) throw new RangeError('the window ends before it starts');
  const first = Math.floor(fromMs / HOUR_MS) * HOUR_MS;
  const mid = Math.floor((fromMs + toMs) / 2 / HOUR_MS) * HOUR_MS;
  const duration = toMs - fromMs;
  const out: HourShare[] = [];
  for (let h = first; h <= toMs; h += HOUR_MS) {
    const overlap = Math.min(toMs, h + HOUR_MS) - Math.max(fromMs, h);
    const weight = duration === 0 ? (h === first ? 1 : 0) : overlap / duration;
    if (weight <= 0) continue;
    const l = localHour(h);
    out.push({ ...l, how: hourOfWeek(l.dow, l.hour), weight, count: h === mid ? 1 : 0 });
  }
  return out;
}

/** The aoristic profile of a window over the 168 hours of the week (sums to 1). */
export function weekProfile(fromMs: number, toMs: number): Float64Array {
  const profile = new Float64Array(168);
  for (const s of aoristicShares(fromMs, toMs)) profile[s.how]! += s.weight;
  return profile;
}
