/**
 * What a distribution family is: one record per family (families/<name>.ts) with its math
 * (validation, log-density, support, tails, moments, sampling, formatting), how the parser reads
 * it from arguments, and the words prose names it by. Every consumer finds it through
 * families/index.ts; adding a family is one file and one registry entry.
 */
import type { numpy as np } from "../../engine/index.js";
import { sig } from "../../format/index.js";
import { excerpt } from "../excerpt.js";

/**
 * Support: a union of intervals (closed at finite ends) for densities, a finite point set, or
 * every integer from `from` on (Poisson, geometric).
 */
export type Support =
  | { kind: "continuous"; intervals: Array<[number, number]> }
  | { kind: "discrete"; points: number[] }
  | { kind: "integers"; from: number };

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

/** Checks a validation runs with; `bad` throws with the distribution and the broken constraint. */
export type Check = {
  bad(msg: string): never;
  /** A finite number > 0. */
  positive(v: number, name: string): void;
  finite(v: number, name: string): void;
};

/** The math every distribution kind provides (families here, mixtures and truncations too). */
export type Ops<D> = {
  validate(d: D, check: Check): void;
  /** log density (log probability mass for a discrete family); −∞ outside the support. */
  logPdf(d: D, x: number): number;
  /** Where the density (or mass) is positive, up to sets of measure zero. */
  support(d: D): Support;
  tails(d: D): Tails;
  /** NaN when it does not exist. */
  mean(d: D): number;
  /** ∞ when the second moment diverges, NaN when the mean does not exist. */
  variance(d: D): number;
  /** A typical location and scale (finite even when moments do not exist). */
  locationScale(d: D): { loc: number; scale: number };
  /** Kinks, jumps and peaks, plus a ladder around each peak at its own scale (quadrature). */
  breakpoints(d: D): number[];
  sample(d: D, rng: RandomSource): number;
  /** P(lo < X < hi) exactly, for a family with a finite table (else a sum or a quadrature). */
  probabilityOn?(d: D, lo: number, hi: number): number;
  /** Unambiguous, parseable text, parameters named where conventions differ. */
  format(d: D): string;
};

/** A parsed number with where it was written; `squared` when written as a square (0.5^2). */
export type Value = { v: number; pos: number; end: number; squared: boolean };
/** One argument as written: named (`sigma=2`, `σ²: 4`) or positional, or `value: probability`. */
export type Arg = {
  name: string | null;
  namePos: number;
  squaredName: boolean;
  value: Value;
  key?: Value;
};
/** A parameter slot: its key and the names it may be given by (lowercase; `^2` for a square). */
export type Slot = { key: string; names: string[] };

/** The parser's side of reading a family's arguments; every failure points at the input. */
export type ArgReader = {
  /** The family's name as written ("N", "\\mathcal{N}"). */
  name: string;
  namePos: number;
  args: Arg[];
  /** Matches named and positional arguments to slots; at least `min` must be given. */
  pick(slots: Slot[], min: number): Record<string, Arg>;
  /** Fails unless `a` (when given) is > 0. */
  positive(a: Arg | undefined, what: string): void;
  fail(reason: string, pos: number): never;
};

/**
 * A notation that reads two ways (N(0, 4): variance or standard deviation); the first choice is
 * the default. Readers sharing an axis follow the same choice in a pair.
 */
export type Convention = { axis: string; choices: Array<[value: string, label: string]> };

/** What a reader makes: a distribution, or one per choice of a convention. */
export type Read<D> = D | { convention: Convention; build(choice: string): D };

/** One way of writing a family: its names, and construction from the arguments. */
export type Reader<D> = {
  /** Names as written, lowercase, without a backslash: "n", "normal", "gaussian". */
  names: string[];
  /** How an error message lists it: "N/Normal". */
  shown: string;
  read(a: ArgReader): Read<D>;
  /** The slot a subscript fills: t_3 (degrees of freedom), δ_0 (where the mass sits). */
  subscript?: string;
  /** A word that may follow the name: "Student t", "Student-t". */
  suffix?: { after: string; word: string };
};

/** A rewrite of prose into notation: "normal with mean 0 and variance 4" → "N(mu=0, sigma^2=4)". */
export type WordForm = [RegExp, string];

type Engine = typeof import("../../engine/index.js");

