// Emerging hot-spot patterns of one cell from its Gi* class per time step and the Mann–Kendall
// trend of its Gi* z-scores, after the pattern definitions of ArcGIS Pro's Emerging Hot Spot
// Analysis (Esri, "How Emerging Hot Spot Analysis works"), restricted to the hot patterns asked
// for: new, intensifying, persistent, diminishing, sporadic.
import { mannKendall, type TrendResult } from './mann-kendall.ts';
import type { HotspotClass } from './gi-star.ts';

export type EmergingPattern = 'new' | 'intensifying' | 'persistent' | 'diminishing' | 'sporadic' | null;

/** Share of time steps that must be hot for the persistent family (ArcGIS uses 90 %). */
export const PERSISTENT_SHARE = 0.9;

export interface EmergingResult {
  pattern: EmergingPattern;
  trend: TrendResult;
  hotSteps: number;
}

const isHot = (c: HotspotClass) => c > 0;
const isCold = (c: HotspotClass) => c < 0;

/** Classifies one cell; `classes` and `zScores` are ordered oldest → newest (the last is "now"). */
export function emergingPattern(classes: readonly HotspotClass[], zScores: readonly number[]): EmergingResult {
  const trend = mannKendall(zScores);
  const n = classes.length;
  const hotSteps = classes.filter(isHot).length;
  const lastHot = n > 0 && isHot(classes[n - 1]!);
  const everCold = classes.some(isCold);
  let pattern: EmergingPattern = null;
  if (lastHot && hotSteps === 1) pattern = 'new';
  else if (n > 0 && hotSteps >= PERSISTENT_SHARE * n) {
    if (lastHot && trend.direction === 'up') pattern = 'intensifying';
    else if (lastHot && trend.direction === 'down') pattern = 'diminishing';
    else if (trend.direction === 'none') pattern = 'persistent';
  } else if (lastHot && !everCold) pattern = 'sporadic';
  return { pattern, trend, hotSteps };
}
