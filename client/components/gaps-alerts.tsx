// Tonight's watch list: top cells whose hot band is on and when a team was last there.
import { For, Show } from 'solid-js';

export interface AlertRow {
  cell: string;
  status: 'overdue' | 'due' | 'upcoming' | 'ok';
  text: { sv: string; en: string };
}

export function GapsAlerts(props: { rows: AlertRow[]; lang: 'sv' | 'en'; heading: string; empty: string; statusLabel: (s: AlertRow['status']) => string; onSelect?: (cell: string) => void }) {
  return (
    <section class="gaps-alerts" aria-labelledby="alerts-heading">
      <h2 id="alerts-heading">{props.heading}</h2>
      <Show when={props.rows.length > 0} fallback={<p>{props.empty}</p>}>
        <ul>
          <For each={props.rows}>
            {(a) => (
              <li data-status={a.status}>
                <button type="button" class="gaps-list__item" onClick={() => props.onSelect?.(a.cell)}>
                  <strong class={`gaps-status gaps-status--${a.status}`}>{props.statusLabel(a.status)}</strong> {a.text[props.lang]}
                </button>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}
