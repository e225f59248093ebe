// The analytics filter (dates, hours of the week, categories, districts, sources, holidays,
// severity and recency weights) and its meaning for one aggregate row, shared by the SQL query
// builder and the brute-force reference; reused by the coverage analytics (issue 7).
import { effectiveWeekday, specialDaysBetween, type DayKind } from './holidays.ts';
import { severityOf } from './severity.ts';
import type { DarknessCalendar, TimeOfDay } from './darkness.ts';

export interface HeatFilter {
  /** H3 resolution of the answer: 8, 9 or 10. */
  res: 8 | 9 | 10;
  /** Local dates 'YYYY-MM-DD', inclusive. */
  fromDate?: string | undefined;
  toDate?: string | undefined;
  /** 168 booleans, hour of the week (0 = Monday 00). */
  mask: readonly boolean[];
  categories?: readonly string[] | undefined;
  districts?: readonly string[] | undefined;
  sources?: readonly string[] | undefined;
  /** Count public holidays as Sundays and their eves as Saturdays. */
  holidaysAsWeekend: boolean;
  /** Severity per category (unlisted: 1); absent: unweighted. */
  severity?: Readonly<Record<string, number>> | undefined;
  /** Recency weighting: a report's weight halves every halfLifeDays before refDate. */
  halfLifeDays?: number | undefined;
  /** "Today" (local date) for the recency weighting. */
  refDate: string;
  /** "Mörker": only the hours after dark (or only daylight hours) of each date, by `darkness`. */
  timeOfDay?: TimeOfDay | undefined;
  darkness?: DarknessCalendar | undefined;
}

/** One row of the aggregate (or one aoristic share of a raw report). */
export interface HourRow {
  localDate: string;
  hour: number;
  category: string;
  source: string;
  districtId: string;
}

const DAY_MS = 86_400_000;

export function daysBetween(fromDate: string, toDate: string): number {
  return Math.round((Date.parse(`${toDate}T00:00:00Z`) - Date.parse(`${fromDate}T00:00:00Z`)) / DAY_MS);
}

/** Holidays and eves relevant to a filter (over its date range, or the years given). */
export function specialDayMap(f: HeatFilter, spanFrom: string, spanTo: string): Map<string, DayKind> {
  const m = new Map<string, DayKind>();
  if (!f.holidaysAsWeekend) return m;
  for (const d of specialDaysBetween(f.fromDate ?? spanFrom, f.toDate ?? spanTo)) m.set(d.date, d.kind);
  return m;
}

/** Whether a row passes the filter's dimensions (not its weights). */
export function rowMatches(f: HeatFilter, r: HourRow, special: ReadonlyMap<string, DayKind>): boolean {
  if (f.fromDate && r.localDate < f.fromDate) return false;
  if (f.toDate && r.localDate > f.toDate) return false;
  if (f.categories && !f.categories.includes(r.category)) return false;
  if (f.districts && !f.districts.includes(r.districtId)) return false;
  if (f.sources && !f.sources.includes(r.source)) return false;
  if (f.timeOfDay && f.darkness && !f.darkness.keeps(r.localDate, r.hour, f.timeOfDay)) return false;
  const dow = effectiveWeekday(r.localDate, f.holidaysAsWeekend, special);
  return f.mask[dow * 24 + r.hour] === true;
}

/** The factor a matching row's aoristic weight is multiplied by: severity × recency. */
export function rowFactor(f: HeatFilter, r: Pick<HourRow, 'category' | 'localDate'>): number {
  let factor = f.severity ? severityOf(f.severity, r.category) : 1;
  if (f.halfLifeDays) factor *= Math.pow(0.5, Math.max(0, daysBetween(r.localDate, f.refDate)) / f.halfLifeDays);
  return factor;
}
