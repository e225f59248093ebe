// Before/after measures for an area-based intervention with a comparison area and a buffer:
// the Weighted Displacement Difference (Wheeler & Ratcliffe 2018, "A simple weighted displacement
// difference test to evaluate place based crime interventions", Crime Science 7:11) and the
// Weighted Displacement Quotient (Bowers & Johnson 2003, J. Quantitative Criminology 19(3)).
import { twoSidedP } from '../normal.ts';

/** Counts in one area before (0) and after (1) the start. */
export interface BeforeAfter {
  before: number;
  after: number;
}

export interface Wdd {
  value: number;
  se: number;
  z: number;
  p: number;
}

function wddOf(value: number, variance: number): Wdd {
  const se = Math.sqrt(variance);
  const z = se > 0 ? value / se : 0;
  return { value, se, z, p: twoSidedP(z) };
}

/** WDD for target T against control C: (T₁ − T₀) − (C₁ − C₀), variance = T₀ + T₁ + C₀ + C₁ (Poisson counts). */
export function wdd(t: BeforeAfter, c: BeforeAfter): Wdd {
  return wddOf(t.after - t.before - (c.after - c.before), t.before + t.after + c.before + c.after);
}

/**
 * WDD with displacement: (T₁ − T₀) − (C₁ − C₀) + (D₁ − D₀) − (E₁ − E₀), D the buffer and E the
 * buffer's control; the variance is the sum of the eight counts. A negative value is a net fall.
 */
export function wddWithBuffer(t: BeforeAfter, c: BeforeAfter, d: BeforeAfter, e: BeforeAfter): Wdd {
  const value = t.after - t.before - (c.after - c.before) + (d.after - d.before) - (e.after - e.before);
  const variance = t.before + t.after + c.before + c.after + d.before + d.after + e.before + e.after;
  return wddOf(value, variance);
}

export type WdqReading = 'diffusion-greater-than-effect' | 'diffusion' | 'no-buffer-effect' | 'displacement-smaller-than-effect' | 'displacement-greater-than-effect';

export interface Wdq {
  value: number;
  /** Success measure A₁/C₁ − A₀/C₀ (negative: the target improved relative to the control). */
  successMeasure: number;
  /** Buffer displacement measure B₁/C₁ − B₀/C₀. */
  bufferMeasure: number;
  reading: WdqReading;
}

/** |A₁/C₁ − A₀/C₀| below this is "no change in the target": the quotient is withheld. */
export const WDQ_MIN_DENOMINATOR = 1e-3;
/** |WDQ| below this reads as no effect on the buffer. */
const WDQ_NEUTRAL = 0.05;

/**
 * WDQ = (B₁/C₁ − B₀/C₀) / (A₁/C₁ − A₀/C₀), A the target, B the buffer, C the control.
 * Null when a control count is zero or the denominator is ≈ 0 (no change at the target to weigh
 * the buffer against). Reading per Bowers & Johnson: > 1 diffusion of benefits larger than the
 * direct effect, (0, 1] diffusion, ≈ 0 no effect on the buffer, [−1, 0) displacement smaller than
 * the direct effect, < −1 displacement that outweighs it.
 */
export function wdq(a: BeforeAfter, b: BeforeAfter, c: BeforeAfter): Wdq | null {
  if (c.before <= 0 || c.after <= 0) return null;
  const successMeasure = a.after / c.after - a.before / c.before;
  if (Math.abs(successMeasure) < WDQ_MIN_DENOMINATOR) return null;
  const bufferMeasure = b.after / c.after - b.before / c.before;
  const value = bufferMeasure / successMeasure;
  const reading: WdqReading =
    Math.abs(value) < WDQ_NEUTRAL ? 'no-buffer-effect' : value > 1 ? 'diffusion-greater-than-effect' : value > 0 ? 'diffusion' : value >= -1 ? 'displacement-smaller-than-effect' : 'displacement-greater-than-effect';
  return { value, successMeasure, bufferMeasure, reading };
}

/** Plain Swedish for a WDQ reading. */
export const WDQ_READING_SV: Record<WdqReading, string> = {
  'diffusion-greater-than-effect': 'spridning av nytta större än den direkta effekten',
  diffusion: 'spridning av nytta till buffertzonen',
  'no-buffer-effect': 'ingen effekt i buffertzonen',
  'displacement-smaller-than-effect': 'förflyttning till buffertzonen, mindre än den direkta effekten',
  'displacement-greater-than-effect': 'förflyttning till buffertzonen som är större än den direkta effekten',
};

export interface DarkDay {
  dark: number;
  day: number;
}

export interface DarkDesign {
  target: { before: DarkDay & { share: number | null }; after: DarkDay & { share: number | null } };
  control: { before: DarkDay & { share: number | null }; after: DarkDay & { share: number | null } };
  /** (odds of darkness after / before at the target) ÷ (the same at the control); < 1: the dark share fell more at the target. */
  oddsRatio: number;
  low: number;
  high: number;
  z: number;
  p: number;
}

const share = (x: DarkDay) => ({ ...x, share: x.dark + x.day > 0 ? x.dark / (x.dark + x.day) : null });

/**
 * The dark/daylight design of street-lighting studies (Painter & Farrington 1997, 2001): the change
 * in the odds that a report falls in darkness, target against control — a ratio of odds ratios
 * with Woolf's log standard error √Σ1/n (0.5 added to every cell when one is empty).
 */
export function darkDaylight(t0: DarkDay, t1: DarkDay, c0: DarkDay, c1: DarkDay): DarkDesign | null {
  const cells = [t0.dark, t0.day, t1.dark, t1.day, c0.dark, c0.day, c1.dark, c1.day];
  if (t0.dark + t0.day === 0 || t1.dark + t1.day === 0 || c0.dark + c0.day === 0 || c1.dark + c1.day === 0) return null;
  const k = cells.some((v) => v === 0) ? 0.5 : 0;
  const [a0, b0, a1, b1, d0, e0, d1, e1] = cells.map((v) => v + k) as [number, number, number, number, number, number, number, number];
  const logOr = Math.log((a1 / b1) / (a0 / b0)) - Math.log((d1 / e1) / (d0 / e0));
  const se = Math.sqrt(cells.reduce((s, v) => s + 1 / (v + k), 0));
  const z = logOr / se;
  return {
    target: { before: share(t0), after: share(t1) },
    control: { before: share(c0), after: share(c1) },
    oddsRatio: Math.exp(logOr), low: Math.exp(logOr - 1.96 * se), high: Math.exp(logOr + 1.96 * se), z, p: twoSidedP(z),
  };
}
