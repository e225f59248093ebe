// Field mode (/falt): a phone page for a patrol. Start and end the patrol, record the position
// about every 10 s into IndexedDB first and upload it in batches when the network allows, file
// an observation in one tap, and follow today's route with a dwell timer. Large touch targets,
// no confirmations: a pocket must not be able to lose data.
import { Show, createMemo, createResource, createSignal, onCleanup, onMount } from 'solid-js';
import { cellToLatLng, isValidCell, latLngToCell } from 'h3-js';
import { ProblemError } from '../api/problem-error.ts';
import { errorText, problemMessage } from '../i18n/problem-message.ts';
import { fieldApi, type Me } from './field-api.ts';
import { openFieldStore, type FieldStore, type PatrolRecord } from './field-store.ts';
import { fieldMessages, type FieldLang } from './field-messages.ts';
import { makeUploader, type UploadStatus } from './uploader.ts';
import { makeGeoRecorder, type Fix } from './geo-recorder.ts';
import { stopProgress, type FieldStop } from './next-stop.ts';
import { ObservationSheet } from './observation-sheet.tsx';
import { RouteToday } from './route-today.tsx';
import { withOfflineCopy } from './offline-copy.ts';
import { clearTracks, loadTrack, MAX_FIXES, saveTrack } from './track-copy.ts';
import { precacheTeamDistrict } from './district-precache.ts';
import { onWorkerMessage } from '../offline/register-sw.ts';
import './field.css';

const RETRY_MS = 15_000;
/** The map (MapLibre) comes after the page's buttons: its own chunk, fetched once signed in. */
const loadFieldMap = () => import('./field-map.tsx').then((m) => m.FieldMap);
const todayLocal = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());
const newId = () => crypto.randomUUID();

