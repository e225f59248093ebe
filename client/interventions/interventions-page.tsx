// /insatser: the intervention log (list, form with cells clicked or a polygon drawn on the map,
// edit, close), the map layer of logged interventions, a timeline per place, and the evaluation
// of one intervention with its verdict and chart.
import { For, Show, createMemo, createResource, createSignal } from 'solid-js';
import { latLngToCell } from 'h3-js';
import { HeaderNav } from '../auth/header-nav.tsx';
import { readJson } from '../api/problem-error.ts';
import { errorText } from '../i18n/problem-message.ts';
import type { DistrictCollection } from '../api/types.ts';
import { fieldApi } from '../field/field-api.ts';
import { interventionsToFeatureCollection, selectionToFeatureCollection } from '../map/layers/interventions.ts';
import { InterventionsMap } from './interventions-map.tsx';
import { EvaluationChart } from './evaluation-chart.tsx';
import { interventionsApi, type Evaluation, type Intervention, type InterventionBody } from './interventions-api.ts';
import { interventionMessages, type InterventionLang } from './interventions-messages.ts';
import './interventions.css';

const KINDS = ['patrol', 'lighting', 'vegetation', 'camera', 'cleaning', 'youth-activity', 'guard', 'environment', 'other'] as const;
const today = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());
const EMPTY_FORM = () => ({ kind: 'patrol', title: '', start: today(), end: '', organisation: '', cost: '', notes: '', actionId: '', weeks: '12' });

