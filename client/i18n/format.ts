// Number and time formatting for the UI: times always in Europe/Stockholm, in the UI language.
import { localeFor } from './messages.ts';
import type { Lang } from './messages.ts';

export const TIME_ZONE = 'Europe/Stockholm';

export function formatCount(count: number, lang: Lang): string {
  return new Intl.NumberFormat(localeFor(lang)).format(count);
}

/** A single time, or a window "from – to" when the two instants differ. */
export function formatObserved(fromIso: string, toIso: string, lang: Lang): string {
  const fmt = new Intl.DateTimeFormat(localeFor(lang), { timeZone: TIME_ZONE, dateStyle: 'medium', timeStyle: 'short' });
  const from = new Date(fromIso);
  const to = new Date(toIso);
  if (from.getTime() === to.getTime()) return fmt.format(from);
  return fmt.formatRange(from, to);
}
