// The data clock: a 7 × 24 grid of weights (weekday rows, local hours as columns), shaded by
// weight, with the chosen hours outlined. Click or drag to choose a block; click a day or an hour
// label for the whole row or column. Props in, events out.
import { For, createSignal } from 'solid-js';
import type { AnalyticsMessages } from '../i18n/analytics-sv.ts';
import { rectangle, type WeekSelection } from '../analytics/week-selection.ts';

export interface DataClockProps {
  matrix: number[][] | undefined;
  selection: WeekSelection;
  title: string;
  t: AnalyticsMessages;
  onSelect: (selection: boolean[]) => void;
}

const HOURS = Array.from({ length: 24 }, (_, h) => h);
const DAYS = [0, 1, 2, 3, 4, 5, 6];

/** White → dark red by share of the largest cell. */
function shade(share: number): string {
  const s = Math.max(0, Math.min(1, share));
  const l = 97 - s * 62;
  return `hsl(${12 - s * 12}, ${40 + s * 50}%, ${l}%)`;
}

export function DataClock(props: DataClockProps) {
  const [anchor, setAnchor] = createSignal<[number, number] | null>(null);
  const [hover, setHover] = createSignal<[number, number] | null>(null);
  const max = () => Math.max(0, ...(props.matrix?.flat() ?? [0]));
  const value = (d: number, h: number) => props.matrix?.[d]?.[h] ?? 0;
  const preview = () => {
    const a = anchor();
    const b = hover();
    return a && b ? rectangle(a, b) : null;
  };
  const isChosen = (d: number, h: number) => (preview() ?? props.selection)[d * 24 + h] === true;
  const finish = (d: number, h: number) => {
    const a = anchor();
    setAnchor(null);
    setHover(null);
    if (a) props.onSelect(rectangle(a, [d, h]));
  };
  const row = (d: number) => props.onSelect(rectangle([d, 0], [d, 23]));
  const column = (h: number) => props.onSelect(rectangle([0, h], [6, h]));

  return (
    <figure class="data-clock" data-testid="data-clock">
      <figcaption class="data-clock__title">{props.title}</figcaption>
      <table class="data-clock__grid" onMouseLeave={() => setHover(null)}>
        <thead>
          <tr>
            <th />
            <For each={HOURS}>
              {(h) => (
                <th scope="col">
                  <button type="button" class="data-clock__hour" onClick={() => column(h)} aria-label={`${h}:00`}>
                    {h % 3 === 0 ? h : ''}
                  </button>
                </th>
              )}
            </For>
          </tr>
        </thead>
        <tbody>
          <For each={DAYS}>
            {(d) => (
              <tr>
                <th scope="row">
                  <button type="button" class="data-clock__day" onClick={() => row(d)}>
                    {props.t.days[d]}
                  </button>
                </th>
                <For each={HOURS}>
                  {(h) => (
                    <td
                      class="data-clock__cell"
                      classList={{ 'data-clock__cell--chosen': isChosen(d, h) }}
                      style={{ background: shade(max() > 0 ? value(d, h) / max() : 0) }}
                      data-day={d}
                      data-hour={h}
                      data-value={value(d, h).toFixed(3)}
                      title={`${props.t.days[d]} ${String(h).padStart(2, '0')}–${String(h + 1).padStart(2, '0')}: ${value(d, h).toFixed(1)}`}
                      onMouseDown={(e) => {
                        e.preventDefault();
                        setAnchor([d, h]);
                        setHover([d, h]);
                      }}
                      onMouseEnter={() => anchor() && setHover([d, h])}
                      onMouseUp={() => finish(d, h)}
                    />
                  )}
                </For>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </figure>
  );
}
