// The route planner's state and actions in one place: who may plan, the panel and its tab, the
// draft, saved routes, suggestions, the route card, and the wiring of all of it into the map.
import { batch, createEffect, createMemo, createSignal, on, onCleanup, untrack } from 'solid-js';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { ProblemError } from '../api/problem-error.ts';
import { localProblem, toProblemError } from '../api/problem-error.ts';
import type { RoutesApi } from '../api/routes-api.ts';
import type { RouteInput, SavedRoute, SuggestAnswer, SuggestQuery, SuggestedRoute } from '../api/route-types.ts';
import { TIME_ZONE } from '../i18n/format.ts';
import { collectionBbox, draftToFeatureCollection, EMPTY_ROUTES, suggestionToFeatureCollection } from '../map/layers/routes.ts';
import { makeRouteMap, type RouteMap } from '../map/route-map.ts';
import { createQuery } from './create-query.ts';
import { createRouteDraft } from './create-route-draft.ts';
import { DEFAULT_DWELL_MIN, DEFAULT_SPEED_KMH, isoClock, stopNumbers, clockPlus } from './route-draft.ts';

export type PlannerTab = 'draw' | 'suggest' | 'saved';

export interface SuggestForm extends SuggestQuery {}

/** One printable route card: title lines and a row per stop. */
export interface RouteCardData {
  title: string;
  date: string;
  shift: string;
  team: string | null;
  district: string | null;
  lengthM: number;
  walkingMin: number;
  stops: { number: number; place: string; arrival: string; dwellMin: number; departure: string }[];
  snapshot: string | null;
}

/** Today's date in Stockholm, YYYY-MM-DD. */
export function stockholmToday(now: Date): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

export interface PlannerOptions {
  api: RoutesApi;
  map: () => MapLibreMap | undefined;
  districts: () => { id: string; name: string }[];
  now: () => Date;
  /** Who may plan and their team, from the app's session; without them the planner asks /api/auth/me. */
  canPlan?: () => boolean;
  team?: () => string | null;
}

