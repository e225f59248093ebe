// Every UI language fills every message, and times are shown in Stockholm time.
import { describe, expect, it } from 'vitest';
import { en } from '../../client/i18n/en.ts';
import { sv } from '../../client/i18n/sv.ts';
import { formatCount, formatObserved } from '../../client/i18n/format.ts';
import { fieldMessages } from '../../client/field/field-messages.ts';
import { mapControlLocale } from '../../client/i18n/map-controls.ts';

function shape(value: unknown): unknown {
  if (typeof value === 'function') return `fn/${value.length}`;
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shape(v)]).sort());
  return typeof value;
}

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value === 'function') return [String((value as (...a: string[]) => string)('X', 'Y'))];
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(strings);
  return [];
}

describe('i18n', () => {
  it('has the same keys and function arities in Swedish and English', () => {
    expect(shape(en)).toEqual(shape(sv));
  });

  it('has no empty message in either language', () => {
    for (const table of [sv, en]) expect(strings(table).filter((s) => s.trim() === '')).toEqual([]);
  });

  it("fills field mode's and the map controls' messages in both languages", () => {
    expect(shape(fieldMessages('en'))).toEqual(shape(fieldMessages('sv')));
    expect(Object.keys(mapControlLocale('en')).sort()).toEqual(Object.keys(mapControlLocale('sv')).sort());
    expect(mapControlLocale('sv')['NavigationControl.ZoomIn']).toBe('Zooma in');
    for (const table of [fieldMessages('sv'), fieldMessages('en'), mapControlLocale('sv'), mapControlLocale('en')]) expect(strings(table).filter((s) => s.trim() === '')).toEqual([]);
  });

  it('groups thousands the Swedish way in Swedish', () => {
    expect(formatCount(1234, 'sv').replace(/\s/gu, ' ')).toBe('1 234');
    expect(formatCount(1234, 'en')).toBe('1,234');
  });

  it('formats a single time in Stockholm time', () => {
    // 16:05 UTC in summer is 18:05 in Stockholm.
    expect(formatObserved('2026-07-01T16:05:00Z', '2026-07-01T16:05:00Z', 'sv')).toContain('18:05');
  });

  it('formats a window as a range', () => {
    const text = formatObserved('2026-01-10T17:00:00Z', '2026-01-10T19:30:00Z', 'en');
    expect(text).toContain('18:00');
    expect(text).toContain('20:30');
  });
});
