/**
 * Answers from numbers: the decision of the designed β comparison (3c), the latent-space
 * statistics and panel assignment of Figure 4 (3d-i) and the decision of which latent space
 * predicts best (3d-ii). Pure functions of result data; nothing here trains.
 */

import { fixed, formatBeta, percent, points } from "../../format/index.js";
import {
  bonferroniConfidence,
  bootstrapArms,
  bootstrapSeedsAndExamples,
  type Interval,
} from "../../metrics/index.js";
import { derivedPartLabel, homework } from "../../problems/index.js";

/**
 * The parts these numbers answer, as the VIB figures' titles, logs and errors name them: the
 * problem set's labels, a sub-part nested ("3(d)(ii)"), 3(d) for both of its sub-parts.
 */
export const VIB_PART_LABELS = {
  sweep: derivedPartLabel(homework, "beta-sweep", "nested"),
  latent: derivedPartLabel(homework, "latent-scales", "none"),
  latentBest: derivedPartLabel(homework, "latent-best", "nested"),
};

// ---------------------------------------------------------------- 3(c) the designed β comparison

/**
 * The decision rule of 3(c), fixed before any run: which arms are compared, at what level, and
 * how many seeds may be added. The claim tested is the shape of curve (b): some moderate β has a
 * lower validation error than the tiny β, and the large β's error is above it.
 */
export type SweepDesign = {
  /** Every β trained (ascending). */
  betas: number[];
  /** The "no regulariser" arm every moderate β is compared with. */
  reference: number;
  /** The moderate β that may beat the reference. */
  moderate: number[];
  /** The β at which the error must shoot up. */
  large: number;
  /** Seeds (0, 1, …) are added one at a time from `min` until decided or `max` is reached. */
  seeds: { min: number; max: number };
  /** Family-wise error rate over every interval of every look (Bonferroni). */
  alpha: number;
  resamples: number;
};

/** One arm (β) at one look: per-digit error rates over its seeds and noise draws. */
export type SweepArmData = {
  beta: number;
  /** Validation error of each seed (mean over its noise draws). */
  perSeed: number[];
  /** Per validation digit: mean over seeds and draws of the S-sample error (0…1). */
  rates: readonly number[];
};

/** What the rule decided about a claim: resolved for it, against it, or neither. */
export const SWEEP_STATUSES = ["supported", "unresolved", "contradicted"] as const;
export type SweepStatus = (typeof SWEEP_STATUSES)[number];

/** One contrast of the rule: mean error of `minus` subtracted from that of `from`. */
export type SweepContrast = {
  from: number;
  minus: number;
  /** "moderate-beats-reference" (from = reference) or "large-rises" (from = large). */
  test: "moderate-beats-reference" | "large-rises";
  interval: Interval;
};

export type SweepDecision = {
  status: SweepStatus;
  reason: string;
  /** Seeds used at this look, and the number of looks the rule allows. */
  seeds: number;
  looks: number;
  /** Confidence of every interval: 1 − alpha / (contrasts × looks). */
  confidence: number;
  arms: Array<{ beta: number; error: Interval; perSeed: number[] }>;
  contrasts: SweepContrast[];
  /** The moderate β with the lowest mean error. */
  bestModerate: number;
};

const pts = (iv: Interval) => `${points(iv.mean)} points [${points(iv.low)}, ${points(iv.high)}]`;

