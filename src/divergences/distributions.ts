/**
 * Univariate distributions as plain data, with log-density, support, tail class, moments and
 * seeded sampling. Everything here is pure float64 math. Named families live one per file in
 * families/ (found through its registry); this file adds the combinators (mixtures, truncations,
 * written densities) and dispatches on `kind`.
 */
import {
  around,
  type Check,
  checker,
  type Discrete,
  FAMILIES,
  type Family,
  type FamilyDensity,
  type FamilyMember,
  INF,
  NEG_INF,
  num,
  type Ops,
  pickIndex,
  type RandomSource,
  type Support,
  type Tail,
  type Tails,
} from "./families/index.js";
import { evalFormula, type FormulaSpec, formulaQuantile, showInterval } from "./formula.js";
import { integratePieces } from "./quadrature.js";
import { logSumExp } from "./special.js";

export {
  type Beta,
  type Binomial,
  beta,
  binomial,
  type Categorical,
  type Cauchy,
  categorical,
  cauchy,
  type Discrete,
  type Exponential,
  exponential,
  FAMILIES,
  type Family,
  type Gamma,
  type Geometric,
  gamma,
  geometric,
  type Laplace,
  type Logistic,
  laplace,
  logistic,
  type Normal,
  normal,
  type Poisson,
  poisson,
  type RandomSource,
  type StudentT,
  type Support,
  studentT,
  type Tail,
  type Tails,
  type Uniform,
  uniform,
} from "./families/index.js";

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

export type Continuous = FamilyDensity | Mixture | Truncated | Formula;
export type Distribution = Continuous | Discrete;

// ------------------------------------------------------------------ combinators

/** Moments of a density with no closed form: by quadrature, NaN / ∞ where the tails forbid them. */
function numericMean(d: Truncated | Formula): number {
  return momentExists(d, 1) ? expectation(d, (x) => x) : Number.NaN;
}
function numericVariance(d: Truncated | Formula): number {
  if (!momentExists(d, 1)) return Number.NaN;
  if (!momentExists(d, 2)) return INF;
  const m = mean(d);
  return expectation(d, (x) => (x - m) ** 2);
}

const MIXTURE: Ops<Mixture> = {
  validate(d, c) {
    if (d.components.length === 0) c.bad("needs at least one component");
    if (d.weights.length !== d.components.length) c.bad("needs one weight per component");
    for (const w of d.weights)
      if (!(w > 0) || !Number.isFinite(w)) c.bad(`weights must be > 0, got ${w}`);
    const sum = d.weights.reduce((s, w) => s + w, 0);
    if (Math.abs(sum - 1) > 1e-9) c.bad(`weights must sum to 1, got ${sum}`);
    for (const comp of d.components) validate(comp);
  },
  logPdf: (d, x) => logSumExp(d.components.map((c, i) => Math.log(d.weights[i]) + logPdf(c, x))),
  support: (d) => ({
    kind: "continuous",
    intervals: mergeIntervals(d.components.flatMap(intervals)),
  }),
  // the heaviest tail among the components
  tails: (d) =>
    d.components.map(tails).reduce((acc, t) => ({
      left: heavier(acc.left, t.left),
      right: heavier(acc.right, t.right),
    })),
  mean: (d) => d.components.reduce((s, c, i) => s + d.weights[i] * mean(c), 0),
  variance(d) {
    const m = mean(d);
    return d.components.reduce(
      (s, c, i) => s + d.weights[i] * (variance(c) + (mean(c) - m) ** 2),
      0,
    );
  },
  locationScale(d) {
    const parts = d.components.map(locationScale);
    const lo = Math.min(...parts.map((p) => p.loc));
    const hi = Math.max(...parts.map((p) => p.loc));
    return { loc: (lo + hi) / 2, scale: Math.max((hi - lo) / 2, ...parts.map((p) => p.scale)) };
  },
  breakpoints: (d) => d.components.flatMap(breakpoints),
  sample: (d, rng) => sample1(d.components[pickIndex(d.weights, rng)], rng),
  format: (d) =>
    d.components.map((c, i) => `${num(d.weights[i])} ${formatDistribution(c)}`).join(" + "),
};

