// When the weekly lägesbild draft is due: every Monday at 06:00 Europe/Stockholm, for the week
// that ended the night before. Pure: an instant in, the week (or null before the first Monday).
import { isoWeekOfDate, shiftWeek, type IsoWeek } from './iso-week.ts';
import { fromWallClock, toWallClock } from './stockholm-time.ts';

export const DRAFT_HOUR = 6;

/** The week whose draft is due at `nowMs`: the one before the latest Monday 06:00 at or before now. */
export function dueDraftWeek(nowMs: number): IsoWeek {
  const w = toWallClock(nowMs);
  const today = `${w.year}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
  const thisWeek = isoWeekOfDate(today);
  const [y, m, d] = thisWeek.monday.split('-').map(Number) as [number, number, number];
  const mondayAt6 = fromWallClock(y, m, d, DRAFT_HOUR);
  return shiftWeek(thisWeek, nowMs >= mondayAt6 ? -1 : -2);
}
