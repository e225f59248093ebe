// Upload imports running in the background of this process, pollable by id: state, progress
// and the rejected rows. Jobs are kept in memory for an hour after they finish.
import type { HistoricalImportResult, ImportProgress } from './historical-import.ts';
import type { Rejection } from './column-mapping.ts';

export interface ImportJob {
  id: string;
  state: 'running' | 'done' | 'failed';
  startedAt: string;
  finishedAt: string | null;
  progress: ImportProgress;
  duplicates: number;
  rejections: Rejection[];
  error: string | null;
}

const KEEP_MS = 3_600_000;

export function makeImportJobs(now: () => number) {
  const jobs = new Map<string, ImportJob & { doneAtMs?: number }>();
  const prune = () => {
    for (const [id, j] of jobs) if (j.doneAtMs && now() - j.doneAtMs > KEEP_MS) jobs.delete(id);
  };
  return {
    start(id: string, totalBytes: number, run: (onProgress: (p: ImportProgress) => void) => Promise<HistoricalImportResult>): ImportJob {
      prune();
      const job: ImportJob & { doneAtMs?: number } = {
        id, state: 'running', startedAt: new Date(now()).toISOString(), finishedAt: null,
        progress: { bytesRead: 0, totalBytes, rowsRead: 0, inserted: 0, rejected: 0 }, duplicates: 0, rejections: [], error: null,
      };
      jobs.set(id, job);
      run((p) => (job.progress = p)).then(
        (r) => Object.assign(job, { state: 'done', progress: { bytesRead: r.bytesRead, totalBytes: r.totalBytes, rowsRead: r.rowsRead, inserted: r.inserted, rejected: r.rejected }, duplicates: r.duplicates, rejections: r.rejections }),
        (err: unknown) => Object.assign(job, { state: 'failed', error: err instanceof Error ? err.message : String(err) }),
      ).finally(() => {
        job.finishedAt = new Date(now()).toISOString();
        job.doneAtMs = now();
      });
      return job;
    },
    get(id: string): ImportJob | undefined {
      return jobs.get(id);
    },
  };
}
