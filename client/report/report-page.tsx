// /rapportera: the residents' page, phone first and without sign-in. The map of residents'
// reports on top, the report form below; after sending, a receipt with the tracking link.
// /rapportera/kvitto/<token> shows the status of one report.
import { For, Show, createMemo, createResource, createSignal, onCleanup, onMount } from 'solid-js';
import { Dynamic } from 'solid-js/web';
import { api } from '../api/client.ts';
import { ProblemError } from '../api/problem-error.ts';
import { fieldProblem, problemMessage } from '../i18n/problem-message.ts';
import { DEFAULT_STATUSES, residentQuery, type ResidentFilters } from '../map/layers/resident-pins.ts';
import { ReportForm } from './report-form.tsx';
import { createPlaceName } from '../state/create-place-name.ts';
import { createAfterIdle } from '../state/create-after-idle.ts';
import { ResidentFilterBar } from './resident-filters.tsx';
import { ReceiptView } from './receipt-view.tsx';
import { WeeklyCountsTable } from './weekly-counts.tsx';
import { reportApi, type Receipt } from './report-api.ts';
import { checkDraft, emptyDraft, fieldOf, toFormData, type FieldErrors, type ReportDraft } from './report-form-state.ts';
import { formatWindow, reportMessages, type ReportLang } from './report-messages.ts';
import { flushOutbox, openOutbox, outboxEntryFrom, requestOutboxSync, type Outbox } from '../offline/report-outbox.ts';
import { onWorkerMessage } from '../offline/register-sw.ts';
import { LightMap, type MapApi } from './light-map.tsx';
import { boundsOf } from './light-map-view.ts';
import './report.css';

/** MapLibre (≈ 360 KiB, more than the rest of the page) loads only when the resident asks for the larger map. */
const loadReportMap = () => import('./report-map.tsx').then((m) => m.ReportMap);
/** Linköping's three districts, for the first view when the district outlines cannot be fetched. */
const AREA_BOUNDS: [number, number, number, number] = [15.54, 58.38, 15.66, 58.44];

/** The longest the pins wait for the light map's first picture, in ms. */
const PINS_WAIT_MS = 4000;

