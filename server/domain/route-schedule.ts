// Shift times in Europe/Stockholm and the schedule of a drawn route: arrival and departure at
// each waypoint from the shift start, walking at speedKmh and staying dwellMin at stops.
import { fromWallClock, offsetMin, toWallClock } from './stockholm-time.ts';

export interface Shift {
  startMs: number;
  endMs: number;
  /** Length of the shift in minutes (a DST change night included). */
  shiftMin: number;
}

export interface TimedWaypoint {
  arrivalMs: number;
  departureMs: number;
}

/** 'HH:MM' → [hour, minute]. */
function hhmm(s: string): [number, number] {
  const [h, m] = s.split(':').map(Number) as [number, number];
  return [h, m];
}

/** The shift's instants; an end at or before the start means the next day (e.g. 22:00–02:00). */
export function shiftInstants(date: string, start: string, end: string): Shift {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const [sh, sm] = hhmm(start), [eh, em] = hhmm(end);
  const startMs = fromWallClock(y, mo, d, sh, sm);
  const nextDay = eh * 60 + em <= sh * 60 + sm;
  const endMs = fromWallClock(y, mo, d + (nextDay ? 1 : 0), eh, em);
  return { startMs, endMs, shiftMin: (endMs - startMs) / 60000 };
}

/** ISO 8601 with the Stockholm offset, e.g. 2026-11-20T18:20:00+01:00. */
export function toStockholmIso(ms: number): string {
  const w = toWallClock(ms);
  const off = offsetMin(ms);
  const p2 = (n: number) => String(n).padStart(2, '0');
  const sign = off >= 0 ? '+' : '-';
  return `${w.year}-${p2(w.month)}-${p2(w.day)}T${p2(w.hour)}:${p2(w.minute)}:${p2(w.second)}${sign}${p2(Math.floor(Math.abs(off) / 60))}:${p2(Math.abs(off) % 60)}`;
}

/** ISO weekday (1 = Monday … 7 = Sunday) and hour in Stockholm at an instant. */
export function weekdayHourAt(ms: number): { weekday: number; hour: number } {
  const w = toWallClock(ms);
  const dow = new Date(Date.UTC(w.year, w.month - 1, w.day)).getUTCDay();
  return { weekday: dow === 0 ? 7 : dow, hour: w.hour };
}

/** Metres → minutes at speedKmh. */
export function walkingMin(lengthM: number, speedKmh: number): number {
  return lengthM / ((speedKmh * 1000) / 60);
}

/**
 * Times at each waypoint of a drawn route, walking straight on: legLengthsM[i] leads from
 * waypoint i to i + 1; a stop keeps the team dwellMin before it walks on.
 */
export function scheduleWaypoints(startMs: number, legLengthsM: readonly number[], dwellMin: readonly number[], speedKmh: number): TimedWaypoint[] {
  const out: TimedWaypoint[] = [];
  let t = startMs;
  for (let i = 0; i < dwellMin.length; i++) {
    if (i > 0) t += walkingMin(legLengthsM[i - 1] ?? 0, speedKmh) * 60000;
    const arrivalMs = Math.round(t);
    t += (dwellMin[i] ?? 0) * 60000;
    out.push({ arrivalMs, departureMs: Math.round(t) });
  }
  return out;
}
