// Poisson and negative-binomial (NB2) log-link regression fitted by iteratively reweighted least
// squares (McCullagh & Nelder 1989, §2.5), with the NB dispersion θ estimated by maximum
// likelihood as MASS::glm.nb does (Venables & Ripley 2002, §7.4: alternate the IRLS fit for a
// fixed θ with Newton steps on θ). Hand-written so the domain stays dependency-free; the tests
// compare it with statsmodels. Counts are integers, so ψ(θ + y) − ψ(θ) is an exact finite sum
// for small counts; large ones use ψ and ψ′ by their asymptotic series.
import { erfc } from '../normal.ts';

export interface GlmInput {
  /** Observed counts (non-negative integers). */
  y: ArrayLike<number>;
  /** Design matrix, one row per observation (include the intercept column yourself). */
  x: readonly (readonly number[])[];
  /** Offsets on the log scale (e.g. log exposure); default 0. */
  offset?: ArrayLike<number> | undefined;
}

export interface GlmFit {
  family: 'poisson' | 'negbin';
  coef: number[];
  /** Standard errors from the inverse Fisher information (θ held at its estimate). */
  se: number[];
  /** Fitted means. */
  mu: Float64Array;
  deviance: number;
  /** Pearson χ² = Σ (y − μ)² / V(μ). */
  pearson: number;
  /** Residual degrees of freedom, n − p. */
  df: number;
  /** NB dispersion θ (Var = μ + μ²/θ); Infinity for Poisson. */
  theta: number;
  converged: boolean;
  iterations: number;
}

const MAX_IT = 50;
const TOL = 1e-10;

/** Solves the symmetric positive-definite system A b = r (Cholesky); returns b and A⁻¹, or null when singular. */
function choleskySolve(a: Float64Array, r: Float64Array, p: number): { b: Float64Array; inv: Float64Array } | null {
  const l = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * p + j]!;
      for (let k = 0; k < j; k++) s -= l[i * p + k]! * l[j * p + k]!;
      if (i === j) {
        if (!(s > 1e-12 * Math.max(1, Math.abs(a[i * p + i]!)))) return null;
        l[i * p + i] = Math.sqrt(s);
      } else l[i * p + j] = s / l[j * p + j]!;
    }
  }
  const solve = (rhs: Float64Array) => {
    const z = new Float64Array(p);
    for (let i = 0; i < p; i++) {
      let s = rhs[i]!;
      for (let k = 0; k < i; k++) s -= l[i * p + k]! * z[k]!;
      z[i] = s / l[i * p + i]!;
    }
    const b = new Float64Array(p);
    for (let i = p - 1; i >= 0; i--) {
      let s = z[i]!;
      for (let k = i + 1; k < p; k++) s -= l[k * p + i]! * b[k]!;
      b[i] = s / l[i * p + i]!;
    }
    return b;
  };
  const inv = new Float64Array(p * p);
  const e = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    e.fill(0);
    e[j] = 1;
    const col = solve(e);
    for (let i = 0; i < p; i++) inv[i * p + j] = col[i]!;
  }
  return { b: solve(r), inv };
}

/** IRLS for the log link with variance μ + μ²/θ (θ = Infinity: Poisson). Starts from `start` when given. */
function irls(input: GlmInput, theta: number, start?: Float64Array): GlmFit | null {
  const { y, x } = input;
  const n = y.length;
  const p = x[0]?.length ?? 0;
  const off = (i: number) => (input.offset ? input.offset[i]! : 0);
  const mu = new Float64Array(n);
  const eta = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    mu[i] = start ? start[i]! : y[i]! + 0.1;
    eta[i] = Math.log(mu[i]!);
  }
  const variance = (m: number) => (theta === Infinity ? m : m + (m * m) / theta);
  const devOf = () => {
    let d = 0;
    for (let i = 0; i < n; i++) {
      const yi = y[i]!;
      const m = mu[i]!;
      if (theta === Infinity) d += 2 * ((yi > 0 ? yi * Math.log(yi / m) : 0) - (yi - m));
      else d += 2 * ((yi > 0 ? yi * Math.log(yi / m) : 0) - (yi + theta) * Math.log((yi + theta) / (m + theta)));
    }
    return d;
  };
  let dev = devOf();
  let coef: Float64Array = new Float64Array(p);
  let inv: Float64Array = new Float64Array(p * p);
  let converged = false;
  let it = 0;
  const xtwx = new Float64Array(p * p);
  const xtwz = new Float64Array(p);
  for (; it < MAX_IT; it++) {
    xtwx.fill(0);
    xtwz.fill(0);
    for (let i = 0; i < n; i++) {
      const m = mu[i]!;
      const w = (m * m) / variance(m); // (dμ/dη)² / V(μ)
      const z = eta[i]! - off(i) + (y[i]! - m) / m;
      const row = x[i]!;
      for (let a = 0; a < p; a++) {
        const wa = w * row[a]!;
        if (wa === 0) continue;
        xtwz[a] = xtwz[a]! + wa * z;
        for (let b = 0; b <= a; b++) xtwx[a * p + b] = xtwx[a * p + b]! + wa * row[b]!;
      }
    }
    for (let a = 0; a < p; a++) for (let b = 0; b < a; b++) xtwx[b * p + a] = xtwx[a * p + b]!;
    const sol = choleskySolve(xtwx, xtwz, p);
    if (!sol) return null;
    coef = sol.b;
    inv = sol.inv;
    for (let i = 0; i < n; i++) {
      const row = x[i]!;
      let e = off(i);
      for (let a = 0; a < p; a++) e += row[a]! * coef[a]!;
      eta[i] = Math.min(e, 700);
      mu[i] = Math.max(Math.exp(eta[i]!), 1e-300);
    }
    const next = devOf();
    if (Math.abs(next - dev) / (Math.abs(next) + 0.1) < TOL) {
      dev = next;
      converged = true;
      it++;
      break;
    }
    dev = next;
  }
  let pearson = 0;
  for (let i = 0; i < n; i++) pearson += (y[i]! - mu[i]!) ** 2 / variance(mu[i]!);
  const se = Array.from({ length: p }, (_, a) => Math.sqrt(Math.max(0, inv[a * p + a]!)));
  return { family: theta === Infinity ? 'poisson' : 'negbin', coef: [...coef], se, mu, deviance: dev, pearson, df: n - p, theta, converged, iterations: it };
}

