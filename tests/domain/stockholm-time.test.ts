// Europe/Stockholm wall clock conversions across daylight-saving changes.
import { describe, expect, it } from 'vitest';
import { fromWallClock, offsetMin, parseLocalDate, toWallClock } from '../../server/domain/stockholm-time.ts';

describe('stockholm time', () => {
  it('knows winter and summer offsets', () => {
    expect(offsetMin(Date.parse('2026-01-15T12:00:00Z'))).toBe(60);
    expect(offsetMin(Date.parse('2026-07-15T12:00:00Z'))).toBe(120);
  });

  it('converts wall clock to instants and back', () => {
    const t = fromWallClock(2026, 11, 20, 19, 30);
    expect(new Date(t).toISOString()).toBe('2026-11-20T18:30:00.000Z');
    expect(toWallClock(t)).toMatchObject({ year: 2026, month: 11, day: 20, hour: 19, minute: 30 });
    expect(new Date(fromWallClock(2026, 6, 19, 22)).toISOString()).toBe('2026-06-19T20:00:00.000Z');
  });

  it('moves a time in the skipped spring hour forward by the gap', () => {
    // 29 March 2026: 02:00 → 03:00
    expect(new Date(fromWallClock(2026, 3, 29, 2, 30)).toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(toWallClock(fromWallClock(2026, 3, 29, 2, 30)).hour).toBe(3);
  });

  it('picks the first of the repeated autumn hour', () => {
    // 25 October 2026: 03:00 → 02:00, so 02:30 happens twice
    expect(new Date(fromWallClock(2026, 10, 25, 2, 30)).toISOString()).toBe('2026-10-25T00:30:00.000Z');
  });

  it('parses local dates as Stockholm midnight and end of day', () => {
    expect(new Date(parseLocalDate('2026-01-01')).toISOString()).toBe('2025-12-31T23:00:00.000Z');
    expect(new Date(parseLocalDate('2026-07-01', true)).toISOString()).toBe('2026-07-01T21:59:59.999Z');
    expect(new Date(parseLocalDate('2026-01-31', true)).toISOString()).toBe('2026-01-31T22:59:59.999Z');
  });
});