export function FieldPage() {
  const params = new URLSearchParams(location.search);
  const [lang, setLang] = createSignal<FieldLang>(params.get('lang') === 'en' ? 'en' : 'sv');
  const t = createMemo(() => fieldMessages(lang()));
  /** Seconds between kept fixes (?every= for tests and tuning), default 10. */
  const everyMs = Math.max(0, Number(params.get('every') ?? 10)) * 1000;

  // Who is signed in, the categories and today's route: the last good answers when there is no signal.
  const [me, { refetch: refetchMe }] = createResource(() => withOfflineCopy('me', fieldApi.me).catch(() => null));
  const [store, setStore] = createSignal<FieldStore | null>(null);
  const [patrol, setPatrol] = createSignal<PatrolRecord | null>(null);
  const [status, setStatus] = createSignal<UploadStatus>({ pending: 0, isOffline: !navigator.onLine, lastError: null });
  const [fixes, setFixes] = createSignal<Fix[]>([]);
  const [geoError, setGeoError] = createSignal<number | null>(null);
  const [isObserving, setObserving] = createSignal(false);
  const [notice, setNotice] = createSignal<string | null>(null);
  const [signInError, setSignInError] = createSignal<string | null>(null);
  const [now, setNow] = createSignal(Date.now());
  let uploader: ReturnType<typeof makeUploader> | null = null;
  let stopRecorder: (() => void) | null = null;

  const user = (): Me | null => me()?.user ?? null;
  const mayRecord = () => me()?.permissions.includes('tracks:write') === true;
  const [categories] = createResource(() => withOfflineCopy('categories', fieldApi.categories).catch(() => []));
  const [route] = createResource(
    () => (user()?.team ? user()!.team : null),
    async (team) => {
      const date = todayLocal();
      return (await withOfflineCopy(`routes-${team}-${date}`, () => fieldApi.routesToday(date, team)).catch(() => []))[0] ?? null;
    },
  );
  const stops = createMemo<FieldStop[]>(() => {
    const r = route();
    if (!r) return [];
    const wps = r.waypoints.filter((w) => w.stop);
    return r.schedule.map((s, i) => {
      const w = wps[i];
      const [lat, lon] = s.cell && isValidCell(s.cell) ? cellToLatLng(s.cell) : [w?.lat ?? 0, w?.lon ?? 0];
      return {
        index: i,
        place: s.place ?? w?.place ?? `#${i + 1}`,
        lat,
        lon,
        cell: s.cell && isValidCell(s.cell) ? s.cell : latLngToCell(lat, lon, 10),
        arrivalMs: Date.parse(s.arrival),
        dwellMin: Math.round((Date.parse(s.departure) - Date.parse(s.arrival)) / 60_000) || (w?.dwellMin ?? 10),
      };
    });
  });
  const progress = createMemo(() => stopProgress(stops(), fixes()));
  const [fieldMap] = createResource(() => mayRecord() || null, loadFieldMap);
  const [districts] = createResource(() => mayRecord() || null, () => withOfflineCopy('districts', fieldApi.districts).catch(() => undefined));
  /** The district precache's answer: null before patrol start, 'saving', or the tiles kept. */
  const [areaCache, setAreaCache] = createSignal<null | 'saving' | { tiles: number; failed: number }>(null);
  onCleanup(onWorkerMessage((m) => {
    if (m.type === 'area-cached') setAreaCache({ tiles: m.tiles, failed: m.failed });
  }));
  const here = () => fixes().at(-1) ?? null;

  // One fix at a time, in order: each reads the patrol record the previous one wrote.
  let recording = Promise.resolve();
  const recordNow = async (f: Fix) => {
    const s = store();
    const p = patrol();
    if (!s || !p) return;
    await s.addFix({ patrol: p.local, ...f }); // first into the phone, then anywhere else
    const next = { ...p, recorded: p.recorded + 1, lastFixAt: f.t };
    await s.putPatrol(next);
    setPatrol(next);
    setFixes((list) => [...list.slice(-(MAX_FIXES - 1)), f]);
    saveTrack(p.local, fixes());
    setGeoError(null);
    void uploader?.flush();
  };
  const record = (f: Fix) => (recording = recording.then(() => recordNow(f)).catch(() => {}));

  const startRecording = () => {
    stopRecorder?.();
    stopRecorder = makeGeoRecorder((f) => void record(f), (code) => setGeoError(code), everyMs, patrol()?.lastFixAt ?? -Infinity);
  };

  onMount(async () => {
    const s = await openFieldStore();
    setStore(s);
    uploader = makeUploader(s, fieldApi, setStatus);
    const open = (await s.patrols()).find((p) => p.endedAt === null) ?? null;
    setPatrol(open);
    if (open) {
      setFixes(loadTrack(open.local)); // the track and the stops done survive a reload
      startRecording();
    }
    void uploader.flush();
  });
  const onOnline = () => void uploader?.flush();
  const onOffline = () => setStatus((st) => ({ ...st, isOffline: true }));
  window.addEventListener('online', onOnline);
  window.addEventListener('offline', onOffline);
  const retry = setInterval(() => void uploader?.flush(), RETRY_MS);
  const tick = setInterval(() => setNow(Date.now()), 1000);
  onCleanup(() => {
    window.removeEventListener('online', onOnline);
    window.removeEventListener('offline', onOffline);
    clearInterval(retry);
    clearInterval(tick);
    stopRecorder?.();
    store()?.close();
  });

  const start = async () => {
    const p: PatrolRecord = { local: newId(), serverId: null, startedAt: Date.now(), endedAt: null, recorded: 0 };
    await store()!.putPatrol(p);
    setPatrol(p);
    clearTracks();
    setFixes([]);
    startRecording();
    void uploader?.flush();
    void precacheTeamDistrict(user()?.team ?? null).then((asked) => asked && areaCache() === null && setAreaCache('saving'));
  };

  const stop = async () => {
    const p = patrol();
    stopRecorder?.();
    stopRecorder = null;
    if (p) await store()!.putPatrol({ ...p, endedAt: Date.now() });
    clearTracks();
    setPatrol(null);
    void uploader?.flush();
  };

  const observe = async (category: string, note: string) => {
    const f = here();
    if (!f) {
      setNotice(t().needPosition);
      return;
    }
    const id = newId();
    await store()!.addObservation({
      id,
      body: { category, lat: f.lat, lon: f.lon, observedAt: new Date().toISOString(), source: 'staff', discoveredOnPatrol: true, ...(note ? { description: note } : {}) },
    });
    setObserving(false);
    setNotice(status().isOffline ? t().observationQueued : t().observationSent);
    void uploader?.flush();
  };

  const signIn = async (e: SubmitEvent) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    try {
      await fieldApi.login(String(form.get('email')), String(form.get('password')));
      setSignInError(null);
      await refetchMe();
    } catch (err) {
      setSignInError(`${t().signInFailed}: ${err instanceof ProblemError ? problemMessage(err, lang()) : String(err)}`);
    }
  };

  const elapsed = () => {
    const p = patrol();
    if (!p) return '';
    const s = Math.max(0, Math.floor((now() - p.startedAt) / 1000));
    return `${Math.floor(s / 3600)}:${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
  };
  const dwellNow = () => {
    const last = here();
    const p = progress();
    return p.dwellMs > 0 && last ? p.dwellMs + Math.max(0, now() - last.t) : p.dwellMs;
  };

  return (
    <div class="field" lang={lang()}>
      <header class="field-header">
        <h1>{t().title}</h1>
        <span class="field-net" data-testid="net" data-offline={status().isOffline}>
          {status().isOffline ? t().offlineShort : t().online}
        </span>
        <button type="button" class="field-lang" onClick={() => setLang(lang() === 'sv' ? 'en' : 'sv')}>
          {t().language}
        </button>
      </header>
      <Show when={!me.loading}>
        <Show
          when={user()}
          fallback={
            <form class="field-card field-signin" onSubmit={signIn}>
              <h2>{t().signInHeading}</h2>
              <label>
                {t().email}
                <input name="email" type="email" autocomplete="username" required />
              </label>
              <label>
                {t().password}
                <input name="password" type="password" autocomplete="current-password" required />
              </label>
              <button type="submit" class="field-button field-button--primary">
                {t().signIn}
              </button>
              <Show when={signInError()}>{(m) => <p class="field-error" role="alert">{m()}</p>}</Show>
            </form>
          }
        >
          <Show when={mayRecord()} fallback={<p class="field-card field-error">{t().notAllowed}</p>}>
            <section class="field-card field-status" aria-live="polite">
              <p class="field-state" data-testid="patrol-state" data-on={patrol() !== null}>
                <strong>{patrol() ? t().onPatrol : t().offPatrol}</strong>
                <Show when={patrol()}> · {elapsed()}</Show>
              </p>
              <p>
                <span data-testid="recorded" data-count={patrol()?.recorded ?? 0}>{t().points(patrol()?.recorded ?? 0)}</span>
                {' · '}
                <span data-testid="pending" data-count={status().pending}>{status().pending ? t().pending(status().pending) : t().allUploaded}</span>
              </p>
              <Show when={status().isOffline}>
                <p class="field-offline">{t().offline}</p>
              </Show>
              <Show when={patrol() && !here() && geoError() === null}>
                <p>{t().noPosition}</p>
              </Show>
              <Show when={geoError() === 1}>
                <p class="field-error" role="alert">{t().positionDenied}</p>
              </Show>
              <Show when={status().lastError}>{(m) => <p class="field-error">{errorText(m(), lang())}</p>}</Show>
            </section>
            <div class="field-actions">
              <Show
                when={patrol()}
                fallback={
                  <button type="button" class="field-button field-button--start" data-testid="start" onClick={() => void start()}>
                    {t().start}
                  </button>
                }
              >
                <button type="button" class="field-button field-button--observe" data-testid="observe" onClick={() => { setNotice(null); setObserving(true); }}>
                  {t().observe}
                </button>
              </Show>
            </div>
            <Show when={notice()}>{(m) => <p class="field-notice" role="status">{m()}</p>}</Show>
            <section class="field-card field-map-card" aria-label={t().mapLabel}>
              <Show
                when={fieldMap.state === 'ready' && fieldMap()}
                fallback={<div class="field-map field-map--placeholder" data-testid="field-map-placeholder">{fieldMap.state === 'errored' ? t().mapFailed : t().mapLoading}</div>}
              >
                {(loaded) => {
                  const FieldMap = loaded();
                  return (
                    <FieldMap
                      t={t()}
                      lang={lang()}
                      districts={districts() ?? undefined}
                      team={user()?.team ?? null}
                      route={route() ?? null}
                      next={progress().next}
                      track={patrol() ? fixes() : []}
                    />
                  );
                }}
              </Show>
              <ul class="field-legend">
                <li><span class="field-legend__swatch field-legend__swatch--route" aria-hidden="true" />{t().legendRoute}</li>
                <li><span class="field-legend__swatch field-legend__swatch--next" aria-hidden="true" />{t().legendNext}</li>
                <li><span class="field-legend__swatch field-legend__swatch--track" aria-hidden="true" />{t().legendTrack}</li>
                <li><span class="field-legend__swatch field-legend__swatch--you" aria-hidden="true" />{t().legendYou}</li>
              </ul>
              <Show when={areaCache()}>
                {(a) => {
                  const tiles = () => {
                    const v = a();
                    return v === 'saving' ? null : v.tiles;
                  };
                  return <p class="field-hint" data-testid="area-cache" data-tiles={tiles() ?? ''}>{tiles() === null ? t().mapSaving : t().mapSaved(tiles()!)}</p>;
                }}
              </Show>
            </section>
            <RouteToday t={t()} name={route()?.name ?? null} stops={stops()} next={progress().next} dwellMs={dwellNow()} here={here()} />
            <Show when={patrol()}>
              {/* Kept apart from the observation button so a pocket tap cannot end the patrol. */}
              <button type="button" class="field-button field-button--stop" data-testid="stop" onClick={() => void stop()}>
                {t().stop}
              </button>
            </Show>
            <p class="field-hint">{t().signOutHint}</p>
            <Show when={isObserving()}>
              <div class="field-backdrop" onClick={() => setObserving(false)} />
              <ObservationSheet categories={categories() ?? []} lang={lang()} t={t()} onSend={(c, n) => void observe(c, n)} onCancel={() => setObserving(false)} />
            </Show>
          </Show>
        </Show>
      </Show>
    </div>
  );
}
