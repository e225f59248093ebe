// The residents' report window text: Stockholm time, one day named when the window stays within it.
import { describe, expect, it } from 'vitest';
import { formatWindow } from '../../client/report/report-messages.ts';

describe('formatWindow', () => {
  it('writes a window in Stockholm time, the day once when it does not change', () => {
    // 20:00–22:00 UTC on 20 Nov 2026 is 21:00–23:00 in Stockholm (CET).
    expect(formatWindow('2026-11-20T20:00:00Z', '2026-11-20T22:00:00Z', 'sv')).toBe('20 nov. 21:00–23:00');
    expect(formatWindow('2026-11-20T20:00:00Z', '2026-11-20T20:00:00Z', 'sv')).toBe('20 nov. 21:00');
  });

  it('names both days across midnight, in either language, with the same formats on every call', () => {
    expect(formatWindow('2026-11-20T22:30:00Z', '2026-11-21T01:00:00Z', 'sv')).toBe('20 nov. 23:30 – 21 nov. 02:00');
    expect(formatWindow('2026-11-20T22:30:00Z', '2026-11-21T01:00:00Z', 'en')).toBe('20 Nov 23:30 – 21 Nov 02:00');
    // Swedish again after English: the kept formats are per language.
    expect(formatWindow('2026-07-01T10:00:00Z', '2026-07-01T11:15:00Z', 'sv')).toBe('1 juli 12:00–13:15');
  });
});
