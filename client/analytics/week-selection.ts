// The chosen hours of the week (168 booleans, 0 = Monday 00) ↔ the API's slots parameter, and
// the presets Kväll 18–23, Helg fre 18 – sön 24 and Natt 22–06.

export type WeekSelection = readonly boolean[];

export const ALL_HOURS: WeekSelection = new Array<boolean>(168).fill(true);

function fromDaysHours(days: readonly number[], hours: readonly number[]): boolean[] {
  const s = new Array<boolean>(168).fill(false);
  for (const d of days) for (const h of hours) s[d * 24 + h] = true;
  return s;
}

const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);
const EVERY_DAY = range(0, 6);

export const PRESETS = {
  all: ALL_HOURS,
  evening: fromDaysHours(EVERY_DAY, range(18, 23)),
  weekend: Array.from({ length: 168 }, (_, i) => i >= 4 * 24 + 18),
  night: fromDaysHours(EVERY_DAY, [22, 23, 0, 1, 2, 3, 4, 5]),
} as const;
export type PresetId = keyof typeof PRESETS;

export function sameSelection(a: WeekSelection, b: WeekSelection): boolean {
  return a.every((v, i) => v === b[i]);
}

/** "114-167,0-5"-style ranges for ?slots=, or null when every hour is chosen. */
export function toSlots(sel: WeekSelection): string | null {
  if (sel.every(Boolean)) return null;
  const parts: string[] = [];
  for (let i = 0; i < 168; i++) {
    if (!sel[i]) continue;
    let j = i;
    while (j + 1 < 168 && sel[j + 1]) j++;
    parts.push(i === j ? `${i}` : `${i}-${j}`);
    i = j;
  }
  return parts.length ? parts.join(',') : '';
}

/** A selection of exactly the hours in the rectangle between two clock cells. */
export function rectangle(from: [number, number], to: [number, number]): boolean[] {
  const [d0, d1] = [Math.min(from[0], to[0]), Math.max(from[0], to[0])];
  const [h0, h1] = [Math.min(from[1], to[1]), Math.max(from[1], to[1])];
  return fromDaysHours(range(d0, d1), range(h0, h1));
}

export function union(a: WeekSelection, b: WeekSelection): boolean[] {
  return a.map((v, i) => v || b[i] === true);
}

export function single(how: number): boolean[] {
  return Array.from({ length: 168 }, (_, i) => i === how);
}