export function createRoutePlanner(o: PlannerOptions) {
  const me = createQuery(() => (o.canPlan ? null : true), (_k, signal) => o.api.me(signal));
  const canPlan = o.canPlan ?? (() => me.data()?.permissions.includes('routes:plan') === true);
  const myTeam = o.team ?? (() => me.data()?.user?.team ?? null);
  const [isOpen, setOpen] = createSignal(false);
  const [tab, setTab] = createSignal<PlannerTab>('draw');
  const [error, setError] = createSignal<ProblemError | null>(null);
  const [status, setStatus] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  const [card, setCard] = createSignal<RouteCardData | null>(null);

  const today = stockholmToday(o.now());
  const defaultDistrict = () => {
    const ids = o.districts().map((d) => d.id);
    const team = myTeam();
    return team && ids.includes(team) ? team : (ids[0] ?? '');
  };
  const draft = createRouteDraft(o.api, { name: '', team: '', district: '', date: today, start: '18:00', end: '23:00', speedKmh: DEFAULT_SPEED_KMH, dwellMin: DEFAULT_DWELL_MIN });
  const [form, setForm] = createSignal<SuggestForm>({
    district: '', date: today, start: '18:00', end: '23:00', teams: 2, speedKmh: DEFAULT_SPEED_KMH, stopsPerTeam: 4, dwellMin: DEFAULT_DWELL_MIN, revisitMin: 120, preferLit: false, afterDark: false, seed: 1,
  });
  // Fill in the team's district once it is known.
  createEffect(on([defaultDistrict, myTeam], ([d, team]) => {
    if (d && !untrack(form).district) setForm((f) => ({ ...f, district: d }));
    if (team && !untrack(draft.details).team) draft.setDetails({ team });
  }));

  const [refresh, setRefresh] = createSignal(0);
  const saved = createQuery(() => (canPlan() && isOpen() ? refresh() : null), (_k, signal) => o.api.list(signal));
  const [suggestion, setSuggestion] = createSignal<SuggestAnswer | null>(null);

  const run = async <T,>(work: () => Promise<T>): Promise<T | undefined> => {
    setBusy(true);
    setError(null);
    try {
      return await work();
    } catch (err) {
      setError(toProblemError(err));
      return undefined;
    } finally {
      setBusy(false);
    }
  };

  const draftInput = (): RouteInput => {
    const d = draft.details();
    return {
      name: d.name.trim(), team: d.team.trim() || null, district: draft.legs()?.district ?? (d.district || null), date: d.date, start: d.start, end: d.end,
      speedKmh: d.speedKmh, source: draft.source(),
      waypoints: draft.waypoints().map((w) => ({ lon: w.lon, lat: w.lat, stop: w.stop, dwellMin: w.stop ? w.dwellMin : 0, ...(w.place ? { place: w.place } : {}) })),
    };
  };

  const loadSaved = (r: SavedRoute) => {
    draft.load({ ...r, waypoints: r.waypoints });
    const legs = r.geometry ? [{ coordinates: r.geometry.coordinates as [number, number][] }] : null;
    const fc = draftToFeatureCollection(draft.waypoints(), legs, null);
    const bbox = collectionBbox(fc);
    if (bbox) routeMap?.fitTo(bbox);
  };

  const suggestedToInput = (s: SuggestAnswer, r: SuggestedRoute, name: string): RouteInput => {
    const f = form();
    const base = { lon: s.base.lon, lat: s.base.lat, stop: false, dwellMin: 0 };
    return {
      name, team: myTeam(), district: s.district, date: f.date, start: f.start, end: f.end, speedKmh: f.speedKmh, source: 'suggested',
      waypoints: [base, ...r.stops.map((st) => ({ lon: st.lon, lat: st.lat, stop: true, dwellMin: f.dwellMin, cell: st.cell, place: st.place })), base],
    };
  };

  // The map: sources, layers and handlers once the map exists; data on every change.
  let routeMap: RouteMap | undefined;
  const [mapEpoch, setMapEpoch] = createSignal(0);
  /** Numbered stops drawn on the map after the last render (for people debugging and the browser test). */
  const [renderedStops, setRenderedStops] = createSignal(0);
  createEffect(() => {
    const m = o.map();
    if (!m || !canPlan()) return;
    routeMap = makeRouteMap(m, {
      isDrawing: () => isOpen() && tab() === 'draw',
      onAdd: (p) => draft.add(p),
      onInsert: (i, p) => draft.insert(i, p),
      onMove: (i, p) => draft.move(i, p),
      onRemove: (i) => draft.remove(i),
    });
    setMapEpoch((n) => n + 1);
    const countStops = () => setRenderedStops(routeMap?.renderedStops() ?? 0);
    m.on('idle', countStops);
    onCleanup(() => {
      m.off('idle', countStops);
      routeMap?.dispose();
      routeMap = undefined;
    });
  });
  const showDraft = () => isOpen() && tab() !== 'suggest';
  createEffect(() => {
    mapEpoch();
    const legs = draft.legs();
    const fc = showDraft() ? draftToFeatureCollection(draft.waypoints(), legs?.legs ?? null, legs?.waypoints ?? null) : EMPTY_ROUTES;
    routeMap?.setDraft(fc);
  });
  createEffect(() => {
    mapEpoch();
    const s = suggestion();
    routeMap?.setPlan(s && isOpen() && tab() === 'suggest' ? suggestionToFeatureCollection(s) : EMPTY_ROUTES);
  });

  const stopsOfDraft = createMemo(() => {
    const numbers = stopNumbers(draft.waypoints());
    const times = draft.times();
    const start = draft.details().start;
    return draft.waypoints().flatMap((w, i) =>
      w.stop ? [{ number: numbers[i]!, place: draft.placeOf(w) ?? '', arrival: clockPlus(start, times[i]!.arrivalMin), dwellMin: w.dwellMin, departure: clockPlus(start, times[i]!.departureMin) }] : [],
    );
  });

  const districtLabel = (id: string | null) => (id ? (o.districts().find((x) => x.id === id)?.name ?? id) : null);
  /** Opens the card with a snapshot of the map framed on the route (`only`: draw just that team meanwhile). */
  const openCard = async (data: Omit<RouteCardData, 'snapshot'>, bbox: [number, number, number, number] | null, only?: { answer: SuggestAnswer; team: number }) => {
    let snapshot: string | null = null;
    const m = o.map();
    if (m && routeMap) {
      if (only) routeMap.setPlan(suggestionToFeatureCollection(only.answer, only.team));
      if (bbox) routeMap.fitTo(bbox);
      await new Promise<void>((resolve) => {
        m.once('idle', () => resolve());
        m.triggerRepaint(); // so 'idle' comes even when nothing changed
      });
      snapshot = await routeMap.snapshot();
      if (only) routeMap.setPlan(suggestionToFeatureCollection(only.answer));
    }
    setCard({ ...data, district: districtLabel(data.district), snapshot });
  };

  return {
    me,
    canPlan,
    isOpen,
    setOpen,
    tab,
    setTab: (t: PlannerTab) => batch(() => (setTab(t), setError(null), setStatus(null))),
    error,
    dismissError: () => setError(null),
    status,
    busy,
    draft,
    form,
    setForm: (patch: Partial<SuggestForm>) => setForm((f) => ({ ...f, ...patch })),
    saved,
    suggestion,
    card,
    closeCard: () => setCard(null),
    stopsOfDraft,
    renderedStops,
    newRoute: () => batch(() => (draft.clear(), draft.setDetails({ name: '' }), setStatus(null), setError(null))),
    save: async (messages: { needTwoPoints: string; needName: string; saved: (n: string) => string }) => {
      if (draft.waypoints().length < 2) return setError(localProblem(messages.needTwoPoints));
      if (!draft.details().name.trim()) return setError(localProblem(messages.needName));
      const id = draft.editingId();
      const r = await run(() => (id ? o.api.update(id, draftInput()) : o.api.create(draftInput())));
      if (!r) return;
      loadSaved(r);
      setStatus(messages.saved(r.name));
      setRefresh((n) => n + 1);
    },
    open: async (id: string) => {
      const r = await run(() => o.api.get(id));
      if (!r) return;
      batch(() => {
        loadSaved(r);
        setTab('draw');
        setStatus(null);
      });
    },
    duplicate: async (id: string) => {
      if (await run(() => o.api.duplicate(id))) setRefresh((n) => n + 1);
    },
    remove: async (id: string) => {
      await run(() => o.api.remove(id));
      if (draft.editingId() === id) draft.clear();
      setRefresh((n) => n + 1);
    },
    importGpx: async (file: File, imported: (n: string) => string) => {
      const xml = await file.text();
      const name = file.name.replace(/\.gpx$/i, '');
      const r = await run(() => o.api.importGpx(xml, { name, date: draft.details().date, ...(myTeam() ? { team: myTeam()! } : {}) }));
      if (!r) return;
      setStatus(imported(r.name));
      setRefresh((n) => n + 1);
    },
    suggest: async (seed?: number) => {
      if (seed !== undefined) setForm((f) => ({ ...f, seed }));
      const s = await run(() => o.api.suggest(form()));
      if (!s) return;
      setSuggestion(s);
      const bbox = collectionBbox(suggestionToFeatureCollection(s));
      if (bbox) routeMap?.fitTo(bbox);
    },
    accept: async (team: number, name: string, savedMsg: (n: string) => string) => {
      const s = suggestion();
      const r = s?.routes.find((x) => x.team === team);
      if (!s || !r) return;
      const row = await run(() => o.api.create(suggestedToInput(s, r, name)));
      if (!row) return;
      batch(() => {
        loadSaved(row);
        setTab('draw');
        setStatus(savedMsg(row.name));
        setRefresh((n) => n + 1);
      });
    },
    printDraft: (title: string) => {
      const d = draft.details();
      const bbox = collectionBbox(draftToFeatureCollection(draft.waypoints(), draft.legs()?.legs ?? null, null));
      void openCard({ title, date: d.date, shift: `${d.start}–${d.end}`, team: d.team || null, district: draft.legs()?.district ?? (d.district || null), lengthM: draft.lengthM(), walkingMin: draft.walkingMin(), stops: stopsOfDraft() }, bbox);
    },
    printSuggested: (team: number, title: string) => {
      const s = suggestion();
      const r = s?.routes.find((x) => x.team === team);
      if (!s || !r) return;
      const f = form();
      const bbox = collectionBbox(suggestionToFeatureCollection(s, team));
      void openCard({
        title, date: f.date, shift: `${f.start}–${f.end}`, team: myTeam(), district: s.district, lengthM: r.lengthM, walkingMin: r.walkingMin,
        stops: r.stops.map((st, i) => ({ number: i + 1, place: st.place, arrival: isoClock(st.arrival), dwellMin: f.dwellMin, departure: isoClock(st.departure) })),
      }, bbox, { answer: s, team });
    },
  };
}

export type RoutePlanner = ReturnType<typeof createRoutePlanner>;
