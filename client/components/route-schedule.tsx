// A route's schedule: each waypoint (start, stops numbered, pass-through points) with arrival,
// dwell (editable when `onDwell` is given) and departure, then length, walking time and return.
import { For, Show } from 'solid-js';
import type { RouteMessages } from '../i18n/routes.ts';

export interface ScheduleRow {
  /** Stop number, or null for the start and pass-through points. */
  number: number | null;
  isStart: boolean;
  place: string;
  arrival: string;
  dwellMin: number;
  departure: string;
}

export interface RouteScheduleProps {
  rows: ScheduleRow[];
  t: RouteMessages;
  color?: string;
  onDwell?: (row: number, dwellMin: number) => void;
  onToggleStop?: (row: number) => void;
  onRemove?: (row: number) => void;
}

export function RouteSchedule(props: RouteScheduleProps) {
  return (
    <table class="route-schedule" data-testid="route-schedule">
      <thead>
        <tr>
          <th scope="col">#</th>
          <th scope="col">{props.t.place}</th>
          <th scope="col">{props.t.arrival}</th>
          <th scope="col">{props.t.dwellShort}</th>
          <th scope="col">{props.t.departure}</th>
          <Show when={props.onRemove}><th scope="col"><span class="visually-hidden">{props.t.remove}</span></th></Show>
        </tr>
      </thead>
      <tbody>
        <For each={props.rows}>
          {(r, i) => (
            <tr classList={{ 'route-schedule__via': r.number === null && !r.isStart }} data-stop={r.number ?? undefined}>
              <td>
                <Show when={r.number !== null} fallback={<span class="route-schedule__dot" classList={{ 'route-schedule__dot--start': r.isStart }} aria-label={r.isStart ? props.t.start : props.t.via} />}>
                  <span class="route-schedule__num" style={props.color ? { background: props.color } : {}}>{r.number}</span>
                </Show>
              </td>
              <td class="route-schedule__place">
                {r.place || (r.isStart ? props.t.start : r.number !== null ? `${props.t.stop} ${r.number}` : props.t.via)}
                <Show when={props.onToggleStop && !r.isStart}>
                  {' '}
                  <button type="button" class="button--link" onClick={() => props.onToggleStop!(i())}>{r.number !== null ? props.t.makeVia : props.t.makeStop}</button>
                </Show>
              </td>
              <td>{r.arrival}</td>
              <td>
                <Show when={props.onDwell && r.number !== null} fallback={r.number !== null ? `${r.dwellMin} ${props.t.minutes}` : ''}>
                  <input
                    type="number" min="0" max="120" step="1" class="route-schedule__dwell" value={r.dwellMin}
                    aria-label={`${props.t.dwellShort} ${props.t.stop} ${r.number}`}
                    onChange={(e) => props.onDwell!(i(), e.currentTarget.valueAsNumber)}
                  />
                </Show>
              </td>
              <td>{r.departure}</td>
              <Show when={props.onRemove}>
                <td>
                  <button type="button" class="route-schedule__remove" aria-label={props.t.removePoint(String(i() + 1))} title={props.t.remove} onClick={() => props.onRemove!(i())}>×</button>
                </td>
              </Show>
            </tr>
          )}
        </For>
      </tbody>
    </table>
  );
}
