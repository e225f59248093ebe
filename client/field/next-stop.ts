// Today's route in the field: which stop is next, how far it is, and the dwell timer — pure.
import { latLngToCell } from 'h3-js';

export interface FieldStop {
  index: number;
  place: string;
  lat: number;
  lon: number;
  cell: string;
  arrivalMs: number;
  dwellMin: number;
}

export interface StopProgress {
  /** Index into the stops of the next stop not yet done, or null when all are done. */
  next: number | null;
  /** Ms spent in the next stop's cell since arriving there (0 when not there). */
  dwellMs: number;
}

/** Metres between two points (equirectangular; field distances are short). */
export function metresBetween(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const x = (b.lon - a.lon) * Math.cos(((a.lat + b.lat) / 2) * (Math.PI / 180));
  const y = b.lat - a.lat;
  return Math.hypot(x, y) * 111_320;
}

/**
 * Walks the fixes in time order: the team is "at" a stop while in its res-10 cell (or within
 * 40 m of it); a stop is done once the dwell was kept there, and then the next one is due.
 */
export function stopProgress(stops: readonly FieldStop[], fixes: readonly { t: number; lat: number; lon: number }[]): StopProgress {
  let next = 0;
  let arrived: number | null = null;
  let dwellMs = 0;
  for (const f of fixes) {
    const s = stops[next];
    if (!s) break;
    const isThere = latLngToCell(f.lat, f.lon, 10) === s.cell || metresBetween(f, s) <= 40;
    if (!isThere) {
      arrived = null;
      dwellMs = 0;
      continue;
    }
    arrived ??= f.t;
    dwellMs = f.t - arrived;
    if (dwellMs >= s.dwellMin * 60_000) {
      next++;
      arrived = null;
      dwellMs = 0;
    }
  }
  return { next: next < stops.length ? next : null, dwellMs };
}
