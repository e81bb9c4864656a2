/**
 * Univariate distributions as plain data, with log-density, support, tail class, moments and
 * seeded sampling. Everything here is pure float64 math.
 */
import { excerpt } from "./excerpt.js";
import { evalFormula, type FormulaSpec, formulaQuantile, showInterval } from "./formula.js";
import { integratePieces } from "./quadrature.js";
import { LOG_2PI, lbeta, lgamma, logSumExp } from "./special.js";

export type Normal = { kind: "normal"; mu: number; sigma: number };
export type Uniform = { kind: "uniform"; a: number; b: number };
export type Laplace = { kind: "laplace"; mu: number; b: number };
export type Exponential = { kind: "exponential"; rate: number };
export type Cauchy = { kind: "cauchy"; x0: number; gamma: number };
export type StudentT = { kind: "studentT"; nu: number; mu: number; sigma: number };
export type Gamma = { kind: "gamma"; shape: number; rate: number };
export type Beta = { kind: "beta"; a: number; b: number };
export type Mixture = { kind: "mixture"; weights: number[]; components: Continuous[] };
/**
 * A density restricted to [lo, hi] and renormalized, e.g. the half-normal N(0, 1) on [0, ∞).
 * `mass` is the base's probability of [lo, hi], fixed when the distribution is made.
 */
export type Truncated = {
  kind: "truncated";
  base: Continuous;
  lo: number;
  hi: number;
  mass: number;
};
/** A density written out as a formula on an interval, e.g. p(x) = 2x on [0, 1] (see formula.ts). */
export type Formula = FormulaSpec;
/** A finite distribution on the points `values` (default 0, 1, …, k−1). */
export type Categorical = { kind: "categorical"; probs: number[]; values: number[] };
/** Binomial(n, p) on {0, …, n}. */
export type Binomial = { kind: "binomial"; n: number; p: number };
/** Poisson(λ) on {0, 1, 2, …}. */
export type Poisson = { kind: "poisson"; rate: number };
/**
 * Geometric(p) on {from, from + 1, …}: from = 1 counts the trials up to the first success,
 * from = 0 the failures before it.
 */
export type Geometric = { kind: "geometric"; p: number; from: 0 | 1 };
export type Discrete = Categorical | Binomial | Poisson | Geometric;

export type Continuous =
  | Normal
  | Uniform
  | Laplace
  | Exponential
  | Cauchy
  | StudentT
  | Gamma
  | Beta
  | Mixture
  | Truncated
  | Formula;
export type Distribution = Continuous | Discrete;

const DISCRETE_KINDS = new Set<Distribution["kind"]>([
  "categorical",
  "binomial",
  "poisson",
  "geometric",
]);
export const isDiscrete = (d: Distribution): d is Discrete => DISCRETE_KINDS.has(d.kind);

/**
 * Support: a union of intervals (closed at finite ends) for densities, a finite point set, or
 * every integer from `from` on (Poisson, geometric).
 */
export type Support =
  | { kind: "continuous"; intervals: Array<[number, number]> }
  | { kind: "discrete"; points: number[] }
  | { kind: "integers"; from: number };

/** The support intervals of a density. */
export function intervals(d: Continuous): Array<[number, number]> {
  return (support(d) as { intervals: Array<[number, number]> }).intervals;
}

/** Whether a discrete support gives x positive probability. */
export function hasAtom(s: Support, x: number): boolean {
  if (s.kind === "discrete") return s.points.includes(x);
  return s.kind === "integers" && Number.isInteger(x) && x >= s.from;
}

/**
 * How a density decays in one tail, for divergence analysis:
 * bounded (no tail), gaussian (log p ≈ −c·x²), exponential (log p ≈ −rate·|x|),
 * power (p ≈ |x|^−(1+index): E|X|^r < ∞ exactly when r < index).
 */
export type Tail =
  | { kind: "bounded" }
  | { kind: "gaussian"; c: number }
  | { kind: "exponential"; rate: number }
  | { kind: "power"; index: number };

export type Tails = { left: Tail; right: Tail };

/** A source of uniform and normal variates (e.g. `createRng(seed)` from src/engine/rng.ts). */
export type RandomSource = { next(): number; normal(): number };

