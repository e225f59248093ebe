// A drawn route as plain data: waypoints (the first is the start; stops carry a dwell), the edits
// the planner makes to them, and the schedule from the shift start. Pure, no Solid, no map.

export interface DraftWaypoint {
  lon: number;
  lat: number;
  /** A stop the team dwells at; otherwise the point only shapes the line. */
  stop: boolean;
  /** Minutes at the stop (0 for a pass-through point). */
  dwellMin: number;
  place?: string | null | undefined;
}

export const DEFAULT_DWELL_MIN = 12;
export const DEFAULT_SPEED_KMH = 4.5;

type Point = [lon: number, lat: number];

/** Appends a point: the first is the start, later ones are stops with the default dwell. */
export function addWaypoint(ws: readonly DraftWaypoint[], [lon, lat]: Point, dwellMin = DEFAULT_DWELL_MIN): DraftWaypoint[] {
  const isStart = ws.length === 0;
  return [...ws, { lon, lat, stop: !isStart, dwellMin: isStart ? 0 : dwellMin }];
}

/** Inserts a pass-through point into leg `legIndex` (between waypoints legIndex and legIndex + 1). */
export function insertWaypoint(ws: readonly DraftWaypoint[], legIndex: number, [lon, lat]: Point): DraftWaypoint[] {
  const at = Math.max(1, Math.min(ws.length, legIndex + 1));
  return [...ws.slice(0, at), { lon, lat, stop: false, dwellMin: 0 }, ...ws.slice(at)];
}

export function moveWaypoint(ws: readonly DraftWaypoint[], index: number, [lon, lat]: Point): DraftWaypoint[] {
  return ws.map((w, i) => (i === index ? { ...w, lon, lat, place: null } : w));
}

export function removeWaypoint(ws: readonly DraftWaypoint[], index: number): DraftWaypoint[] {
  return ws.filter((_, i) => i !== index);
}

export function setDwell(ws: readonly DraftWaypoint[], index: number, dwellMin: number): DraftWaypoint[] {
  const d = Number.isFinite(dwellMin) ? Math.max(0, Math.min(120, Math.round(dwellMin))) : DEFAULT_DWELL_MIN;
  return ws.map((w, i) => (i === index ? { ...w, dwellMin: d, stop: d > 0 ? true : w.stop } : w));
}

/** Turns a point into a stop (default dwell) or a stop into a pass-through point. */
export function toggleStop(ws: readonly DraftWaypoint[], index: number): DraftWaypoint[] {
  return ws.map((w, i) => (i === index ? { ...w, stop: !w.stop, dwellMin: w.stop ? 0 : w.dwellMin || DEFAULT_DWELL_MIN } : w));
}

/** Closes the loop: walks back to the start (a pass-through point on the start). */
export function returnToStart(ws: readonly DraftWaypoint[]): DraftWaypoint[] {
  const first = ws[0];
  if (!first || ws.length < 2) return [...ws];
  return [...ws, { lon: first.lon, lat: first.lat, stop: false, dwellMin: 0 }];
}

/** Minutes to walk `lengthM` at `speedKmh`. */
export function walkingMin(lengthM: number, speedKmh: number): number {
  return lengthM / ((speedKmh * 1000) / 60);
}

export interface WaypointTime {
  /** Minutes after the shift start. */
  arrivalMin: number;
  departureMin: number;
}

/** Arrival and departure at each waypoint, walking straight on from the shift start (legs[i]: i → i + 1). */
export function scheduleDraft(ws: readonly DraftWaypoint[], legLengthsM: readonly number[], speedKmh: number): WaypointTime[] {
  let t = 0;
  return ws.map((w, i) => {
    if (i > 0) t += walkingMin(legLengthsM[i - 1] ?? 0, speedKmh);
    const arrivalMin = t;
    t += w.stop ? w.dwellMin : 0;
    return { arrivalMin, departureMin: t };
  });
}

/** Stop numbers (1, 2, …) by waypoint index; null for the start and pass-through points. */
export function stopNumbers(ws: readonly DraftWaypoint[]): (number | null)[] {
  let n = 0;
  return ws.map((w) => (w.stop ? ++n : null));
}

/** "HH:MM" plus minutes, on a 24-hour clock (wall time; the shift's date is shown apart). */
export function clockPlus(hhmm: string, plusMin: number): string {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  const total = (((h * 60 + m + Math.round(plusMin)) % 1440) + 1440) % 1440;
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

/** Minutes between two "HH:MM" (an end at or before the start means the next day). */
export function shiftLengthMin(start: string, end: string): number {
  const toMin = (s: string) => {
    const [h, m] = s.split(':').map(Number) as [number, number];
    return h * 60 + m;
  };
  const d = toMin(end) - toMin(start);
  return d > 0 ? d : d + 1440;
}

/** "HH:MM" of an ISO instant with an offset, as written (the server writes Stockholm time). */
export function isoClock(iso: string): string {
  return iso.slice(11, 16);
}
