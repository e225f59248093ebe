// The analytics view's reactive state: hour selection, layers and switches, the zoom's
// resolution, the chosen cell, the held colour scale, the play loop, the DeSO choropleth toggle,
// and the queries they drive.
import { createMemo, createSignal, onCleanup } from 'solid-js';
import { createQuery } from '../state/create-query.ts';
import { analyticsApi, type Params } from './analytics-api.ts';
import { ALL_HOURS, single, toSlots, type WeekSelection } from './week-selection.ts';
import { scaleTopOf } from '../map/layers/heat-hexagons.ts';

export interface BaseFilter {
  from: string;
  to: string;
  districts: string[];
  categories: string[];
}

/** Milliseconds per hour while playing the week. */
export const PLAY_STEP_MS = 900;

export function createAnalytics(base: () => BaseFilter) {
  const [selection, setSelection] = createSignal<WeekSelection>(ALL_HOURS);
  const [mode, setMode] = createSignal<'heat' | 'hotspots'>('heat');
  const [res, setRes] = createSignal<8 | 9 | 10>(9);
  const [holidays, setHolidays] = createSignal(false);
  const [severity, setSeverity] = createSignal(false);
  const [recency, setRecency] = createSignal(false);
  /** "Mörker": after dark or daylight only, per date (GET /api/sun). */
  const [darkness, setDarkness] = createSignal<'all' | 'dark' | 'daylight'>('all');
  const [cell, setCell] = createSignal<string | null>(null);
  const [heldTop, setHeldTop] = createSignal<number | null>(null);
  const [playHour, setPlayHour] = createSignal<number | null>(null);
  /** The DeSO choropleth (reports per 1,000 residents) instead of the hexagons. */
  const [isDeso, setDeso] = createSignal(false);

  const common = createMemo<Params>(() => {
    const b = base();
    return {
      from: b.from,
      to: b.to,
      districts: b.districts.join(',') || undefined,
      categories: b.categories.join(',') || undefined,
      holidays: holidays() ? 'sunday' : undefined,
      weights: severity() ? 'default' : undefined,
      halfLifeDays: recency() ? '30' : undefined,
      darkness: darkness() === 'all' ? undefined : darkness(),
    };
  });
  const shownSelection = () => (playHour() === null ? selection() : single(playHour()!));
  const slots = () => toSlots(shownSelection());
  const filterParams = createMemo<Params | null>(() => (slots() === '' ? null : { ...common(), res: String(res()), slots: slots() ?? undefined }));

  const heat = createQuery(() => (mode() === 'heat' ? filterParams() : null), (p, s) => analyticsApi.heatmap(p, s));
  const hotspots = createQuery(() => (mode() === 'hotspots' ? filterParams() : null), (p, s) => analyticsApi.hotspots(p, s));
  const clock = createQuery(() => ({ ...common(), ...(cell() ? { cell: cell()! } : {}) }), (p, s) => analyticsApi.clock(p, s));
  const trends = createQuery(() => (cell() && filterParams() ? { ...filterParams()!, res: String(cellRes(cell()!)), weeks: '12' } : null), (p, s) => analyticsApi.trends(p, s));
  const districts = createQuery(() => filterParams(), (p, s) => analyticsApi.districts(p, s));
  const deso = createQuery(() => (isDeso() ? filterParams() : null), (p, s) => analyticsApi.deso(p, s));
  const desoAreas = createQuery(() => (isDeso() ? 'all' : null), (_p, s) => analyticsApi.desoAreas(s));

  const scaleTop = () => heldTop() ?? scaleTopOf(heat.data()?.cells ?? []);
  const toggleHold = () => setHeldTop(heldTop() === null ? scaleTop() : null);

  let timer: ReturnType<typeof setInterval> | undefined;
  const stop = () => {
    clearInterval(timer);
    timer = undefined;
    setPlayHour(null);
  };
  const play = async () => {
    if (timer) return stop();
    // Hold the scale at the busiest hour's top (from the clock) so every frame shares one scale.
    if (heldTop() === null) {
      const m = clock.data()?.matrix.flat() ?? [];
      const peak = m.indexOf(Math.max(...m));
      const p = filterParams();
      if (peak >= 0 && p) {
        const frame = await analyticsApi.heatmap({ ...p, slots: String(peak) }).catch(() => null);
        setHeldTop(Math.max(1e-9, scaleTopOf(frame?.cells ?? [])));
      }
    }
    setMode('heat');
    setPlayHour(0);
    timer = setInterval(() => setPlayHour((h) => ((h ?? 0) + 1) % 168), PLAY_STEP_MS);
  };
  onCleanup(() => clearInterval(timer));

  return {
    selection, setSelection: (s: boolean[]) => (stop(), setSelection(s)), shownSelection,
    mode, setMode, res, setRes, holidays, setHolidays, severity, setSeverity, recency, setRecency, darkness, setDarkness,
    cell, setCell, heldTop, toggleHold, scaleTop, playHour, play: () => void play(), isPlaying: () => playHour() !== null,
    heat, hotspots, clock, trends, districts, filterParams, isDeso, setDeso, deso, desoAreas,
  };
}

function cellRes(cell: string): number {
  return parseInt(cell[1] ?? '0', 16);
}

export type AnalyticsState = ReturnType<typeof createAnalytics>;
