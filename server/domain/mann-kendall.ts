// Mann–Kendall monotonic trend test (Mann 1945, Econometrica 13; Kendall 1975, Rank Correlation
// Methods) with the tie-corrected variance and the continuity-corrected normal approximation,
// as used by ArcGIS's Emerging Hot Spot Analysis on each location's time series.
import { twoSidedP } from './normal.ts';

export interface TrendResult {
  /** S = Σ_{i<j} sign(x_j − x_i). */
  s: number;
  variance: number;
  z: number;
  p: number;
  /** Kendall's τ = S / (n(n−1)/2). */
  tau: number;
  /** 'up' or 'down' when p ≤ alpha, otherwise 'none'. */
  direction: 'up' | 'down' | 'none';
}

export function mannKendall(series: readonly number[], alpha = 0.05): TrendResult {
  const n = series.length;
  let s = 0;
  for (let i = 0; i < n - 1; i++) for (let j = i + 1; j < n; j++) s += Math.sign(series[j]! - series[i]!);
  const ties = new Map<number, number>();
  for (const v of series) ties.set(v, (ties.get(v) ?? 0) + 1);
  let tieTerm = 0;
  for (const t of ties.values()) if (t > 1) tieTerm += t * (t - 1) * (2 * t + 5);
  const variance = (n * (n - 1) * (2 * n + 5) - tieTerm) / 18;
  const z = variance > 0 ? (s > 0 ? (s - 1) / Math.sqrt(variance) : s < 0 ? (s + 1) / Math.sqrt(variance) : 0) : 0;
  const p = twoSidedP(z);
  const pairs = (n * (n - 1)) / 2;
  return { s, variance, z, p, tau: pairs > 0 ? s / pairs : 0, direction: p <= alpha ? (z > 0 ? 'up' : 'down') : 'none' };
}
