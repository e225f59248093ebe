// Moves field mode's queue to the server: creates each patrol's track (idempotent start), sends
// fixes in batches of the oldest queued ones under a key named by their sequence range (so a
// retry sends the same body under the same key), ends the patrol once its queue is empty, and
// sends queued observations. Stops at the first sign of no network and tries again later.
import { ProblemError } from '../api/problem-error.ts';
import { OfflineError, type FieldApi } from './field-api.ts';
import type { FieldStore } from './field-store.ts';

/** Fixes per request (a phone queues ~360 an hour). */
export const UPLOAD_BATCH = 200;

export interface UploadStatus {
  pending: number;
  isOffline: boolean;
  /** The last upload's error (shown in words by the page), or null. */
  lastError: unknown;
}

/** Keep data on no answer, 401 (signed out), 429 and 5xx; drop it on other refusals (it can never succeed). */
function isRetryable(err: unknown): boolean {
  if (err instanceof OfflineError) return true;
  if (err instanceof ProblemError) return err.status === 0 || err.status === 401 || err.status === 429 || err.status >= 500;
  return true;
}

export function makeUploader(store: FieldStore, api: Pick<FieldApi, 'startTrack' | 'appendFixes' | 'endTrack' | 'report'>, onStatus: (s: UploadStatus) => void) {
  let running: Promise<void> | null = null;
  let again = false;

  async function pass(): Promise<UploadStatus> {
    let lastError: unknown = null;
    try {
      for (const p of await store.patrols()) {
        if (!p.serverId) {
          p.serverId = (await api.startTrack(p.local, p.startedAt)).id;
          await store.putPatrol(p);
        }
        for (;;) {
          const batch = await store.oldestFixes(p.local, UPLOAD_BATCH);
          if (!batch.length) break;
          const key = `fix-${p.local}-${batch[0]!.seq}-${batch.at(-1)!.seq}`;
          try {
            await api.appendFixes(p.serverId, key, batch.map((f) => ({ t: f.t, lat: f.lat, lon: f.lon, acc: f.acc })));
          } catch (err) {
            if (isRetryable(err)) throw err;
            lastError = err;
          }
          await store.deleteFixes(batch.map((f) => f.seq));
        }
        if (p.endedAt !== null) {
          await api.endTrack(p.serverId);
          await store.deletePatrol(p.local);
        }
      }
      for (const o of await store.observations()) {
        try {
          await api.report(o.id, o.body);
        } catch (err) {
          if (isRetryable(err)) throw err;
          lastError = err;
        }
        await store.deleteObservation(o.id);
      }
      // Nothing to send reaches no server: the browser's word decides (else "Online" showed in a dead spot).
      return { pending: await store.countFixes(), isOffline: !navigator.onLine, lastError };
    } catch (err) {
      const isOffline = err instanceof OfflineError || (err instanceof ProblemError && err.status === 0);
      return { pending: await store.countFixes(), isOffline, lastError: isOffline ? null : err };
    }
  }

  /** Runs a pass now (or once more after the current one). */
  function flush(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        onStatus(await pass());
      } while (again);
      running = null;
    })();
    return running;
  }

  return { flush };
}
