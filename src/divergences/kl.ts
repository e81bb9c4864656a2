/**
 * D_KL(P‖Q) = E_{x~P}[log p(x) − log q(x)], decided in this order:
 *   1. support: P puts mass where Q has none → +∞ (with where, and how much mass);
 *   2. closed forms (Gaussian, uniform, exponential, Laplace, Gamma, Beta, Cauchy, categorical, U vs N,
 *      Logistic vs N, Exp vs Gamma, U(0, 1) vs Beta);
 *   3. tails: a heavy-tailed P against a lighter-tailed Q makes E_P[−log q] diverge → +∞;
 *   4. numeric: adaptive Gauss–Kronrod over P's support, tails mapped onto [0, 1).
 */

import { sig } from "../format/index.js";
import {
  breakpoints,
  type Distribution,
  formatDistribution,
  hasAtom,
  intervals,
  isDiscrete,
  locationScale,
  logPdf,
  pdf,
  probabilityOn,
  type RandomSource,
  type Support,
  sample,
  sumPmf,
  support,
  type Tail,
  tails,
} from "./distributions.js";
import { excerpt } from "./excerpt.js";
import { integratePieces, type QuadResult } from "./quadrature.js";
import { digamma, LOG_2PI, lbeta, lgamma } from "./special.js";

export type KlMethod = "closed-form" | "numeric" | "support" | "tails";

/** KL in nats. `value` is null exactly when `finite` is false, and then `reason` says why. */
export type KlResult = {
  finite: boolean;
  value: number | null;
  reason: string | null;
  method: KlMethod;
  /** Quadrature error estimate (numeric only). */
  abserr?: number;
};

/**
 * Valid parameters whose KL double precision cannot evaluate: a closed form met ∞ − ∞ or 0 · ∞
 * (N(0, 1e300) against N(0, 1e-300) read as standard deviations).
 */
export class KlOverflowError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "KlOverflowError";
  }
}

/** How reasons name the two arguments (KL(Q‖P) reads better with P and Q swapped). */
export type KlNames = { p: string; q: string };
const DEFAULT_NAMES: KlNames = { p: "P", q: "Q" };
const roles = (n: KlNames) => ({ P: n.p, Q: n.q, lp: n.p.toLowerCase(), lq: n.q.toLowerCase() });

const infinite = (method: KlMethod, reason: string): KlResult => ({
  finite: false,
  value: null,
  reason,
  method,
});
const finiteValue = (value: number, method: KlMethod, abserr?: number): KlResult => {
  // KL ≥ 0; round-off can leave a tiny negative number
  const v = value < 0 && value > -1e-9 ? 0 : value;
  return abserr === undefined
    ? { finite: true, value: v, reason: null, method }
    : { finite: true, value: v, reason: null, method, abserr };
};

/** 6 significant digits, ∞ by name (src/format's fmt(x, 6) would write 1e-4 as "1.00000e-4"). */
function fmt(x: number): string {
  if (x === Number.POSITIVE_INFINITY) return "∞";
  if (x === Number.NEGATIVE_INFINITY) return "−∞";
  return sig(x, 6);
}
const show = (d: Distribution) => formatDistribution(d);

type Piece = { lo: number; hi: number; loOpen: boolean; hiOpen: boolean };

/** Parts of P's support intervals not covered by Q's (closed) intervals. */
function uncovered(pI: Array<[number, number]>, qI: Array<[number, number]>): Piece[] {
  const out: Piece[] = [];
  const qs = [...qI].sort((x, y) => x[0] - y[0]);
  for (const [a, b] of pI) {
    let cur = a;
    let curOpen = !Number.isFinite(a);
    for (const [c, d] of qs) {
      if (d <= cur) continue;
      if (c >= b) break;
      if (c > cur) out.push({ lo: cur, hi: c, loOpen: curOpen, hiOpen: true });
      if (d > cur) {
        cur = d;
        curOpen = true;
      }
      if (cur >= b) break;
    }
    if (cur < b) out.push({ lo: cur, hi: b, loOpen: curOpen, hiOpen: !Number.isFinite(b) });
  }
  return out.filter((p) => p.hi > p.lo);
}

