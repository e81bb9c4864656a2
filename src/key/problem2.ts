/**
 * Problem 2 answered by computation with the KL toolkit (src/divergences), never from stored
 * text: 2(a) an example pair found and verified by `kl` in both directions, a judge for any
 * proposed pair (every reading of its notation), and 2(b) which plot is which, argued from the
 * measured fits.
 */
import {
  formatDistribution,
  type KlResult,
  kl,
  klBoth,
  mean,
  normal,
  ParseError,
  parseDistribution,
  parsePair,
  variance,
} from "../divergences/index.js";
import { fixed } from "../format/index.js";

const f3 = (x: number) => fixed(x, 3);
const klText = (r: KlResult) => (r.finite ? `${r.value!.toFixed(4)} nats` : "∞");

/** Candidate pairs for 2(a), in order of simplicity: support, tails, discrete. */
const CANDIDATES_2A: Array<[string, string]> = [
  ["U(0, 1)", "U(0, 2)"],
  ["N(0, 1)", "Cauchy(0, 1)"],
  ["[0.5, 0.5]", "[0.25, 0.25, 0.5]"],
];

export type Example2a = { p: string; q: string; pq: KlResult; qp: KlResult };
export type Answer2a = Example2a & {
  /** True when the computation confirms KL(P‖Q) < ∞ and KL(Q‖P) = ∞. */
  verified: boolean;
  explanation: string;
  /** Further verified pairs of other kinds (heavy tails, discrete). */
  alternatives: Example2a[];
};

/**
 * 2(a): univariate P, Q with D_KL(P‖Q) finite and D_KL(Q‖P) infinite, verified by `kl`.
 * @example answer2a().p // "U(0, 1)"
 */
export function answer2a(): Answer2a {
  const verified: Example2a[] = [];
  for (const [pt, qt] of CANDIDATES_2A) {
    const p = parseDistribution(pt).readings[0].dist;
    const q = parseDistribution(qt).readings[0].dist;
    const { pq, qp } = klBoth(p, q);
    if (pq.finite && !qp.finite)
      verified.push({ p: formatDistribution(p), q: formatDistribution(q), pq, qp });
  }
  if (verified.length === 0)
    throw new Error("no candidate pair verified: the KL toolkit is broken");
  const [main, ...alternatives] = verified;
  const explanation =
    `Take P = ${main.p} and Q = ${main.q}. Computed: D_KL(P‖Q) = ${klText(main.pq)} (${main.pq.method}), ` +
    `finite because P's support lies inside Q's, so log p/q is bounded where P has mass; ` +
    `D_KL(Q‖P) = ∞ (${main.qp.method}): ${main.qp.reason}.` +
    (alternatives.length > 0
      ? ` Other verified pairs: ${alternatives.map((a) => `P = ${a.p}, Q = ${a.q} (D_KL(P‖Q) = ${klText(a.pq)}; D_KL(Q‖P) = ∞: ${a.qp.method})`).join("; ")}.`
      : "");
  return { ...main, verified: true, explanation, alternatives };
}

export type Verdict2a = "finite-infinite" | "infinite-finite" | "both-finite" | "both-infinite";
export type Judgement2a = {
  p: string;
  q: string;
  /** Set when the text could not be read (then `readings` is empty). */
  error: string | null;
  readings: Array<{
    label: string;
    p: string;
    q: string;
    pq: KlResult;
    qp: KlResult;
    verdict: Verdict2a;
    /** KL(P‖Q) finite and KL(Q‖P) infinite, as asked. */
    satisfies: boolean;
    note: string;
  }>;
  /** "correct" (every reading), "ambiguous" (some readings), "reversed" (works with P, Q swapped), "incorrect". */
  overall: "correct" | "ambiguous" | "reversed" | "incorrect" | "unreadable";
};

