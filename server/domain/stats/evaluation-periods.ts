// Equal whole-week periods before and after an intervention's start, limited to data that exists:
// weeks run Monday–Sunday (local dates); the week holding a mid-week start is left out as a
// transition week; the after period ends at the last complete week before today (and at the
// intervention's end when it has one); the before period starts no earlier than the first data.

export interface PeriodInput {
  /** Local date the intervention started, YYYY-MM-DD. */
  start: string;
  /** Local date it ended (inclusive), if it has. */
  end?: string | null | undefined;
  /** Weeks wanted on each side. */
  weeks: number;
  /** First local date with any data (null: none). */
  dataFirst: string | null;
  /** Today's local date: only weeks that ended before it count. */
  today: string;
}

export interface Periods {
  /** Weeks used on each side (0: no whole week on one side). */
  weeks: number;
  /** Mondays of the 2 × weeks weeks, oldest first: the first `weeks` are before, the rest after. */
  weekStarts: string[];
  /** First date of the before period and the day after the after period (exclusive). */
  from: string;
  to: string;
  /** Monday the after period starts, and the Monday the before period ends (exclusive). */
  afterFrom: string;
  beforeTo: string;
}

const DAY_MS = 86_400_000;
export const dayNo = (date: string) => Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
export const dateOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
/** ISO weekday index, 0 = Monday. */
const weekday = (day: number) => (day + 3) % 7; // 1970-01-01 was a Thursday

export function evaluationPeriods(p: PeriodInput): Periods {
  const s = dayNo(p.start);
  const afterFrom = s + ((7 - weekday(s)) % 7); // Monday on or after the start
  const beforeTo = s - weekday(s); // Monday on or before the start (exclusive end of "before")
  const limit = Math.min(dayNo(p.today), p.end ? dayNo(p.end) + 1 : Infinity);
  const afterWeeks = Math.max(0, Math.floor((limit - afterFrom) / 7));
  const first = p.dataFirst ? dayNo(p.dataFirst) : Infinity;
  const firstMonday = first + ((7 - weekday(first)) % 7);
  const beforeWeeks = Number.isFinite(first) ? Math.max(0, Math.floor((beforeTo - firstMonday) / 7)) : 0;
  const weeks = Math.max(0, Math.min(p.weeks, afterWeeks, beforeWeeks));
  const weekStarts = [
    ...Array.from({ length: weeks }, (_, i) => dateOf(beforeTo - (weeks - i) * 7)),
    ...Array.from({ length: weeks }, (_, i) => dateOf(afterFrom + i * 7)),
  ];
  return { weeks, weekStarts, from: dateOf(beforeTo - weeks * 7), to: dateOf(afterFrom + weeks * 7), afterFrom: dateOf(afterFrom), beforeTo: dateOf(beforeTo) };
}

/** Index of the week (in weekStarts) holding a local date, or −1. */
export function weekIndexOf(weekStarts: readonly string[], date: string): number {
  const d = dayNo(date);
  for (let i = 0; i < weekStarts.length; i++) {
    const w = dayNo(weekStarts[i]!);
    if (d >= w && d < w + 7) return i;
  }
  return -1;
}
