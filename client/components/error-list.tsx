// API and map errors in words: what failed, the server's detail, and a retry where one makes sense.
import { For, Show } from 'solid-js';
import type { ProblemError } from '../api/problem-error.ts';
import type { Messages } from '../i18n/sv.ts';

export interface ShownError {
  key: string;
  /** What failed, in the UI language, e.g. "Kunde inte hämta rapporterna". */
  label: string;
  error: ProblemError;
  retry?: () => void;
}

export interface ErrorListProps {
  errors: ShownError[];
  t: Messages;
}

export function ErrorList(props: ErrorListProps) {
  return (
    <Show when={props.errors.length > 0}>
      <div class="error-list" role="alert" data-testid="errors">
        <For each={props.errors}>
          {(e) => (
            <div class="error-list__item">
              <p>
                <strong>{e.label}.</strong>{' '}
                {e.error.status === 0 ? props.t.errorNetwork : e.error.detail}
                <Show when={e.error.errors.length > 0}>
                  <ul>
                    <For each={e.error.errors}>{(fe) => <li>{fe.path}: {fe.message}</li>}</For>
                  </ul>
                </Show>
              </p>
              <Show when={e.retry}>
                {(retry) => (
                  <button type="button" class="button button--small" onClick={() => retry()()}>
                    {props.t.errorRetry}
                  </button>
                )}
              </Show>
            </div>
          )}
        </For>
      </div>
    </Show>
  );
}