const TRUNCATED: Ops<Truncated> = {
  validate(d, c) {
    validate(d.base);
    if (Number.isNaN(d.lo) || Number.isNaN(d.hi) || !(d.hi > d.lo))
      c.bad(`needs lo < hi, got [${d.lo}, ${d.hi}]`);
    if (!(d.mass > 1e-12) || !(d.mass <= 1 + 1e-9))
      c.bad(`${formatDistribution(d.base)} puts no mass (${d.mass}) on [${d.lo}, ${d.hi}]`);
  },
  logPdf: (d, x) => (x < d.lo || x > d.hi ? NEG_INF : logPdf(d.base, x) - Math.log(d.mass)),
  support: (d) => ({
    kind: "continuous",
    intervals: intervals(d.base)
      .map(([a, b]): [number, number] => [Math.max(a, d.lo), Math.min(b, d.hi)])
      .filter(([a, b]) => b > a),
  }),
  tails(d) {
    const t = tails(d.base);
    return {
      left: Number.isFinite(d.lo) ? { kind: "bounded" } : t.left,
      right: Number.isFinite(d.hi) ? { kind: "bounded" } : t.right,
    };
  },
  mean: numericMean,
  variance: numericVariance,
  locationScale(d) {
    const b = locationScale(d.base);
    const width = d.hi - d.lo; // ∞ when a side is open
    return {
      loc: Math.min(Math.max(b.loc, d.lo), d.hi),
      scale: Math.min(b.scale, width / 2),
    };
  },
  breakpoints: (d) => [
    ...[d.lo, d.hi].filter(Number.isFinite),
    ...breakpoints(d.base).filter((x) => x > d.lo && x < d.hi),
  ],
  sample(d, rng) {
    // rejection from the base: 1/mass draws on average (validate keeps mass > 0)
    for (;;) {
      const x = sample1(d.base, rng);
      if (x >= d.lo && x <= d.hi) return x;
    }
  },
  format: (d) => `${formatDistribution(d.base)} truncated to ${showInterval(d.lo, d.hi)}`,
};

const FORMULA: Ops<Formula> = {
  validate() {}, // checked when read (formulaDensity)
  logPdf: (d, x) => (x < d.lo || x > d.hi ? NEG_INF : Math.log(d.norm * evalFormula(d.formula, x))),
  support: (d) => ({ kind: "continuous", intervals: [[d.lo, d.hi]] }),
  tails: (d) => ({ left: d.left, right: d.right }),
  mean: numericMean,
  variance: numericVariance,
  locationScale: (d) => ({ loc: d.loc, scale: d.scale }),
  breakpoints: (d) => [
    ...[d.lo, d.hi].filter(Number.isFinite),
    ...around(d.loc, d.scale).filter((x) => x > d.lo && x < d.hi),
  ],
  sample: (d, rng) => formulaQuantile(d, rng.next()),
  format: (d) => `density ${d.norm === 1 ? "" : "∝ "}${d.formula} on ${showInterval(d.lo, d.hi)}`,
};

// ------------------------------------------------------------------ dispatch on kind

const OPS: { [K in Distribution["kind"]]: Ops<Extract<Distribution, { kind: K }>> } = {
  ...FAMILIES,
  mixture: MIXTURE,
  truncated: TRUNCATED,
  formula: FORMULA,
};
const ops = (d: Distribution): Ops<Distribution> => OPS[d.kind] as Ops<Distribution>;

/** The named family of `d` (undefined for a mixture, a truncation or a written density). */
export const familyOf = (d: Distribution): Family<Distribution> | undefined =>
  Object.hasOwn(FAMILIES, d.kind) ? FAMILIES[d.kind as FamilyMember["kind"]] : undefined;

