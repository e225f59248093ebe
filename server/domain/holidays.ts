// Swedish public holidays (allmänna helgdagar, lag 1989:253) and the eves that are de facto
// Saturdays (midsommarafton, julafton, nyårsafton, …). Easter by the anonymous Gregorian
// algorithm (Meeus/Jones/Butcher; J. Meeus, Astronomical Algorithms, 1991, ch. 8).

export type DayKind = 'holiday' | 'eve';

export interface SpecialDay {
  /** 'YYYY-MM-DD' */
  date: string;
  name: string;
  /** A holiday is treated like a Sunday, an eve like a Saturday. */
  kind: DayKind;
}

/** Easter Sunday of a Gregorian year as [month 1–12, day]. */
export function easterSunday(year: number): [number, number] {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return [month, day];
}

const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
const utc = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d);
const DAY_MS = 86_400_000;

/** The first date in [from, from+6] (UTC days) falling on ISO weekday `dow` (0 = Monday). */
function weekdayFrom(y: number, m: number, d: number, dow: number): number {
  const t = utc(y, m, d);
  const cur = (new Date(t).getUTCDay() + 6) % 7;
  return t + ((dow - cur + 7) % 7) * DAY_MS;
}

/** Holidays and eves of one year, in date order. */
export function swedishSpecialDays(year: number): SpecialDay[] {
  const [em, ed] = easterSunday(year);
  const easter = utc(year, em, ed);
  const midsummerDay = weekdayFrom(year, 6, 20, 5); // Saturday 20–26 June
  const allSaints = weekdayFrom(year, 10, 31, 5); // Saturday 31 Oct – 6 Nov
  const days: [number, string, DayKind][] = [
    [utc(year, 1, 1), 'Nyårsdagen', 'holiday'],
    [utc(year, 1, 5), 'Trettondagsafton', 'eve'],
    [utc(year, 1, 6), 'Trettondedag jul', 'holiday'],
    [easter - 2 * DAY_MS, 'Långfredagen', 'holiday'],
    [easter - DAY_MS, 'Påskafton', 'eve'],
    [easter, 'Påskdagen', 'holiday'],
    [easter + DAY_MS, 'Annandag påsk', 'holiday'],
    [utc(year, 4, 30), 'Valborgsmässoafton', 'eve'],
    [utc(year, 5, 1), 'Första maj', 'holiday'],
    [easter + 39 * DAY_MS, 'Kristi himmelsfärdsdag', 'holiday'],
    [easter + 48 * DAY_MS, 'Pingstafton', 'eve'],
    [easter + 49 * DAY_MS, 'Pingstdagen', 'holiday'],
    [utc(year, 6, 6), 'Sveriges nationaldag', 'holiday'],
    [midsummerDay - DAY_MS, 'Midsommarafton', 'eve'],
    [midsummerDay, 'Midsommardagen', 'holiday'],
    [allSaints - DAY_MS, 'Allhelgonaafton', 'eve'],
    [allSaints, 'Alla helgons dag', 'holiday'],
    [utc(year, 12, 24), 'Julafton', 'eve'],
    [utc(year, 12, 25), 'Juldagen', 'holiday'],
    [utc(year, 12, 26), 'Annandag jul', 'holiday'],
    [utc(year, 12, 31), 'Nyårsafton', 'eve'],
  ];
  // 6 June may fall on Pingstdagen's eve etc.; a holiday wins over an eve on the same date.
  const byDate = new Map<string, SpecialDay>();
  for (const [t, name, kind] of days.sort((a, b) => a[0] - b[0])) {
    const date = iso(t);
    const prev = byDate.get(date);
    if (!prev || (prev.kind === 'eve' && kind === 'holiday')) byDate.set(date, { date, name, kind });
  }
  return [...byDate.values()];
}

/** Holidays and eves between two dates 'YYYY-MM-DD' (inclusive). */
export function specialDaysBetween(from: string, to: string): SpecialDay[] {
  const y0 = Number(from.slice(0, 4));
  const y1 = Number(to.slice(0, 4));
  const out: SpecialDay[] = [];
  for (let y = y0; y <= y1; y++) for (const d of swedishSpecialDays(y)) if (d.date >= from && d.date <= to) out.push(d);
  return out;
}

/** ISO weekday (0 = Monday) a date counts as: its own, or Sunday/Saturday for holidays/eves when asked. */
export function effectiveWeekday(date: string, treatAsWeekend: boolean, special: ReadonlyMap<string, DayKind>): number {
  const kind = treatAsWeekend ? special.get(date) : undefined;
  if (kind === 'holiday') return 6;
  if (kind === 'eve') return 5;
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
}
