// One intervention's before/after evaluation over weekly counts per H3 cell: target, buffer
// (k rings), matched control and the buffer's own matched control; WDD, WDD with displacement,
// WDQ, the rate ratio of a count DiD, the placebo p, the verdict, and the weekly series for the
// chart. Lighting interventions add the dark/daylight design. Pure: counts in, numbers out.
import { gridDisk } from 'h3-js';
import { darkDaylight, wdd, wddWithBuffer, wdq, WDQ_READING_SV, type BeforeAfter, type DarkDesign, type Wdd, type Wdq } from './displacement.ts';
import { levelAndTrend, matchControls } from './control-matching.ts';
import { didRateRatio, logRatioZ, smallestDetectableReduction, type RateRatio } from './did-rate-ratio.ts';
import { placeboTest } from './placebo.ts';
import { makeVerdict, type VerdictKind } from './verdict.ts';

export interface CellWeeks {
  /** The universe: every cell that may be target, buffer, control or placebo (res-10 hex). */
  cells: readonly string[];
  /** Weeks per side; series have 2 × weeks entries, before then after. */
  weeks: number;
  /** counts[c * 2 * weeks + w]: reports in cell c in week w. */
  counts: Int32Array;
  /** Of which in darkness (same layout), for the dark/daylight design. */
  dark?: Int32Array | undefined;
}

export interface EvaluationOptions {
  target: readonly string[];
  /** Buffer radius in H3 rings around the target. */
  bufferRings: number;
  /** Chosen comparison cells; automatic matching when absent. */
  controlCells?: readonly string[] | undefined;
  /** Cells that may be chosen as controls (default: the universe outside target and buffer). */
  controlPool?: readonly string[] | undefined;
  /** Control cells matched per target cell (and per buffer cell for the buffer's control: 1). */
  controlsPerCell?: number | undefined;
  placeboDraws: number;
  seed: number;
  /** The reduction hoped for (0–1): below it the counts are "too little data" when nothing shows. */
  hopedReduction: number;
  withDarkness: boolean;
}

export interface Evaluation {
  weeks: number;
  areas: { target: string[]; buffer: string[]; control: string[]; bufferControl: string[] };
  counts: { target: BeforeAfter; buffer: BeforeAfter; control: BeforeAfter; bufferControl: BeforeAfter };
  wdd: Wdd;
  wddDisplacement: Wdd;
  wdq: Wdq | null;
  wdqReading: string | null;
  rateRatio: RateRatio | null;
  placeboP: number | null;
  placeboDraws: number;
  smallestDetectableChange: number;
  verdict: string;
  verdictKind: VerdictKind;
  darkness: DarkDesign | null;
  series: { target: number[]; control: number[]; controlScaled: number[]; startIndex: number };
}

export const DEFAULT_CONTROLS_PER_CELL = 4;

export function evaluateIntervention(data: CellWeeks, o: EvaluationOptions): Evaluation {
  const W = 2 * data.weeks;
  const n = data.weeks;
  const index = new Map(data.cells.map((c, i) => [c, i]));
  const target = [...new Set(o.target)].filter((c) => index.has(c)).sort();
  const targetSet = new Set(target);
  const buffer = [...new Set(target.flatMap((c) => gridDisk(c, o.bufferRings)))].filter((c) => !targetSet.has(c) && index.has(c)).sort();
  const taken = new Set([...target, ...buffer]);
  const poolCells = (o.controlPool ?? data.cells).filter((c) => !taken.has(c) && index.has(c));
  const idx = (cs: readonly string[]) => cs.map((c) => index.get(c)!);
  const pre = data.cells.map((_, i) => levelAndTrend(data.counts.subarray(i * W, i * W + n)));
  const perCell = o.controlsPerCell ?? DEFAULT_CONTROLS_PER_CELL;
  const control = o.controlCells ? [...new Set(o.controlCells)].filter((c) => index.has(c) && !taken.has(c)).sort() : matchControls(pre, idx(target), idx(poolCells), perCell).map((i) => data.cells[i]!).sort();
  const controlSet = new Set(control);
  const bufferControl = matchControls(pre, idx(buffer), idx(poolCells.filter((c) => !controlSet.has(c))), 1).map((i) => data.cells[i]!).sort();

  const series = (cs: readonly string[], m: Int32Array = data.counts) => {
    const s = new Array<number>(W).fill(0);
    for (const i of idx(cs)) for (let w = 0; w < W; w++) s[w]! += m[i * W + w]!;
    return s;
  };
  const split = (s: readonly number[]): BeforeAfter => ({ before: s.slice(0, n).reduce((a, b) => a + b, 0), after: s.slice(n).reduce((a, b) => a + b, 0) });
  const ts = series(target);
  const cs = series(control);
  const counts = { target: split(ts), buffer: split(series(buffer)), control: split(cs), bufferControl: split(series(bufferControl)) };
  const rateRatio = didRateRatio(ts, cs, n);
  const q = wdq(counts.target, counts.buffer, counts.control);

  // The placebo: per-cell totals, neighbours within the universe.
  const before = new Float64Array(data.cells.length);
  const after = new Float64Array(data.cells.length);
  data.cells.forEach((_, i) => {
    for (let w = 0; w < W; w++) (w < n ? before : after)[i]! += data.counts[i * W + w]!;
  });
  const neighbours = data.cells.map((c) => gridDisk(c, 1).flatMap((nb) => (nb !== c && index.has(nb) ? [index.get(nb)!] : [])));
  const placebo =
    n > 0 && target.length && control.length
      ? placeboTest({ neighbours, before, after, pool: idx(data.cells.filter((c) => !taken.has(c))), control: idx(control), size: target.length, observedZ: logRatioZ(counts.target, counts.control), draws: o.placeboDraws, seed: o.seed })
      : null;

  const smallest = smallestDetectableReduction(counts.target.before, counts.control.before, counts.control.after, rateRatio?.dispersion ?? 1);
  const verdict = makeVerdict({ weeks: n, rateRatio, smallestDetectable: smallest, hoped: o.hopedReduction, placeboP: placebo?.p ?? null });
  let darkness: DarkDesign | null = null;
  if (o.withDarkness && data.dark) {
    const dk = (cs2: readonly string[]) => {
      const all = split(series(cs2));
      const dark = split(series(cs2, data.dark));
      return [{ dark: dark.before, day: all.before - dark.before }, { dark: dark.after, day: all.after - dark.after }] as const;
    };
    const [t0, t1] = dk(target);
    const [c0, c1] = dk(control);
    darkness = darkDaylight(t0, t1, c0, c1);
  }
  const scale = counts.control.before > 0 ? counts.target.before / counts.control.before : 0;
  return {
    weeks: n,
    areas: { target, buffer, control, bufferControl },
    counts,
    wdd: wdd(counts.target, counts.control),
    wddDisplacement: wddWithBuffer(counts.target, counts.control, counts.buffer, counts.bufferControl),
    wdq: q,
    wdqReading: q ? WDQ_READING_SV[q.reading] : null,
    rateRatio,
    placeboP: placebo?.p ?? null,
    placeboDraws: placebo?.draws ?? 0,
    smallestDetectableChange: smallest,
    verdict: verdict.text,
    verdictKind: verdict.kind,
    darkness,
    series: { target: ts, control: cs, controlScaled: cs.map((v) => v * scale), startIndex: n },
  };
}
