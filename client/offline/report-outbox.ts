// The residents' outbox in IndexedDB: a report (with its photo) is written here before it is sent,
// and sent by whoever gets there first — the page, at the next open or the `online` event, or the
// service worker on a Background Sync — always under the report's own Idempotency-Key, so a
// report sent twice (answer lost, page and worker both trying) is stored once. One sender at a
// time (Web Locks where the browser has them). Shared by the page and the service worker.
import { problemFromBody, type ProblemError, type ProblemFieldError } from '../api/problem-error.ts';
import { idbDone, idbRequest } from './idb.ts';

export const OUTBOX_DB = 'tk-outbox';
export const OUTBOX_SYNC_TAG = 'tk-report-outbox';
const STORE = 'reports';
const SEND_LOCK = 'tk-report-outbox-send';

export interface OutboxReport {
  /** The report's Idempotency-Key (made when the form opened). */
  key: string;
  /** The form's text fields as sent (server/schemas/public-reports.ts). */
  fields: [string, string][];
  photo: Blob | null;
  photoName: string | null;
  queuedAt: number;
  /** The server's receipt once it answered 201; the page shows it, then deletes the entry. */
  receipt: unknown;
  /** The server refused the report for good (4xx other than 408/429): its words. */
  refused: { status: number; detail: string; code?: string; params?: Record<string, unknown>; errors: ProblemFieldError[] } | null;
}

export type SendResult = { kind: 'sent'; receipt: unknown } | { kind: 'offline' } | { kind: 'retry-later'; status: number } | { kind: 'refused'; problem: ProblemError };

/** FormData (as built by report-form-state.ts) → an outbox entry. */
export function outboxEntryFrom(form: FormData, key: string, now: number): OutboxReport {
  const fields: [string, string][] = [];
  let photo: Blob | null = null;
  let photoName: string | null = null;
  form.forEach((value, name) => {
    if (typeof value === 'string') fields.push([name, value]);
    else if (name === 'photo') {
      photo = value;
      photoName = (value as File).name || 'photo.jpg';
    }
  });
  return { key, fields, photo, photoName, queuedAt: now, receipt: null, refused: null };
}

export function formDataOf(entry: OutboxReport): FormData {
  const fd = new FormData();
  for (const [name, value] of entry.fields) fd.append(name, value);
  if (entry.photo) fd.set('photo', entry.photo, entry.photoName ?? 'photo.jpg');
  return fd;
}

/** A retryable answer keeps the report queued: none at all, 408, 409 (the same key in flight), 429 or 5xx. */
export async function sendReport(entry: OutboxReport, fetchImpl: typeof fetch = fetch): Promise<SendResult> {
  let res: Response;
  try {
    res = await fetchImpl('/api/public/reports', { method: 'POST', body: formDataOf(entry), headers: { accept: 'application/json', 'Idempotency-Key': entry.key } });
  } catch {
    return { kind: 'offline' };
  }
  const text = await res.text().catch(() => '');
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (res.ok) return { kind: 'sent', receipt: body };
  if (res.status === 408 || res.status === 409 || res.status === 429 || res.status >= 500) return { kind: 'retry-later', status: res.status };
  return { kind: 'refused', problem: problemFromBody(res.status, res.statusText, body) };
}

export interface Outbox {
  put(entry: OutboxReport): Promise<void>;
  all(): Promise<OutboxReport[]>;
  delete(key: string): Promise<void>;
  close(): void;
}

export async function openOutbox(): Promise<Outbox> {
  const open = indexedDB.open(OUTBOX_DB, 1);
  open.onupgradeneeded = () => open.result.createObjectStore(STORE, { keyPath: 'key' });
  const db = await idbRequest(open);
  const tx = (mode: IDBTransactionMode) => db.transaction(STORE, mode);
  return {
    async put(entry) {
      const t = tx('readwrite');
      t.objectStore(STORE).put(entry);
      await idbDone(t);
    },
    all: () => idbRequest(tx('readonly').objectStore(STORE).getAll() as IDBRequest<OutboxReport[]>),
    async delete(key) {
      const t = tx('readwrite');
      t.objectStore(STORE).delete(key);
      await idbDone(t);
    },
    close: () => db.close(),
  };
}

type LockManagerLike = { request: (name: string, cb: () => Promise<unknown>) => Promise<unknown> };

async function exclusively<T>(fn: () => Promise<T>): Promise<T> {
  const locks = (globalThis.navigator as { locks?: LockManagerLike } | undefined)?.locks;
  if (!locks) return fn();
  let out!: T;
  await locks.request(SEND_LOCK, async () => {
    out = await fn();
  });
  return out;
}

/**
 * Sends every queued report not yet answered, oldest first; stops at the first "no network".
 * Receipts and refusals are written back to the entry (the page shows them). Returns how many
 * reports are still waiting.
 */
export function flushOutbox(outbox: Outbox, fetchImpl: typeof fetch = fetch): Promise<{ waiting: number; sent: number }> {
  return exclusively(async () => {
    const entries = (await outbox.all()).filter((e) => e.receipt === null && e.refused === null).sort((a, b) => a.queuedAt - b.queuedAt);
    let sent = 0;
    for (const [i, e] of entries.entries()) {
      const r = await sendReport(e, fetchImpl);
      if (r.kind === 'offline' || r.kind === 'retry-later') return { waiting: entries.length - i, sent };
      if (r.kind === 'sent') {
        sent++;
        await outbox.put({ ...e, receipt: r.receipt });
      } else await outbox.put({ ...e, refused: { status: r.problem.status, detail: r.problem.detail, code: r.problem.code, params: r.problem.params, errors: r.problem.errors } });
    }
    return { waiting: 0, sent };
  });
}

/** Asks the browser to run the worker's outbox sync when the network is back (Chromium); elsewhere the page sends at its next open or `online` event. */
export async function requestOutboxSync(): Promise<boolean> {
  try {
    const reg = (await navigator.serviceWorker?.ready) as (ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } }) | undefined;
    if (!reg?.sync) return false;
    await reg.sync.register(OUTBOX_SYNC_TAG);
    return true;
  } catch {
    return false;
  }
}
