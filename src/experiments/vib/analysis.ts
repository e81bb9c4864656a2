/**
 * Answers from numbers: the shape of the β-sweep curve (3c) and the latent-space statistics and
 * panel assignment of Figure 4 (3d). Pure functions of result data; nothing here trains.
 */

// ---------------------------------------------------------------- 3(c) the sweep curve

export type SweepPoint = { beta: number; validationError: number; testError: number };
export type SideShape = "flat" | "falling" | "rising" | "none";
export type CurveLetter = "a" | "b" | "c" | "d";

export type SweepShape = {
  /** β with the lowest validation error. */
  argminBeta: number;
  minValidationError: number;
  /** Differences smaller than this (absolute error) count as flat: max(0.2 %, 15 % of the min, 5 % of max − min). */
  tolerance: number;
  /** Left of the minimum, read left to right toward it: "falling" if error drops to the min. */
  left: SideShape;
  /** Right of the minimum, read from it: "rising" if the error grows. */
  right: SideShape;
  /** Largest error ÷ smallest, on the right side (how sharply it shoots up). */
  rightRiseRatio: number;
  /** β where the error first exceeds twice the minimum, if any. */
  breakdownBeta: number | null;
  /** Which of the problem's curves (a)–(d) the data matches, and why. */
  curve: CurveLetter;
  reason: string;
};

/** Describes the validation-error curve over β (points in any order). */
export function describeSweep(points: SweepPoint[]): SweepShape {
  if (points.length < 3) throw new Error("a sweep needs at least 3 points to have a shape");
  const p = [...points].sort((a, b) => a.beta - b.beta);
  const errs = p.map((q) => q.validationError);
  const iMin = errs.indexOf(Math.min(...errs));
  const iMax = errs.indexOf(Math.max(...errs));
  const min = errs[iMin];
  // "Flat" is judged against the curve's own scale, as one reads a plot: a change under 0.2 %
  // absolute, under 15 % of the minimum, or under 5 % of the curve's total range.
  const tolerance = Math.max(0.002, 0.15 * min, 0.05 * (errs[iMax] - min));
  const side = (from: number, to: number): SideShape => {
    if (from === to) return "none";
    const d = to - from;
    if (Math.abs(d) <= tolerance) return "flat";
    return d > 0 ? "rising" : "falling";
  };
  const leftEdge = errs[0];
  const rightEdge = errs[errs.length - 1];
  const left = iMin === 0 ? "none" : side(leftEdge, min);
  const right = iMin === errs.length - 1 ? "none" : side(min, Math.max(...errs.slice(iMin)));
  const rightRiseRatio = Math.max(...errs.slice(iMin)) / Math.max(min, 1e-9);
  const breakdown = p.find((q, i) => i > iMin && q.validationError > 2 * min);
  // Steady rise: every step up from the smallest β is non-decreasing beyond tolerance noise and
  // the first half already climbs by more than the tolerance.
  const half = Math.floor(errs.length / 2);
  const climbsEarly = errs[half] - errs[0] > tolerance;
  const interiorMax = iMax > 0 && iMax < errs.length - 1;
  let curve: CurveLetter;
  let reason: string;
  if (interiorMax && errs[iMax] - leftEdge > tolerance && errs[iMax] - rightEdge > tolerance) {
    curve = "d";
    reason = "the error peaks inside the range and is lower at both ends";
  } else if (iMin === errs.length - 1) {
    curve = "c";
    reason = "the error is lowest at the largest β";
  } else if (iMin === 0 && climbsEarly) {
    curve = "a";
    reason = "the error is lowest at the smallest β and climbs from there";
  } else {
    curve = "b";
    reason =
      `low and ${left === "none" ? "flat" : left} for small β, lowest at β = ${p[iMin].beta}, ` +
      `then ${rightRiseRatio >= 2 ? "shoots up" : "rises"} (×${rightRiseRatio.toFixed(1)}) at large β`;
  }
  return {
    argminBeta: p[iMin].beta,
    minValidationError: min,
    tolerance,
    left,
    right,
    rightRiseRatio,
    breakdownBeta: breakdown ? breakdown.beta : null,
    curve,
    reason,
  };
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
      `β = ${best.beta} has the lowest validation error (${(100 * best.validationError).toFixed(2)} %) ` +
      `and Fisher ratio ${best.fisherRatio.toFixed(2)} (kNN accuracy ${(100 * best.knnAccuracy).toFixed(1)} %)`,
  };
}
