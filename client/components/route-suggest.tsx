// "Föreslå rutter": district, date, shift, teams, stops, dwell, lit ways and seed; then each
// team's suggested route (colour, numbered stops, schedule) with accept, route card and a new variant.
import { For, Show } from 'solid-js';
import type { SuggestAnswer } from '../api/route-types.ts';
import type { Lang } from '../i18n/messages.ts';
import { formatDuration, formatKm } from '../i18n/route-format.ts';
import type { RouteMessages } from '../i18n/routes.ts';
import { teamColor } from '../map/layers/routes.ts';
import type { SuggestForm } from '../state/create-route-planner.ts';
import { isoClock } from '../state/route-draft.ts';
import { RouteSchedule } from './route-schedule.tsx';

export interface RouteSuggestProps {
  form: SuggestForm;
  districts: { id: string; name: string }[];
  answer: SuggestAnswer | null;
  busy: boolean;
  lang: Lang;
  t: RouteMessages;
  onChange: (patch: Partial<SuggestForm>) => void;
  onSuggest: () => void;
  onNewVariant: () => void;
  onAccept: (team: number) => void;
  onPrint: (team: number) => void;
}

export function RouteSuggest(props: RouteSuggestProps) {
  const num = (e: Event & { currentTarget: HTMLInputElement | HTMLSelectElement }) => Number(e.currentTarget.value);
  const districtName = (id: string) => props.districts.find((d) => d.id === id)?.name ?? id;
  return (
    <div class="route-suggest">
      <form class="route-form" onSubmit={(e) => (e.preventDefault(), props.onSuggest())} data-testid="suggest-form">
        <label class="route-form__wide">{props.t.district}
          <select value={props.form.district} onChange={(e) => props.onChange({ district: e.currentTarget.value })}>
            <For each={props.districts}>{(d) => <option value={d.id}>{d.name}</option>}</For>
          </select>
        </label>
        <label class="route-form__wide">{props.t.date}<input type="date" required value={props.form.date} onChange={(e) => props.onChange({ date: e.currentTarget.value })} /></label>
        <label>{props.t.shiftStart}<input type="time" required value={props.form.start} onChange={(e) => props.onChange({ start: e.currentTarget.value })} /></label>
        <label>{props.t.shiftEnd}<input type="time" required value={props.form.end} onChange={(e) => props.onChange({ end: e.currentTarget.value })} /></label>
        <label>{props.t.teams}
          <select value={String(props.form.teams)} onChange={(e) => props.onChange({ teams: num(e) })}>
            <option value="1">1</option><option value="2">2</option><option value="3">3</option>
          </select>
        </label>
        <label>{props.t.stopsPerTeam}<input type="number" min="2" max="5" value={props.form.stopsPerTeam} onChange={(e) => props.onChange({ stopsPerTeam: num(e) })} /></label>
        <label>{props.t.dwell}<input type="number" min="10" max="15" value={props.form.dwellMin} onChange={(e) => props.onChange({ dwellMin: num(e) })} /></label>
        <label>{props.t.speed}<input type="number" min="2" max="8" step="0.5" value={props.form.speedKmh} onChange={(e) => props.onChange({ speedKmh: num(e) })} /></label>
        <label>{props.t.seed}<input type="number" min="0" step="1" value={props.form.seed} onChange={(e) => props.onChange({ seed: num(e) })} /></label>
        <label class="route-form__check"><input type="checkbox" checked={props.form.preferLit} onChange={(e) => props.onChange({ preferLit: e.currentTarget.checked })} />{props.t.preferLit}</label>
        <label class="route-form__check"><input type="checkbox" checked={props.form.afterDark} onChange={(e) => props.onChange({ afterDark: e.currentTarget.checked })} />{props.t.afterDark}</label>
        <div class="route-form__buttons route-form__wide">
          <button type="submit" class="button" disabled={props.busy}>{props.busy ? props.t.suggesting : props.t.suggest}</button>
          <Show when={props.answer}><button type="button" class="button button--quiet" disabled={props.busy} onClick={() => props.onNewVariant()}>{props.t.newVariant}</button></Show>
        </div>
      </form>
      <Show when={props.answer}>
        {(a) => (
          <div class="route-suggest__result" data-testid="suggestion">
            <Show when={a().graph === 'hex-grid'}><p class="note note--warn" data-testid="hex-grid-note">{props.t.hexGrid(districtName(a().district))}</p></Show>
            <p class="route-panel__hint">{props.t.base}: {a().base.name} · {props.t.candidates(a().candidates)}</p>
            <Show when={a().routes.every((r) => r.stops.length === 0)}><p class="note note--warn">{props.t.noStops}</p></Show>
            <For each={a().routes}>
              {(r) => (
                <section class="route-suggest__team" style={{ '--team-color': teamColor(r.team) }} data-team={r.team}>
                  <h3><span class="route-suggest__swatch" aria-hidden="true" />{props.t.teamLabel(r.team)}</h3>
                  <p class="route-panel__hint">{formatKm(r.lengthM, props.lang)} · {props.t.walkingTime} {formatDuration(r.walkingMin)} · {isoClock(r.departure)}–{isoClock(r.returnAt)}</p>
                  <RouteSchedule
                    t={props.t}
                    color={teamColor(r.team)}
                    rows={r.stops.map((s, i) => ({ number: i + 1, isStart: false, place: s.place, arrival: isoClock(s.arrival), dwellMin: props.form.dwellMin, departure: isoClock(s.departure) }))}
                  />
                  <div class="route-form__buttons">
                    <button type="button" class="button button--small" disabled={props.busy || r.stops.length === 0} onClick={() => props.onAccept(r.team)}>{props.t.accept}</button>
                    <button type="button" class="button button--small button--quiet" onClick={() => props.onPrint(r.team)}>{props.t.print}</button>
                  </div>
                </section>
              )}
            </For>
          </div>
        )}
      </Show>
    </div>
  );
}
