// The route being drawn or edited, as a reactive primitive: waypoints with an undo stack, the
// route's details (name, team, district, date, shift, speed), and the legs along the walking
// network fetched from /api/routes/path whenever the waypoints change.
import { batch, createEffect, createMemo, createSignal } from 'solid-js';
import type { RoutesApi } from '../api/routes-api.ts';
import type { LonLatPair, SavedRoute } from '../api/route-types.ts';
import { createQuery } from './create-query.ts';
import {
  DEFAULT_SPEED_KMH, addWaypoint, insertWaypoint, moveWaypoint, removeWaypoint, returnToStart, scheduleDraft, setDwell, toggleStop,
  walkingMin, type DraftWaypoint,
} from './route-draft.ts';

export interface RouteDetails {
  name: string;
  team: string;
  district: string;
  date: string;
  start: string;
  end: string;
  speedKmh: number;
  dwellMin: number;
}

/** Most undo steps kept. */
const UNDO_LIMIT = 100;

export function createRouteDraft(api: Pick<RoutesApi, 'path'> & Partial<Pick<RoutesApi, 'placeName'>>, initial: RouteDetails) {
  const [waypoints, setWaypoints] = createSignal<DraftWaypoint[]>([]);
  const [undoStack, setUndoStack] = createSignal<DraftWaypoint[][]>([]);
  const [details, setDetails] = createSignal<RouteDetails>(initial);
  /** The saved route being edited; null for a new one. */
  const [editingId, setEditingId] = createSignal<string | null>(null);
  const [source, setSource] = createSignal<SavedRoute['source']>('drawn');

  const apply = (next: DraftWaypoint[]) =>
    batch(() => {
      setUndoStack((s) => [...s.slice(-(UNDO_LIMIT - 1)), waypoints()]);
      setWaypoints(next);
    });

  const points = createMemo(() => waypoints().map((w): LonLatPair => [w.lon, w.lat]), undefined, {
    equals: (a, b) => a.length === b.length && a.every((p, i) => p[0] === b[i]![0] && p[1] === b[i]![1]),
  });
  const path = createQuery(
    // The server picks the district of the first waypoint, so a route drawn anywhere routes there.
    () => (points().length >= 2 ? { points: points() } : null),
    (k, signal) => api.path(k.points, undefined, signal),
  );
  /** The path answer, only when it belongs to the current waypoints. */
  const legs = createMemo(() => {
    const p = path.data();
    return p && p.legs.length === waypoints().length - 1 ? p : null;
  });
  const legLengthsM = createMemo(() => legs()?.legs.map((l) => l.lengthM) ?? []);
  const lengthM = createMemo(() => legLengthsM().reduce((a, b) => a + b, 0));
  // Names of drawn stops (reverse geocoding), fetched once per point; saved routes carry their own.
  const [stopNames, setStopNames] = createSignal<Record<string, string>>({});
  const asked = new Set<string>();
  const pointKey = (w: { lon: number; lat: number }) => `${w.lon.toFixed(6)},${w.lat.toFixed(6)}`;
  createEffect(() => {
    if (!api.placeName) return;
    for (const w of waypoints()) {
      const k = pointKey(w);
      if (!w.stop || w.place || asked.has(k)) continue;
      asked.add(k);
      void api.placeName(w.lat, w.lon).then((name) => name && setStopNames((n) => ({ ...n, [k]: name })));
    }
  });
  const times = createMemo(() => scheduleDraft(waypoints(), legLengthsM(), details().speedKmh || DEFAULT_SPEED_KMH));

  return {
    waypoints,
    details,
    editingId,
    source,
    path,
    legs,
    lengthM,
    walkingMin: () => walkingMin(lengthM(), details().speedKmh || DEFAULT_SPEED_KMH),
    times,
    /** A stop's place: its own, else its looked-up name, else null. */
    placeOf: (w: DraftWaypoint): string | null => w.place ?? stopNames()[pointKey(w)] ?? null,
    canUndo: () => undoStack().length > 0,
    setDetails: (patch: Partial<RouteDetails>) => setDetails((d) => ({ ...d, ...patch })),
    add: (p: LonLatPair) => apply(addWaypoint(waypoints(), p, details().dwellMin)),
    insert: (legIndex: number, p: LonLatPair) => apply(insertWaypoint(waypoints(), legIndex, p)),
    move: (index: number, p: LonLatPair) => apply(moveWaypoint(waypoints(), index, p)),
    remove: (index: number) => apply(removeWaypoint(waypoints(), index)),
    setDwell: (index: number, dwellMin: number) => apply(setDwell(waypoints(), index, dwellMin)),
    toggleStop: (index: number) => apply(toggleStop(waypoints(), index)),
    returnToStart: () => apply(returnToStart(waypoints())),
    undo: () =>
      batch(() => {
        const s = undoStack();
        if (!s.length) return;
        setWaypoints(s[s.length - 1]!);
        setUndoStack(s.slice(0, -1));
      }),
    /** Starts afresh (keeps the details but forgets the saved route). */
    clear: () =>
      batch(() => {
        setWaypoints([]);
        setUndoStack([]);
        setEditingId(null);
        setSource('drawn');
      }),
    /** Loads a saved or accepted route for editing; `id` null makes it a new route. */
    load: (r: { id: string | null; name: string; team: string | null; district: string | null; date: string; start: string; end: string; speedKmh: number; waypoints: DraftWaypoint[]; source: SavedRoute['source'] }) =>
      batch(() => {
        setWaypoints(r.waypoints.map((w) => ({ lon: w.lon, lat: w.lat, stop: w.stop, dwellMin: w.dwellMin, place: w.place ?? null })));
        setUndoStack([]);
        setEditingId(r.id);
        setSource(r.source);
        setDetails((d) => ({ ...d, name: r.name, team: r.team ?? '', district: r.district ?? d.district, date: r.date, start: r.start, end: r.end, speedKmh: r.speedKmh }));
      }),
  };
}

export type RouteDraft = ReturnType<typeof createRouteDraft>;