function showPiece(p: Piece): string {
  return `${p.loOpen || !Number.isFinite(p.lo) ? "(" : "["}${fmt(p.lo)}, ${fmt(p.hi)}${p.hiOpen || !Number.isFinite(p.hi) ? ")" : "]"}`;
}

type AtomSupport = Exclude<Support, { kind: "continuous" }>;

/** The atoms of P that Q lacks, as text, and P's probability on them (null when Q has them all). */
function atomsMissing(
  p: Distribution,
  sp: AtomSupport,
  sq: AtomSupport,
): { where: string; mass: number } | null {
  const set = (xs: number[]) =>
    xs.length === 1 ? `x = ${fmt(xs[0])}` : `x ∈ {${xs.map(fmt).join(", ")}}`;
  const massOf = (xs: number[]) => xs.reduce((acc, x) => acc + pdf(p, x), 0);
  if (sp.kind === "discrete") {
    const missing = sp.points.filter((x) => !hasAtom(sq, x));
    return missing.length ? { where: set(missing), mass: massOf(missing) } : null;
  }
  if (sq.kind === "integers") {
    if (sp.from >= sq.from) return null;
    const missing = Array.from({ length: sq.from - sp.from }, (_, i) => sp.from + i);
    return { where: set(missing), mass: massOf(missing) };
  }
  // P on every integer from sp.from, Q on finitely many points: infinitely many are missing
  const covered = sq.points.filter((x) => hasAtom(sp, x)).sort((x, y) => x - y);
  const contiguous = covered.every((x, i) => x === sp.from + i);
  const where = contiguous
    ? `x ≥ ${sp.from + covered.length}`
    : `every integer ≥ ${sp.from} except ${covered.map(fmt).join(", ")}`;
  return { where, mass: 1 - massOf(covered) };
}

/** Support analysis: a reason when P is not absolutely continuous with respect to Q, else null. */
export function supportViolation(
  p: Distribution,
  q: Distribution,
  names: KlNames = DEFAULT_NAMES,
): string | null {
  const { P, Q, lp, lq } = roles(names);
  const sp = support(p);
  const sq = support(q);
  const atoms = (s: AtomSupport) =>
    s.kind === "discrete" ? s.points.map(fmt).join(", ") : `${s.from}, ${s.from + 1}, …`;
  if (sp.kind !== "continuous" && sq.kind !== "continuous") {
    const missing = atomsMissing(p, sp, sq);
    if (missing === null) return null;
    return `${P} = ${show(p)} puts probability ${fmt(missing.mass)} on ${missing.where} where ${Q} = ${show(q)} has probability 0, so log ${lp}/${lq} = +∞ there`;
  }
  if (sp.kind !== "continuous") {
    return `${P} = ${show(p)} is discrete (atoms at ${atoms(sp)}) while ${Q} = ${show(q)} has a density and gives every single point probability 0, so ${P} is not absolutely continuous with respect to ${Q}`;
  }
  if (sq.kind !== "continuous") {
    return `${P} = ${show(p)} has a density while ${Q} = ${show(q)} is discrete: ${P} puts all its mass off ${Q}'s atoms (${atoms(sq)}), where ${Q} has probability 0`;
  }
  const pieces = uncovered(sp.intervals, sq.intervals);
  if (pieces.length === 0) return null;
  const parts = pieces
    .slice(0, 3)
    .map((pc) => `${fmt(probabilityOn(p, pc.lo, pc.hi))} on ${showPiece(pc)}`);
  const more = pieces.length > 3 ? ` and ${pieces.length - 3} more interval(s)` : "";
  return `${P} = ${show(p)} puts mass ${parts.join(" and ")}${more} where ${Q} = ${show(q)} has density 0, so log ${lp}/${lq} = +∞ on a set of positive ${P}-probability`;
}

