// The track walked on the open patrol, kept in localStorage so a reload (a phone that dropped
// the page, an update) still draws it and still knows which stops are done: the queued fixes in
// IndexedDB are deleted once uploaded, so they cannot tell. The last MAX_FIXES only.
import type { Fix } from './geo-recorder.ts';

const PREFIX = 'tk-field-track:';
/** About 5.5 h at one fix per 10 s; ~100 KB of JSON. */
export const MAX_FIXES = 2000;

export function loadTrack(patrol: string): Fix[] {
  try {
    const v: unknown = JSON.parse(localStorage.getItem(PREFIX + patrol) ?? '[]');
    return Array.isArray(v) ? (v as Fix[]).filter((f) => Number.isFinite(f?.t) && Number.isFinite(f?.lat) && Number.isFinite(f?.lon)) : [];
  } catch {
    return [];
  }
}

export function saveTrack(patrol: string, fixes: readonly Fix[]): void {
  try {
    localStorage.setItem(PREFIX + patrol, JSON.stringify(fixes.slice(-MAX_FIXES)));
  } catch {
    // storage full or disabled: the map shows the track until the next reload
  }
}

/** Forgets every kept track (at patrol end: only the open patrol's is ever needed). */
export function clearTracks(): void {
  for (const key of Object.keys(localStorage)) if (key.startsWith(PREFIX)) localStorage.removeItem(key);
}