/** Judges a proposed 2(a) pair under every reading of its notation. */
export function judge2a(pText: string, qText: string): Judgement2a {
  let pairs: ReturnType<typeof parsePair>;
  try {
    pairs = parsePair(pText, qText);
  } catch (err) {
    if (err instanceof ParseError) {
      return { p: pText, q: qText, error: err.message, readings: [], overall: "unreadable" };
    }
    throw err;
  }
  const readings = pairs.map((r) => {
    const { pq, qp } = klBoth(r.p, r.q);
    const verdict: Verdict2a = pq.finite
      ? qp.finite
        ? "both-finite"
        : "finite-infinite"
      : qp.finite
        ? "infinite-finite"
        : "both-infinite";
    const note = {
      "finite-infinite": `D_KL(P‖Q) = ${klText(pq)} is finite and D_KL(Q‖P) = ∞ (${qp.reason}): as asked.`,
      "infinite-finite": `Reversed: D_KL(P‖Q) = ∞ (${pq.reason}) while D_KL(Q‖P) = ${klText(qp)}; swapping P and Q answers the question.`,
      "both-finite": `Both directions are finite (D_KL(P‖Q) = ${klText(pq)}, D_KL(Q‖P) = ${klText(qp)}): asymmetric, but not the asked finite/infinite pair.`,
      "both-infinite": `Both directions are infinite: D_KL(P‖Q): ${pq.reason}; D_KL(Q‖P): ${qp.reason}.`,
    }[verdict];
    return {
      label: r.label,
      p: formatDistribution(r.p),
      q: formatDistribution(r.q),
      pq,
      qp,
      verdict,
      satisfies: verdict === "finite-infinite",
      note,
    };
  });
  const all = (v: Verdict2a) => readings.every((r) => r.verdict === v);
  const overall = all("finite-infinite")
    ? "correct"
    : readings.some((r) => r.satisfies)
      ? "ambiguous"
      : all("infinite-finite")
        ? "reversed"
        : "incorrect";
  return { p: pText, q: qText, error: null, readings, overall };
}

/** A fitted Gaussian as measured. */
export type MeasuredFit = { mu: number; sigma: number; klNats: number };
export type Answer2b = {
  /** Plot A: Q broad over both modes; plot B: Q narrow on one mode. */
  assignment: { A: "forward" | "reverse"; B: "forward" | "reverse" };
  forward: MeasuredFit;
  reverse: MeasuredFit;
  /** How many distinct reverse-KL local minima were found (one per mode, possibly more). */
  reverseMinima: MeasuredFit[];
  /** Each fit scored by the other direction: why neither would choose the other's answer. */
  crossCosts: { forwardKlOfReverseFit: number | null; reverseKlOfForwardFit: number | null };
  target: { text: string; mean: number; std: number; componentSigma: number[]; weights: number[] };
  /** True when the forward fit is broader than the reverse fit (the expected outcome). */
  consistent: boolean;
  explanation: string;
};

/** What 2(b) reads of one direction's fit: a live `fitGaussian` result or a saved fit.json. */
export type MeasuredDirection = { finite: true; minima: MeasuredFit[] } | { finite: false };

function bestMin(d: MeasuredDirection, name: string): MeasuredFit {
  if (!d.finite || d.minima.length === 0)
    throw new Error(`the ${name} fit has no finite local minimum`);
  return d.minima[0];
}

/**
 * 2(b): which plot is which minimisation and why, from the measured fits (`fitGaussian` or a
 * results/problem2/fit.json written by `groundtruth fit`).
 */