function tailText(t: Tail): string {
  switch (t.kind) {
    case "bounded":
      return "no tail";
    case "gaussian":
      return "a Gaussian tail (log density ≈ −c·x²)";
    case "exponential":
      return `an exponential tail (density ≈ e^(−${fmt(t.rate)}|x|))`;
    case "power":
      return `a power-law tail (density ≈ |x|^−${fmt(1 + t.index)})`;
  }
}

/** Tail analysis: a reason when E_P[−log q(X)] diverges in some tail, else null. */
export function tailDivergence(
  p: Distribution,
  q: Distribution,
  names: KlNames = DEFAULT_NAMES,
): string | null {
  const { P, Q, lq } = roles(names);
  const tp = tails(p);
  const tq = tails(q);
  const diverges = (side: "left" | "right") => {
    const a = tp[side];
    const b = tq[side];
    const moment = b.kind === "gaussian" ? 2 : b.kind === "exponential" ? 1 : null;
    return a.kind === "power" && moment !== null && a.index <= moment;
  };
  const sides = (["left", "right"] as const).filter(diverges);
  for (const side of sides) {
    const a = tp[side] as { kind: "power"; index: number };
    const b = tq[side];
    const moment = b.kind === "gaussian" ? 2 : 1;
    const where = sides.length === 2 ? "in both tails" : `in the ${side} tail`;
    const growth = b.kind === "exponential" ? `${fmt(b.rate)}·|x|` : "x²/(2σ²)";
    const mom = moment === 2 ? `E_${P}[X²]` : `E_${P}[|X|]`;
    return (
      `${P} = ${show(p)} has ${tailText(a)} ${where} while ${Q} = ${show(q)} has ${tailText(b)}: ` +
      `−log ${lq}(x) grows like ${growth}, and ${mom} = ∞ (a power tail of index ${fmt(a.index)} has finite moments only below order ${fmt(a.index)}), ` +
      `so E_${P}[−log ${lq}(X)] = ∞ and the integral diverges`
    );
  }
  return null;
}

type Kind = Distribution["kind"];
type Of<K extends Kind> = Extract<Distribution, { kind: K }>;
type ClosedForm = (p: Distribution, q: Distribution) => number | null;
const closedForms = new Map<string, ClosedForm>();
/** Registers D_KL(P‖Q) for P of kind `p` and Q of kind `q`. */
function closedForm<P extends Kind, Q extends Kind>(
  p: P,
  q: Q,
  f: (p: Of<P>, q: Of<Q>) => number | null,
): void {
  closedForms.set(`${p}|${q}`, f as ClosedForm);
}

