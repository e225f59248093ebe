// The one-tap observation: big category buttons, an optional note, send. Props in, events out.
import { For, Show, createSignal } from 'solid-js';
import type { FieldLang, FieldMessages } from './field-messages.ts';

export interface Category {
  code: string;
  sv: string;
  en: string;
  color: string;
}

export function ObservationSheet(props: { categories: Category[]; lang: FieldLang; t: FieldMessages; onSend: (category: string, note: string) => void; onCancel: () => void }) {
  const [chosen, setChosen] = createSignal<string | null>(null);
  const [note, setNote] = createSignal('');
  return (
    <section class="field-sheet" role="dialog" aria-modal="true" aria-labelledby="field-sheet-heading">
      <h2 id="field-sheet-heading">{props.t.observeHeading}</h2>
      <div class="field-categories">
        <For each={props.categories}>
          {(c) => (
            <button
              type="button"
              class="field-category"
              classList={{ 'field-category--chosen': chosen() === c.code }}
              style={{ 'border-color': c.color }}
              aria-pressed={chosen() === c.code}
              data-category={c.code}
              onClick={() => setChosen(c.code)}
            >
              {c[props.lang]}
            </button>
          )}
        </For>
      </div>
      <label class="field-note">
        {props.t.note}
        <textarea rows="2" maxLength={2000} value={note()} onInput={(e) => setNote(e.currentTarget.value)} />
      </label>
      <div class="field-sheet__actions">
        <button type="button" class="field-button field-button--ghost" onClick={() => props.onCancel()}>
          {props.t.cancel}
        </button>
        <Show when={chosen()}>
          {(code) => (
            <button type="button" class="field-button field-button--primary" data-testid="observation-send" onClick={() => props.onSend(code(), note().trim())}>
              {props.t.send}
            </button>
          )}
        </Show>
      </div>
    </section>
  );
}