/** Poisson regression with a log link. Null when the design is singular (e.g. a column of zeros). */
export function fitPoisson(input: GlmInput): GlmFit | null {
  return irls(input, Infinity);
}

/** ψ(x), x > 0: recurrence up to x ≥ 6, then the asymptotic series (Abramowitz & Stegun 6.3.18). */
function digamma(x: number): number {
  let r = 0;
  for (; x < 6; x++) r -= 1 / x;
  const f = 1 / (x * x);
  return r + Math.log(x) - 0.5 / x - f * (1 / 12 - f * (1 / 120 - f * (1 / 252 - f * (1 / 240 - f / 132))));
}

/** ψ′(x), x > 0: recurrence up to x ≥ 6, then the asymptotic series (A & S 6.4.12). */
function trigamma(x: number): number {
  let r = 0;
  for (; x < 6; x++) r += 1 / (x * x);
  const f = 1 / (x * x);
  return r + 1 / x + f / 2 + (f / x) * (1 / 6 - f * (1 / 30 - f * (1 / 42 - f / 30)));
}

/** Counts at or above this use ψ and ψ′ directly instead of the exact finite sums. */
const SUM_LIMIT = 64;

/** ML estimate of θ for fixed means (MASS::theta.ml): Newton steps on the score. */
export function thetaMl(y: ArrayLike<number>, mu: ArrayLike<number>): number {
  const n = y.length;
  let s = 0;
  for (let i = 0; i < n; i++) s += (y[i]! / mu[i]! - 1) ** 2;
  let t = s > 0 ? n / s : 1e6;
  for (let it = 0; it < 50; it++) {
    let score = 0;
    let info = 0;
    for (let i = 0; i < n; i++) {
      const yi = y[i]!;
      const m = mu[i]!;
      let dg = 0; // ψ(θ + y) − ψ(θ)
      let tg = 0; // ψ′(θ) − ψ′(θ + y)
      if (yi < SUM_LIMIT) {
        for (let k = 0; k < yi; k++) {
          dg += 1 / (t + k);
          tg += 1 / (t + k) ** 2;
        }
      } else {
        dg = digamma(t + yi) - digamma(t);
        tg = trigamma(t) - trigamma(t + yi);
      }
      score += dg + Math.log(t) + 1 - Math.log(t + m) - (yi + t) / (m + t);
      info += tg - 1 / t + 2 / (m + t) - (yi + t) / (m + t) ** 2;
    }
    if (!(info > 0)) break;
    const step = score / info;
    const next = t + step;
    t = next > 0 ? next : t / 2;
    if (Math.abs(step) < 1e-8 * (1 + t)) break;
    if (t > 1e8) return Infinity;
  }
  return t;
}

/** Negative-binomial (NB2) regression with θ by maximum likelihood, alternating as glm.nb does. */
export function fitNegBin(input: GlmInput): GlmFit | null {
  let fit = irls(input, Infinity);
  if (!fit) return null;
  let theta = thetaMl(input.y, fit.mu);
  for (let it = 0; it < 25 && Number.isFinite(theta); it++) {
    const next = irls(input, theta, fit.mu);
    if (!next) return null;
    fit = next;
    const t2 = thetaMl(input.y, fit.mu);
    const done = Math.abs(t2 - theta) / theta < 1e-8;
    theta = t2;
    if (done) break;
  }
  if (!Number.isFinite(theta)) return fit;
  return irls(input, theta, fit.mu);
}

/** Upper tail of χ² with df degrees of freedom (Wilson–Hilferty normal approximation). */
export function chiSquareUpper(x: number, df: number): number {
  if (df <= 0) return 1;
  const h = 2 / (9 * df);
  const z = (Math.cbrt(x / df) - (1 - h)) / Math.sqrt(h);
  return 0.5 * erfc(z / Math.SQRT2);
}

/**
 * Poisson first; negative binomial when the Poisson fit is over-dispersed (Pearson χ² above its
 * df at the 5 % level). The chosen fit says which family it is.
 */
export function fitCounts(input: GlmInput): GlmFit | null {
  const pois = fitPoisson(input);
  if (!pois || pois.df <= 0) return pois;
  if (chiSquareUpper(pois.pearson, pois.df) >= 0.05) return pois;
  return fitNegBin(input) ?? pois;
}