export function InterventionsPage() {
  const [lang, setLang] = createSignal<InterventionLang>(new URLSearchParams(location.search).get('lang') === 'en' ? 'en' : 'sv');
  const t = createMemo(() => interventionMessages(lang()));
  const [me, { refetch: refetchMe }] = createResource(() => fieldApi.me().catch(() => null));
  const allowed = () => me()?.permissions.includes('analytics:read') === true;
  const canWrite = () => me()?.permissions.includes('interventions:write') === true;
  const [districts] = createResource(() => fetch('/api/districts', { headers: { accept: 'application/json' } }).then((r) => readJson<DistrictCollection>(r)));
  const [list, { refetch }] = createResource(() => (allowed() ? true : null), () => interventionsApi.list());
  const [form, setForm] = createSignal(EMPTY_FORM());
  const [mode, setMode] = createSignal<'cells' | 'polygon'>('cells');
  const [cells, setCells] = createSignal<string[]>([]);
  const [drawing, setDrawing] = createSignal<[number, number][]>([]);
  const [polygon, setPolygon] = createSignal<[number, number][] | null>(null);
  const [editing, setEditing] = createSignal<string | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  const [chosen, setChosen] = createSignal<Intervention | null>(null);
  const [evaluation] = createResource(chosen, (iv) => interventionsApi.evaluation(iv.id));
  const [focus, setFocus] = createSignal<[number, number] | null>(null);

  const field = (k: keyof ReturnType<typeof EMPTY_FORM>) => (e: Event) => setForm({ ...form(), [k]: (e.currentTarget as HTMLInputElement).value });
  /** The problem in the user's language, from its code (client/i18n/problem-texts.ts), never the English detail. */
  const problemText = (e: unknown) => errorText(e, lang());

  const onMapClick = ([lon, lat]: [number, number]) => {
    if (!canWrite()) return;
    if (mode() === 'polygon') return setDrawing([...drawing(), [lon, lat]]);
    const c = latLngToCell(lat, lon, 10);
    setCells(cells().includes(c) ? cells().filter((x) => x !== c) : [...cells(), c]);
  };
  const closePolygon = () => {
    const pts = drawing();
    if (pts.length >= 3) setPolygon([...pts, pts[0]!]);
    setDrawing([]);
  };
  const clear = () => (setCells([]), setDrawing([]), setPolygon(null));

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    setError(null);
    const f = form();
    const poly = polygon();
    const body: InterventionBody = {
      kind: f.kind, title: f.title, start: f.start, end: f.end || null, organisation: f.organisation, cost: f.cost ? Number(f.cost) : null,
      notes: f.notes, actionId: f.actionId || null, controlCells: null, weeks: Number(f.weeks) || 12, bufferRings: 2,
      where: mode() === 'polygon' && poly ? { type: 'polygon', polygon: { type: 'Polygon', coordinates: [poly] } } : { type: 'cells', cells: cells() },
    };
    try {
      const id = editing();
      await (id ? interventionsApi.update(id, body) : interventionsApi.create(body));
      setForm(EMPTY_FORM());
      setEditing(null);
      clear();
      await refetch();
    } catch (err) {
      setError(problemText(err));
    }
  };
  const edit = (iv: Intervention) => {
    setEditing(iv.id);
    setForm({ kind: iv.kind, title: iv.title, start: iv.start, end: iv.end ?? '', organisation: iv.organisation, cost: iv.cost === null ? '' : String(iv.cost), notes: iv.notes, actionId: iv.actionId ?? '', weeks: String(iv.weeks) });
    setMode('cells');
    setCells(iv.cells);
    setFocus([iv.lon, iv.lat]);
  };
  const closeNow = async (iv: Intervention) => {
    try {
      await interventionsApi.close(iv.id);
      await refetch();
    } catch (err) {
      setError(problemText(err));
    }
  };

  /** Interventions grouped by place, each place's bars on one shared time axis. */
  const timeline = createMemo(() => {
    const items = list()?.interventions ?? [];
    if (!items.length) return { places: [] as [string, Intervention[]][], from: 0, span: 1 };
    const day = (d: string) => Date.parse(`${d}T00:00:00Z`);
    const from = Math.min(...items.map((i) => day(i.start)));
    const to = Math.max(...items.map((i) => day(i.end ?? today())), day(today()));
    const byPlace = new Map<string, Intervention[]>();
    for (const i of [...items].sort((a, b) => (a.start < b.start ? -1 : 1))) (byPlace.get(i.placeName) ?? byPlace.set(i.placeName, []).get(i.placeName)!).push(i);
    return { places: [...byPlace], from, span: Math.max(1, to - from + 86_400_000) };
  });
  const bar = (i: Intervention) => {
    const tl = timeline();
    const day = (d: string) => Date.parse(`${d}T00:00:00Z`);
    const left = ((day(i.start) - tl.from) / tl.span) * 100;
    const width = Math.max(1, ((day(i.end ?? today()) + 86_400_000 - day(i.start)) / tl.span) * 100);
    return { left: `${left}%`, width: `${width}%` };
  };
  const pct = (x: number) => `${Math.round(x * 100)} %`;

  return (
    <div class="interventions" lang={lang()}>
      <header class="interventions__header">
        <h1>{t().title}</h1>
        <HeaderNav lang={lang()} current="/insatser" />
        <button type="button" class="button" onClick={() => setLang(lang() === 'sv' ? 'en' : 'sv')}>{t().language}</button>
      </header>
      <Show when={allowed()} fallback={<Show when={!me.loading}><p class="interventions__intro">{t().signInNeeded} <a href="/logga-in">→</a></p><button type="button" class="button" onClick={() => void refetchMe()}>↻</button></Show>}>
        <p class="interventions__intro">{t().intro}</p>
        <div class="interventions__body">
          <InterventionsMap
            districts={districts()}
            interventions={interventionsToFeatureCollection(list()?.interventions ?? [])}
            selection={selectionToFeatureCollection(cells(), polygon() ?? drawing())}
            focus={focus()}
            label={t().mapLabel}
            lang={lang()}
            onClick={onMapClick}
          />
          <aside class="interventions__side">
            <Show when={canWrite()}>
              <form class="interventions__form" onSubmit={submit} aria-labelledby="iv-form-heading">
                <h2 id="iv-form-heading">{editing() ? t().editHeading : t().formHeading}</h2>
                <label>{t().kind}<select value={form().kind} onChange={field('kind')}><For each={KINDS}>{(k) => <option value={k}>{t().kinds[k]}</option>}</For></select></label>
                <label>{t().titleLabel}<input required value={form().title} onInput={field('title')} /></label>
                <fieldset>
                  <legend>{t().where}</legend>
                  <label><input type="radio" name="where" checked={mode() === 'cells'} onChange={() => (setMode('cells'), clear())} /> {t().whereCells}</label>
                  <label><input type="radio" name="where" checked={mode() === 'polygon'} onChange={() => (setMode('polygon'), clear())} /> {t().wherePolygon}</label>
                  <p aria-live="polite">{mode() === 'cells' ? t().cellsChosen(cells().length) : polygon() ? '✓' : `${drawing().length} ·`}</p>
                  <Show when={mode() === 'polygon'}><button type="button" class="button" onClick={closePolygon}>{t().closePolygon}</button></Show>
                  <button type="button" class="button button--link" onClick={clear}>{t().clearSelection}</button>
                </fieldset>
                <label>{t().start}<input type="date" required value={form().start} onInput={field('start')} /></label>
                <label>{t().end}<input type="date" value={form().end} onInput={field('end')} /></label>
                <label>{t().organisation}<input required value={form().organisation} onInput={field('organisation')} /></label>
                <label>{t().cost}<input type="number" min="0" value={form().cost} onInput={field('cost')} /></label>
                <label>{t().weeks}<input type="number" min="1" max="104" value={form().weeks} onInput={field('weeks')} /></label>
                <label>{t().actionId}<input value={form().actionId} onInput={field('actionId')} /></label>
                <label>{t().notes}<textarea value={form().notes} onInput={field('notes')} /></label>
                <Show when={error()}><p class="interventions__error" role="alert">{error()}</p></Show>
                <div class="interventions__actions">
                  <button type="submit" class="button">{editing() ? t().saveChanges : t().save}</button>
                  <Show when={editing()}><button type="button" class="button button--link" onClick={() => (setEditing(null), setForm(EMPTY_FORM()), clear())}>{t().cancel}</button></Show>
                </div>
              </form>
            </Show>
            <h2>{t().listHeading}</h2>
            <Show when={(list()?.interventions.length ?? 0) > 0} fallback={<p>{t().empty}</p>}>
              <ul class="interventions__list" data-testid="interventions-list">
                <For each={list()?.interventions}>
                  {(iv) => (
                    <li>
                      <strong>{iv.title}</strong> · {t().kinds[iv.kind]} · {iv.placeName}<br />
                      {iv.start} – {iv.end ?? '…'} · {t().status[iv.status]} · {iv.organisation}
                      <div class="interventions__actions">
                        <button type="button" class="button" onClick={() => (setChosen(iv), setFocus([iv.lon, iv.lat]))}>{t().evaluate}</button>
                        <Show when={canWrite()}>
                          <button type="button" class="button" onClick={() => edit(iv)}>{t().edit}</button>
                          <Show when={!iv.closedAt}><button type="button" class="button" onClick={() => void closeNow(iv)}>{t().close}</button></Show>
                        </Show>
                      </div>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
            <h2>{t().timelineHeading}</h2>
            <div class="interventions__timeline">
              <For each={timeline().places}>
                {([place, items]) => (
                  <section>
                    <h3>{place}</h3>
                    <For each={items}>{(iv) => <div class="timeline__row"><span class="timeline__bar" style={{ ...bar(iv), background: 'var(--iv-bar, #1d4ed8)' }} title={`${iv.title}: ${iv.start} – ${iv.end ?? '…'}`} /><span class="timeline__label">{iv.title} ({iv.start} – {iv.end ?? '…'})</span></div>}</For>
                  </section>
                )}
              </For>
            </div>
            <Show when={chosen()}>
              {(iv) => (
                <section class="interventions__evaluation" aria-live="polite" data-testid="evaluation">
                  <h2>{t().evaluationHeading(iv().title)}</h2>
                  <Show when={evaluation.error}><p class="interventions__error" role="alert">{problemText(evaluation.error)}</p></Show>
                  <Show when={evaluation()}>
                    {(e) => <EvaluationView e={e()} t={t()} pct={pct} />}
                  </Show>
                </section>
              )}
            </Show>
          </aside>
        </div>
      </Show>
    </div>
  );
}

function EvaluationView(props: { e: Evaluation; t: ReturnType<typeof interventionMessages>; pct: (x: number) => string }) {
  const e = () => props.e;
  const t = () => props.t;
  return (
    <>
      <p class="interventions__verdict"><strong>{e().verdict}</strong></p>
      <p>{t().weeksUsed(e().weeks)}</p>
      <table class="interventions__table">
        <caption>{t().counts}</caption>
        <thead><tr><th scope="col" /><th scope="col">{t().before}</th><th scope="col">{t().after}</th></tr></thead>
        <tbody>
          <For each={['target', 'buffer', 'control', 'bufferControl'] as const}>{(k) => <tr><th scope="row">{t().area[k]}</th><td>{e().counts[k].before}</td><td>{e().counts[k].after}</td></tr>}</For>
        </tbody>
      </table>
      <dl class="interventions__stats">
        <dt>{t().rateRatio}</dt><dd>{e().rateRatio ? `${e().rateRatio!.estimate.toFixed(2)} (95 % KI ${e().rateRatio!.low.toFixed(2)}–${e().rateRatio!.high.toFixed(2)}, ${e().rateRatio!.family})` : '—'}</dd>
        <dt>{t().wdd}</dt><dd>{`${e().wdd.value} (SE ${e().wdd.se.toFixed(1)}, z ${e().wdd.z.toFixed(2)})`}</dd>
        <dt>{t().wddDisplacement}</dt><dd>{`${e().wddDisplacement.value} (SE ${e().wddDisplacement.se.toFixed(1)}, z ${e().wddDisplacement.z.toFixed(2)})`}</dd>
        <dt>{t().wdq}</dt><dd>{e().wdq ? `${e().wdq!.value.toFixed(2)}: ${e().wdq!.readingSv}` : t().wdqNone}</dd>
        <dt>{t().placebo}</dt><dd>{e().placeboP === null ? '—' : e().placeboP!.toFixed(3)}</dd>
        <dt>{t().mde}</dt><dd>{props.pct(e().smallestDetectableChange)}</dd>
        <Show when={e().darkness}>
          {(d) => <><dt>{t().darkness}</dt><dd>{`${t().area.target}: ${props.pct(d().target.before.share ?? 0)} → ${props.pct(d().target.after.share ?? 0)}; ${t().area.control}: ${props.pct(d().control.before.share ?? 0)} → ${props.pct(d().control.after.share ?? 0)} (OR ${d().oddsRatio.toFixed(2)}, p ${d().p.toFixed(3)})`}</dd></>}
        </Show>
      </dl>
      <EvaluationChart weekStarts={e().series.weekStarts} target={e().series.target} control={e().series.controlScaled} start={e().series.start} label={t().chartLabel} targetLabel={t().chartTarget} controlLabel={t().chartControl} startLabel={t().chartStart} />
    </>
  );
}
