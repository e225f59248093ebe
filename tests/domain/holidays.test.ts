// Swedish public holidays and eves, Easter-based ones included.
import { describe, expect, it } from 'vitest';
import { easterSunday, effectiveWeekday, swedishSpecialDays } from '../../server/domain/holidays.ts';

describe('holidays', () => {
  it('computes Easter Sunday', () => {
    expect(easterSunday(2024)).toEqual([3, 31]);
    expect(easterSunday(2025)).toEqual([4, 20]);
    expect(easterSunday(2026)).toEqual([4, 5]);
    expect(easterSunday(2038)).toEqual([4, 25]);
  });

  it('lists the holidays and eves of 2026', () => {
    const days = Object.fromEntries(swedishSpecialDays(2026).map((d) => [d.name, `${d.date} ${d.kind}`]));
    expect(days).toMatchObject({
      Långfredagen: '2026-04-03 holiday',
      Påskafton: '2026-04-04 eve',
      'Annandag påsk': '2026-04-06 holiday',
      'Kristi himmelsfärdsdag': '2026-05-14 holiday',
      Pingstdagen: '2026-05-24 holiday',
      Midsommarafton: '2026-06-19 eve',
      Midsommardagen: '2026-06-20 holiday',
      'Alla helgons dag': '2026-10-31 holiday',
      Julafton: '2026-12-24 eve',
      Nyårsafton: '2026-12-31 eve',
      Nyårsdagen: '2026-01-01 holiday',
    });
  });

  it('treats holidays as Sundays and eves as Saturdays only when asked', () => {
    const special = new Map(swedishSpecialDays(2026).map((d) => [d.date, d.kind]));
    expect(effectiveWeekday('2026-12-24', false, special)).toBe(3); // a Thursday
    expect(effectiveWeekday('2026-12-24', true, special)).toBe(5);
    expect(effectiveWeekday('2026-12-25', true, special)).toBe(6);
    expect(effectiveWeekday('2026-12-22', true, special)).toBe(1);
  });
});
