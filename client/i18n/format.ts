// Number and time formatting for the UI: times always in Europe/Stockholm, in the UI language.
import { localeFor } from './messages.ts';
import type { Lang } from './messages.ts';

export const TIME_ZONE = 'Europe/Stockholm';

/** Formatters are made once per language: each `new Intl.*Format` costs milliseconds on a phone. */
const counts = new Map<Lang, Intl.NumberFormat>();
const observed = new Map<Lang, Intl.DateTimeFormat>();

export function formatCount(count: number, lang: Lang): string {
  let fmt = counts.get(lang);
  if (!fmt) counts.set(lang, (fmt = new Intl.NumberFormat(localeFor(lang))));
  return fmt.format(count);
}

/** A single time, or a window "from – to" when the two instants differ. */
export function formatObserved(fromIso: string, toIso: string, lang: Lang): string {
  let fmt = observed.get(lang);
  if (!fmt) observed.set(lang, (fmt = new Intl.DateTimeFormat(localeFor(lang), { timeZone: TIME_ZONE, dateStyle: 'medium', timeStyle: 'short' })));
  const from = new Date(fromIso);
  const to = new Date(toIso);
  if (from.getTime() === to.getTime()) return fmt.format(from);
  return fmt.formatRange(from, to);
}
