// Benjamini–Hochberg false discovery rate (Benjamini & Hochberg 1995, J. R. Stat. Soc. B 57(1)):
// with m tests, reject every p ≤ p(k) where k is the largest rank with p(k) ≤ (k/m)·α.

/** The largest p-value that is still significant at FDR level α, or -1 when none is. */
export function bhThreshold(pValues: readonly number[], alpha: number): number {
  const sorted = [...pValues].sort((a, b) => a - b);
  const m = sorted.length;
  let threshold = -1;
  for (let k = 1; k <= m; k++) {
    const p = sorted[k - 1]!;
    if (p <= (k / m) * alpha) threshold = p;
  }
  return threshold;
}

/** Whether each p-value is a discovery at FDR level α. */
export function bhSignificant(pValues: readonly number[], alpha: number): boolean[] {
  const t = bhThreshold(pValues, alpha);
  return pValues.map((p) => p <= t);
}
