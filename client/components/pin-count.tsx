// The visible number of report pins on the map, and a note when the server capped the answer.
import { Show } from 'solid-js';
import { formatCount } from '../i18n/format.ts';
import type { Lang } from '../i18n/messages.ts';
import type { Messages } from '../i18n/sv.ts';

export interface PinCountProps {
  count: number | undefined;
  isLoading: boolean;
  isTruncated: boolean;
  cap: number;
  lang: Lang;
  t: Messages;
}

export function PinCount(props: PinCountProps) {
  const text = () => {
    if (props.count === undefined) return props.t.pinCountLoading;
    return props.count === 1 ? props.t.pinCountOne : props.t.pinCount(formatCount(props.count, props.lang));
  };
  return (
    <div class="pin-count" role="status" aria-live="polite">
      <span data-testid="pin-count" data-loading={props.isLoading ? 'true' : 'false'} data-count={props.count ?? ''}>
        {text()}
      </span>
      <Show when={props.isLoading && props.count !== undefined}>
        <span class="pin-count__spinner" aria-hidden="true" />
      </Show>
      <Show when={props.isTruncated}>
        <span class="pin-count__note">{props.t.pinCountTruncated(formatCount(props.cap, props.lang))}</span>
      </Show>
    </div>
  );
}
