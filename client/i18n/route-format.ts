// Lengths and durations for the route planner, in the UI language ("2,4 km", "1 h 05 min").
import { localeFor, type Lang } from './messages.ts';

export function formatKm(lengthM: number, lang: Lang): string {
  return `${new Intl.NumberFormat(localeFor(lang), { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(lengthM / 1000)} km`;
}

export function formatDuration(min: number): string {
  const m = Math.round(min);
  if (m < 60) return `${m} min`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}
