// Hours of the week (0 = Monday 00–01 … 167 = Sunday 23–24, ISO weekdays) and their parsing
// from query strings: day lists, hour ranges that may wrap midnight, and slot ranges.
import { DomainError } from './domain-error.ts';

export const HOURS_PER_WEEK = 168;
export const DAY_CODES = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type DayCode = (typeof DAY_CODES)[number];

/** A set of hours of the week: mask[how] is true when the hour is chosen. */
export type WeekMask = readonly boolean[];

export function hourOfWeek(dow: number, hour: number): number {
  return dow * 24 + hour;
}

/** The hours of the day named by "18-23" (end inclusive), "22-2" (wraps midnight), "8" or "8-10,18-23". */
export function parseHours(text: string): number[] {
  const out = new Set<number>();
  for (const part of text.split(',').map((s) => s.trim()).filter(Boolean)) {
    const m = /^(\d{1,2})(?:-(\d{1,2}))?$/.exec(part);
    const start = m ? Number(m[1]) : NaN;
    const end = m?.[2] !== undefined ? Number(m[2]) : start;
    // "24" as an end means "to midnight", i.e. through hour 23.
    const endHour = end === 24 ? 23 : end;
    if (!m || start > 23 || endHour > 23) throw new DomainError('hour-range-invalid', `"${part}" is not an hour range like 18-23 or 22-2 (hours 0–23, the end included).`, 'hours', { value: part });
    for (let h = start; ; h = (h + 1) % 24) {
      out.add(h);
      if (h === endHour) break;
    }
  }
  return [...out].sort((a, b) => a - b);
}

export function parseDays(text: string): number[] {
  const out = new Set<number>();
  for (const part of text.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean)) {
    const i = DAY_CODES.indexOf(part as DayCode);
    if (i < 0) throw new DomainError('day-invalid', `"${part}" is not a day; use ${DAY_CODES.join(',')}.`, 'days', { value: part });
    out.add(i);
  }
  return [...out].sort((a, b) => a - b);
}

/** Hour-of-week ranges "114-167,0-5" (end inclusive; a range may wrap from Sunday into Monday). */
export function parseSlots(text: string): number[] {
  const out = new Set<number>();
  for (const part of text.split(',').map((s) => s.trim()).filter(Boolean)) {
    const m = /^(\d{1,3})(?:-(\d{1,3}))?$/.exec(part);
    const start = m ? Number(m[1]) : NaN;
    const end = m?.[2] !== undefined ? Number(m[2]) : start;
    if (!m || start >= HOURS_PER_WEEK || end >= HOURS_PER_WEEK) throw new DomainError('week-slot-invalid', `"${part}" is not an hour-of-week range (0 = Monday 00 … 167 = Sunday 23).`, 'slots', { value: part });
    for (let h = start; ; h = (h + 1) % HOURS_PER_WEEK) {
      out.add(h);
      if (h === end) break;
    }
  }
  return [...out].sort((a, b) => a - b);
}

/** The mask for days × hours (all days / all hours when absent), or exactly `slots` when given. */
export function makeWeekMask(opts: { days?: readonly number[] | undefined; hours?: readonly number[] | undefined; slots?: readonly number[] | undefined }): boolean[] {
  const mask = new Array<boolean>(HOURS_PER_WEEK).fill(false);
  if (opts.slots) {
    for (const s of opts.slots) mask[s] = true;
    return mask;
  }
  const days = opts.days ?? [0, 1, 2, 3, 4, 5, 6];
  const hours = opts.hours ?? Array.from({ length: 24 }, (_, h) => h);
  for (const d of days) for (const h of hours) mask[hourOfWeek(d, h)] = true;
  return mask;
}

export function isFullMask(mask: WeekMask): boolean {
  return mask.every(Boolean);
}
