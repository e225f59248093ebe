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