/** Bonferroni-corrected paired bootstrap over validation digits: the status at one look. */
export function decideSweep(design: SweepDesign, arms: SweepArmData[], seed = 0): SweepDecision {
  const idx = (beta: number) => {
    const i = arms.findIndex((a) => a.beta === beta);
    if (i < 0) throw new Error(`sweep: no arm for β = ${beta}`);
    return i;
  };
  const ref = idx(design.reference);
  const large = idx(design.large);
  const pairs: Array<[number, number, SweepContrast["test"], number]> = design.moderate.flatMap(
    (b) => [
      [ref, idx(b), "moderate-beats-reference", b] as [
        number,
        number,
        SweepContrast["test"],
        number,
      ],
      [large, idx(b), "large-rises", b] as [number, number, SweepContrast["test"], number],
    ],
  );
  const looks = design.seeds.max - design.seeds.min + 1;
  const confidence = bonferroniConfidence(design.alpha, pairs.length * looks);
  const boot = bootstrapArms(
    arms.map((a) => a.rates),
    pairs.map(([a, b]) => [a, b] as const),
    { resamples: design.resamples, confidence, seed },
  );
  const contrasts: SweepContrast[] = pairs.map(([a, , test, b], c) => ({
    from: arms[a].beta,
    minus: b,
    test,
    interval: boot.contrasts[c],
  }));
  const beats = (b: number) =>
    contrasts.find((c) => c.minus === b && c.test === "moderate-beats-reference")!.interval;
  const rises = (b: number) =>
    contrasts.find((c) => c.minus === b && c.test === "large-rises")!.interval;
  const bestModerate = [...design.moderate].sort(
    (a, b) => boot.arms[idx(a)].mean - boot.arms[idx(b)].mean,
  )[0];
  const winners = design.moderate.filter((b) => beats(b).low > 0 && rises(b).low > 0);
  const losers = design.moderate.filter((b) => beats(b).high < 0 || rises(b).high < 0);
  const level = `${percent(confidence)} intervals (Bonferroni over ${pairs.length} contrasts × ${looks} looks, family-wise ${design.alpha})`;
  const ref0 = `β = ${formatBeta(design.reference)}`;
  let status: SweepStatus;
  let reason: string;
  if (winners.length) {
    const w = [...winners].sort((a, b) => beats(b).mean - beats(a).mean)[0];
    status = "supported";
    reason =
      `β = ${formatBeta(w)} lowers the validation error below ${ref0} by ${pts(beats(w))} and β = ${formatBeta(design.large)} is ` +
      `above it by ${pts(rises(w))}, both ${level}`;
  } else if (losers.length === design.moderate.length) {
    status = "contradicted";
    reason = `no moderate β can be the minimum: ${design.moderate
      .map((b) =>
        beats(b).high < 0
          ? `β = ${formatBeta(b)} is worse than ${ref0} (${ref0} − β = ${formatBeta(b)}: ${pts(beats(b))})`
          : `β = ${formatBeta(b)} is worse than β = ${formatBeta(design.large)} (${pts(rises(b))})`,
      )
      .join("; ")}, ${level}`;
  } else {
    status = "unresolved";
    reason = `no moderate β is resolved below ${ref0} (${design.moderate
      .map((b) => `${ref0} − β = ${formatBeta(b)}: ${pts(beats(b))}`)
      .join("; ")}), and not every one is resolved above it, ${level}`;
  }
  return {
    status,
    reason,
    seeds: arms[0].perSeed.length,
    looks,
    confidence,
    arms: arms.map((a, k) => ({ beta: a.beta, error: boot.arms[k], perSeed: a.perSeed })),
    contrasts,
    bestModerate,
  };
}

/** Per-digit mean of several equally long rate vectors (seeds). */
export function meanRates(vectors: ReadonlyArray<readonly number[]>): number[] {
  const n = vectors[0]?.length ?? 0;
  const out = new Array<number>(n).fill(0);
  for (const v of vectors) {
    if (v.length !== n) throw new Error(`rates differ in length (${n} vs ${v.length})`);
    for (let i = 0; i < n; i++) out[i] += v[i] / vectors.length;
  }
  return out;
}

// ---------------------------------------------------------------- 3(d) the latent space

