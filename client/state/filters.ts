// Pure helpers for the filter panel: facet toggling and the effective date range.
import type { Filters } from './url-state.ts';
import { defaultDateRange } from './date-range.ts';
import type { DateRange } from './date-range.ts';
import type { PinQuery } from '../api/types.ts';

/** Adds or removes `code`; the result is sorted. An empty selection means "all". */
export function toggleCode(selected: readonly string[], code: string): string[] {
  const next = selected.includes(code) ? selected.filter((c) => c !== code) : [...selected, code];
  return next.sort();
}

/** The calendar range the filters ask for, filling gaps with the default last-90-days range. */
export function effectiveDateRange(filters: Filters, now: Date): DateRange {
  const d = defaultDateRange(now);
  return { from: filters.from ?? d.from, to: filters.to ?? d.to };
}

export function isValidRange(range: DateRange): boolean {
  return range.from <= range.to;
}

/** The pin query for the filters, or null when the date range is inverted. */
export function filtersToPinQuery(filters: Filters, now: Date): PinQuery | null {
  const range = effectiveDateRange(filters, now);
  if (!isValidRange(range)) return null;
  return { from: range.from, to: range.to, districts: filters.districts, categories: filters.categories };
}
