// The team-orienteering model the optimiser and the exact solver share: a problem (travel
// times, time-dependent prizes, limits) and the value and timing of one team's stop sequence.
//
// Timing rule: the slack of a route (shift − walking − dwell) is spread evenly over its legs,
// so stops fall across the whole evening rather than all in its first hour; a stop's prize is
// the risk of its cell in the time slot of its arrival. A repeat visit to a cell counts fully
// when it comes minRevisitGapMin … revisitMin after the first (the Koper-curve pattern of short
// stops revisited within about two hours), half when later, and not at all when sooner.

export interface TopProblem {
  /** Candidate cells 0 … n − 1; the base is index n in the travel matrix. */
  n: number;
  teams: number;
  /** Most stops (visits, revisits included) per team. */
  maxStops: number;
  shiftMin: number;
  dwellMin: number;
  revisitMin: number;
  minRevisitGapMin: number;
  /** Walking minutes, row-major (n + 1) × (n + 1), base last. */
  travelMin: Float64Array;
  /** Prize of candidate c in slot s: prize[c * slots + s]. */
  prize: Float64Array;
  slotMin: number;
  slots: number;
}

export interface RouteTiming {
  feasible: boolean;
  value: number;
  /** Arrival minute (from the shift start) at each stop. */
  arrivalsMin: number[];
  /** Minutes waited (free patrol) before setting off on each leg; legs = stops + 1. */
  waitMin: number;
  walkMin: number;
}

/** Most visits one cell gets from one team in a shift. */
export const MAX_VISITS_PER_CELL = 2;

export function travel(p: TopProblem, from: number, to: number): number {
  return p.travelMin[from * (p.n + 1) + to]!;
}

export function prizeAt(p: TopProblem, cell: number, minute: number): number {
  const s = Math.min(p.slots - 1, Math.max(0, Math.floor(minute / p.slotMin)));
  return p.prize[cell * p.slots + s]!;
}

/** Walking minutes of base → seq → base. */
export function walkMinutes(p: TopProblem, seq: readonly number[]): number {
  let walk = 0, at = p.n;
  for (const c of seq) walk += travel(p, at, c), (at = c);
  return walk + travel(p, at, p.n);
}

/** Whether the sequence breaks a structural rule (too many stops, a cell more than twice, back-to-back). */
export function isWellFormed(p: TopProblem, seq: readonly number[]): boolean {
  if (seq.length > p.maxStops) return false;
  for (let i = 0; i < seq.length; i++) {
    if (i > 0 && seq[i] === seq[i - 1]) return false;
    let count = 0;
    for (const c of seq) if (c === seq[i]) count++;
    if (count > MAX_VISITS_PER_CELL) return false;
  }
  return true;
}

/** Value and timing of one team's sequence of candidate indices. */
export function timeRoute(p: TopProblem, seq: readonly number[]): RouteTiming {
  const walkMin = walkMinutes(p, seq);
  const slack = p.shiftMin - walkMin - seq.length * p.dwellMin;
  if (slack < -1e-9 || !isWellFormed(p, seq)) return { feasible: false, value: -Infinity, arrivalsMin: [], waitMin: 0, walkMin };
  const waitMin = Math.max(0, slack) / (seq.length + 1);
  const arrivalsMin: number[] = [];
  let t = 0, at = p.n, value = 0;
  for (let i = 0; i < seq.length; i++) {
    const c = seq[i]!;
    t += waitMin + travel(p, at, c);
    arrivalsMin.push(t);
    const before = i > 0 ? seq.lastIndexOf(c, i - 1) : -1;
    const base = prizeAt(p, c, t);
    if (before < 0) value += base;
    else {
      const gap = t - arrivalsMin[before]!;
      value += gap < p.minRevisitGapMin ? 0 : gap <= p.revisitMin ? base : base / 2;
    }
    t += p.dwellMin;
    at = c;
  }
  return { feasible: true, value, arrivalsMin, waitMin, walkMin };
}

/** Value of one sequence (−Infinity when it does not fit the shift). */
export function routeValue(p: TopProblem, seq: readonly number[]): number {
  return timeRoute(p, seq).value;
}

/** Sum of the teams' values; −Infinity when any route is infeasible or two teams share a cell. */
export function planValue(p: TopProblem, routes: readonly (readonly number[])[]): number {
  const owner = new Map<number, number>();
  let total = 0;
  for (let t = 0; t < routes.length; t++) {
    for (const c of routes[t]!) {
      if ((owner.get(c) ?? t) !== t) return -Infinity;
      owner.set(c, t);
    }
    total += routeValue(p, routes[t]!);
  }
  return total;
}