/** Measured statistics of the 2-D latent means of held-out digits under one β. */
export type LatentStats = {
  beta: number;
  /** [min, max] of each coordinate over the held-out points (what the panel's axes span). */
  extent: { x: [number, number]; y: [number, number] };
  /** Largest |coordinate|: one number for "the axis scale". */
  halfWidth: number;
  /** trace(between-class scatter) / trace(within-class scatter): scale-free separation. */
  fisherRatio: number;
  /** Leave-one-out 5-nearest-neighbour accuracy on the latent means. */
  knnAccuracy: number;
  /** Accuracy of the model's own decoder (S-sample average) on the held-out digits. */
  decoderAccuracy: number;
  validationError: number;
};

/** Extent, Fisher ratio and kNN accuracy of points [n, 2] with labels; decoder numbers passed in. */
export function latentStats(
  beta: number,
  points: Float32Array,
  labels: ArrayLike<number>,
  decoderAccuracy: number,
  validationError: number,
): LatentStats {
  const n = labels.length;
  if (points.length !== 2 * n)
    throw new Error(`expected ${2 * n} coordinates, got ${points.length}`);
  let x0 = Number.POSITIVE_INFINITY;
  let x1 = Number.NEGATIVE_INFINITY;
  let y0 = Number.POSITIVE_INFINITY;
  let y1 = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    x0 = Math.min(x0, points[2 * i]);
    x1 = Math.max(x1, points[2 * i]);
    y0 = Math.min(y0, points[2 * i + 1]);
    y1 = Math.max(y1, points[2 * i + 1]);
  }
  const classes = [...new Set(Array.from(labels))].sort((a, b) => a - b);
  const mean = [0, 0];
  for (let i = 0; i < n; i++) for (const d of [0, 1]) mean[d] += points[2 * i + d] / n;
  let between = 0;
  let within = 0;
  for (const c of classes) {
    const idx = [];
    for (let i = 0; i < n; i++) if (labels[i] === c) idx.push(i);
    const m = [0, 0];
    for (const i of idx) for (const d of [0, 1]) m[d] += points[2 * i + d] / idx.length;
    for (const d of [0, 1]) between += idx.length * (m[d] - mean[d]) ** 2;
    for (const i of idx) for (const d of [0, 1]) within += (points[2 * i + d] - m[d]) ** 2;
  }
  return {
    beta,
    extent: { x: [x0, x1], y: [y0, y1] },
    halfWidth: Math.max(Math.abs(x0), Math.abs(x1), Math.abs(y0), Math.abs(y1)),
    fisherRatio: between / Math.max(within, 1e-30),
    knnAccuracy: knnAccuracy(points, labels, 5),
    decoderAccuracy,
    validationError,
  };
}

/** Leave-one-out k-NN accuracy (majority vote, ties to the nearest) on 2-D points. */
export function knnAccuracy(points: Float32Array, labels: ArrayLike<number>, k: number): number {
  const n = labels.length;
  let right = 0;
  const d = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      d[j] =
        j === i
          ? Number.POSITIVE_INFINITY
          : (points[2 * i] - points[2 * j]) ** 2 + (points[2 * i + 1] - points[2 * j + 1]) ** 2;
    }
    const nearest = Array.from({ length: n }, (_, j) => j)
      .sort((a, b) => d[a] - d[b])
      .slice(0, k);
    const votes = new Map<number, number>();
    for (const j of nearest) votes.set(labels[j], (votes.get(labels[j]) ?? 0) + 1);
    const top = Math.max(...votes.values());
    const winner = nearest.find((j) => votes.get(labels[j]) === top)!;
    if (labels[winner] === labels[i]) right++;
  }
  return right / n;
}

/** A Figure 4 panel as the problem set describes it. */
export type Figure4Panel = {
  panel: string;
  axisRange: readonly number[];
  description: string;
  /** The clusters as described ("well separated" is the panel 3(d)(ii) expects to predict best). */
  clusters: string;
};

/** The problem's three Figure 4 panels, read from the problem set's 3(d)(i) items. */
export const FIGURE4_PANELS: readonly Figure4Panel[] = figure4Panels();