/** A named family: its math, how it is written, and the words prose uses for it. */
export type Family<D extends { kind: string }> = Ops<D> & {
  kind: D["kind"];
  discrete: boolean;
  readers: Array<Reader<D>>;
  /** Nouns naming the family in prose ("normal", "gaussian"), lowercase. */
  words: string[];
  /** The family's standard member as notation, for "a standard normal" → "N(0, 1)". */
  standard?: string;
  wordForms: WordForm[];
  /** HalfNormal(σ), half-Cauchy(γ): the family centred at 0, cut to [0, ∞). */
  half?: string;
  /** Where the density jumps (U(a, b): a and b), so a plot shows both sides of each jump. */
  jumps?(d: D): [number, number];
  /** Slider ranges in the KL explorer: [field, label, min, max, step]. */
  sliders?: Array<[string, string, number, number, number]>;
  /** log p(x) as a jax expression, for the reverse-KL fit (densities on all of ℝ). Consumes x. */
  jaxLogPdf?(jax: Engine, d: D, x: np.Array): np.Array;
};

/** The checks for a distribution shown as `text` in messages. */
export function checker(text: string): Check {
  const bad = (msg: string): never => {
    throw new Error(`invalid ${excerpt(text)}: ${msg}`);
  };
  return {
    bad,
    positive: (v, name) => {
      if (!(v > 0) || !Number.isFinite(v)) bad(`${name} must be a finite number > 0, got ${v}`);
    },
    finite: (v, name) => {
      if (!Number.isFinite(v)) bad(`${name} must be finite, got ${v}`);
    },
  };
}

/** `d` checked by its family; throws with the broken constraint. */
export function validated<D>(ops: Ops<D>, d: D): D {
  ops.validate(d, checker(ops.format(d)));
  return d;
}

/** Shortest round-trippable number text (src/format's sig(x, 12) would round a 13-digit integer). */
export function num(x: number): string {
  return Number.isInteger(x) ? String(x) : sig(x, 12);
}

/**
 * loc + k·scale for k = 0, ±1, ±2, ±4, ±8: resolves a narrow peak however far from the origin.
 * Points beyond the largest double are dropped (a scale near 1e308 would give ±∞ breakpoints).
 */
export function around(loc: number, scale: number): number[] {
  return [0, 1, -1, 2, -2, 4, -4, 8, -8].map((k) => loc + k * scale).filter(Number.isFinite);
}

export const INF = Number.POSITIVE_INFINITY;
export const NEG_INF = Number.NEGATIVE_INFINITY;
/** The whole real line as a support. */
export const REAL_LINE: Support = { kind: "continuous", intervals: [[-INF, INF]] };
export const both = (t: Tail): Tails => ({ left: t, right: t });
export const BOUNDED: Tails = both({ kind: "bounded" });

/** Names a location parameter is given by. */
export const LOC_NAMES = ["mu", "loc", "location", "mean", "m", "x0", "median", "center"];

/**
 * A location–scale pair written `F(loc, scale)` or with names (Laplace(μ, b), Cauchy(x₀, γ),
 * Logistic(μ, s)); `scaleWhat` names the scale in messages.
 */
export function readLocationScale(
  a: ArgReader,
  scaleNames: string[],
  scaleWhat: string,
): { loc: number; scale: number } {
  const g = a.pick(
    [
      { key: "loc", names: LOC_NAMES },
      { key: "scale", names: scaleNames },
    ],
    2,
  );
  a.positive(g.scale, scaleWhat);
  return { loc: g.loc.value.v, scale: g.scale.value.v };
}

/** A number written in prose: "2", "-0.5", "1/2". */
export const PROSE_NUMBER = String.raw`(-?\d+(?:\.\d+)?(?:\s*/\s*\d+(?:\.\d+)?)?)`;

/**
 * The smallest k ≥ 0 whose cumulative probability exceeds u, for a pmf on {0, 1, …, last} given
 * log P(0) and the step log P(k)/P(k−1) (λ/k, or (n−k+1)p/(k(1−p))), so large λ neither
 * underflows nor costs a log Γ per term.
 */
export function invertPmf(
  u: number,
  logP0: number,
  logRatio: (k: number) => number,
  last: number,
  mean: number,
): number {
  let logP = logP0;
  let cum = Math.exp(logP);
  for (let k = 1; k <= last; k++) {
    if (cum > u) return k - 1;
    if (cum >= 1 - 1e-15 && k > mean) return k - 1; // u in the last rounding sliver
    logP += logRatio(k);
    cum += Math.exp(logP);
  }
  return last;
}

/** The index drawn from weights summing to 1. */
export function pickIndex(ws: number[], rng: RandomSource): number {
  let u = rng.next();
  for (let i = 0; i < ws.length; i++) {
    u -= ws[i];
    if (u < 0) return i;
  }
  return ws.length - 1;
}
