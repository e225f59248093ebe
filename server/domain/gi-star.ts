// Getis–Ord Gi* hot-spot statistic (Getis & Ord 1992, Geographical Analysis 24(3); Ord & Getis
// 1995, Geographical Analysis 27(4), eq. 14) over H3 ring neighbourhoods with binary weights
// (a cell and every cell within k rings, itself included), and the confidence classes of ArcGIS
// Pro's Hot Spot Analysis / Optimized Hot Spot Analysis: ±3 (99 %), ±2 (95 %), ±1 (90 %), 0,
// with the Benjamini–Hochberg FDR correction applied at each level.
import { gridDisk } from 'h3-js';
import { twoSidedP } from './normal.ts';
import { bhSignificant } from './fdr.ts';

export type HotspotClass = -3 | -2 | -1 | 0 | 1 | 2 | 3;

export interface GiStar {
  cell: string;
  value: number;
  z: number;
  p: number;
  /** +3 hot at 99 %, … −3 cold at 99 %, 0 not significant (after FDR). */
  class: HotspotClass;
}

export interface GiOptions {
  /** Neighbourhood radius in H3 rings (default 1: the cell and its 6 neighbours). */
  k?: number;
  /** Apply the Benjamini–Hochberg correction (default true). */
  fdr?: boolean;
}

/**
 * Gi* for every cell of the study area. `universe` lists every cell of the area (cells with no
 * reports count as zeros — leaving them out would bias the mean); `values` holds the non-zero
 * ones. Neighbours outside the universe are ignored. With no variance every z is 0.
 */
export function giStar(universe: readonly string[], values: ReadonlyMap<string, number>, opts: GiOptions = {}): GiStar[] {
  const k = opts.k ?? 1;
  const n = universe.length;
  const index = new Map<string, number>();
  universe.forEach((c, i) => index.set(c, i));
  const x = new Float64Array(n);
  let sum = 0;
  let sumSq = 0;
  universe.forEach((c, i) => {
    const v = values.get(c) ?? 0;
    x[i] = v;
    sum += v;
    sumSq += v * v;
  });
  const mean = sum / n;
  const s = Math.sqrt(Math.max(0, sumSq / n - mean * mean));

  const out: GiStar[] = universe.map((cell, i) => {
    let wx = 0;
    let w = 0; // Σ w_ij = Σ w_ij² for binary weights
    for (const nb of gridDisk(cell, k)) {
      const j = index.get(nb);
      if (j === undefined) continue;
      wx += x[j]!;
      w += 1;
    }
    const denom = s * Math.sqrt((n * w - w * w) / (n - 1));
    const z = denom > 0 ? (wx - mean * w) / denom : 0;
    return { cell, value: x[i]!, z, p: twoSidedP(z), class: 0 };
  });
  return classify(out, opts.fdr ?? true);
}

const LEVELS: [number, 1 | 2 | 3][] = [
  [0.1, 1],
  [0.05, 2],
  [0.01, 3],
];

/** Sets each result's class from its p-value (FDR-corrected at each level when `fdr`). */
export function classify(results: GiStar[], fdr: boolean): GiStar[] {
  const ps = results.map((r) => r.p);
  for (const [alpha, level] of LEVELS) {
    const sig = fdr ? bhSignificant(ps, alpha) : ps.map((p) => p <= alpha);
    results.forEach((r, i) => {
      if (sig[i] && r.z !== 0) r.class = (Math.sign(r.z) * level) as HotspotClass;
    });
  }
  return results;
}
