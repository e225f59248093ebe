// The open patrol's track kept across reloads: the last MAX_FIXES fixes, nothing from bad JSON,
// and patrol end forgets only the kept tracks.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clearTracks, loadTrack, MAX_FIXES, saveTrack } from '../../client/field/track-copy.ts';

/** A Storage in memory (the tests run in Node). */
function memoryStorage(): Storage {
  const m = new Map<string, string>();
  const s = {
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => void m.set(k, String(v)),
    removeItem: (k: string) => void m.delete(k),
    clear: () => m.clear(),
    key: (i: number) => [...m.keys()][i] ?? null,
    get length() { return m.size; },
  };
  // Object.keys(localStorage) lists the stored keys, as in a browser.
  return new Proxy(s, { ownKeys: () => [...m.keys()], getOwnPropertyDescriptor: (_t, k) => (m.has(String(k)) ? { enumerable: true, configurable: true, value: m.get(String(k)) } : undefined) }) as unknown as Storage;
}

describe('track copy', () => {
  const original = globalThis.localStorage;
  beforeEach(() => void Object.defineProperty(globalThis, 'localStorage', { value: memoryStorage(), configurable: true }));
  afterEach(() => void Object.defineProperty(globalThis, 'localStorage', { value: original, configurable: true }));

  it('gives back the last MAX_FIXES fixes of a patrol', () => {
    const fixes = Array.from({ length: MAX_FIXES + 5 }, (_, i) => ({ t: i, lat: 58.4, lon: 15.5, acc: null }));
    saveTrack('p1', fixes);
    const back = loadTrack('p1');
    expect(back).toHaveLength(MAX_FIXES);
    expect(back[0]!.t).toBe(5);
    expect(loadTrack('p2')).toEqual([]);
  });

  it('returns nothing for a broken copy and drops entries that are not fixes', () => {
    localStorage.setItem('tk-field-track:p1', '{not json');
    expect(loadTrack('p1')).toEqual([]);
    localStorage.setItem('tk-field-track:p1', JSON.stringify([{ t: 1, lat: 58, lon: 15, acc: 5 }, { t: 'x' }, null]));
    expect(loadTrack('p1')).toEqual([{ t: 1, lat: 58, lon: 15, acc: 5 }]);
  });

  it('forgets every kept track and nothing else', () => {
    saveTrack('p1', [{ t: 1, lat: 58, lon: 15, acc: null }]);
    localStorage.setItem('tk-field-copy:me', '{}');
    clearTracks();
    expect(loadTrack('p1')).toEqual([]);
    expect(localStorage.getItem('tk-field-copy:me')).toBe('{}');
  });
});