closedForm("normal", "normal", (p, q) => {
  const r = p.sigma / q.sigma;
  const d = (p.mu - q.mu) / q.sigma;
  return -Math.log(r) + 0.5 * (r * r + d * d - 1);
});
closedForm("uniform", "uniform", (p, q) => {
  if (p.a < q.a || p.b > q.b) return null;
  return Math.log((q.b - q.a) / (p.b - p.a));
});
closedForm("exponential", "exponential", (p, q) => Math.log(p.rate / q.rate) + q.rate / p.rate - 1);
closedForm("laplace", "laplace", (p, q) => {
  const d = Math.abs(p.mu - q.mu);
  return Math.log(q.b / p.b) + d / q.b + (p.b / q.b) * Math.exp(-d / p.b) - 1;
});
closedForm("gamma", "gamma", (p, q) => {
  const [a1, b1, a2, b2] = [p.shape, p.rate, q.shape, q.rate];
  return (
    (a1 - a2) * digamma(a1) -
    lgamma(a1) +
    lgamma(a2) +
    a2 * (Math.log(b1) - Math.log(b2)) +
    (a1 * (b2 - b1)) / b1
  );
});
closedForm("beta", "beta", (p, q) => {
  const [a1, b1, a2, b2] = [p.a, p.b, q.a, q.b];
  return (
    lbeta(a2, b2) -
    lbeta(a1, b1) +
    (a1 - a2) * digamma(a1) +
    (b1 - b2) * digamma(b1) +
    (a2 - a1 + b2 - b1) * digamma(a1 + b1)
  );
});
closedForm("cauchy", "cauchy", (p, q) => {
  const [g1, g2] = [p.gamma, q.gamma];
  return Math.log(((g1 + g2) ** 2 + (p.x0 - q.x0) ** 2) / (4 * g1 * g2));
});
closedForm("uniform", "normal", (p, q) => {
  // −H(U) + E_U[−log q] with E_U[(x−μ)²] = (b−a)²/12 + (m−μ)²
  const m = (p.a + p.b) / 2;
  const second = (p.b - p.a) ** 2 / 12 + (m - q.mu) ** 2;
  return (
    -Math.log(p.b - p.a) + Math.log(q.sigma) + 0.5 * LOG_2PI + second / (2 * q.sigma * q.sigma)
  );
});
closedForm("logistic", "normal", (p, q) => {
  // −H(P) + E_P[−log q], with H(Logistic(μ, s)) = log s + 2 and Var = s²π²/3
  const second = (p.s * p.s * Math.PI * Math.PI) / 3 + (p.mu - q.mu) ** 2;
  return (
    -(Math.log(p.s) + 2) + Math.log(q.sigma) + 0.5 * LOG_2PI + second / (2 * q.sigma * q.sigma)
  );
});
closedForm("poisson", "poisson", (p, q) => p.rate * Math.log(p.rate / q.rate) + q.rate - p.rate);
closedForm("categorical", "categorical", (p, q) => {
  let s = 0;
  p.values.forEach((v, i) => {
    const pi = p.probs[i];
    if (pi > 0) s += pi * (Math.log(pi) - logPdf(q, v));
  });
  return s;
});

/** Closed-form KL for the pairs that have one (support already checked); null otherwise. */
export function klClosedForm(p: Distribution, q: Distribution): number | null {
  // Exp(λ) = Gamma(1, λ) and U(0, 1) = Beta(1, 1): use the family closed forms across them
  if (
    (p.kind === "exponential" && q.kind === "gamma") ||
    (p.kind === "gamma" && q.kind === "exponential")
  ) {
    return klClosedForm(asGamma(p), asGamma(q));
  }
  const unit = (d: Distribution) => d.kind === "uniform" && d.a === 0 && d.b === 1;
  if ((unit(p) && q.kind === "beta") || (p.kind === "beta" && unit(q))) {
    return klClosedForm(asBeta(p), asBeta(q));
  }
  return closedForms.get(`${p.kind}|${q.kind}`)?.(p, q) ?? null;
}

function asGamma(d: Distribution): Distribution {
  return d.kind === "exponential" ? { kind: "gamma", shape: 1, rate: d.rate } : d;
}
function asBeta(d: Distribution): Distribution {
  return d.kind === "uniform" ? { kind: "beta", a: 1, b: 1 } : d;
}

/** KL by quadrature (or by summation for discrete P), ignoring closed forms. Support must be OK. */
export function klNumeric(p: Distribution, q: Distribution): QuadResult {
  if (isDiscrete(p)) {
    // P's pmf times the log-ratio, over every atom (a countable support until the rest of P's
    // mass is below double precision)
    const value = sumPmf(p, (k) => logPdf(p, k) - logPdf(q, k));
    return { value, abserr: 0, evaluations: 0, converged: true };
  }
  const { loc, scale } = locationScale(p);
  const f = (x: number) => {
    const lp = logPdf(p, x);
    if (!Number.isFinite(lp)) return 0; // outside P's support, or a boundary point (measure zero)
    const lq = logPdf(q, x);
    const v = Math.exp(lp) * (lp - lq);
    return Number.isFinite(v) ? v : 0; // a single boundary node where q = 0 or p = ∞ (measure zero)
  };
  const bps = [...breakpoints(p), ...breakpoints(q), loc - 4 * scale, loc + 4 * scale];
  const parts = intervals(p).map(([a, b]) => integratePieces(f, a, b, bps, { scale }));
  return parts.reduce((acc, r) => ({
    value: acc.value + r.value,
    abserr: acc.abserr + r.abserr,
    evaluations: acc.evaluations + r.evaluations,
    converged: acc.converged && r.converged,
  }));
}

