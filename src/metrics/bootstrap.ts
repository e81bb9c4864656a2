/**
 * Percentile bootstrap confidence intervals (Efron & Tibshirani): resample the per-example
 * scores with replacement, recompute the mean, and read the interval off the sorted means.
 * Several systems scored on the same examples are resampled jointly (the same examples for
 * every system in a replicate), so their differences are paired. Seeded, so an interval in a
 * result file can be reproduced exactly.
 */
import { createRng } from "../engine/rng.js";

export type BootstrapOptions = { resamples?: number; confidence?: number; seed?: number };
/** A mean with its bootstrap interval. */
export type Interval = {
  mean: number;
  low: number;
  high: number;
  confidence: number;
  resamples: number;
};

function quantile(sorted: Float64Array, q: number): number {
  const pos = q * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/**
 * Each arm's and contrast's interval, read off its replicates (sorted in place): the full-data
 * mean with the percentile interval around it.
 */
function percentileIntervals(
  full: readonly number[],
  contrasts: ReadonlyArray<readonly [number, number]>,
  armReplicates: Float64Array[],
  contrastReplicates: Float64Array[],
  confidence: number,
): { arms: Interval[]; contrasts: Interval[] } {
  const alpha = (1 - confidence) / 2;
  const interval = (mean: number, reps: Float64Array): Interval => {
    reps.sort();
    return {
      mean,
      low: quantile(reps, alpha),
      high: quantile(reps, 1 - alpha),
      confidence,
      resamples: reps.length,
    };
  };
  return {
    arms: full.map((m, k) => interval(m, armReplicates[k])),
    contrasts: contrasts.map(([a, b], c) => interval(full[a] - full[b], contrastReplicates[c])),
  };
}

/** Bootstrap interval of the mean of `values`. */
export function bootstrapMean(values: readonly number[], opts: BootstrapOptions = {}): Interval {
  return bootstrapArms([values], [], opts).arms[0];
}

/**
 * Interval of mean(a − b) when `b` is given (paired: the same resampled examples for both
 * systems), else of mean(a).
 */
export function pairedBootstrapDiff(
  a: readonly number[],
  b: readonly number[] | null,
  opts: BootstrapOptions = {},
): Interval {
  if (!b) return bootstrapMean(a, opts);
  return bootstrapArms([a, b], [[0, 1]], opts).contrasts[0];
}

/**
 * Joint bootstrap of several arms scored on the same n examples (`arms[k][i]`: arm k on example
 * i): each replicate draws one resample of the examples and applies it to every arm. Returns
 * the interval of each arm's mean and of each contrast mean(arms[a]) − mean(arms[b]).
 */
export function bootstrapArms(
  arms: ReadonlyArray<readonly number[]>,
  contrasts: ReadonlyArray<readonly [number, number]>,
  opts: BootstrapOptions = {},
): { arms: Interval[]; contrasts: Interval[] } {
  const resamples = opts.resamples ?? 1000;
  const confidence = opts.confidence ?? 0.95;
  const n = arms[0]?.length ?? 0;
  if (n === 0) throw new Error("bootstrap: no values");
  for (const a of arms)
    if (a.length !== n)
      throw new Error(`bootstrap: paired lists differ in length (${n} vs ${a.length})`);
  for (const [a, b] of contrasts)
    if (!arms[a] || !arms[b])
      throw new Error(`bootstrap: contrast ${a} − ${b} names a missing arm`);
  const K = arms.length;
  const rng = createRng(opts.seed ?? 0);
  const means = arms.map(() => new Float64Array(resamples));
  const diffs = contrasts.map(() => new Float64Array(resamples));
  const sums = new Float64Array(K);
  for (let r = 0; r < resamples; r++) {
    sums.fill(0);
    for (let i = 0; i < n; i++) {
      const j = rng.int(n);
      for (let k = 0; k < K; k++) sums[k] += arms[k][j];
    }
    for (let k = 0; k < K; k++) means[k][r] = sums[k] / n;
    contrasts.forEach(([a, b], c) => {
      diffs[c][r] = (sums[a] - sums[b]) / n;
    });
  }
  const full = arms.map((a) => a.reduce((x, y) => x + y, 0) / n);
  return percentileIntervals(full, contrasts, means, diffs, confidence);
}

/**
 * Joint bootstrap over two crossed sources of variation: several training seeds, each scored on
 * the same n examples (`arms[k][s][i]`: arm k, seed s, example i; seeds paired across arms). Each
 * replicate draws the seeds with replacement and, independently, the examples with replacement,
 * and applies both draws to every arm, so an interval widens when the seeds disagree as well as
 * when the examples do (the "pigeonhole" bootstrap of a seeds × examples table). Returns the
 * interval of each arm's mean over all seeds and examples and of each contrast
 * mean(arms[a]) − mean(arms[b]). With one seed it is `bootstrapArms` on that seed.
 */
export function bootstrapSeedsAndExamples(
  arms: ReadonlyArray<ReadonlyArray<readonly number[]>>,
  contrasts: ReadonlyArray<readonly [number, number]>,
  opts: BootstrapOptions = {},
): { arms: Interval[]; contrasts: Interval[] } {
  const resamples = opts.resamples ?? 1000;
  const confidence = opts.confidence ?? 0.95;
  const K = arms.length;
  const S = arms[0]?.length ?? 0;
  const n = arms[0]?.[0]?.length ?? 0;
  if (S === 0 || n === 0) throw new Error("bootstrap: no values");
  for (const a of arms) {
    if (a.length !== S)
      throw new Error(`bootstrap: arms differ in their number of seeds (${S} vs ${a.length})`);
    for (const v of a)
      if (v.length !== n)
        throw new Error(`bootstrap: paired lists differ in length (${n} vs ${v.length})`);
  }
  for (const [a, b] of contrasts)
    if (!arms[a] || !arms[b])
      throw new Error(`bootstrap: contrast ${a} − ${b} names a missing arm`);
  // Example-major layout: one drawn example reads its K·S values contiguously.
  const KS = K * S;
  const flat = new Float64Array(n * KS);
  for (let k = 0; k < K; k++)
    for (let s = 0; s < S; s++)
      for (let i = 0; i < n; i++) flat[i * KS + k * S + s] = arms[k][s][i];
  const rng = createRng(opts.seed ?? 0);
  const means = arms.map(() => new Float64Array(resamples));
  const diffs = contrasts.map(() => new Float64Array(resamples));
  const cell = new Float64Array(KS);
  const weight = new Float64Array(S);
  const armMean = new Float64Array(K);
  for (let r = 0; r < resamples; r++) {
    weight.fill(0);
    for (let s = 0; s < S; s++) weight[rng.int(S)]++;
    cell.fill(0);
    for (let i = 0; i < n; i++) {
      const base = rng.int(n) * KS;
      for (let t = 0; t < KS; t++) cell[t] += flat[base + t];
    }
    for (let k = 0; k < K; k++) {
      let sum = 0;
      for (let s = 0; s < S; s++) sum += weight[s] * cell[k * S + s];
      armMean[k] = sum / (S * n);
      means[k][r] = armMean[k];
    }
    contrasts.forEach(([a, b], c) => {
      diffs[c][r] = armMean[a] - armMean[b];
    });
  }
  const full = arms.map((a) => a.reduce((x, v) => x + v.reduce((y, z) => y + z, 0), 0) / (S * n));
  return percentileIntervals(full, contrasts, means, diffs, confidence);
}

/**
 * Bonferroni: the confidence each of `tests` intervals needs so that all of them hold together
 * with probability at least 1 − alpha.
 */
export function bonferroniConfidence(alpha: number, tests: number): number {
  if (!(alpha > 0 && alpha < 1)) throw new Error(`alpha must lie in (0, 1), got ${alpha}`);
  if (!(Number.isInteger(tests) && tests >= 1)) throw new Error(`tests must be ≥ 1, got ${tests}`);
  return 1 - alpha / tests;
}

/** Mean and sample standard deviation (n − 1) of a list, with its extremes. */
export type Spread = { mean: number; sd: number; min: number; max: number; n: number };

/** Mean ± sd of `values` (sd 0 for a single value). */
export function spread(values: readonly number[]): Spread {
  const n = values.length;
  if (n === 0) throw new Error("spread: no values");
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const ss = values.reduce((a, b) => a + (b - mean) ** 2, 0);
  return {
    mean,
    sd: n > 1 ? Math.sqrt(ss / (n - 1)) : 0,
    min: Math.min(...values),
    max: Math.max(...values),
    n,
  };
}
