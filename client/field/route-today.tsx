// Today's planned route in field mode: the next stop, its distance and the dwell timer.
import { Show } from 'solid-js';
import type { FieldMessages } from './field-messages.ts';
import { metresBetween, type FieldStop } from './next-stop.ts';

const hhmm = (ms: number) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', hour: '2-digit', minute: '2-digit' }).format(ms);
const mmss = (ms: number) => `${Math.floor(ms / 60_000)}:${String(Math.floor((ms % 60_000) / 1000)).padStart(2, '0')}`;

export function RouteToday(props: {
  t: FieldMessages;
  name: string | null;
  stops: FieldStop[];
  next: number | null;
  dwellMs: number;
  here: { lat: number; lon: number } | null;
}) {
  const stop = () => (props.next === null ? null : (props.stops[props.next] ?? null));
  return (
    <section class="field-card" aria-labelledby="field-route-heading">
      <h2 id="field-route-heading">
        {props.t.routeHeading}
        <Show when={props.name}>{(n) => <span class="field-card__sub"> · {n()}</span>}</Show>
      </h2>
      <Show when={props.stops.length > 0} fallback={<p>{props.t.noRoute}</p>}>
        <Show when={stop()} fallback={<p>{props.t.allStopsDone}</p>}>
          {(s) => (
            <div data-testid="next-stop">
              <p class="field-next">
                {props.t.nextStop} {s().index + 1}/{props.stops.length}: <strong>{s().place}</strong>
              </p>
              <p>
                {props.t.planned(hhmm(s().arrivalMs))}
                <Show when={props.here}>{(h) => <> · {props.t.distance(metresBetween(h(), s()))}</>}</Show>
              </p>
              <div class="field-dwell" role="timer" aria-live="off">
                <span>{props.t.dwell}</span>
                <strong>
                  {mmss(props.dwellMs)} / {s().dwellMin}:00
                </strong>
                <progress max={s().dwellMin * 60_000} value={Math.min(props.dwellMs, s().dwellMin * 60_000)} />
              </div>
            </div>
          )}
        </Show>
      </Show>
    </section>
  );
}
