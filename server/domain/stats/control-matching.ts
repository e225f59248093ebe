// Comparison cells for a target: nearest neighbours on the pre-period's level (mean reports per
// week) and trend (least-squares slope per week), each standardised by its spread over the pool,
// chosen greedily without replacement, the busiest target cells first.

export interface PrePeriod {
  level: number;
  trend: number;
}

/** Level and trend of a weekly series. */
export function levelAndTrend(series: ArrayLike<number>): PrePeriod {
  const n = series.length;
  if (!n) return { level: 0, trend: 0 };
  let sum = 0;
  for (let i = 0; i < n; i++) sum += series[i]!;
  const level = sum / n;
  const xm = (n - 1) / 2;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (i - xm) * (series[i]! - level);
    sxx += (i - xm) ** 2;
  }
  return { level, trend: sxx > 0 ? sxy / sxx : 0 };
}

const sd = (xs: readonly number[]) => {
  const m = xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / Math.max(1, xs.length - 1));
};

/**
 * Picks up to perTarget pool cells for each target cell (ids are indices into `pre`). Ties go to
 * the lower index, so the choice repeats.
 */
export function matchControls(pre: readonly PrePeriod[], targets: readonly number[], pool: readonly number[], perTarget: number): number[] {
  const sl = sd(pool.map((i) => pre[i]!.level)) || 1;
  const st = sd(pool.map((i) => pre[i]!.trend)) || 1;
  const used = new Set<number>();
  const chosen: number[] = [];
  const order = [...targets].sort((a, b) => pre[b]!.level - pre[a]!.level || a - b);
  for (let round = 0; round < perTarget; round++) {
    for (const t of order) {
      let best = -1;
      let bestD = Infinity;
      for (const c of pool) {
        if (used.has(c)) continue;
        const d = ((pre[c]!.level - pre[t]!.level) / sl) ** 2 + ((pre[c]!.trend - pre[t]!.trend) / st) ** 2;
        if (d < bestD) [best, bestD] = [c, d];
      }
      if (best < 0) return chosen;
      used.add(best);
      chosen.push(best);
    }
  }
  return chosen;
}
