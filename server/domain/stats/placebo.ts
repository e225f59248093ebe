// The placebo (in-space permutation) test: the same statistic for many pseudo-target areas of the
// target's size, grown as contiguous H3 patches from random cells of the pool, against the same
// control; p = (1 + #{|z_placebo| ≥ |z_observed|}) / (1 + draws). Seeded, so it repeats.
import { makeRandom } from '../synthetic-reports.ts';
import { logRatioZ } from './did-rate-ratio.ts';

export interface PlaceboInput {
  /** For every cell of the universe: its cells' neighbour indices (k = 1 ring), −1-free. */
  neighbours: readonly (readonly number[])[];
  /** Per-cell totals before and after. */
  before: ArrayLike<number>;
  after: ArrayLike<number>;
  /** Cells a pseudo-target may use (outside the target and its buffer). */
  pool: readonly number[];
  /** Control cells (a pseudo-target's overlap with them is taken out of the control). */
  control: readonly number[];
  size: number;
  observedZ: number;
  draws: number;
  seed: number;
}

export interface PlaceboResult {
  p: number;
  /** Draws that produced an area (a patch smaller than the target is skipped). */
  draws: number;
}

export function placeboTest(inp: PlaceboInput): PlaceboResult | null {
  const n = inp.neighbours.length;
  const inPool = new Uint8Array(n);
  for (const i of inp.pool) inPool[i] = 1;
  const inControl = new Uint8Array(n);
  let c0 = 0;
  let c1 = 0;
  for (const i of inp.control) {
    inControl[i] = 1;
    c0 += inp.before[i]!;
    c1 += inp.after[i]!;
  }
  if (inp.pool.length < inp.size || inp.size < 1) return null;
  const rnd = makeRandom(inp.seed);
  const stamp = new Int32Array(n);
  const queue = new Int32Array(n);
  let done = 0;
  let extreme = 0;
  const obs = Math.abs(inp.observedZ) - 1e-12;
  for (let attempt = 0; done < inp.draws && attempt < inp.draws * 4; attempt++) {
    const mark = attempt + 1;
    const seed = inp.pool[Math.floor(rnd() * inp.pool.length)]!;
    let head = 0;
    let tail = 0;
    queue[tail++] = seed;
    stamp[seed] = mark;
    let p0 = 0, p1 = 0, o0 = 0, o1 = 0;
    let taken = 0;
    while (head < tail && taken < inp.size) {
      const cell = queue[head++]!;
      taken++;
      p0 += inp.before[cell]!;
      p1 += inp.after[cell]!;
      if (inControl[cell]) {
        o0 += inp.before[cell]!;
        o1 += inp.after[cell]!;
      }
      for (const nb of inp.neighbours[cell]!) {
        if (inPool[nb] && stamp[nb] !== mark) {
          stamp[nb] = mark;
          queue[tail++] = nb;
        }
      }
    }
    if (taken < inp.size) continue;
    done++;
    const z = logRatioZ({ before: p0, after: p1 }, { before: c0 - o0, after: c1 - o1 });
    if (Math.abs(z) >= obs) extreme++;
  }
  if (!done) return null;
  return { p: (1 + extreme) / (1 + done), draws: done };
}