function figure4Panels(): Figure4Panel[] {
  const part = homework.parts.find((p) => p.derivation === "latent-scales");
  if (part?.answerType !== "assignment")
    throw new Error("the problem set has no assignment part derived by latent-scales");
  return part.items.map((it) => {
    const r = it.properties.axisRange;
    if (!Array.isArray(r) || r.some((x) => typeof x !== "number"))
      throw new Error(`panel ${it.label} of ${part.id} has no numeric axisRange`);
    return {
      panel: it.label,
      axisRange: r as number[],
      description: it.description,
      clusters: String(it.properties.clusters ?? ""),
    };
  });
}

/** The panel the problem describes as well separated: the latent space 3(d)(ii) expects best. */
export function wellSeparatedPanel(): Figure4Panel {
  const p = FIGURE4_PANELS.find((x) => x.clusters === "well separated");
  if (!p) throw new Error("no Figure 4 panel is described as well separated");
  return p;
}

export type LatentAnswers = {
  /** i. panel letter → β, matched by ordering measured axis scales against the described ones. */
  panelToBeta: Record<string, number>;
  /** Measured half-width next to the panel's described half-width, per panel. */
  scaleCheck: Array<{
    panel: string;
    beta: number;
    measuredHalfWidth: number;
    describedHalfWidth: number;
  }>;
};

/**
 * 3(d)(i) from the measured statistics of the three runs: panels matched to runs by axis scale.
 * (3(d)(ii) is decided over seeds by `decideLatent`.)
 */
export function answerLatent(stats: LatentStats[]): LatentAnswers {
  if (stats.length !== FIGURE4_PANELS.length) {
    throw new Error(`expected ${FIGURE4_PANELS.length} latent runs, got ${stats.length}`);
  }
  const half = (r: readonly number[]) => Math.max(...r.map(Math.abs));
  const panelsByScale = [...FIGURE4_PANELS].sort((a, b) => half(a.axisRange) - half(b.axisRange));
  const runsByScale = [...stats].sort((a, b) => a.halfWidth - b.halfWidth);
  const panelToBeta: Record<string, number> = {};
  const scaleCheck = panelsByScale.map((p, i) => {
    panelToBeta[p.panel] = runsByScale[i].beta;
    return {
      panel: p.panel,
      beta: runsByScale[i].beta,
      measuredHalfWidth: runsByScale[i].halfWidth,
      describedHalfWidth: half(p.axisRange),
    };
  });
  return { panelToBeta, scaleCheck };
}

// ---------------------------------------------------------------- 3(d)(ii) the best latent space

/**
 * The decision rule of 3(d)(ii), fixed before any run. "The better latent space for prediction"
 * is the one from which the decoder predicts the label better. The endpoint is the validation
 * cross-entropy −log q(y|x) of the S-sample predictive distribution (nats per digit: the VIB's
 * own task term, and H(Y) minus it bounds I(Z;Y), what Z keeps about the label, from below), a
 * proper score that reads every digit's confidence, where the S-sample error (about 1 % on three
 * digits) counts a few dozen digits. The error is reported beside it, at the same level; it does
 * not decide.
 *
 * The three β are trained on the same digits with seeds paired across β (same initialisation,
 * batch order and noise), and read on the same validation digits. Every pair of β is compared by
 * a bootstrap that resamples the seeds and the validation digits (both jointly across β), so a
 * difference that some seeds show and others reverse is not resolved. A β is "best" when its
 * cross-entropy is resolved below each other β's. Seeds are added one at a time from `min` until
 * some β is best or `max` is reached; every interval is Bonferroni-corrected over the pairs and
 * the looks.
 */
export type LatentDesign = {
  /** The β of the three panels (ascending). */
  betas: number[];
  /** Seeds (0, 1, …) are added one at a time from `min` until decided or `max` is reached. */
  seeds: { min: number; max: number };
  /** Family-wise error rate over every cross-entropy interval of every look (Bonferroni). */
  alpha: number;
  resamples: number;
};

