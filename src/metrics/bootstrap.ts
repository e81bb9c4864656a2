/**
 * Percentile bootstrap confidence intervals (Efron & Tibshirani): resample the per-example
 * scores with replacement, recompute the mean, and read the interval off the sorted means.
 * Seeded, so an interval in a result file can be reproduced exactly.
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

/** Bootstrap interval of the mean of `values`. */
export function bootstrapMean(values: readonly number[], opts: BootstrapOptions = {}): Interval {
  return pairedBootstrapDiff(values, null, opts);
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
  const resamples = opts.resamples ?? 1000;
  const confidence = opts.confidence ?? 0.95;
  const n = a.length;
  if (n === 0) throw new Error("bootstrap: no values");
  if (b && b.length !== n)
    throw new Error(`bootstrap: paired lists differ in length (${n} vs ${b.length})`);
  const d = b ? a.map((x, i) => x - b[i]) : [...a];
  const rng = createRng(opts.seed ?? 0);
  const means = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += d[rng.int(n)];
    means[r] = s / n;
  }
  means.sort();
  const alpha = (1 - confidence) / 2;
  const mean = d.reduce((x, y) => x + y, 0) / n;
  return {
    mean,
    low: quantile(means, alpha),
    high: quantile(means, 1 - alpha),
    confidence,
    resamples,
  };
}
