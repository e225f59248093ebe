// Key figures of the lägesbild: each district × category count this week against the mean of
// the weeks before, tested with the E-test (poisson-etest.ts), flagged as a rise or a fall only
// when the family of tests survives Benjamini–Hochberg and the numbers are not tiny. A week still
// running is compared for the part of it that has passed (its exposure), not as a whole week.
import { eTestTwoSided } from './poisson-etest.ts';
import { bhSignificant } from './fdr.ts';

export type Change = 'rise' | 'fall' | 'none';

export interface ChangeRule {
  /** Weeks in the baseline (exposure of the baseline against 1 for the week). */
  baselineWeeks: number;
  /** False discovery rate over every district × category tested in the week. */
  fdr: number;
  /** A rise needs at least this many reports this week … */
  minCount: number;
  /** … and a fall a baseline mean of at least this many per week … */
  minBaseline: number;
  /** … and either needs this much difference between the week and the baseline mean. */
  minDifference: number;
}

/** The documented rule (README, OpenAPI): 8 weeks, FDR 5 %, ≥ 5 reports for a rise, baseline ≥ 5 for a fall, difference ≥ 3. */
export const DEFAULT_CHANGE_RULE: ChangeRule = { baselineWeeks: 8, fdr: 0.05, minCount: 5, minBaseline: 5, minDifference: 3 };

export interface CountRow {
  district: string;
  category: string;
  /** Reports this week. */
  count: number;
  /** Reports in the baseline weeks together. */
  baselineTotal: number;
}

export interface ChangeRow {
  district: string;
  category: string;
  count: number;
  /** Mean reports per week over the baseline weeks. */
  baseline: number;
  /** What the baseline expects for the part of the week that has passed (= baseline for a complete week). */
  expected: number;
  /** Two-sided E-test p-value (1 week against `baselineWeeks`). */
  p: number;
  change: Change;
}

/** The smallest exposure tested: one hour of the week (a week that has barely begun tells nothing). */
const MIN_EXPOSURE = 1 / 168;

/**
 * `exposure` is the fraction of the week that has passed (1 for a complete week): the week's count
 * is tested as `exposure` weeks of observation, and the rise/fall thresholds apply to the baseline
 * scaled to it, so Tuesday morning of a running week does not read as a fall in every category.
 */
export function detectChanges(rows: readonly CountRow[], rule: ChangeRule = DEFAULT_CHANGE_RULE, exposure = 1): ChangeRow[] {
  const f = Math.min(1, Math.max(MIN_EXPOSURE, exposure));
  const tested = rows.filter((r) => r.count > 0 || r.baselineTotal > 0);
  const ps = tested.map((r) => eTestTwoSided(r.count, f, r.baselineTotal, rule.baselineWeeks));
  const significant = bhSignificant(ps, rule.fdr);
  const round2 = (x: number) => Math.round(x * 100) / 100;
  return tested
    .map((r, i) => {
      const baseline = r.baselineTotal / rule.baselineWeeks;
      const expected = baseline * f;
      const diff = r.count - expected;
      let change: Change = 'none';
      if (significant[i]) {
        if (diff >= rule.minDifference && r.count >= rule.minCount) change = 'rise';
        else if (-diff >= rule.minDifference && expected >= rule.minBaseline) change = 'fall';
      }
      return { district: r.district, category: r.category, count: r.count, baseline: round2(baseline), expected: round2(expected), p: ps[i]!, change };
    })
    .sort((a, b) => a.district.localeCompare(b.district) || a.p - b.p || a.category.localeCompare(b.category));
}
