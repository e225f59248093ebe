// Difference-in-differences on weekly counts, target against control, as a count regression:
// log μ(g, w) = α + τ·[g = target] + δ_w + β·[g = target, w after the start]; exp β is the rate
// ratio (Poisson, or negative binomial when the weekly counts are over-dispersed). Also the
// smallest change the counts could detect, and the log-ratio z used by the placebo test.
import { fitCounts } from './glm.ts';
import { twoSidedP } from '../normal.ts';
import type { BeforeAfter } from './displacement.ts';

export interface RateRatio {
  estimate: number;
  low: number;
  high: number;
  p: number;
  family: 'poisson' | 'negbin';
  /** Pearson χ² / df of the fit (≈ 1 for Poisson data). */
  dispersion: number;
}

/** target and control: weekly counts, the first `weeks` before the start and the next `weeks` after. */
export function didRateRatio(target: ArrayLike<number>, control: ArrayLike<number>, weeks: number): RateRatio | null {
  const sums = (s: ArrayLike<number>, a: number, b: number) => {
    let t = 0;
    for (let i = a; i < b; i++) t += s[i]!;
    return t;
  };
  if (weeks < 2 || [sums(target, 0, weeks), sums(target, weeks, 2 * weeks), sums(control, 0, weeks), sums(control, weeks, 2 * weeks)].some((v) => v === 0)) return null;
  // Weeks with nothing in either series say nothing about β (their week effect would be −∞): left out.
  const kept = Array.from({ length: 2 * weeks }, (_, w) => w).filter((w) => target[w]! + control[w]! > 0);
  const y: number[] = [];
  const x: number[][] = [];
  for (const g of [1, 0]) {
    for (const [k, w] of kept.entries()) {
      const row = new Array<number>(3 + kept.length - 1).fill(0);
      row[0] = 1;
      row[1] = g;
      row[2] = g && w >= weeks ? 1 : 0;
      if (k > 0) row[2 + k] = 1;
      x.push(row);
      y.push((g ? target : control)[w]!);
    }
  }
  const fit = fitCounts({ y, x });
  if (!fit || !fit.converged) return null;
  const b = fit.coef[2]!;
  const se = fit.se[2]!;
  return { estimate: Math.exp(b), low: Math.exp(b - 1.96 * se), high: Math.exp(b + 1.96 * se), p: twoSidedP(b / se), family: fit.family, dispersion: fit.df > 0 ? fit.pearson / fit.df : 1 };
}

/** z of log((T₁/T₀)/(C₁/C₀)) with ½ added to each count: the placebo test's statistic. */
export function logRatioZ(t: BeforeAfter, c: BeforeAfter): number {
  const [t0, t1, c0, c1] = [t.before + 0.5, t.after + 0.5, c.before + 0.5, c.after + 0.5];
  return (Math.log(t1 / t0) - Math.log(c1 / c0)) / Math.sqrt(1 / t0 + 1 / t1 + 1 / c0 + 1 / c1);
}

/**
 * The smallest reduction (0–1) a two-sided 5 % test would find with 80 % power, given the
 * before counts, the control's after count and the dispersion: solves
 * |log r| = (1.96 + 0.84) · √(φ (1/T₀ + 1/(T₀ g r) + 1/C₀ + 1/C₁)), g = C₁/C₀, for the r nearest 1.
 */
export function smallestDetectableReduction(t0: number, c0: number, c1: number, dispersion = 1): number {
  if (t0 <= 0 || c0 <= 0 || c1 <= 0) return 1;
  const g = c1 / c0;
  const phi = Math.max(1, dispersion);
  const gap = (r: number) => -Math.log(r) - 2.8 * Math.sqrt(phi * (1 / t0 + 1 / (t0 * g * r) + 1 / c0 + 1 / c1));
  // gap is negative near 1 and again near 0 (the after count vanishes): walk down from 1 to the
  // first r where it turns positive, then bisect that step.
  let lo = -1;
  for (let r = 0.999; r > 0.001; r -= 0.001) {
    if (gap(r) > 0) {
      lo = r;
      break;
    }
  }
  if (lo < 0) return 1;
  let hi = lo + 0.001;
  for (let i = 0; i < 40; i++) {
    const mid = (lo + hi) / 2;
    if (gap(mid) > 0) lo = mid;
    else hi = mid;
  }
  return 1 - lo;
}
