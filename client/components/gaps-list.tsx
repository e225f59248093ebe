// The gap list: cells ranked by need against presence, each as one readable sentence.
import { For, Show } from 'solid-js';

export interface GapRow {
  cell: string;
  level: 'high' | 'elevated' | 'moderate';
  gap: number;
  presenceMin: number;
  text: { sv: string; en: string };
}

export function GapsList(props: { rows: GapRow[]; lang: 'sv' | 'en'; heading: string; empty: string; onSelect?: (cell: string) => void }) {
  return (
    <section class="gaps-list" aria-labelledby="gaps-heading">
      <h2 id="gaps-heading">{props.heading}</h2>
      <Show when={props.rows.length > 0} fallback={<p>{props.empty}</p>}>
        <ol>
          <For each={props.rows}>
            {(r, i) => (
              <li data-cell={r.cell} data-level={r.level}>
                <button type="button" class="gaps-list__item" onClick={() => props.onSelect?.(r.cell)}>
                  <span class={`gaps-level gaps-level--${r.level}`} aria-hidden="true" />
                  {i() + 1}. {r.text[props.lang]}
                </button>
              </li>
            )}
          </For>
        </ol>
      </Show>
    </section>
  );
}
