// Splits visits into cell × local date × hour-of-week buckets (Europe/Stockholm), the grain of
// the presence table, so coverage answers the same date/day/hour filters as the reports.
import { toWallClock } from './stockholm-time.ts';
import type { Visit } from './presence.ts';

const HOUR_MS = 3_600_000;

export interface PresenceBucket {
  cell: string;
  /** Local date 'YYYY-MM-DD'. */
  localDate: string;
  /** 0 = Monday 00:00–01:00 … 167 = Sunday 23:00–24:00, local time. */
  hourOfWeek: number;
  minutes: number;
  stopMinutes: number;
  /** End of the latest presence in the bucket, ms. */
  lastAtMs: number;
}

/** Local date and hour of the week of the hour starting at a UTC hour boundary (Stockholm offsets are whole hours). */
export function localHourOf(hourStartMs: number): { localDate: string; hourOfWeek: number } {
  const w = toWallClock(hourStartMs);
  const isoDow0 = (new Date(Date.UTC(w.year, w.month - 1, w.day)).getUTCDay() + 6) % 7;
  const localDate = `${w.year}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
  return { localDate, hourOfWeek: isoDow0 * 24 + w.hour };
}

export function visitsToBuckets(visits: readonly Visit[]): PresenceBucket[] {
  const hourCache = new Map<number, { localDate: string; hourOfWeek: number }>();
  const buckets = new Map<string, PresenceBucket>();
  for (const v of visits) {
    for (let s = v.startMs; s < v.endMs; ) {
      const hourStart = Math.floor(s / HOUR_MS) * HOUR_MS;
      const e = Math.min(v.endMs, hourStart + HOUR_MS);
      let local = hourCache.get(hourStart);
      if (!local) hourCache.set(hourStart, (local = localHourOf(hourStart)));
      const key = `${v.cell}|${local.localDate}|${local.hourOfWeek}`;
      const b = buckets.get(key) ?? { cell: v.cell, ...local, minutes: 0, stopMinutes: 0, lastAtMs: 0 };
      const min = (e - s) / 60_000;
      b.minutes += min;
      if (v.isStop) b.stopMinutes += min;
      b.lastAtMs = Math.max(b.lastAtMs, e);
      buckets.set(key, b);
      s = e;
    }
  }
  return [...buckets.values()];
}
