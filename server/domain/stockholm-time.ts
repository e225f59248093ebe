// Europe/Stockholm wall-clock time ↔ instants, with daylight-saving changes handled by Intl.

export const TIME_ZONE = 'Europe/Stockholm';

const fmt = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

export interface WallClock {
  year: number;
  month: number; // 1–12
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The Stockholm wall clock at an instant. */
export function toWallClock(ms: number): WallClock {
  const parts: Record<string, number> = {};
  for (const p of fmt.formatToParts(new Date(ms))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour!, minute: parts.minute!, second: parts.second! };
}

/** Offset of Stockholm from UTC at an instant, in minutes (60 in winter, 120 in summer). */
export function offsetMin(ms: number): number {
  const w = toWallClock(ms);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60000);
}

/**
 * The instant a Stockholm wall-clock time names. In the skipped spring hour the time is moved
 * forward by the gap; in the repeated autumn hour the first (summer-time) instant is returned.
 */
export function fromWallClock(year: number, month: number, day: number, hour = 0, minute = 0): number {
  const guess = Date.UTC(year, month - 1, day, hour, minute);
  const first = guess - offsetMin(guess - 3 * 3600_000) * 60000;
  if (offsetMin(first) * 60000 === guess - first) return first;
  const second = guess - offsetMin(guess + 3 * 3600_000) * 60000;
  if (offsetMin(second) * 60000 === guess - second) return second;
  return first; // spring gap: read with the offset before the change, i.e. moved forward by the gap
}

/** Parses 'YYYY-MM-DD' as Stockholm midnight (or end of that day when endOfDay). */
export function parseLocalDate(date: string, endOfDay = false): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  if (endOfDay) return fromWallClock(y, m, d + 1) - 1;
  return fromWallClock(y, m, d);
}
