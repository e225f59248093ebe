// A fetch tied to a reactive key: re-runs when the key changes, aborts the stale request, keeps the last data.
import { batch, createEffect, createMemo, createSignal, onCleanup } from 'solid-js';
import { isAbortError, toProblemError } from '../api/problem-error.ts';
import type { ProblemError } from '../api/problem-error.ts';

export interface Query<T> {
  data: () => T | undefined;
  error: () => ProblemError | null;
  isLoading: () => boolean;
  refetch: () => void;
}

/** `key` returning null pauses the query. Keys are compared by their JSON form. */
export function createQuery<K, T>(key: () => K | null, fetcher: (key: K, signal: AbortSignal) => Promise<T>): Query<T> {
  const [data, setData] = createSignal<T>();
  const [error, setError] = createSignal<ProblemError | null>(null);
  const [isLoading, setLoading] = createSignal(false);
  const [nonce, setNonce] = createSignal(0);
  const stableKey = createMemo(key, null, { equals: (a, b) => JSON.stringify(a) === JSON.stringify(b) });

  createEffect(() => {
    nonce();
    const k = stableKey();
    if (k === null) return;
    const ctrl = new AbortController();
    setLoading(true);
    fetcher(k, ctrl.signal).then(
      (value) => {
        if (ctrl.signal.aborted) return;
        batch(() => {
          setData(() => value);
          setError(null);
          setLoading(false);
        });
      },
      (err: unknown) => {
        if (ctrl.signal.aborted || isAbortError(err)) return;
        batch(() => {
          setError(toProblemError(err));
          setLoading(false);
        });
      },
    );
    onCleanup(() => ctrl.abort());
  });

  return { data, error, isLoading, refetch: () => setNonce((n) => n + 1) };
}
