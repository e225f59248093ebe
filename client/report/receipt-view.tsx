// The receipt after sending (with the tracking link) and the status page behind that link.
import { Show, createResource, createSignal } from 'solid-js';
import { reportApi, type PublicReport, type Receipt } from './report-api.ts';
import { createPlaceName } from '../state/create-place-name.ts';
import { formatWindow, type ReportLang, type ReportMessages } from './report-messages.ts';

export interface ReceiptViewProps {
  token: string;
  receipt: Receipt | null;
  categoryLabel: (code: string) => string;
  lang: ReportLang;
  t: ReportMessages;
  onNew: () => void;
}

export function ReceiptView(props: ReceiptViewProps) {
  const [report] = createResource(
    () => props.token,
    (token): Promise<PublicReport> => (props.receipt ? Promise.resolve(props.receipt.report) : reportApi.status(token)),
  );
  const placeName = createPlaceName(() => report() ?? null, () => props.lang);
  const [copied, setCopied] = createSignal(false);
  const link = () => `${location.origin}/rapportera/kvitto/${props.token}`;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link());
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };

  return (
    <section class="receipt" aria-labelledby="receipt-heading" data-testid="receipt" tabindex="-1" ref={(el) => queueMicrotask(() => el.focus())}>
      <h2 id="receipt-heading">{props.receipt ? props.t.receiptHeading : props.t.statusHeading}</h2>
      <Show when={props.receipt}>
        <p>{props.t.receiptBody}</p>
      </Show>
      <p class="receipt__link">
        <span>{props.t.trackingLink}: </span>
        <a href={`/rapportera/kvitto/${props.token}`} data-testid="tracking-link">{link()}</a>
      </p>
      <Show when={props.receipt}>
        <button type="button" class="button button--small" onClick={() => void copy()}>{copied() ? props.t.copied : props.t.copy}</button>
      </Show>
      <Show when={report.error}>
        <p class="rf-field__error" role="alert">{props.t.notFound}</p>
      </Show>
      <Show when={report()}>
        {(r) => (
          <dl class="receipt__facts" data-testid="receipt-facts">
            <dt>{props.t.category}</dt>
            <dd>{props.categoryLabel(r().category)}</dd>
            <Show when={placeName()}>
              <dt>{props.t.where}</dt>
              <dd data-testid="receipt-place">{placeName()}</dd>
            </Show>
            <dt>{props.t.time}</dt>
            <dd>{formatWindow(r().observedFrom, r().observedTo, props.lang)}</dd>
            <dt>{props.t.statusLabel}</dt>
            <dd data-testid="receipt-status">{props.t.statuses[r().status] ?? r().status}</dd>
            <Show when={r().publicNote}>
              <dt>{props.t.publicNote}</dt>
              <dd>{r().publicNote}</dd>
            </Show>
          </dl>
        )}
      </Show>
      <button type="button" class="button" onClick={() => props.onNew()}>{props.t.newReport}</button>
    </section>
  );
}
