// A randomised patrol-dosage experiment over hot-spot cells (Sherman & Weisburd 1995; Ariel,
// Weinborn & Sherman 2016, Peterborough): assignment blocked by district from a seed, power by
// simulation from the cells' own base rates, and the analysis — intention-to-treat rate ratio
// from a count model with block effects and the pre-period count as covariate, a
// randomisation-inference p-value (re-drawing the blocked assignment), dose–response by
// delivered minutes, and displacement to the surrounding rings (WDQ).
import { makeRandom } from '../synthetic-reports.ts';
import { twoSidedP } from '../normal.ts';
import { fitCounts, fitPoisson, type GlmFit } from './glm.ts';
import { wdq, WDQ_READING_SV, type BeforeAfter, type Wdq } from './displacement.ts';

export type Arm = 'treatment' | 'control';

export interface ExperimentCell {
  cell: string;
  district: string;
}

export interface Assigned extends ExperimentCell {
  arm: Arm;
}

/**
 * Blocked randomisation: within each district (in id order) the cells (in id order) are shuffled
 * by Fisher–Yates from the seeded generator; the first half is treated, and an odd block's middle
 * cell goes to either arm by a coin. Same cells and seed, same assignment.
 */
export function assignBlocked(cells: readonly ExperimentCell[], seed: number): Assigned[] {
  const rnd = makeRandom(seed);
  const blocks = new Map<string, string[]>();
  for (const c of [...cells].sort((a, b) => (a.cell < b.cell ? -1 : 1))) (blocks.get(c.district) ?? blocks.set(c.district, []).get(c.district)!).push(c.cell);
  const out: Assigned[] = [];
  for (const district of [...blocks.keys()].sort()) {
    const ids = blocks.get(district)!;
    for (let i = ids.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [ids[i], ids[j]] = [ids[j]!, ids[i]!];
    }
    const half = Math.floor(ids.length / 2) + (ids.length % 2 === 1 && rnd() < 0.5 ? 1 : 0);
    ids.forEach((cell, i) => out.push({ cell, district, arm: i < half ? 'treatment' : 'control' }));
  }
  return out;
}

export interface CellOutcome extends Assigned {
  /** Reports in the `weeks` weeks before the start. */
  pre: number;
  /** Reports during the experiment. */
  post: number;
  /** Presence minutes delivered in the cell during the experiment's evenings. */
  deliveredMin: number;
}

export interface Effect {
  estimate: number;
  low: number;
  high: number;
  p: number;
  family: 'poisson' | 'negbin';
}

/** Design rows: intercept, block dummies, log(pre + ½), then `extra` columns. */
function design(rows: readonly CellOutcome[], extra: (r: CellOutcome) => number[]): number[][] {
  const blocks = [...new Set(rows.map((r) => r.district))].sort();
  return rows.map((r) => [1, ...blocks.slice(1).map((b) => (r.district === b ? 1 : 0)), Math.log(r.pre + 0.5), ...extra(r)]);
}

const effectOf = (fit: GlmFit | null, scale = 1): Effect | null => {
  if (!fit || !fit.converged) return null;
  const k = fit.coef.length - 1;
  const b = fit.coef[k]! * scale;
  const se = fit.se[k]! * scale;
  const z = b / se;
  return { estimate: Math.exp(b), low: Math.exp(b - 1.96 * se), high: Math.exp(b + 1.96 * se), p: twoSidedP(z), family: fit.family };
};

/** Intention to treat: rate ratio treatment/control with block effects and the pre count as covariate. */
export function ittEffect(rows: readonly CellOutcome[]): Effect | null {
  if (rows.length < 4 || !rows.some((r) => r.arm === 'treatment') || !rows.some((r) => r.arm === 'control')) return null;
  return effectOf(fitCounts({ y: rows.map((r) => r.post), x: design(rows, (r) => [r.arm === 'treatment' ? 1 : 0]) }));
}

