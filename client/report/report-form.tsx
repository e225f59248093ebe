// The report form: labelled fields, each error next to its field (aria-describedby), a
// summary that takes focus on a failed submit, and a honeypot people never see.
import { For, Show } from 'solid-js';
import type { Category } from '../api/types.ts';
import type { FieldErrors, FieldName, ReportDraft } from './report-form-state.ts';
import type { ReportLang, ReportMessages } from './report-messages.ts';

export interface ReportFormProps {
  draft: ReportDraft;
  errors: FieldErrors;
  /** A problem not tied to one field (network, rate limit). */
  formError: string | null;
  isSending: boolean;
  categories: Category[];
  lang: ReportLang;
  t: ReportMessages;
  onChange: (patch: Partial<ReportDraft>) => void;
  onSubmit: () => void;
  onUseLocation: () => void;
  onUseCentre: () => void;
  /** The chosen point named by reverse geocoding ("Rydsvägen 12"), when known. */
  placeName?: string | undefined;
  locating: 'idle' | 'busy' | 'failed';
}

function FieldError(props: { id: string; message: string | undefined }) {
  return (
    <Show when={props.message}>
      <p class="rf-field__error" id={props.id} data-testid={`error-${props.id}`}>
        {props.message}
      </p>
    </Show>
  );
}

export function ReportForm(props: ReportFormProps) {
  const err = (f: FieldName) => props.errors[f];
  const described = (f: FieldName, hint?: string) => [err(f) ? `err-${f}` : '', hint ?? ''].filter(Boolean).join(' ') || undefined;
  let summary: HTMLDivElement | undefined;
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    props.onSubmit();
    queueMicrotask(() => summary?.focus());
  };

  return (
    <form class="report-form" novalidate onSubmit={submit} aria-labelledby="report-form-heading" data-testid="report-form">
      <h2 id="report-form-heading">{props.t.formHeading}</h2>
      <Show when={Object.keys(props.errors).length > 0 || props.formError}>
        <div class="report-form__summary" role="alert" tabindex="-1" ref={summary} data-testid="form-errors">
          <Show when={Object.keys(props.errors).length > 0}>
            <p>{props.t.errorsIntro}</p>
            <ul>
              <For each={Object.entries(props.errors)}>{([field, message]) => <li><a href={`#field-${field}`}>{message}</a></li>}</For>
            </ul>
          </Show>
          <Show when={props.formError}>
            <p>{props.formError}</p>
          </Show>
        </div>
      </Show>

      <fieldset class="rf-field" id="field-place" aria-describedby={described('place', 'place-status')}>
        <legend>{props.t.mapHint}</legend>
        <div class="report-form__place-buttons">
          <button type="button" class="button" onClick={() => props.onUseLocation()} disabled={props.locating === 'busy'}>
            {props.locating === 'busy' ? props.t.locating : props.t.useLocation}
          </button>
          <button type="button" class="button button--secondary" onClick={() => props.onUseCentre()}>
            {props.t.useCentre}
          </button>
        </div>
        <p id="place-status" class="rf-field__hint" aria-live="polite" data-testid="place-status">
          {props.locating === 'failed' ? props.t.locationFailed : props.draft.place ? `${props.t.placeChosen}${props.placeName ? ` ${props.t.where}: ${props.placeName}.` : ''}` : props.t.placeMissing}
        </p>
        <FieldError id="err-place" message={err('place')} />
      </fieldset>

      <div class="rf-field">
        <label for="field-category">{props.t.category}</label>
        <select id="field-category" name="category" value={props.draft.category} aria-invalid={err('category') ? 'true' : undefined} aria-describedby={described('category')} onChange={(e) => props.onChange({ category: e.currentTarget.value })}>
          <option value="">{props.t.chooseCategory}</option>
          <For each={props.categories}>{(c) => <option value={c.code}>{c[props.lang]}</option>}</For>
        </select>
        <FieldError id="err-category" message={err('category')} />
      </div>

      <fieldset class="rf-field">
        <legend>{props.t.when}</legend>
        <label class="choice">
          <input type="radio" name="when" value="now" checked={props.draft.when === 'now'} onChange={() => props.onChange({ when: 'now' })} /> {props.t.justNow}
        </label>
        <label class="choice">
          <input type="radio" name="when" value="window" checked={props.draft.when === 'window'} onChange={() => props.onChange({ when: 'window' })} /> {props.t.window}
        </label>
        <Show when={props.draft.when === 'window'}>
          <div class="report-form__window">
            <div>
              <label for="field-from">{props.t.from}</label>
              <input id="field-from" type="datetime-local" value={props.draft.from} aria-invalid={err('from') ? 'true' : undefined} aria-describedby={described('from')} onInput={(e) => props.onChange({ from: e.currentTarget.value })} />
              <FieldError id="err-from" message={err('from')} />
            </div>
            <div>
              <label for="field-to">{props.t.to}</label>
              <input id="field-to" type="datetime-local" value={props.draft.to} aria-invalid={err('to') ? 'true' : undefined} aria-describedby={described('to')} onInput={(e) => props.onChange({ to: e.currentTarget.value })} />
              <FieldError id="err-to" message={err('to')} />
            </div>
          </div>
        </Show>
      </fieldset>

      <div class="rf-field">
        <label for="field-description">{props.t.description}</label>
        <textarea id="field-description" rows="3" maxlength="2000" value={props.draft.description} aria-describedby={described('description', 'hint-description')} onInput={(e) => props.onChange({ description: e.currentTarget.value })} />
        <p class="rf-field__hint" id="hint-description">{props.t.descriptionHint}</p>
        <FieldError id="err-description" message={err('description')} />
      </div>

      <div class="rf-field">
        <label for="field-photo">{props.t.photo}</label>
        {/* Only JPEG/PNG: iPhones then convert HEIC photos to JPEG themselves (the server cannot decode HEVC). */}
        <input id="field-photo" type="file" accept="image/jpeg,image/png" aria-describedby={described('photo', 'hint-photo')} onChange={(e) => props.onChange({ photo: e.currentTarget.files?.[0] ?? null })} />
        <p class="rf-field__hint" id="hint-photo">{props.t.photoHint}</p>
        <FieldError id="err-photo" message={err('photo')} />
      </div>

      <div class="rf-field">
        <label for="field-email">{props.t.email}</label>
        <input id="field-email" type="email" autocomplete="email" inputmode="email" value={props.draft.email} aria-invalid={err('email') ? 'true' : undefined} aria-describedby={described('email')} onInput={(e) => props.onChange({ email: e.currentTarget.value })} />
        <FieldError id="err-email" message={err('email')} />
        <Show when={props.draft.email.trim() !== ''}>
          <label class="choice choice--consent" for="field-consent">
            <input id="field-consent" type="checkbox" checked={props.draft.consent} aria-invalid={err('consent') ? 'true' : undefined} aria-describedby={described('consent')} onChange={(e) => props.onChange({ consent: e.currentTarget.checked })} />
            <span>{props.t.consent}</span>
          </label>
          <FieldError id="err-consent" message={err('consent')} />
        </Show>
      </div>

      <div class="report-form__honeypot" aria-hidden="true">
        <label for="field-website">{props.t.honeypot}</label>
        <input id="field-website" name="website" type="text" tabindex="-1" autocomplete="off" value={props.draft.website} onInput={(e) => props.onChange({ website: e.currentTarget.value })} />
      </div>

      <button type="submit" class="button button--primary report-form__submit" disabled={props.isSending} aria-busy={props.isSending}>
        {props.isSending ? props.t.sending : props.t.submit}
      </button>
    </form>
  );
}
