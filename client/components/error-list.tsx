// API and map errors in words: what failed, why (by problem code, in the UI language), and a retry where one makes sense.
import { For, Show } from 'solid-js';
import type { ProblemError } from '../api/problem-error.ts';
import type { Messages } from '../i18n/sv.ts';
import type { Lang } from '../i18n/messages.ts';
import { fieldErrorMessage, problemMessage } from '../i18n/problem-message.ts';

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
  lang: Lang;
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
                {e.error.status === 0 ? props.t.errorNetwork : problemMessage(e.error, props.lang)}
                <Show when={e.error.errors.length > 0}>
                  <ul>
                    <For each={e.error.errors}>{(fe) => <li>{fieldErrorMessage(fe, props.lang)}</li>}</For>
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
