// The content of a report popup: category, time or window, district, H3 cell, description.
import { Show } from 'solid-js';
import type { ProblemError } from '../api/problem-error.ts';
import type { Report } from '../api/types.ts';
import { formatObserved } from '../i18n/format.ts';
import { problemMessage } from '../i18n/problem-message.ts';
import type { Lang } from '../i18n/messages.ts';
import type { Messages } from '../i18n/sv.ts';

export interface ReportCardProps {
  report: Report | undefined;
  error: ProblemError | null;
  lang: Lang;
  t: Messages;
  categoryLabel: (code: string) => string;
  categoryColor: (code: string) => string;
  districtName: (id: string) => string;
  /** The public map's masked pin: no district, source or text is known. */
  isMasked?: boolean;
}

export function ReportCard(props: ReportCardProps) {
  return (
    <div class="report-card" data-testid="report-popup" aria-live="polite">
      <Show when={props.error}>
        {(err) => (
          <p class="report-card__error" role="alert">
            {props.t.errorReport}: {problemMessage(err(), props.lang)}
          </p>
        )}
      </Show>
      <Show when={!props.error && !props.report}>
        <p class="report-card__loading">{props.t.popupLoading}</p>
      </Show>
      <Show when={props.report}>
        {(r) => (
          <>
            <h3 class="report-card__title">
              <span class="swatch swatch--dot" style={{ background: props.categoryColor(r().category) }} aria-hidden="true" />
              {props.categoryLabel(r().category)}
            </h3>
            <dl class="report-card__facts">
              <dt>{props.t.popupObserved}</dt>
              <dd>{formatObserved(r().observedFrom, r().observedTo, props.lang)}</dd>
              <Show when={!props.isMasked}>
                <dt>{props.t.popupDistrict}</dt>
                <dd>{props.districtName(r().district)}</dd>
              </Show>
              <dt>{props.t.popupCell}</dt>
              <dd><code>{r().cell}</code></dd>
              <Show when={!props.isMasked}>
                <dt>{props.t.popupSource}</dt>
                <dd>{(props.t.sources as Record<string, string>)[r().source] ?? r().source}</dd>
              </Show>
            </dl>
            <p class="report-card__description">{props.isMasked ? props.t.popupMasked : r().description || props.t.popupNoDescription}</p>
          </>
        )}
      </Show>
    </div>
  );
}