/** The Poisson treatment coefficient for an assignment (the randomisation test's statistic). */
function ittStatistic(rows: readonly CellOutcome[], treated: (r: CellOutcome, i: number) => boolean): number | null {
  const fit = fitPoisson({ y: rows.map((r) => r.post), x: design(rows, () => [0]).map((row, i) => (row[row.length - 1] = treated(rows[i]!, i) ? 1 : 0, row)) });
  return fit?.converged ? fit.coef.at(-1)! : null;
}

/**
 * Randomisation inference: the share of re-drawn blocked assignments whose statistic is at least
 * as far from 0 as the one observed, counting the observed one: (1 + #extreme) / (1 + draws).
 */
export function randomisationP(rows: readonly CellOutcome[], draws: number, seed: number): number | null {
  const observed = ittStatistic(rows, (r) => r.arm === 'treatment');
  if (observed === null) return null;
  const rnd = makeRandom(seed);
  let extreme = 0;
  let done = 0;
  for (let d = 0; d < draws; d++) {
    const arms = new Map(assignBlocked(rows, Math.floor(rnd() * 2 ** 31)).map((a) => [a.cell, a.arm]));
    const s = ittStatistic(rows, (r) => arms.get(r.cell) === 'treatment');
    if (s === null) continue;
    done++;
    if (Math.abs(s) >= Math.abs(observed) - 1e-12) extreme++;
  }
  return (1 + extreme) / (1 + done);
}

/** Dose–response: rate ratio per 10 minutes of presence per evening (observational, not randomised). */
export function doseResponse(rows: readonly CellOutcome[], evenings: number): Effect | null {
  if (rows.length < 5 || !rows.some((r) => r.deliveredMin > 0)) return null;
  return effectOf(fitCounts({ y: rows.map((r) => r.post), x: design(rows, (r) => [r.deliveredMin / Math.max(1, evenings) / 10]) }));
}

/** WDQ of the treatment cells (A), the rings around them (B) and the control cells (C). */
export function experimentWdq(rows: readonly CellOutcome[], buffer: BeforeAfter): (Wdq & { readingSv: string }) | null {
  const sum = (arm: Arm): BeforeAfter => rows.filter((r) => r.arm === arm).reduce((s, r) => ({ before: s.before + r.pre, after: s.after + r.post }), { before: 0, after: 0 });
  const q = wdq(sum('treatment'), buffer, sum('control'));
  return q ? { ...q, readingSv: WDQ_READING_SV[q.reading] } : null;
}

function poisson(rnd: () => number, mean: number): number {
  if (mean > 50) return Math.max(0, Math.round(mean + Math.sqrt(mean) * Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd())));
  let k = 0;
  for (let t = -Math.log(1 - rnd()); t < mean; t += -Math.log(1 - rnd())) k++;
  return k;
}

export interface PowerRow {
  reduction: number;
  power: number;
}

/**
 * Power by simulation: for each reduction, `sims` experiments drawn from the cells' own weekly
 * base rates (Poisson, a fresh blocked assignment each), analysed by ittEffect; power is the share
 * with a significant fall at the 5 % level.
 */
export function simulatePower(cells: readonly ExperimentCell[], weeklyRate: ReadonlyMap<string, number>, weeks: number, seed: number, sims = 200, reductions: readonly number[] = [0.2, 0.3, 0.4]): PowerRow[] {
  const rnd = makeRandom(seed ^ 0x5eed);
  return reductions.map((reduction) => {
    let hits = 0;
    for (let s = 0; s < sims; s++) {
      const rows = assignBlocked(cells, Math.floor(rnd() * 2 ** 31)).map((a): CellOutcome => {
        const rate = Math.max(0.02, weeklyRate.get(a.cell) ?? 0) * weeks;
        return { ...a, pre: poisson(rnd, rate), post: poisson(rnd, rate * (a.arm === 'treatment' ? 1 - reduction : 1)), deliveredMin: 0 };
      });
      const e = ittEffect(rows);
      if (e && e.high < 1) hits++;
    }
    return { reduction, power: hits / sims };
  });
}
