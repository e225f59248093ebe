// Field mode's last good answers (who is signed in, categories, today's route), kept in
// localStorage so the page opens and works with no signal: a call that gets no answer at all
// (OfflineError) falls back to the copy; any answer from the server replaces it.
import { OfflineError } from './field-api.ts';

const PREFIX = 'tk-field-copy:';

export async function withOfflineCopy<T>(key: string, call: () => Promise<T>): Promise<T> {
  try {
    const value = await call();
    try {
      localStorage.setItem(PREFIX + key, JSON.stringify(value));
    } catch {
      // storage full or disabled: the answer still counts
    }
    return value;
  } catch (err) {
    const copy = err instanceof OfflineError ? localStorage.getItem(PREFIX + key) : null;
    if (copy === null) throw err;
    return JSON.parse(copy) as T;
  }
}