/**
 * D_KL(P‖Q) in nats, finite or infinite with the reason.
 * @example kl(uniform(0, 1), uniform(0, 2)) // { finite: true, value: ln 2, method: "closed-form" }
 * @example kl(uniform(0, 2), uniform(0, 1)).reason // "P = U(0, 2) puts mass 0.5 on (1, 2] where …"
 * `names` labels the arguments in reasons, P and Q unless given: for both directions of a pair
 * use `klBoth`, whose D_KL(Q‖P) reason calls its first argument Q.
 */
export function kl(p: Distribution, q: Distribution, names: KlNames = DEFAULT_NAMES): KlResult {
  const { P, Q, lp, lq } = roles(names);
  const sv = supportViolation(p, q, names);
  if (sv) return infinite("support", sv);
  const overflow = (how: string) =>
    new KlOverflowError(
      `D_KL(${P}‖${Q}) for ${P} = ${excerpt(show(p))} and ${Q} = ${excerpt(show(q))} is beyond double precision: a parameter is too large or too small for ${how}`,
    );
  const cf = klClosedForm(p, q);
  if (cf !== null && Number.isFinite(cf)) return finiteValue(cf, "closed-form");
  const td = tailDivergence(p, q, names);
  if (td) return infinite("tails", td);
  // a closed form is finite wherever the supports and tails allow it: ∞ or NaN there is overflow
  // (N(1e200, 1) against N(0, 1): μ²/2 = 5e399)
  if (cf !== null) throw overflow("its closed form");
  const r = klNumeric(p, q);
  if (Number.isNaN(r.value)) throw overflow("quadrature");
  if (!Number.isFinite(r.value)) {
    return infinite(
      "numeric",
      `the integral E_${P}[log ${lp}/${lq}] evaluated to ${r.value} by quadrature`,
    );
  }
  return finiteValue(r.value, "numeric", r.abserr);
}

/** D_KL(Q‖P) for the pair (P, Q), its reasons naming each as the pair does. */
export function klReverse(p: Distribution, q: Distribution): KlResult {
  return kl(q, p, { p: "Q", q: "P" });
}

/** Both directions: pq = D_KL(P‖Q), qp = D_KL(Q‖P). */
export function klBoth(p: Distribution, q: Distribution): { pq: KlResult; qp: KlResult } {
  return { pq: kl(p, q), qp: klReverse(p, q) };
}

/**
 * Monte Carlo estimate of D_KL(P‖Q) = E_P[log p − log q] from n seeded draws of P, with its
 * standard error. +∞ (with a reason) when a draw lands where q = 0.
 * @example klMonteCarlo(normal(0, 1), normal(1, 1), createRng(0), 10_000) // ≈ 0.5 ± 0.01
 */
export function klMonteCarlo(
  p: Distribution,
  q: Distribution,
  rng: RandomSource,
  n: number,
): { estimate: number; stderr: number; reason: string | null } {
  const xs = sample(p, rng, n);
  let sum = 0;
  let sumSq = 0;
  for (const x of xs) {
    const d = logPdf(p, x) - logPdf(q, x);
    if (d === Number.POSITIVE_INFINITY) {
      return { estimate: d, stderr: 0, reason: `a draw x = ${fmt(x)} from P has q(x) = 0` };
    }
    sum += d;
    sumSq += d * d;
  }
  const m = sum / n;
  const v = Math.max(0, sumSq / n - m * m);
  return { estimate: m, stderr: Math.sqrt(v / Math.max(1, n - 1)), reason: null };
}