export function answer2b(fit: {
  target: string;
  forward: MeasuredDirection;
  reverse: MeasuredDirection;
}): Answer2b {
  const p = parseDistribution(fit.target).readings[0].dist;
  const fw = bestMin(fit.forward, "forward");
  const rv = bestMin(fit.reverse, "reverse");
  const m = (pt: MeasuredFit): MeasuredFit => ({ mu: pt.mu, sigma: pt.sigma, klNats: pt.klNats });
  const reverseMinima = fit.reverse.finite ? fit.reverse.minima.map(m) : [];
  const cross = {
    forwardKlOfReverseFit: kl(p, normal(rv.mu, rv.sigma)).value,
    reverseKlOfForwardFit: kl(normal(fw.mu, fw.sigma), p).value,
  };
  const comps = p.kind === "mixture" ? p.components : [p];
  const weights = p.kind === "mixture" ? p.weights : [1];
  const componentSigma = comps.map((c) => Math.sqrt(variance(c)));
  const std = Math.sqrt(variance(p));
  const broadIsForward = fw.sigma > rv.sigma;
  const assignment = broadIsForward
    ? ({ A: "forward", B: "reverse" } as const)
    : ({ A: "reverse", B: "forward" } as const);
  // which component the reverse fit sits on, and that component's weight
  const nearest = comps.reduce(
    (best, c, i) => (Math.abs(mean(c) - rv.mu) < Math.abs(mean(comps[best]) - rv.mu) ? i : best),
    0,
  );
  const wOn = weights[nearest];
  const others = reverseMinima.slice(1);
  const g = (x: MeasuredFit) => `N(${f3(x.mu)}, ${f3(x.sigma)}²)`;
  const explanation = [
    `Plot A (Q broad, spread over both modes) is the ${assignment.A}-KL fit and plot B (Q narrow, on one mode) is the ${assignment.B}-KL fit.`,
    `Measured on P = ${fit.target} (mean ${f3(mean(p))}, std ${f3(std)}, component σ ${componentSigma.map(f3).join(", ")}):`,
    `minimising the forward KL D_KL(P‖Q) gave Q = ${g(m(fw))} with KL ${f3(fw.klNats)} nats — σ = ${f3(fw.sigma)} equals std(P) = ${f3(std)}, because for a Gaussian Q the forward KL is minimised by matching P's mean and variance (moment matching).`,
    `Minimising the reverse KL D_KL(Q‖P) gave Q = ${g(m(rv))} with KL ${f3(rv.klNats)} nats — σ = ${f3(rv.sigma)} is the σ of the mode it sits on (${f3(componentSigma[nearest])}), and the KL is close to −ln ${f3(wOn)} = ${f3(-Math.log(wOn))}, the price of ignoring the other mass.`,
    `Why: the forward KL E_P[log p − log q] is an average over P, so any region where P has mass and q ≈ 0 makes −log q explode — Q must cover all of P's mass (mass-covering, zero-avoiding); the narrow fit would cost D_KL(P‖Q_B) = ${cross.forwardKlOfReverseFit === null ? "∞" : f3(cross.forwardKlOfReverseFit)} nats instead of ${f3(fw.klNats)}.`,
    `The reverse KL E_Q[log q − log p] is an average over Q, so Q is punished wherever it puts mass where p ≈ 0 — in the gap between the modes — which forces q ≈ 0 there (zero-forcing) and makes it lock onto one mode (mode-seeking); the broad fit would cost D_KL(Q_A‖P) = ${cross.reverseKlOfForwardFit === null ? "∞" : f3(cross.reverseKlOfForwardFit)} nats instead of ${f3(rv.klNats)}.`,
    `Reverse-KL local minima found from ${reverseMinima.length > 1 ? "the" : "all"} starts: ${reverseMinima.map((x) => `${g(x)} (KL ${f3(x.klNats)})`).join(", ")}; the best value is reached on a single mode${others.some((x) => Math.abs(x.klNats - rv.klNats) < 1e-3) ? ", equally on either one, so plot B may show either mode" : ""}.`,
  ].join(" ");
  return {
    assignment,
    forward: m(fw),
    reverse: m(rv),
    reverseMinima,
    crossCosts: cross,
    target: { text: fit.target, mean: mean(p), std, componentSigma, weights },
    consistent: broadIsForward,
    explanation,
  };
}
