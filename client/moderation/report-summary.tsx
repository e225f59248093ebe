// One report as moderators see it: category, times, exact district, text, photo. Props in, JSX out.
import { Show } from 'solid-js';
import type { ModReport } from './moderation-api.ts';
import type { ModerationMessages } from './moderation-messages.ts';
import { formatWindow } from '../report/report-messages.ts';

export function ReportSummary(props: { report: ModReport; categoryLabel: (code: string) => string; districtName: (id: string) => string; t: ModerationMessages; place?: string | undefined }) {
  const r = () => props.report;
  return (
    <div class="mod-summary" data-testid="mod-summary" data-id={r().id}>
      <h3>{props.categoryLabel(r().category)} <span class={`badge status--${r().status}`}>{props.t.statuses[r().status] ?? r().status}</span></h3>
      <p class="mod-summary__meta">
        {props.t.observed}: {formatWindow(r().observedFrom, r().observedTo, 'sv')} · {props.t.submitted}: {formatWindow(r().createdAt, r().createdAt, 'sv')} · {props.place ? `${props.place}, ` : ''}{props.districtName(r().district)}
      </p>
      <p class="mod-summary__text">{r().description ?? props.t.noText}</p>
      <Show when={r().publicNote}>
        <p class="mod-summary__note">{props.t.publicNote}: {r().publicNote}</p>
      </Show>
      <Show when={r().photos[0]}>
        {(p) => <img class="mod-summary__photo" src={p().url} alt={props.t.photo} width={p().widthPx} height={p().heightPx} loading="lazy" />}
      </Show>
      <Show when={r().hasContact}>
        <p class="mod-summary__contact">{props.t.hasContact}</p>
      </Show>
    </div>
  );
}
