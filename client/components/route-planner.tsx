// The route-planner panel for team leaders: draw a route (legs along the walking network,
// schedule with dwell per stop), get suggestions, and the saved routes; the route card on demand.
import { Match, Show, Switch, createMemo } from 'solid-js';
import { problemSummary } from '../i18n/problem-message.ts';
import { routeGeoJsonUrl, routeGpxUrl } from '../api/routes-api.ts';
import type { Lang } from '../i18n/messages.ts';
import { formatDuration, formatKm } from '../i18n/route-format.ts';
import type { RouteMessages } from '../i18n/routes.ts';
import type { PlannerTab, RoutePlanner as Planner } from '../state/create-route-planner.ts';
import { clockPlus, shiftLengthMin, stopNumbers } from '../state/route-draft.ts';
import { RouteCard } from './route-card.tsx';
import { RouteList } from './route-list.tsx';
import { RouteSchedule, type ScheduleRow } from './route-schedule.tsx';
import { RouteSuggest } from './route-suggest.tsx';

export interface RoutePlannerProps {
  planner: Planner;
  districts: { id: string; name: string }[];
  lang: Lang;
  t: RouteMessages;
}

export function RoutePlanner(props: RoutePlannerProps) {
  const p = () => props.planner;
  const d = () => props.planner.draft;
  const rows = createMemo((): ScheduleRow[] => {
    const ws = d().waypoints(), times = d().times(), numbers = stopNumbers(ws), start = d().details().start;
    return ws.map((w, i) => ({ number: numbers[i]!, isStart: i === 0, place: w.place ?? '', arrival: clockPlus(start, times[i]!.arrivalMin), dwellMin: w.dwellMin, departure: clockPlus(start, times[i]!.departureMin) }));
  });
  const totalMin = () => d().times().at(-1)?.departureMin ?? 0;
  const overMin = () => totalMin() - shiftLengthMin(d().details().start, d().details().end);
  const districtName = (id: string | null | undefined) => props.districts.find((x) => x.id === id)?.name ?? id ?? '';
  const error = () => p().error() ?? d().path.error();
  const tabButton = (tab: PlannerTab, label: string) => (
    <button type="button" role="tab" class="route-tabs__tab" aria-selected={p().tab() === tab} onClick={() => p().setTab(tab)}>{label}</button>
  );

  return (
    <Show when={p().canPlan()}>
      <Show
        when={p().isOpen()}
        fallback={<button type="button" class="button route-toggle" data-testid="route-toggle" aria-expanded="false" onClick={() => p().setOpen(true)}>{props.t.toggle}</button>}
      >
        <aside class="route-panel" aria-labelledby="route-panel-heading" data-testid="route-panel" data-rendered-stops={p().renderedStops()}>
          <header class="route-panel__head">
            <h2 id="route-panel-heading">{props.t.heading}</h2>
            <button type="button" class="route-panel__close" aria-label={props.t.close} title={props.t.close} onClick={() => p().setOpen(false)}>×</button>
          </header>
          <div class="route-tabs" role="tablist">
            {tabButton('draw', props.t.tabDraw)}
            {tabButton('suggest', props.t.tabSuggest)}
            {tabButton('saved', props.t.tabSaved)}
          </div>
          <Show when={error()}>
            {(e) => (
              <div class="route-panel__error" role="alert" data-testid="route-error">
                <strong>{props.t.errorHeading}:</strong> {problemSummary(e(), props.lang)}
                <button type="button" class="button--link" onClick={() => p().dismissError()}>×</button>
              </div>
            )}
          </Show>
          <Show when={p().status()}><p class="route-panel__status" role="status" data-testid="route-status">{p().status()}</p></Show>
          <div class="route-panel__body">
            <Switch>
              <Match when={p().tab() === 'draw'}>
                <Show when={d().editingId()} fallback={<p class="route-panel__hint">{props.t.drawHelp}</p>}>
                  <p class="route-panel__hint">
                    {props.t.editing(d().details().name)}{' '}
                    <button type="button" class="button--link" onClick={() => p().newRoute()}>{props.t.newRoute}</button>
                  </p>
                </Show>
                <div class="route-form__buttons">
                  <button type="button" class="button button--small" disabled={!d().canUndo()} onClick={() => d().undo()}>{props.t.undo}</button>
                  <button type="button" class="button button--small button--quiet" disabled={d().waypoints().length < 2} onClick={() => d().returnToStart()}>{props.t.backToStart}</button>
                  <button type="button" class="button button--small button--quiet" disabled={d().waypoints().length === 0} onClick={() => p().newRoute()}>{props.t.clear}</button>
                </div>
                <Show when={d().legs()?.graph === 'hex-grid'}>
                  <p class="note note--warn" data-testid="hex-grid-note">{props.t.hexGrid(districtName(d().legs()?.district))}</p>
                </Show>
                <Show when={d().waypoints().length > 0}>
                  <p class="route-summary" data-testid="route-summary" data-length-m={Math.round(d().lengthM())} data-loading={d().path.isLoading() ? 'true' : 'false'}>
                    <span>{props.t.length}: <strong>{formatKm(d().lengthM(), props.lang)}</strong></span>
                    <span>{props.t.walkingTime}: <strong>{formatDuration(d().walkingMin())}</strong></span>
                    <span>{props.t.endsAt}: <strong>{clockPlus(d().details().start, totalMin())}</strong></span>
                    <Show when={d().path.isLoading()}><span class="route-panel__hint">{props.t.routing}</span></Show>
                  </p>
                  <Show when={overMin() > 0}><p class="note note--warn">{props.t.overShift(formatDuration(overMin()))}</p></Show>
                  <RouteSchedule rows={rows()} t={props.t} onDwell={(i, m) => d().setDwell(i, m)} onToggleStop={(i) => d().toggleStop(i)} onRemove={(i) => d().remove(i)} />
                </Show>
                <form class="route-form" onSubmit={(e) => (e.preventDefault(), void p().save(props.t))} data-testid="route-save-form">
                  <label class="route-form__wide">{props.t.name}<input type="text" required maxLength={120} value={d().details().name} onInput={(e) => d().setDetails({ name: e.currentTarget.value })} /></label>
                  <label>{props.t.team}<input type="text" maxLength={60} value={d().details().team} onInput={(e) => d().setDetails({ team: e.currentTarget.value })} /></label>
                  <label>{props.t.district}<input type="text" readOnly value={districtName(d().legs()?.district ?? d().details().district)} tabIndex={-1} /></label>
                  <label class="route-form__wide">{props.t.date}<input type="date" required value={d().details().date} onChange={(e) => d().setDetails({ date: e.currentTarget.value })} /></label>
                  <label>{props.t.shiftStart}<input type="time" required value={d().details().start} onChange={(e) => d().setDetails({ start: e.currentTarget.value })} /></label>
                  <label>{props.t.shiftEnd}<input type="time" required value={d().details().end} onChange={(e) => d().setDetails({ end: e.currentTarget.value })} /></label>
                  <label>{props.t.speed}<input type="number" min="2" max="8" step="0.5" value={d().details().speedKmh} onChange={(e) => d().setDetails({ speedKmh: e.currentTarget.valueAsNumber || 4.5 })} /></label>
                  <label>{props.t.dwell}<input type="number" min="0" max="120" value={d().details().dwellMin} onChange={(e) => d().setDetails({ dwellMin: e.currentTarget.valueAsNumber || 12 })} /></label>
                  <div class="route-form__buttons route-form__wide">
                    <button type="submit" class="button" disabled={p().busy()}>{d().editingId() ? props.t.saveChanges : props.t.save}</button>
                    <button type="button" class="button button--quiet" disabled={d().waypoints().length < 2} onClick={() => p().printDraft(d().details().name || props.t.cardTitle)}>{props.t.print}</button>
                    <Show when={d().editingId()}>
                      {(id) => (
                        <>
                          <a class="button button--quiet" href={routeGpxUrl(id())} download="" data-testid="route-export-gpx">{props.t.exportGpx}</a>
                          <a class="button button--quiet" href={routeGeoJsonUrl(id())} download="">{props.t.exportGeoJson}</a>
                        </>
                      )}
                    </Show>
                  </div>
                </form>
              </Match>
              <Match when={p().tab() === 'suggest'}>
                <RouteSuggest
                  form={p().form()}
                  districts={props.districts}
                  answer={p().suggestion()}
                  busy={p().busy()}
                  lang={props.lang}
                  t={props.t}
                  onChange={(patch) => p().setForm(patch)}
                  onSuggest={() => void p().suggest()}
                  onNewVariant={() => void p().suggest(p().form().seed + 1)}
                  onAccept={(team) => void p().accept(team, props.t.acceptedName(districtName(p().suggestion()?.district), team), props.t.saved)}
                  onPrint={(team) => p().printSuggested(team, props.t.acceptedName(districtName(p().suggestion()?.district), team))}
                />
              </Match>
              <Match when={p().tab() === 'saved'}>
                <RouteList
                  routes={p().saved.data()}
                  isLoading={p().saved.isLoading()}
                  activeId={d().editingId()}
                  lang={props.lang}
                  t={props.t}
                  gpxUrl={routeGpxUrl}
                  geoJsonUrl={routeGeoJsonUrl}
                  onOpen={(id) => void p().open(id)}
                  onDuplicate={(id) => void p().duplicate(id)}
                  onDelete={(id) => void p().remove(id)}
                  onImport={(f) => void p().importGpx(f, props.t.imported)}
                />
              </Match>
            </Switch>
          </div>
        </aside>
      </Show>
      <Show when={p().card()}>{(c) => <RouteCard card={c()} lang={props.lang} t={props.t} onClose={() => p().closeCard()} />}</Show>
    </Show>
  );
}