const INF = Number.POSITIVE_INFINITY;

/** Checks parameters; throws with the distribution and the broken constraint. */
export function validate(d: Distribution): Distribution {
  const bad = (msg: string): never => {
    throw new Error(`invalid ${excerpt(formatDistribution(d))}: ${msg}`);
  };
  const pos = (v: number, name: string) => {
    if (!(v > 0) || !Number.isFinite(v)) bad(`${name} must be a finite number > 0, got ${v}`);
  };
  const fin = (v: number, name: string) => {
    if (!Number.isFinite(v)) bad(`${name} must be finite, got ${v}`);
  };
  switch (d.kind) {
    case "normal":
      fin(d.mu, "μ");
      pos(d.sigma, "σ");
      break;
    case "uniform":
      fin(d.a, "a");
      fin(d.b, "b");
      if (!(d.b > d.a)) bad(`needs a < b, got a = ${d.a}, b = ${d.b}`);
      // its density 1/(b − a) and every closed form need the width
      fin(d.b - d.a, "the width b − a");
      break;
    case "laplace":
      fin(d.mu, "μ");
      pos(d.b, "b");
      break;
    case "exponential":
      pos(d.rate, "rate λ");
      break;
    case "cauchy":
      fin(d.x0, "x₀");
      pos(d.gamma, "γ");
      break;
    case "studentT":
      pos(d.nu, "ν");
      fin(d.mu, "μ");
      pos(d.sigma, "σ");
      break;
    case "gamma":
      pos(d.shape, "shape k");
      pos(d.rate, "rate β");
      break;
    case "beta":
      pos(d.a, "α");
      pos(d.b, "β");
      break;
    case "mixture": {
      if (d.components.length === 0) bad("needs at least one component");
      if (d.weights.length !== d.components.length) bad("needs one weight per component");
      for (const w of d.weights)
        if (!(w > 0) || !Number.isFinite(w)) bad(`weights must be > 0, got ${w}`);
      const sum = d.weights.reduce((s, w) => s + w, 0);
      if (Math.abs(sum - 1) > 1e-9) bad(`weights must sum to 1, got ${sum}`);
      for (const c of d.components) validate(c);
      break;
    }
    case "truncated": {
      validate(d.base);
      if (Number.isNaN(d.lo) || Number.isNaN(d.hi) || !(d.hi > d.lo))
        bad(`needs lo < hi, got [${d.lo}, ${d.hi}]`);
      if (!(d.mass > 1e-12) || !(d.mass <= 1 + 1e-9))
        bad(`${formatDistribution(d.base)} puts no mass (${d.mass}) on [${d.lo}, ${d.hi}]`);
      break;
    }
    case "binomial":
      if (!Number.isInteger(d.n) || d.n < 1 || d.n > 1e6)
        bad(`n must be a whole number of trials in 1 … 10⁶, got ${d.n}`);
      if (!(d.p >= 0 && d.p <= 1)) bad(`p must lie in [0, 1], got ${d.p}`);
      break;
    case "poisson":
      pos(d.rate, "rate λ");
      if (d.rate > 1e6) bad(`rate λ must be at most 10⁶, got ${d.rate}`);
      break;
    case "geometric":
      if (!(d.p > 0 && d.p <= 1)) bad(`p must lie in (0, 1], got ${d.p}`);
      if (d.from !== 0 && d.from !== 1) bad(`the support starts at 0 or 1, got ${d.from}`);
      break;
    case "categorical": {
      if (d.probs.length === 0) bad("needs at least one probability");
      if (d.values.length !== d.probs.length) bad("needs one value per probability");
      for (const p of d.probs)
        if (!(p >= 0) || !Number.isFinite(p)) bad(`probabilities must be ≥ 0, got ${p}`);
      const sum = d.probs.reduce((s, p) => s + p, 0);
      if (Math.abs(sum - 1) > 1e-9) bad(`probabilities must sum to 1, got ${sum}`);
      if (new Set(d.values).size !== d.values.length) bad("values must be distinct");
      break;
    }
  }
  return d;
}