const newKey = () => (crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`);

export function ReportPage(props: { path: string }) {
  const [lang, setLang] = createSignal<ReportLang>(new URLSearchParams(location.search).get('lang') === 'en' ? 'en' : 'sv');
  const t = createMemo(() => reportMessages(lang()));
  const tokenInPath = /^\/rapportera\/kvitto\/([A-Za-z0-9_-]{20,64})\/?$/.exec(props.path)?.[1] ?? null;

  const [bigMap, setBigMap] = createSignal(false);
  const [reportMap] = createResource(bigMap, loadReportMap);
  const [categories] = createResource(() => api.categories());
  // With no signal the map and the list wait (the form does not need them).
  const [districts] = createResource(() => api.districts().catch(() => undefined));
  // The street network only feeds the MapLibre map (the light map's picture has the streets), and
  // over the app's basemap, which draws the streets, only its unlit ways (api/config says which).
  const [streets] = createResource(bigMap, async () => {
    const config = await api.config().catch(() => null);
    return api.streets(undefined, config?.streetsInBasemap ? { lit: 'no' } : {}).catch(() => undefined);
  });
  const mapBounds = createMemo(() => (districts.loading ? null : (districts() && boundsOf(districts()!.features)) || AREA_BOUNDS));
  const [filters, setFilters] = createSignal<ResidentFilters>({ days: 30, statuses: DEFAULT_STATUSES, categories: [] });
  // The pins (the page's largest answer, ~30 KiB) are asked for once the map's first picture is up
  // (or after PINS_WAIT_MS, or with the larger map): on a slow line they would share its bandwidth,
  // and the phone's main thread would read them while the picture waits to be drawn.
  const [mapSettled, setMapSettled] = createSignal(false);
  onMount(() => {
    const timer = setTimeout(() => setMapSettled(true), PINS_WAIT_MS);
    onCleanup(() => clearTimeout(timer));
  });
  const [pins, { refetch: refetchPins }] = createResource(() => (mapSettled() || bigMap()) && filters(), (f) => reportApi.pins(residentQuery(f)).catch(() => undefined));
  const [weekly] = createResource(() => reportApi.weeklyCounts(4).catch(() => undefined));

  const [draft, setDraft] = createSignal<ReportDraft>(emptyDraft(newKey()));
  const [errors, setErrors] = createSignal<FieldErrors>({});
  const [formError, setFormError] = createSignal<string | null>(null);
  const [isSending, setSending] = createSignal(false);
  const [receipt, setReceipt] = createSignal<Receipt | null>(null);
  const [locating, setLocating] = createSignal<'idle' | 'busy' | 'failed'>('idle');
  let mapApi: MapApi | undefined;

  onMount(() => {
    document.documentElement.lang = lang();
    document.title = t().title;
  });

  const change = (patch: Partial<ReportDraft>) => {
    setDraft({ ...draft(), ...patch });
    if (Object.keys(errors()).length) setErrors(checkDraft(draft(), t()));
  };
  const pick = (place: { lat: number; lon: number }) => change({ place });

  const useLocation = () => {
    if (!navigator.geolocation) return setLocating('failed');
    setLocating('busy');
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        const place = { lat: pos.coords.latitude, lon: pos.coords.longitude };
        setLocating('idle');
        pick(place);
        mapApi?.flyTo(place);
      },
      () => setLocating('failed'),
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  };

  const showReceipt = (r: Receipt) => {
    setQueued(false);
    setReceipt(r);
    history.pushState(null, '', r.trackingUrl);
    void refetchPins();
    window.scrollTo({ top: 0 });
  };
  const showProblem = (p: ProblemError | null) => {
    const byField: FieldErrors = {};
    for (const e of p?.errors ?? []) {
      const f = fieldOf(e.path);
      if (f) byField[f] = fieldProblem(e, lang());
    }
    setErrors(byField);
    setFormError(!p || p.status === 0 ? t().errNetwork : Object.keys(byField).length ? null : problemMessage(p, lang()));
  };

  // The outbox (IndexedDB): every report is kept on the phone until the server has answered, and
  // sent again — under the same Idempotency-Key — when the network returns.
  const [queued, setQueued] = createSignal(false);
  const [waiting, setWaiting] = createSignal(0);
  const outboxReady: Promise<Outbox | null> = openOutbox().catch(() => null); // no IndexedDB (some private modes): send directly
  /** Shows the receipt of a report sent while the page was closed (by the worker), and counts the rest. */
  const refreshOutbox = async () => {
    const o = await outboxReady;
    if (!o) return;
    const all = (await o.all()).sort((a, b) => a.queuedAt - b.queuedAt);
    if (!tokenInPath) {
      const sent = all.filter((e) => e.receipt !== null);
      const last = sent.at(-1);
      if (last && !receipt()) showReceipt(last.receipt as Receipt);
      const refused = all.filter((e) => e.refused !== null);
      if (refused.length) setFormError(t().refusedLater(problemMessage(new ProblemError({ type: 'about:blank', title: 'Refused', ...refused.at(-1)!.refused! }), lang())));
      for (const e of [...sent, ...refused]) await o.delete(e.key);
    }
    setWaiting(all.filter((e) => e.receipt === null && e.refused === null).length);
  };
  const flush = async () => {
    const o = await outboxReady;
    if (o) await flushOutbox(o).catch(() => {});
    await refreshOutbox();
  };
  onMount(() => void flush());
  const onOnline = () => void flush();
  window.addEventListener('online', onOnline);
  const stopListening = onWorkerMessage((m) => m.type === 'outbox-changed' && void refreshOutbox());
  onCleanup(() => (window.removeEventListener('online', onOnline), stopListening()));

  const submit = async () => {
    setFormError(null);
    const found = checkDraft(draft(), t());
    setErrors(found);
    if (Object.keys(found).length) return;
    setSending(true);
    try {
      const d = draft();
      const o = await outboxReady;
      if (!o) {
        showReceipt(await reportApi.submit(toFormData(d)));
        return;
      }
      await o.put(outboxEntryFrom(toFormData(d), d.idempotencyKey, Date.now()));
      await flushOutbox(o);
      const entry = (await o.all()).find((e) => e.key === d.idempotencyKey);
      if (entry?.receipt) {
        await o.delete(entry.key);
        showReceipt(entry.receipt as Receipt);
      } else if (entry?.refused) {
        await o.delete(entry.key);
        showProblem(new ProblemError({ type: 'about:blank', title: 'Refused', ...entry.refused }));
      } else {
        // Kept on the phone: the next report gets a key of its own.
        setQueued(true);
        setDraft(emptyDraft(newKey()));
        setErrors({});
        void requestOutboxSync();
        await refreshOutbox();
        window.scrollTo({ top: 0 });
      }
    } catch (err) {
      showProblem(err instanceof ProblemError ? err : null);
    } finally {
      setSending(false);
    }
  };

  const startOver = () => {
    setQueued(false);
    setReceipt(null);
    setDraft(emptyDraft(newKey()));
    setErrors({});
    history.pushState(null, '', '/rapportera');
  };

  // The list and the weekly table sit below the form: drawn once the map picture and the form are
  // up (fifty dated entries cost a phone a few hundred ms of main thread).
  const belowFold = createAfterIdle(1500);
  const placeName = createPlaceName(() => draft().place, lang);
  const categoryLabel = (code: string) => categories()?.find((c) => c.code === code)?.[lang()] ?? code;

  return (
    <div class="report-page" data-testid="report-page">
      <header class="report-page__header">
        <h1>{t().title}</h1>
        <button type="button" class="button button--ghost button--small" lang={lang() === 'sv' ? 'en' : 'sv'} onClick={() => setLang(lang() === 'sv' ? 'en' : 'sv')}>
          {t().language}
        </button>
      </header>
      <main class="report-page__main">
        <Show when={tokenInPath && !receipt()}>
          <ReceiptView token={tokenInPath!} receipt={null} categoryLabel={categoryLabel} lang={lang()} t={t()} onNew={startOver} />
        </Show>
        <Show when={receipt()}>
          <ReceiptView token={receipt()!.trackingToken} receipt={receipt()} categoryLabel={categoryLabel} lang={lang()} t={t()} onNew={startOver} />
        </Show>
        <Show when={queued() && !receipt()}>
          <section class="receipt receipt--queued" role="status" data-testid="report-queued">
            <h2>{t().queued}</h2>
            <p>{t().queuedBody}</p>
          </section>
        </Show>
        <Show when={waiting() > 0 && !receipt()}>
          <p class="report-page__waiting" data-testid="outbox-waiting" data-count={waiting()}>{t().waiting(waiting())}</p>
        </Show>
        <Show when={!tokenInPath && !receipt()}>
          <p class="report-page__intro">{t().intro}</p>
        </Show>

        <section class="report-page__map-section" aria-labelledby="resident-map-heading">
          <h2 id="resident-map-heading" class="visually-hidden">{t().mapHeading}</h2>
          <Show when={!receipt() && !tokenInPath}>
            <p class="report-page__map-hint">{t().mapHint}</p>
          </Show>
          <Show
            when={reportMap()}
            fallback={
              <LightMap
                bounds={mapBounds()}
                pins={pins()}
                place={receipt() ? null : draft().place}
                onPick={(p) => !receipt() && pick(p)}
                onReady={(a) => (mapApi = a)}
                onSettled={() => setMapSettled(true)}
                lang={lang()}
                t={t()}
              />
            }
          >
            {(ReportMap) => (
              <Dynamic
                component={ReportMap()}
                districts={districts()}
                streets={streets()}
                pins={pins()}
                categories={categories() ?? []}
                place={receipt() ? null : draft().place}
                onPick={(p: { lat: number; lon: number }) => !receipt() && pick(p)}
                onReady={(a: MapApi) => (mapApi = a)}
                lang={lang()}
                t={t()}
              />
            )}
          </Show>
          <Show when={!reportMap()}>
            <button type="button" class="button button--secondary report-page__bigger-map" data-testid="bigger-map" disabled={bigMap()} onClick={() => setBigMap(true)}>
              {bigMap() ? t().mapLoading : t().biggerMap}
            </button>
          </Show>
          <ResidentFilterBar filters={filters()} categories={categories() ?? []} lang={lang()} t={t()} onChange={setFilters} />
        </section>

        <Show when={!receipt() && !tokenInPath}>
          <ReportForm
            placeName={placeName()}
            draft={draft()}
            errors={errors()}
            formError={formError()}
            isSending={isSending()}
            categories={categories() ?? []}
            lang={lang()}
            t={t()}
            onChange={change}
            onSubmit={() => void submit()}
            onUseLocation={useLocation}
            onUseCentre={() => mapApi && pick(mapApi.centre())}
            locating={locating()}
          />
        </Show>

        <section class="resident-list" aria-labelledby="resident-list-heading">
          <h2 id="resident-list-heading">{t().listHeading}</h2>
          <p class="resident-list__count" data-testid="resident-count" data-count={pins()?.features.length ?? ''}>
            {pins() ? t().count(pins()!.features.length) : '…'}
          </p>
          <Show when={pins() && pins()!.features.length === 0}>
            <p>{t().noPins}</p>
          </Show>
          <ul class="resident-list__items">
            <For each={(belowFold() && pins()?.features.slice(0, 50)) || []}>
              {(f) => (
                <li class="resident-list__item" data-testid="resident-item" data-id={f.properties.id} data-lon={f.geometry.coordinates[0]} data-lat={f.geometry.coordinates[1]} data-status={f.properties.status}>
                  <strong>{categoryLabel(f.properties.category)}</strong> · {formatWindow(f.properties.observedFrom, f.properties.observedTo, lang())} · <span class={`status--${f.properties.status}`}>{t().statuses[f.properties.status] ?? f.properties.status}</span>
                  <Show when={f.properties.description}>
                    <p class="resident-list__text">{f.properties.description}</p>
                  </Show>
                  <Show when={f.properties.publicNote}>
                    <p class="resident-list__note">{t().publicNote}: {f.properties.publicNote}</p>
                  </Show>
                </li>
              )}
            </For>
          </ul>
        </section>
        <WeeklyCountsTable counts={belowFold() ? weekly() : undefined} t={t()} />
      </main>
    </div>
  );
}