/** One β at one look: per seed, per validation digit, means over the noise draws. */
export type LatentArmData = {
  beta: number;
  /** −log q(y|x) of the S-sample predictive (nats): [seed][digit]. */
  crossEntropy: ReadonlyArray<readonly number[]>;
  /** Fraction of noise draws whose S-sample prediction is wrong: [seed][digit]. */
  error: ReadonlyArray<readonly number[]>;
};

/** One pair of β: the rival's mean minus `beta`'s (> 0: `beta` predicts better). */
export type LatentContrast = {
  beta: number;
  rival: number;
  crossEntropy: Interval;
  error: Interval;
};

export type LatentDecision = {
  /** Some β is resolved best (the rule stops adding seeds). */
  decided: boolean;
  /** The β whose cross-entropy is resolved below each other β's, or null. */
  best: number | null;
  /** The β with the lowest mean cross-entropy (resolved or not). */
  leader: number;
  reason: string;
  seeds: number;
  looks: number;
  /** Confidence of every interval: 1 − alpha / (pairs × looks). */
  confidence: number;
  arms: Array<{
    beta: number;
    crossEntropy: Interval;
    error: Interval;
    /** Each seed's mean over the validation digits. */
    perSeed: { crossEntropy: number[]; error: number[] };
  }>;
  contrasts: LatentContrast[];
};

/** An interval as read back from a result file (the fields the 3(d)(ii) verdicts use). */
type Bounds = Pick<Interval, "mean" | "low" | "high">;
/** The parts of a decision its verdicts read (a `LatentDecision`, or one read from latent.json). */
type LatentEvidence = {
  best: number | null;
  reason: string;
  arms: ReadonlyArray<{ beta: number }>;
  contrasts: ReadonlyArray<{ beta: number; rival: number; crossEntropy: Bounds; error: Bounds }>;
};

const nats = (iv: Bounds) =>
  `${fixed(iv.mean, 4)} nats [${fixed(iv.low, 4)}, ${fixed(iv.high, 4)}]`;
const mean = (v: readonly number[]) => v.reduce((a, b) => a + b, 0) / v.length;

/** Whether β = a is resolved better (lower cross-entropy) than β = b in `d`. */
export function latentBetter(d: Pick<LatentEvidence, "contrasts">, a: number, b: number): boolean {
  for (const c of d.contrasts) {
    if (c.beta === a && c.rival === b) return c.crossEntropy.low > 0;
    if (c.beta === b && c.rival === a) return c.crossEntropy.high < 0;
  }
  throw new Error(`${VIB_PART_LABELS.latentBest}: no contrast between β = ${a} and β = ${b}`);
}

/** The interval of CE(rival) − CE(beta), oriented as asked (> 0: `beta` is better). */
export function latentContrast(
  d: Pick<LatentEvidence, "contrasts">,
  beta: number,
  rival: number,
): { crossEntropy: Bounds; error: Bounds } {
  const flip = (iv: Bounds): Bounds => ({
    ...iv,
    mean: -iv.mean,
    low: -iv.high,
    high: -iv.low,
  });
  for (const c of d.contrasts) {
    if (c.beta === beta && c.rival === rival) return c;
    if (c.beta === rival && c.rival === beta)
      return { crossEntropy: flip(c.crossEntropy), error: flip(c.error) };
  }
  throw new Error(
    `${VIB_PART_LABELS.latentBest}: no contrast between β = ${beta} and β = ${rival}`,
  );
}