/** Constructors (validated). */
export const normal = (mu: number, sigma: number): Normal =>
  validate({ kind: "normal", mu, sigma }) as Normal;
export const uniform = (a: number, b: number): Uniform =>
  validate({ kind: "uniform", a, b }) as Uniform;
export const laplace = (mu: number, b: number): Laplace =>
  validate({ kind: "laplace", mu, b }) as Laplace;
export const exponential = (rate: number): Exponential =>
  validate({ kind: "exponential", rate }) as Exponential;
export const cauchy = (x0: number, gamma: number): Cauchy =>
  validate({ kind: "cauchy", x0, gamma }) as Cauchy;
export const studentT = (nu: number, mu = 0, sigma = 1): StudentT =>
  validate({ kind: "studentT", nu, mu, sigma }) as StudentT;
export const gamma = (shape: number, rate: number): Gamma =>
  validate({ kind: "gamma", shape, rate }) as Gamma;
export const beta = (a: number, b: number): Beta => validate({ kind: "beta", a, b }) as Beta;
export const mixture = (weights: number[], components: Continuous[]): Mixture =>
  validate({ kind: "mixture", weights, components }) as Mixture;
/** `base` restricted to [lo, hi] (either end may be infinite); nested truncations intersect. */
export function truncated(base: Continuous, lo: number, hi: number): Truncated {
  if (base.kind === "truncated")
    return truncated(base.base, Math.max(lo, base.lo), Math.min(hi, base.hi));
  validate(base);
  const mass = hi > lo ? probabilityOn(base, lo, hi) : 0;
  return validate({ kind: "truncated", base, lo, hi, mass }) as Truncated;
}
export const binomial = (n: number, p: number): Binomial =>
  validate({ kind: "binomial", n, p }) as Binomial;
export const poisson = (rate: number): Poisson => validate({ kind: "poisson", rate }) as Poisson;
export const geometric = (p: number, from: 0 | 1 = 1): Geometric =>
  validate({ kind: "geometric", p, from }) as Geometric;
export const categorical = (probs: number[], values?: number[]): Categorical =>
  validate({ kind: "categorical", probs, values: values ?? probs.map((_, i) => i) }) as Categorical;

/** log density (log probability mass for categorical); −∞ outside the support. */
export function logPdf(d: Distribution, x: number): number {
  const NEG = Number.NEGATIVE_INFINITY;
  switch (d.kind) {
    case "normal": {
      const z = (x - d.mu) / d.sigma;
      return -0.5 * z * z - Math.log(d.sigma) - 0.5 * LOG_2PI;
    }
    case "uniform":
      return x >= d.a && x <= d.b ? -Math.log(d.b - d.a) : NEG;
    case "laplace":
      return -Math.abs(x - d.mu) / d.b - Math.log(2 * d.b);
    case "exponential":
      return x >= 0 ? Math.log(d.rate) - d.rate * x : NEG;
    case "cauchy": {
      const z = (x - d.x0) / d.gamma;
      return -Math.log(Math.PI * d.gamma) - Math.log1p(z * z);
    }
    case "studentT": {
      const z = (x - d.mu) / d.sigma;
      const n = d.nu;
      return (
        lgamma((n + 1) / 2) -
        lgamma(n / 2) -
        0.5 * Math.log(n * Math.PI) -
        Math.log(d.sigma) -
        ((n + 1) / 2) * Math.log1p((z * z) / n)
      );
    }
    case "gamma":
      if (x < 0) return NEG;
      if (x === 0) return d.shape < 1 ? INF : d.shape === 1 ? Math.log(d.rate) : NEG;
      return (
        d.shape * Math.log(d.rate) - lgamma(d.shape) + (d.shape - 1) * Math.log(x) - d.rate * x
      );
    case "beta":
      if (x < 0 || x > 1) return NEG;
      if (x === 0) return d.a < 1 ? INF : d.a === 1 ? -lbeta(d.a, d.b) : NEG;
      if (x === 1) return d.b < 1 ? INF : d.b === 1 ? -lbeta(d.a, d.b) : NEG;
      return (d.a - 1) * Math.log(x) + (d.b - 1) * Math.log1p(-x) - lbeta(d.a, d.b);
    case "mixture":
      return logSumExp(d.components.map((c, i) => Math.log(d.weights[i]) + logPdf(c, x)));
    case "truncated":
      return x < d.lo || x > d.hi ? NEG : logPdf(d.base, x) - Math.log(d.mass);
    case "formula":
      return x < d.lo || x > d.hi ? NEG : Math.log(d.norm * evalFormula(d.formula, x));
    case "binomial": {
      if (!Number.isInteger(x) || x < 0 || x > d.n) return NEG;
      const k = x;
      const choose = lgamma(d.n + 1) - lgamma(k + 1) - lgamma(d.n - k + 1);
      const success = k === 0 ? 0 : k * Math.log(d.p); // 0·log 0 = 0
      const failure = k === d.n ? 0 : (d.n - k) * Math.log1p(-d.p);
      return choose + success + failure;
    }
    case "poisson":
      if (!Number.isInteger(x) || x < 0) return NEG;
      return x * Math.log(d.rate) - d.rate - lgamma(x + 1);
    case "geometric": {
      if (!Number.isInteger(x) || x < d.from) return NEG;
      const failures = x - d.from;
      return Math.log(d.p) + (failures === 0 ? 0 : failures * Math.log1p(-d.p));
    }
    case "categorical": {
      const i = d.values.indexOf(x);
      return i < 0 ? NEG : Math.log(d.probs[i]);
    }
  }
}

