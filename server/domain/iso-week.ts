// ISO 8601 weeks ('2026-W48', Monday to Sunday) as Europe/Stockholm calendar dates and instants.
import { parseLocalDate } from './stockholm-time.ts';

const DAY_MS = 86_400_000;
export const ISO_WEEK_RE = /^(\d{4})-W(\d{2})$/;

export interface IsoWeek {
  /** '2026-W48' */
  id: string;
  year: number;
  week: number;
  /** Monday and Sunday as 'YYYY-MM-DD' (Stockholm calendar dates). */
  monday: string;
  sunday: string;
  /** Stockholm midnight starting Monday, and the next Monday's (half-open), epoch ms. */
  startMs: number;
  endMs: number;
}

const dateOf = (utcMs: number) => new Date(utcMs).toISOString().slice(0, 10);
export const addDays = (date: string, days: number) => dateOf(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS);

/** The ISO week holding a calendar date 'YYYY-MM-DD'. */
export function isoWeekOfDate(date: string): IsoWeek {
  const t = Date.parse(`${date}T00:00:00Z`);
  const dow = (new Date(t).getUTCDay() + 6) % 7; // 0 = Monday
  const thursday = new Date(t + (3 - dow) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = 1 + Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY_MS));
  return isoWeek(year, week);
}

/** The ISO week `week` of `year` (week 1 holds the year's first Thursday). */
export function isoWeek(year: number, week: number): IsoWeek {
  const jan4 = Date.UTC(year, 0, 4);
  const week1Monday = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY_MS;
  const monday = dateOf(week1Monday + (week - 1) * 7 * DAY_MS);
  const sunday = addDays(monday, 6);
  return { id: `${year}-W${String(week).padStart(2, '0')}`, year, week, monday, sunday, startMs: parseLocalDate(monday), endMs: parseLocalDate(addDays(monday, 7)) };
}

/** Parses '2026-W48'; null when malformed or the year has no such week. */
export function parseIsoWeek(id: string): IsoWeek | null {
  const m = ISO_WEEK_RE.exec(id);
  if (!m) return null;
  const w = isoWeek(Number(m[1]), Number(m[2]));
  return w.id === id && Number(m[2]) >= 1 && isoWeekOfDate(w.monday).id === id ? w : null;
}

/** The week `n` weeks after (negative: before) the given one. */
export function shiftWeek(w: IsoWeek, n: number): IsoWeek {
  return isoWeekOfDate(addDays(w.monday, 7 * n));
}