/** The 3(d)(ii) rule at one look: a bootstrap over seeds and validation digits, every pair of β. */
export function decideLatent(
  design: LatentDesign,
  arms: LatentArmData[],
  seed = 0,
): LatentDecision {
  const betas = arms.map((a) => a.beta);
  if (betas.join() !== design.betas.join())
    throw new Error(
      `${VIB_PART_LABELS.latentBest}: arms β ${betas.join(", ")} are not the design's ${design.betas.join(", ")}`,
    );
  const K = arms.length;
  const pairs: Array<[number, number]> = [];
  for (let a = 0; a < K; a++) for (let b = a + 1; b < K; b++) pairs.push([a, b]);
  const looks = design.seeds.max - design.seeds.min + 1;
  const confidence = bonferroniConfidence(design.alpha, pairs.length * looks);
  // Arms 0…K−1: cross-entropy; K…2K−1: error. Contrasts: rival − beta, cross-entropy then error.
  const boot = bootstrapSeedsAndExamples(
    [...arms.map((a) => a.crossEntropy), ...arms.map((a) => a.error)],
    [...pairs.map(([a, b]) => [b, a] as const), ...pairs.map(([a, b]) => [K + b, K + a] as const)],
    { resamples: design.resamples, confidence, seed },
  );
  const contrasts: LatentContrast[] = pairs.map(([a, b], c) => ({
    beta: betas[a],
    rival: betas[b],
    crossEntropy: boot.contrasts[c],
    error: boot.contrasts[pairs.length + c],
  }));
  const d = { contrasts };
  const best = betas.find((a) => betas.every((b) => b === a || latentBetter(d, a, b))) ?? null;
  const armsOut = arms.map((a, k) => ({
    beta: a.beta,
    crossEntropy: boot.arms[k],
    error: boot.arms[K + k],
    perSeed: { crossEntropy: a.crossEntropy.map(mean), error: a.error.map(mean) },
  }));
  const leader = [...armsOut].sort((x, y) => x.crossEntropy.mean - y.crossEntropy.mean)[0].beta;
  const level = `${percent(confidence)} intervals over seeds and validation digits (Bonferroni over ${pairs.length} pairs × ${looks} looks, family-wise ${design.alpha})`;
  const against = (a: number) =>
    betas
      .filter((b) => b !== a)
      .map(
        (b) =>
          `β = ${formatBeta(b)} minus β = ${formatBeta(a)}: ${nats(latentContrast(d, a, b).crossEntropy)}`,
      )
      .join("; ");
  const reason =
    best !== null
      ? `β = ${formatBeta(best)} has the lowest validation cross-entropy, resolved against each other β (${against(best)}), ${level}`
      : `no β is resolved below both others (lowest mean: β = ${formatBeta(leader)}; ${against(leader)}), ${level}`;
  const nSeeds = arms[0].crossEntropy.length;
  return {
    decided: best !== null,
    best,
    leader,
    reason,
    seeds: nSeeds,
    looks,
    confidence,
    arms: armsOut,
    contrasts,
  };
}

/** The status of a claimed best β (the well-separated panel's) against the decision. */
export type LatentClaim = {
  beta: number;
  status: SweepStatus;
  reason: string;
};

/**
 * Supported: the claimed β is resolved best. Contradicted: another β is resolved best, or
 * resolved better than the claimed one. Unresolved: neither.
 */
export function latentClaim(d: LatentEvidence, claimed: number): LatentClaim {
  const others = d.arms.map((a) => a.beta).filter((b) => b !== claimed);
  if (others.length === d.arms.length)
    throw new Error(
      `${VIB_PART_LABELS.latentBest}: the claimed β = ${claimed} is not one of the arms`,
    );
  const beatenBy = others.filter((b) => latentBetter(d, b, claimed));
  const c = `β = ${formatBeta(claimed)}`;
  if (d.best === claimed) return { beta: claimed, status: "supported", reason: d.reason };
  if (beatenBy.length)
    return {
      beta: claimed,
      status: "contradicted",
      reason: `${beatenBy.map((b) => `β = ${formatBeta(b)}`).join(" and ")} predict${beatenBy.length > 1 ? "" : "s"} better than ${c} (${beatenBy
        .map(
          (b) =>
            `${c} minus β = ${formatBeta(b)}: ${nats(latentContrast(d, b, claimed).crossEntropy)}`,
        )
        .join("; ")}); ${d.reason}`,
    };
  return {
    beta: claimed,
    status: "unresolved",
    reason: `${c} is not resolved better than every other β, nor resolved worse than any: ${d.reason}`,
  };
}
