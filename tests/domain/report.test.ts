// Report preparation: observation window rules, plain-text descriptions, cell and district.
import { describe, expect, it } from 'vitest';
import { latLngToCell } from 'h3-js';
import { cleanDescription, observationWindow, prepareReport } from '../../server/domain/report.ts';
import { makeDistrictIndex } from '../../server/domain/district-index.ts';
import { DomainError } from '../../server/domain/domain-error.ts';
import { bigintToCell, cellToBigint } from '../../server/domain/cells.ts';

const now = Date.parse('2026-11-20T12:00:00Z');
const h = (n: number) => new Date(now - n * 3600_000);
const square = { type: 'Polygon' as const, coordinates: [[[15.5, 58.4], [15.6, 58.4], [15.6, 58.45], [15.5, 58.45], [15.5, 58.4]]] };

describe('observationWindow', () => {
  it('turns observedAt into a zero-length window', () => {
    expect(observationWindow({ observedAt: h(1) }, now)).toEqual({ from: h(1), to: h(1) });
  });
  it('accepts a window of exactly 7 days and refuses a longer one', () => {
    expect(observationWindow({ observedFrom: h(168), observedTo: h(0) }, now).from).toEqual(h(168));
    expect(() => observationWindow({ observedFrom: h(169), observedTo: h(0) }, now)).toThrow(DomainError);
  });
  it('refuses future times beyond five minutes of clock skew', () => {
    expect(() => observationWindow({ observedAt: new Date(now + 4 * 60_000) }, now)).not.toThrow();
    expect(() => observationWindow({ observedAt: new Date(now + 6 * 60_000) }, now)).toThrow(/future/);
  });
  it('refuses a reversed or half window', () => {
    expect(() => observationWindow({ observedFrom: h(1), observedTo: h(2) }, now)).toThrow(/before/);
    expect(() => observationWindow({ observedFrom: h(1) }, now)).toThrow(DomainError);
  });
});

describe('prepareReport', () => {
  const index = makeDistrictIndex([{ id: 'sq', name: 'Square', geometry: square }]);
  it('assigns the resolution-10 cell and the district', () => {
    const row = prepareReport({ category: 'brand', lat: 58.42, lon: 15.55, observedAt: h(1), source: 'resident' }, index, 'id-1', now);
    expect(row).toMatchObject({ id: 'id-1', cell: latLngToCell(58.42, 15.55, 10), districtId: 'sq', status: 'new' });
  });
  it('names the districts when the point is outside', () => {
    expect(() => prepareReport({ category: 'brand', lat: 59, lon: 18, observedAt: h(1), source: 'resident' }, index, 'x', now)).toThrow(/Square/);
  });
  it('keeps descriptions as plain text without control characters', () => {
    expect(cleanDescription(' a\u0000b\nc\t ')).toBe('ab\nc');
    expect(cleanDescription('   ')).toBeNull();
  });
  it('round-trips cells through the bigint form', () => {
    const cell = latLngToCell(58.42, 15.55, 10);
    expect(bigintToCell(cellToBigint(cell))).toBe(cell);
    expect(BigInt(cellToBigint(cell))).toBeLessThan(2n ** 63n);
  });
});
