// Staff calls for the moderation page: who am I, sign in, the queue, one report, actions.
import { readJson, toProblemError, isAbortError } from '../api/problem-error.ts';
import type { Report } from '../api/types.ts';

export interface ModPhoto {
  id: string;
  url: string;
  widthPx: number;
  heightPx: number;
}

/** A report as the moderation API returns it: the staff report plus its moderation state. */
export interface ModReport extends Report {
  publicNote: string | null;
  rejectReason: string | null;
  mergedInto: string | null;
  hasContact: boolean;
  photos: ModPhoto[];
}

export interface Suggestion {
  report: ModReport;
  distanceM: number;
  gapH: number;
  sameCategory: boolean;
}

export interface QueueItem extends ModReport {
  duplicates: Suggestion[];
}

export interface Me {
  user: { id: string; email: string; role: string } | null;
  permissions: string[];
}

export type Action =
  | { action: 'approve'; note?: string | null }
  | { action: 'reject'; reason: 'spam' | 'offensive' | 'not-our-matter'; note?: string | null }
  | { action: 'merge'; into: string; note?: string | null }
  | { action: 'recategorise'; category: string }
  | { action: 'note'; note: string | null }
  | { action: 'close'; note?: string | null };

async function send<T>(path: string, init: RequestInit = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, { ...init, headers: { accept: 'application/json', ...(init.body ? { 'Content-Type': 'application/json' } : {}), ...init.headers } });
  } catch (err) {
    if (isAbortError(err)) throw err;
    throw toProblemError(err);
  }
  return readJson<T>(res);
}

export const moderationApi = {
  me: () => send<Me>('/api/auth/me'),
  login: (email: string, password: string) => send<unknown>('/api/auth/login', { method: 'POST', body: JSON.stringify({ email, password }) }),
  queue: (query: Record<string, string>) => send<{ items: QueueItem[]; nextBefore: string | null }>(`/api/moderation/queue?${new URLSearchParams(query)}`),
  act: (id: string, action: Action) => send<QueueItem>(`/api/moderation/reports/${id}/actions`, { method: 'POST', body: JSON.stringify(action) }),
};
