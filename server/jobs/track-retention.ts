// Staff privacy over time: raw fixes older than the retention period (TRACK_RETENTION_DAYS,
// default 90) are deleted, leaving only the cell-minute presence aggregates. Run by a timer in
// the server (unref'd, so it never keeps the process alive) and by `npm run tracks -- reduce`.
import type { Sql } from '../db/sql.ts';
import type { Logger } from '../deps.ts';
import { reduceTracksBefore } from '../db/queries/tracks.ts';

export const DEFAULT_RETENTION_DAYS = 90;
/** How often the server checks for expired tracks. */
export const RETENTION_CHECK_MS = 6 * 3600_000;

/** TRACK_RETENTION_DAYS as a whole number of days ≥ 1 (default 90); anything else is an error. */
export function retentionDaysFrom(env: Record<string, string | undefined>): number {
  const raw = env.TRACK_RETENTION_DAYS;
  if (raw === undefined || raw === '') return DEFAULT_RETENTION_DAYS;
  const days = Number(raw);
  if (!Number.isInteger(days) || days < 1) throw new Error(`TRACK_RETENTION_DAYS must be a whole number of days ≥ 1, not "${raw}".`);
  return days;
}

export async function reduceExpiredTracks(sql: Sql, nowMs: number, retentionDays: number): Promise<{ tracks: number; points: number; before: Date }> {
  const before = new Date(nowMs - retentionDays * 86_400_000);
  return { ...(await reduceTracksBefore(sql, before)), before };
}

export interface RetentionJob {
  /** Runs one pass now (also what the timer calls). */
  runOnce(): Promise<void>;
  stop(): void;
}

export function startTrackRetention(sql: Sql, opts: { now: () => number; retentionDays: number; log: Logger; intervalMs?: number }): RetentionJob {
  let running: Promise<void> | null = null;
  const runOnce = () =>
    (running ??= (async () => {
      try {
        const r = await reduceExpiredTracks(sql, opts.now(), opts.retentionDays);
        if (r.tracks) opts.log.info('tracks reduced to presence aggregates', { tracks: r.tracks, points: r.points, endedBefore: r.before.toISOString() });
      } catch (err) {
        opts.log.warn('track retention pass failed; will retry', { error: err instanceof Error ? err.message : String(err) });
      } finally {
        running = null;
      }
    })());
  const first = setTimeout(() => void runOnce(), 30_000);
  const timer = setInterval(() => void runOnce(), opts.intervalMs ?? RETENTION_CHECK_MS);
  first.unref();
  timer.unref();
  return {
    runOnce,
    stop() {
      clearTimeout(first);
      clearInterval(timer);
    },
  };
}
