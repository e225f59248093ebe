// "Mörker" as a time filter: which local hours of a date are after dark at the area's location.
// An hour counts as dark when its midpoint (hh:30 local) lies before sunrise or after sunset:
// the hour of sunset is dark when the sun sets before hh:30, so each partial hour goes wholly to
// the side that holds most of it. The heat cube and the aggregate key rows by local date and hour,
// so darkness is a per-date mask of 24 bits, cached per date.
import { sunTimes } from './sun.ts';
import { offsetMin } from './stockholm-time.ts';

/** Linköping's centre (Stora torget): the default location of the area. */
export const LINKOPING = { lat: 58.4108, lon: 15.6214 } as const;

export type TimeOfDay = 'dark' | 'daylight';

export interface DarknessCalendar {
  /** Bit h set: local hour h of the date is after dark. */
  darkMask(date: string): number;
  /** Whether local hour h of the date passes the filter. */
  keeps(date: string, hour: number, which: TimeOfDay): boolean;
}

export function makeDarknessCalendar(lat: number = LINKOPING.lat, lon: number = LINKOPING.lon): DarknessCalendar {
  const cache = new Map<string, number>();
  const darkMask = (date: string) => {
    let m = cache.get(date);
    if (m !== undefined) return m;
    const dayMs = Date.parse(`${date}T00:00:00Z`);
    const off = offsetMin(dayMs + 12 * 3_600_000);
    const sun = sunTimes(date, lat, lon);
    // Local minutes after midnight; a missing sunrise/sunset means midnight sun or polar night.
    const local = (ms: number) => (ms - dayMs) / 60000 + off;
    const rise = sun.sunrise === null ? null : local(sun.sunrise);
    const set = sun.sunset === null ? null : local(sun.sunset);
    // No crossing (never at Linköping): polar night in the northern winter half, midnight sun otherwise.
    const month = new Date(dayMs).getUTCMonth();
    const polarNight = (lat >= 0) === (month < 3 || month > 8);
    m = 0;
    for (let h = 0; h < 24; h++) {
      const mid = h * 60 + 30;
      const dark = rise === null || set === null ? polarNight : mid < rise || mid > set;
      if (dark) m |= 1 << h;
    }
    cache.set(date, m);
    return m;
  };
  return {
    darkMask,
    keeps: (date, hour, which) => ((darkMask(date) >> hour) & 1) === (which === 'dark' ? 1 : 0),
  };
}

const DAY_MS = 86_400_000;

/** Bits of the local hours a filter keeps on a date: the dark hours, or the others. */
export function keptHours(cal: DarknessCalendar, date: string, which: TimeOfDay): number {
  const m = cal.darkMask(date);
  return which === 'dark' ? m : ~m & 0xffffff;
}

/**
 * The kept-hour bits of every date from `first` to `last` (inclusive), for SQL: row (date, hour)
 * passes when bit hour of masks[date − first] is set. Dates without an explicit range default to
 * the ten years before `refDate` and the year after it.
 */
export function keptHoursBetween(cal: DarknessCalendar, which: TimeOfDay, first: string, last: string): number[] {
  const out: number[] = [];
  for (let t = Date.parse(`${first}T00:00:00Z`), end = Date.parse(`${last}T00:00:00Z`); t <= end; t += DAY_MS) out.push(keptHours(cal, new Date(t).toISOString().slice(0, 10), which));
  return out;
}

/** The date range a darkness filter covers: the filter's own, else ten years back and one ahead of refDate. */
export function darknessRange(fromDate: string | undefined, toDate: string | undefined, refDate: string): { first: string; last: string } {
  const ref = Date.parse(`${refDate}T00:00:00Z`);
  const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  return { first: fromDate ?? iso(ref - 3653 * DAY_MS), last: toDate ?? iso(ref + 366 * DAY_MS) };
}
