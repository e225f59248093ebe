// Calendar dates in Stockholm and the default filter range.
import { describe, expect, it } from 'vitest';
import { addDays, defaultDateRange, isCalendarDate, stockholmDate } from '../../client/state/date-range.ts';
import { effectiveDateRange, filtersToPinQuery, toggleCode } from '../../client/state/filters.ts';
import { EMPTY_FILTERS } from '../../client/state/url-state.ts';

describe('date range', () => {
  it('accepts real calendar dates only', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2026-13-01')).toBe(false);
    expect(isCalendarDate('26-01-01')).toBe(false);
  });

  it('adds days across month and year ends', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('takes the calendar date in Stockholm, not in UTC', () => {
    expect(stockholmDate(new Date('2026-06-30T22:30:00Z'))).toBe('2026-07-01'); // 00:30 CEST
    expect(stockholmDate(new Date('2026-01-31T22:30:00Z'))).toBe('2026-01-31'); // 23:30 CET
  });

  it('defaults to the last 90 days including today', () => {
    expect(defaultDateRange(new Date('2026-11-20T12:00:00Z'))).toEqual({ from: '2026-08-23', to: '2026-11-20' });
  });
});

describe('filters', () => {
  const now = new Date('2026-11-20T12:00:00Z');

  it('toggles a code in and out, sorted', () => {
    expect(toggleCode(['klotter'], 'brand')).toEqual(['brand', 'klotter']);
    expect(toggleCode(['brand', 'klotter'], 'brand')).toEqual(['klotter']);
  });

  it('fills a missing end of the range from the default', () => {
    expect(effectiveDateRange({ ...EMPTY_FILTERS, from: '2026-01-01' }, now)).toEqual({ from: '2026-01-01', to: '2026-11-20' });
  });

  it('builds the pin query, or null for an inverted range', () => {
    expect(filtersToPinQuery({ ...EMPTY_FILTERS, categories: ['brand'] }, now)).toEqual({
      from: '2026-08-23', to: '2026-11-20', districts: [], categories: ['brand'],
    });
    expect(filtersToPinQuery({ ...EMPTY_FILTERS, from: '2026-12-01', to: '2026-11-01' }, now)).toBeNull();
  });
});