/** Density (probability mass for categorical). */
export function pdf(d: Distribution, x: number): number {
  return Math.exp(logPdf(d, x));
}

/** Merges a list of closed intervals into a sorted disjoint union. */
export function mergeIntervals(xs: Array<[number, number]>): Array<[number, number]> {
  const s = [...xs].sort((p, q) => p[0] - q[0]);
  const out: Array<[number, number]> = [];
  for (const [a, b] of s) {
    const last = out[out.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

/** Where the density (or mass) is positive, up to sets of measure zero. */
export function support(d: Distribution): Support {
  switch (d.kind) {
    case "normal":
    case "laplace":
    case "cauchy":
    case "studentT":
      return { kind: "continuous", intervals: [[-INF, INF]] };
    case "uniform":
      return { kind: "continuous", intervals: [[d.a, d.b]] };
    case "exponential":
    case "gamma":
      return { kind: "continuous", intervals: [[0, INF]] };
    case "beta":
      return { kind: "continuous", intervals: [[0, 1]] };
    case "mixture":
      return {
        kind: "continuous",
        intervals: mergeIntervals(d.components.flatMap(intervals)),
      };
    case "truncated":
      return {
        kind: "continuous",
        intervals: intervals(d.base)
          .map(([a, b]): [number, number] => [Math.max(a, d.lo), Math.min(b, d.hi)])
          .filter(([a, b]) => b > a),
      };
    case "formula":
      return { kind: "continuous", intervals: [[d.lo, d.hi]] };
    case "binomial": {
      const all = Array.from({ length: d.n + 1 }, (_, k) => k);
      return {
        kind: "discrete",
        points: all.filter((k) => logPdf(d, k) > Number.NEGATIVE_INFINITY),
      };
    }
    case "poisson":
      return { kind: "integers", from: 0 };
    case "geometric":
      return d.p === 1
        ? { kind: "discrete", points: [d.from] }
        : { kind: "integers", from: d.from };
    case "categorical":
      return { kind: "discrete", points: d.values.filter((_, i) => d.probs[i] > 0) };
  }
}

/** Heaviness order of tails: bounded < gaussian < exponential < power (smaller index = heavier). */
export function heavier(a: Tail, b: Tail): Tail {
  const rank = (t: Tail) => ({ bounded: 0, gaussian: 1, exponential: 2, power: 3 })[t.kind];
  if (rank(a) !== rank(b)) return rank(a) > rank(b) ? a : b;
  if (a.kind === "gaussian" && b.kind === "gaussian") return a.c <= b.c ? a : b;
  if (a.kind === "exponential" && b.kind === "exponential") return a.rate <= b.rate ? a : b;
  if (a.kind === "power" && b.kind === "power") return a.index <= b.index ? a : b;
  return a;
}

/** Tail classes on each side (a mixture has the heaviest tail among its components). */
export function tails(d: Distribution): Tails {
  const both = (t: Tail): Tails => ({ left: t, right: t });
  switch (d.kind) {
    case "normal":
      return both({ kind: "gaussian", c: 1 / (2 * d.sigma * d.sigma) });
    case "laplace":
      return both({ kind: "exponential", rate: 1 / d.b });
    case "cauchy":
      return both({ kind: "power", index: 1 });
    case "studentT":
      return both({ kind: "power", index: d.nu });
    case "exponential":
      return { left: { kind: "bounded" }, right: { kind: "exponential", rate: d.rate } };
    case "gamma":
      return { left: { kind: "bounded" }, right: { kind: "exponential", rate: d.rate } };
    case "uniform":
    case "beta":
    case "categorical":
    case "binomial":
    // a pmf's tail never makes E_P[−log q] diverge against another pmf here (both sides are
    // summed term by term); tail classes are a density notion
    case "poisson":
    case "geometric":
      return both({ kind: "bounded" });
    case "truncated": {
      const t = tails(d.base);
      return {
        left: Number.isFinite(d.lo) ? { kind: "bounded" } : t.left,
        right: Number.isFinite(d.hi) ? { kind: "bounded" } : t.right,
      };
    }
    case "formula":
      return { left: d.left, right: d.right };
    case "mixture":
      return d.components.map(tails).reduce((acc, t) => ({
        left: heavier(acc.left, t.left),
        right: heavier(acc.right, t.right),
      }));
  }
}

/** Mean (NaN when it does not exist). */
export function mean(d: Distribution): number {
  switch (d.kind) {
    case "normal":
    case "laplace":
      return d.mu;
    case "uniform":
      return (d.a + d.b) / 2;
    case "exponential":
      return 1 / d.rate;
    case "cauchy":
      return Number.NaN;
    case "studentT":
      return d.nu > 1 ? d.mu : Number.NaN;
    case "gamma":
      return d.shape / d.rate;
    case "beta":
      return d.a / (d.a + d.b);
    case "mixture":
      return d.components.reduce((s, c, i) => s + d.weights[i] * mean(c), 0);
    case "truncated":
    case "formula":
      return momentExists(d, 1) ? expectation(d, (x) => x) : Number.NaN;
    case "binomial":
      return d.n * d.p;
    case "poisson":
      return d.rate;
    case "geometric":
      return d.from + (1 - d.p) / d.p;
    case "categorical":
      return d.values.reduce((s, v, i) => s + d.probs[i] * v, 0);
  }
}

/** Variance (∞ when the second moment diverges, NaN when the mean does not exist). */
export function variance(d: Distribution): number {
  switch (d.kind) {
    case "normal":
      return d.sigma * d.sigma;
    case "laplace":
      return 2 * d.b * d.b;
    case "uniform":
      return (d.b - d.a) ** 2 / 12;
    case "exponential":
      return 1 / (d.rate * d.rate);
    case "cauchy":
      return Number.NaN;
    case "studentT":
      return d.nu > 2 ? (d.sigma * d.sigma * d.nu) / (d.nu - 2) : d.nu > 1 ? INF : Number.NaN;
    case "gamma":
      return d.shape / (d.rate * d.rate);
    case "beta":
      return (d.a * d.b) / ((d.a + d.b) ** 2 * (d.a + d.b + 1));
    case "mixture": {
      const m = mean(d);
      return d.components.reduce(
        (s, c, i) => s + d.weights[i] * (variance(c) + (mean(c) - m) ** 2),
        0,
      );
    }
    case "truncated":
    case "formula": {
      if (!momentExists(d, 1)) return Number.NaN;
      if (!momentExists(d, 2)) return INF;
      const m = mean(d);
      return expectation(d, (x) => (x - m) ** 2);
    }
    case "binomial":
      return d.n * d.p * (1 - d.p);
    case "poisson":
      return d.rate;
    case "geometric":
      return (1 - d.p) / (d.p * d.p);
    case "categorical": {
      const m = mean(d);
      return d.values.reduce((s, v, i) => s + d.probs[i] * (v - m) ** 2, 0);
    }
  }
}

/**
 * Σ_k f(k)·P(k) over a countable or binomial support, term by term until the remaining mass is
 * below double precision (past the mean).
 */
export function sumPmf(d: Discrete, f: (k: number) => number): number {
  const s = support(d);
  if (s.kind === "discrete") return s.points.reduce((acc, k) => acc + f(k) * pdf(d, k), 0);
  const from = s.kind === "integers" ? s.from : 0;
  const m = mean(d);
  let acc = 0;
  let mass = 0;
  for (let k = from; k < from + 1e8; k++) {
    const pk = pdf(d, k);
    if (pk > 0) acc += f(k) * pk;
    mass += pk;
    if (k > m && 1 - mass < 1e-17 * Math.max(1, Math.abs(acc))) break;
    if (k > m && pk === 0) break; // underflowed: the rest is below double precision
  }
  return acc;
}

/** Whether E|X|^r is finite: only a power-law tail (index ≤ r) on an unbounded side breaks it. */
function momentExists(d: Distribution, r: number): boolean {
  const t = tails(d);
  return [t.left, t.right].every((side) => side.kind !== "power" || side.index > r);
}

/** E[f(X)] for a density, by adaptive quadrature over its support. */
function expectation(d: Continuous, f: (x: number) => number): number {
  const { scale } = locationScale(d);
  const g = (x: number) => {
    const v = f(x) * pdf(d, x);
    return Number.isFinite(v) ? v : 0; // a boundary node where the density is infinite
  };
  const bps = breakpoints(d);
  return intervals(d).reduce(
    (acc, [a, b]) => acc + integratePieces(g, a, b, bps, { scale, relTol: 1e-10 }).value,
    0,
  );
}

/** P(lo < X < hi): by adaptive quadrature for a density, a sum for a finite distribution. */
export function probabilityOn(d: Distribution, lo: number, hi: number): number {
  if (d.kind === "categorical")
    return d.values.reduce((s, v, i) => (v > lo && v < hi ? s + d.probs[i] : s), 0);
  if (isDiscrete(d)) return sumPmf(d, (k) => (k > lo && k < hi ? 1 : 0));
  const { scale } = locationScale(d);
  return integratePieces((x) => pdf(d, x), lo, hi, breakpoints(d), {
    scale,
    relTol: 1e-9,
    absTol: 1e-14,
  }).value;
}

/** A typical location and scale (finite even when moments do not exist), for grids and transforms. */
export function locationScale(d: Distribution): { loc: number; scale: number } {
  switch (d.kind) {
    case "normal":
      return { loc: d.mu, scale: d.sigma };
    case "laplace":
      return { loc: d.mu, scale: d.b };
    case "cauchy":
      return { loc: d.x0, scale: d.gamma };
    case "studentT":
      return { loc: d.mu, scale: d.sigma };
    case "uniform":
      return { loc: (d.a + d.b) / 2, scale: (d.b - d.a) / 2 };
    case "exponential":
      return { loc: 1 / d.rate, scale: 1 / d.rate };
    case "gamma":
      return { loc: d.shape / d.rate, scale: Math.sqrt(d.shape) / d.rate };
    case "beta":
      return { loc: d.a / (d.a + d.b), scale: 0.5 };
    case "mixture": {
      const parts = d.components.map(locationScale);
      const lo = Math.min(...parts.map((p) => p.loc));
      const hi = Math.max(...parts.map((p) => p.loc));
      return { loc: (lo + hi) / 2, scale: Math.max((hi - lo) / 2, ...parts.map((p) => p.scale)) };
    }
    case "truncated": {
      const b = locationScale(d.base);
      const width = d.hi - d.lo; // ∞ when a side is open
      return {
        loc: Math.min(Math.max(b.loc, d.lo), d.hi),
        scale: Math.min(b.scale, width / 2),
      };
    }
    case "formula":
      return { loc: d.loc, scale: d.scale };
    case "binomial":
    case "poisson":
    case "geometric":
      return { loc: mean(d), scale: Math.max(Math.sqrt(variance(d)), 1) };
    case "categorical": {
      const lo = Math.min(...d.values);
      const hi = Math.max(...d.values);
      return { loc: (lo + hi) / 2, scale: Math.max((hi - lo) / 2, 1) };
    }
  }
}

/** loc + k·scale for k = 0, ±1, ±2, ±4, ±8: resolves a narrow peak however far from the origin. */
function around(loc: number, scale: number): number[] {
  return [0, 1, -1, 2, -2, 4, -4, 8, -8].map((k) => loc + k * scale);
}

/**
 * Points where the density has a kink, jump or peak, plus a ladder of points around each peak
 * at its own scale: quadrature breakpoints, so adaptive integration cannot step over a narrow mode.
 */
export function breakpoints(d: Distribution): number[] {
  switch (d.kind) {
    case "normal":
      return around(d.mu, d.sigma);
    case "laplace":
      return around(d.mu, d.b);
    case "cauchy":
      return around(d.x0, d.gamma);
    case "studentT":
      return around(d.mu, d.sigma);
    case "uniform":
      return [d.a, d.b];
    case "exponential":
      return [0, ...around(0, 1 / d.rate).filter((x) => x > 0)];
    case "gamma": {
      const mode = Math.max(0, (d.shape - 1) / d.rate);
      return [0, ...around(mode, Math.sqrt(d.shape) / d.rate).filter((x) => x > 0)];
    }
    case "beta": {
      const sd = Math.sqrt(variance(d));
      return [0, 1, ...around(mean(d), sd).filter((x) => x > 0 && x < 1)];
    }
    case "mixture":
      return d.components.flatMap(breakpoints);
    case "truncated":
      return [
        ...[d.lo, d.hi].filter(Number.isFinite),
        ...breakpoints(d.base).filter((x) => x > d.lo && x < d.hi),
      ];
    case "formula":
      return [
        ...[d.lo, d.hi].filter(Number.isFinite),
        ...around(d.loc, d.scale).filter((x) => x > d.lo && x < d.hi),
      ];
    case "categorical":
      return [...d.values];
    case "binomial":
    case "poisson":
    case "geometric":
      return []; // only densities are integrated
  }
}

function sampleGamma(shape: number, rng: RandomSource): number {
  // Marsaglia–Tsang; shape < 1 via the boost Γ(k) = Γ(k+1)·U^{1/k}
  if (shape < 1) return sampleGamma(shape + 1, rng) * (1 - rng.next()) ** (1 / shape);
  const dd = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * dd);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = rng.normal();
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - rng.next();
    if (Math.log(u) < 0.5 * x * x + dd - dd * v + dd * Math.log(v)) return dd * v;
  }
}

/** One draw from `d` using `rng`. */
export function sample1(d: Distribution, rng: RandomSource): number {
  switch (d.kind) {
    case "normal":
      return d.mu + d.sigma * rng.normal();
    case "uniform":
      return d.a + (d.b - d.a) * rng.next();
    case "laplace": {
      const u = rng.next() - 0.5;
      return d.mu - d.b * Math.sign(u) * Math.log(1 - 2 * Math.abs(u));
    }
    case "exponential":
      return -Math.log(1 - rng.next()) / d.rate;
    case "cauchy":
      return d.x0 + d.gamma * Math.tan(Math.PI * (rng.next() - 0.5));
    case "studentT": {
      const chi2 = 2 * sampleGamma(d.nu / 2, rng);
      return d.mu + (d.sigma * rng.normal()) / Math.sqrt(chi2 / d.nu);
    }
    case "gamma":
      return sampleGamma(d.shape, rng) / d.rate;
    case "beta": {
      const x = sampleGamma(d.a, rng);
      const y = sampleGamma(d.b, rng);
      return x / (x + y);
    }
    case "mixture":
      return sample1(d.components[pickIndex(d.weights, rng)], rng);
    case "truncated": {
      // rejection from the base: 1/mass draws on average (validate keeps mass > 0)
      for (;;) {
        const x = sample1(d.base, rng);
        if (x >= d.lo && x <= d.hi) return x;
      }
    }
    case "formula":
      return formulaQuantile(d, rng.next());
    case "geometric":
      return d.p === 1 ? d.from : d.from + Math.floor(Math.log(1 - rng.next()) / Math.log1p(-d.p));
    case "binomial":
    case "poisson":
      return invertPmf(d, rng.next());
    case "categorical":
      return d.values[pickIndex(d.probs, rng)];
  }
}

/**
 * The smallest k ≥ 0 whose cumulative probability exceeds u. The log-pmf steps by its ratio
 * P(k)/P(k−1) (λ/k, or (n−k+1)p/(k(1−p))), so large λ neither underflows nor costs a log Γ per term.
 */
function invertPmf(d: Binomial | Poisson, u: number): number {
  if (d.kind === "binomial" && d.p === 1) return d.n; // the ratio below would divide by 0
  const last = d.kind === "binomial" ? d.n : Number.POSITIVE_INFINITY;
  const logRatio =
    d.kind === "poisson"
      ? (k: number) => Math.log(d.rate / k)
      : (k: number) => Math.log(((d.n - k + 1) * d.p) / (k * (1 - d.p)));
  let logP = logPdf(d, 0);
  let cum = Math.exp(logP);
  const m = mean(d);
  for (let k = 1; k <= last; k++) {
    if (cum > u) return k - 1;
    if (cum >= 1 - 1e-15 && k > m) return k - 1; // u in the last rounding sliver
    logP += logRatio(k);
    cum += Math.exp(logP);
  }
  return last;
}

function pickIndex(ws: number[], rng: RandomSource): number {
  let u = rng.next();
  for (let i = 0; i < ws.length; i++) {
    u -= ws[i];
    if (u < 0) return i;
  }
  return ws.length - 1;
}

/** `n` draws from `d` (seeded through `rng`). */
export function sample(d: Distribution, rng: RandomSource, n: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = sample1(d, rng);
  return out;
}

/** Shortest round-trippable number text. */
function num(x: number): string {
  return Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(12)));
}