export const isDiscrete = (d: Distribution): d is Discrete => familyOf(d)?.discrete === true;

/** Checks parameters; throws with the distribution and the broken constraint. */
export function validate(d: Distribution): Distribution {
  const check: Check = checker(formatDistribution(d));
  ops(d).validate(d, check);
  return d;
}

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

/** log density (log probability mass for a discrete distribution); −∞ outside the support. */
export const logPdf = (d: Distribution, x: number): number => ops(d).logPdf(d, x);

/** Density (probability mass for a discrete distribution). */
export function pdf(d: Distribution, x: number): number {
  return Math.exp(logPdf(d, x));
}

/** Where the density (or mass) is positive, up to sets of measure zero. */
export const support = (d: Distribution): Support => ops(d).support(d);

/** The support intervals of a density. */
export function intervals(d: Continuous): Array<[number, number]> {
  return (support(d) as { intervals: Array<[number, number]> }).intervals;
}

/** Whether a discrete support gives x positive probability. */
export function hasAtom(s: Support, x: number): boolean {
  if (s.kind === "discrete") return s.points.includes(x);
  return s.kind === "integers" && Number.isInteger(x) && x >= s.from;
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

/** Heaviness order of tails: bounded < gaussian < exponential < power (smaller index = heavier). */
export function heavier(a: Tail, b: Tail): Tail {
  const rank = (t: Tail) => ({ bounded: 0, gaussian: 1, exponential: 2, power: 3 })[t.kind];
  if (rank(a) !== rank(b)) return rank(a) > rank(b) ? a : b;
  if (a.kind === "gaussian" && b.kind === "gaussian") return a.c <= b.c ? a : b;
  if (a.kind === "exponential" && b.kind === "exponential") return a.rate <= b.rate ? a : b;
  if (a.kind === "power" && b.kind === "power") return a.index <= b.index ? a : b;
  return a;
}

/** Tail classes on each side. */
export const tails = (d: Distribution): Tails => ops(d).tails(d);

/** Mean (NaN when it does not exist). */
export const mean = (d: Distribution): number => ops(d).mean(d);

/** Variance (∞ when the second moment diverges, NaN when the mean does not exist). */
export const variance = (d: Distribution): number => ops(d).variance(d);

/** A typical location and scale (finite even when moments do not exist), for grids and transforms. */
export const locationScale = (d: Distribution): { loc: number; scale: number } =>
  ops(d).locationScale(d);

/**
 * Points where the density has a kink, jump or peak, plus a ladder of points around each peak
 * at its own scale: quadrature breakpoints, so adaptive integration cannot step over a narrow mode.
 */
export const breakpoints = (d: Distribution): number[] => ops(d).breakpoints(d);

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
  const exact = ops(d).probabilityOn;
  if (exact) return exact(d, lo, hi);
  if (isDiscrete(d)) return sumPmf(d, (k) => (k > lo && k < hi ? 1 : 0));
  const { scale } = locationScale(d);
  return integratePieces((x) => pdf(d, x), lo, hi, breakpoints(d), {
    scale,
    relTol: 1e-9,
    absTol: 1e-14,
  }).value;
}

/** One draw from `d` using `rng`. */
export const sample1 = (d: Distribution, rng: RandomSource): number => ops(d).sample(d, rng);

/** `n` draws from `d` (seeded through `rng`). */
export function sample(d: Distribution, rng: RandomSource, n: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = sample1(d, rng);
  return out;
}

/**
 * Unambiguous, parseable text for `d` (parameters named where conventions differ):
 * `N(mu=0, sigma=2)`, `U(0, 1)`, `Exp(rate=1)`, `Gamma(shape=2, rate=1)`, `0.5 N(…) + 0.5 N(…)`.
 */
export const formatDistribution = (d: Distribution): string => ops(d).format(d);
