// The URL form of the shareable state: parse and serialise are inverse, bad input falls back to defaults.
import { describe, expect, it } from 'vitest';
import { EMPTY_FILTERS, parseUrlState, sameView, serialiseUrlState } from '../../client/state/url-state.ts';
import type { UrlState } from '../../client/state/url-state.ts';

describe('url state', () => {
  it('serialises the default state as an empty query string', () => {
    expect(serialiseUrlState({ filters: EMPTY_FILTERS, view: null, lang: 'sv' })).toBe('');
  });

  it('round-trips filters, view and language with readable commas and slashes', () => {
    const state: UrlState = {
      filters: { districts: ['ryd', 'berga'], categories: ['brand'], from: '2026-01-01', to: '2026-03-31' },
      view: { zoom: 13.5, lat: 58.41, lon: 15.6 },
      lang: 'en',
    };
    const search = serialiseUrlState(state);
    expect(search).toBe('?d=berga,ryd&c=brand&from=2026-01-01&to=2026-03-31&lang=en&map=13.50/58.41000/15.60000');
    const back = parseUrlState(search);
    expect(back.filters).toEqual({ ...state.filters, districts: ['berga', 'ryd'] });
    expect(sameView(back.view, state.view)).toBe(true);
    expect(back.lang).toBe('en');
  });

  it('parses percent-encoded lists as browsers may send them', () => {
    expect(parseUrlState('?c=brand%2Cklotter').filters.categories).toEqual(['brand', 'klotter']);
  });

  it('drops invalid dates, codes, views and languages', () => {
    const s = parseUrlState('?from=2026-02-30&to=yesterday&c=BRAND,<x>,ok-code&map=30/58/15&lang=de');
    expect(s.filters.from).toBeNull();
    expect(s.filters.to).toBeNull();
    expect(s.filters.categories).toEqual(['ok-code']);
    expect(s.view).toBeNull();
    expect(s.lang).toBe('sv');
  });

  it('removes duplicate codes and sorts them', () => {
    expect(parseUrlState('?d=ryd,berga,ryd').filters.districts).toEqual(['berga', 'ryd']);
  });

  it('treats views equal at URL precision as the same', () => {
    expect(sameView({ zoom: 12, lat: 58.4, lon: 15.6 }, { zoom: 12.001, lat: 58.400001, lon: 15.600001 })).toBe(true);
    expect(sameView({ zoom: 12, lat: 58.4, lon: 15.6 }, { zoom: 12.1, lat: 58.4, lon: 15.6 })).toBe(false);
    expect(sameView(null, null)).toBe(true);
  });
});
