// Calendar dates (YYYY-MM-DD, Europe/Stockholm): validation, arithmetic and the default range. The API takes them as they are.

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_ZONE = 'Europe/Stockholm';
const DAY_MS = 86_400_000;

/** Length of the default date range, in days including today. */
export const DEFAULT_RANGE_DAYS = 90;

export function isCalendarDate(value: string): boolean {
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

function parts(date: string): [number, number, number] {
  const m = DATE_RE.exec(date);
  if (!m) throw new RangeError(`Not a calendar date: ${date}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = parts(date);
  return new Date(Date.UTC(y, m - 1, d) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Made once: building a formatter with a time zone costs milliseconds (tens on a slow phone). */
let stockholmDay: Intl.DateTimeFormat | undefined;

/** The calendar date in Stockholm at the instant `now`. */
export function stockholmDate(now: Date): string {
  // sv-SE formats dates as YYYY-MM-DD.
  stockholmDay ??= new Intl.DateTimeFormat('sv-SE', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });
  return stockholmDay.format(now);
}

export interface DateRange {
  from: string;
  to: string;
}

/** The last DEFAULT_RANGE_DAYS calendar days, today included. */
export function defaultDateRange(now: Date): DateRange {
  const to = stockholmDate(now);
  return { from: addDays(to, -(DEFAULT_RANGE_DAYS - 1)), to };
}