/**
 * Unambiguous, parseable text for `d` (parameters named where conventions differ):
 * `N(mu=0, sigma=2)`, `U(0, 1)`, `Exp(rate=1)`, `Gamma(shape=2, rate=1)`, `0.5 N(…) + 0.5 N(…)`.
 */
export function formatDistribution(d: Distribution): string {
  switch (d.kind) {
    case "normal":
      return `N(mu=${num(d.mu)}, sigma=${num(d.sigma)})`;
    case "uniform":
      return `U(${num(d.a)}, ${num(d.b)})`;
    case "laplace":
      return `Laplace(${num(d.mu)}, ${num(d.b)})`;
    case "exponential":
      return `Exp(rate=${num(d.rate)})`;
    case "cauchy":
      return `Cauchy(${num(d.x0)}, ${num(d.gamma)})`;
    case "studentT":
      return d.mu === 0 && d.sigma === 1
        ? `t(${num(d.nu)})`
        : `t(nu=${num(d.nu)}, mu=${num(d.mu)}, sigma=${num(d.sigma)})`;
    case "gamma":
      return `Gamma(shape=${num(d.shape)}, rate=${num(d.rate)})`;
    case "beta":
      return `Beta(${num(d.a)}, ${num(d.b)})`;
    case "mixture":
      return d.components
        .map((c, i) => `${num(d.weights[i])} ${formatDistribution(c)}`)
        .join(" + ");
    case "truncated":
      return `${formatDistribution(d.base)} truncated to ${showInterval(d.lo, d.hi)}`;
    case "formula":
      return `density ${d.norm === 1 ? "" : "∝ "}${d.formula} on ${showInterval(d.lo, d.hi)}`;
    case "binomial":
      return `Binomial(${num(d.n)}, ${num(d.p)})`;
    case "poisson":
      return `Poisson(${num(d.rate)})`;
    case "geometric":
      return `Geometric(p=${num(d.p)}, from=${d.from})`;
    case "categorical": {
      const plain = d.values.every((v, i) => v === i);
      return plain
        ? `[${d.probs.map(num).join(", ")}]`
        : `Cat(${d.values.map((v, i) => `${num(v)}: ${num(d.probs[i])}`).join(", ")})`;
    }
  }
}
