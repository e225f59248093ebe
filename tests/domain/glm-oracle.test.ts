// The hand-written IRLS (Poisson, negative binomial with θ by ML) against statsmodels, run as an
// independent oracle (Debian python3-statsmodels). Skipped with a warning outside CI when absent.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fitNegBin, fitPoisson } from '../../server/domain/stats/glm.ts';
import { makeRandom } from '../../server/domain/synthetic-reports.ts';

const PY = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
const hasOracle = spawnSync(PY, ['-c', 'import statsmodels'], { encoding: 'utf8' }).status === 0;
if (!hasOracle) {
  if (process.env.CI) throw new Error('python3-statsmodels is required in CI (apt-get install python3-statsmodels)');
  console.warn('glm-oracle: python3-statsmodels not installed; the oracle cross-check is skipped (apt-get install python3-statsmodels)');
}

const ORACLE = `
import json, sys, warnings
warnings.simplefilter("ignore")
import numpy as np, statsmodels.api as sm
d = json.load(sys.stdin)
y = np.array(d["y"], float); X = np.array(d["x"], float)
p = sm.GLM(y, X, family=sm.families.Poisson()).fit()
nb = sm.NegativeBinomial(y, X, loglike_method="nb2").fit(disp=0, maxiter=500, method="bfgs", gtol=1e-10)
k = X.shape[1]
print(json.dumps({"pois": list(p.params), "poisSe": list(p.bse), "nb": list(nb.params[:k]), "theta": 1.0 / nb.params[k]}))
`;

function poisson(rnd: () => number, mean: number): number {
  let k = 0;
  for (let t = -Math.log(1 - rnd()); t < mean; t += -Math.log(1 - rnd())) k++;
  return k;
}
/** Gamma(shape, 1) by Marsaglia–Tsang (shape ≥ 1). */
function gamma(rnd: () => number, shape: number): number {
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
    const v = (1 + c * x) ** 3;
    if (v > 0 && Math.log(1 - rnd()) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

/** Over-dispersed counts (NB with θ = 3) from a design with an intercept, a group and a slope. */
function dataset(seed: number, n: number) {
  const rnd = makeRandom(seed);
  const x: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const g = i % 2;
    const t = (i % 10) / 10;
    x.push([1, g, t]);
    const mu = Math.exp(1.2 + 0.5 * g - 0.8 * t);
    y.push(poisson(rnd, mu * gamma(rnd, 3) / 3));
  }
  return { x, y };
}

describe.skipIf(!hasOracle)('GLM fitting against statsmodels', () => {
  for (const seed of [1, 2, 3]) {
    it(`agrees on Poisson and NB coefficients and θ (seed ${seed})`, () => {
      const data = dataset(seed, 300);
      const out = spawnSync(PY, ['-c', ORACLE], { input: JSON.stringify(data), encoding: 'utf8' });
      expect(out.status, out.stderr).toBe(0);
      const ref = JSON.parse(out.stdout) as { pois: number[]; poisSe: number[]; nb: number[]; theta: number };
      const pois = fitPoisson(data)!;
      const nb = fitNegBin(data)!;
      pois.coef.forEach((b, i) => expect(b).toBeCloseTo(ref.pois[i]!, 6));
      pois.se.forEach((s, i) => expect(s).toBeCloseTo(ref.poisSe[i]!, 6));
      nb.coef.forEach((b, i) => expect(b).toBeCloseTo(ref.nb[i]!, 4));
      expect(nb.theta / ref.theta).toBeCloseTo(1, 3);
      expect(nb.family).toBe('negbin');
    });
  }
});

describe('GLM fitting, hand-computed cases', () => {
  it('recovers the log rate ratio of a 2 × 2 table exactly', () => {
    // Saturated: the MLE of the interaction is log((a1/a0)/(b1/b0)).
    const y = [20, 10, 20, 20];
    const x = [[1, 1, 0, 0], [1, 1, 1, 1], [1, 0, 0, 0], [1, 0, 1, 0]];
    const f = fitPoisson({ y, x })!;
    expect(f.coef[3]).toBeCloseTo(Math.log(0.5), 10);
    expect(f.se[3]).toBeCloseTo(Math.sqrt(1 / 20 + 1 / 10 + 1 / 20 + 1 / 20), 8);
  });
  it('returns null for a singular design', () => {
    expect(fitPoisson({ y: [1, 2, 3], x: [[1, 0], [1, 0], [1, 0]] })).toBeNull();
  });
});

describe('θ for large counts', () => {
  it('gives the same θ by the asymptotic ψ as by exact sums', async () => {
    const { thetaMl } = await import('../../server/domain/stats/glm.ts');
    // Counts straddling the switch (64): scaling y and μ together keeps the problem comparable.
    const y = [40, 55, 63, 64, 70, 90, 120, 150, 61, 58];
    const mu = y.map(() => 77.1);
    const t = thetaMl(y, mu);
    // Exact: the score with finite sums, by bisection.
    const score = (th: number) => y.reduce((s, yi, i) => {
      let dg = 0;
      for (let k = 0; k < yi; k++) dg += 1 / (th + k);
      return s + dg + Math.log(th) + 1 - Math.log(th + mu[i]!) - (yi + th) / (mu[i]! + th);
    }, 0);
    let lo = 0.5, hi = 1000;
    for (let i = 0; i < 200; i++) { const m = (lo + hi) / 2; if (score(m) > 0) lo = m; else hi = m; }
    expect(t / lo).toBeCloseTo(1, 6);
  });
});
