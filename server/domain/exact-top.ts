// Exact solver for small patrol problems (n ≤ 14 candidates): enumerates every well-formed stop
// sequence, keeps the best per set of cells, then splits the cells between teams by dynamic
// programming over subsets (teams never share cells, so team values add). For tests and benches.
import { isWellFormed, routeValue, type TopProblem } from './top-model.ts';

export const EXACT_MAX_CANDIDATES = 14;

export interface ExactPlan {
  routes: number[][];
  value: number;
  sequencesTried: number;
}

export function solveExact(p: TopProblem): ExactPlan {
  if (p.n > EXACT_MAX_CANDIDATES) throw new RangeError(`solveExact takes at most ${EXACT_MAX_CANDIDATES} candidates, got ${p.n}`);
  const size = 1 << p.n;
  const bestValue = new Float64Array(size).fill(-Infinity);
  const bestSeq: (number[] | undefined)[] = new Array(size);
  bestValue[0] = 0;
  bestSeq[0] = [];
  let tried = 0;
  const seq: number[] = [];
  const visit = (mask: number) => {
    if (seq.length > 0) {
      tried++;
      const v = routeValue(p, seq);
      if (v > bestValue[mask]!) [bestValue[mask], bestSeq[mask]] = [v, [...seq]];
    }
    if (seq.length === p.maxStops) return;
    for (let c = 0; c < p.n; c++) {
      seq.push(c);
      if (isWellFormed(p, seq)) visit(mask | (1 << c));
      seq.pop();
    }
  };
  visit(0);

  // layer[k][mask]: best value of k teams covering exactly the cells in mask.
  let layer = bestValue;
  const choices: Int32Array[] = [];
  for (let k = 2; k <= p.teams; k++) {
    const next = new Float64Array(size).fill(-Infinity);
    const pick = new Int32Array(size);
    for (let mask = 0; mask < size; mask++) {
      for (let sub = mask; ; sub = (sub - 1) & mask) {
        const v = layer[mask ^ sub]! + bestValue[sub]!;
        if (v > next[mask]!) [next[mask], pick[mask]] = [v, sub];
        if (sub === 0) break;
      }
    }
    choices.push(pick);
    layer = next;
  }
  let mask = 0;
  for (let m = 1; m < size; m++) if (layer[m]! > layer[mask]!) mask = m;
  const value = layer[mask]!;
  const routes: number[][] = [];
  for (let k = choices.length - 1; k >= 0; k--) {
    const sub = choices[k]![mask]!;
    routes.push(bestSeq[sub]!);
    mask ^= sub;
  }
  routes.push(bestSeq[mask]!);
  while (routes.length < p.teams) routes.push([]);
  return { routes: routes.reverse(), value, sequencesTried: tried };
}
