/**
 * Answers from numbers: the decision of the designed β comparison (3c) and the latent-space
 * statistics and panel assignment of Figure 4 (3d). Pure functions of result data; nothing here
 * trains.
 */

import { formatBeta, percent, points } from "../../format/index.js";
import { bonferroniConfidence, bootstrapArms, type Interval } from "../../metrics/index.js";

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

export type SweepStatus = "supported" | "unresolved" | "contradicted";

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

/** The problem's three Figure 4 panels as described: axis half-widths about 1.5, 5 and 0.15. */
export const FIGURE4_PANELS = [
  { panel: "a", axisRange: [-1.5, 1.5], description: "three well-separated clusters" },
  { panel: "b", axisRange: [-3, 7], description: "widely spread clusters, large spread in class" },
  {
    panel: "c",
    axisRange: [-0.15, 0.15],
    description: "classes heavily overlapping at the origin",
  },
] as const;

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
  /** ii. the β whose latent space predicts best (lowest validation error; Fisher ratio breaks ties). */
  bestBeta: number;
  bestPanel: string;
  reason: string;
};

/** Derives the answers to 3(d) i and ii from the measured statistics of the three runs. */
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
  const best = [...stats].sort(
    (a, b) => a.validationError - b.validationError || b.fisherRatio - a.fisherRatio,
  )[0];
  const bestPanel = Object.entries(panelToBeta).find(([, b]) => b === best.beta)![0];
  return {
    panelToBeta,
    scaleCheck,
    bestBeta: best.beta,
    bestPanel,
    reason:
      `β = ${best.beta} has the lowest validation error (${percent(best.validationError)}) ` +
      `and Fisher ratio ${best.fisherRatio.toFixed(2)} (kNN accuracy ${(100 * best.knnAccuracy).toFixed(1)} %)`,
  };
}
