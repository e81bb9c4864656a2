/**
 * The initialization explorer's measurement: a real (1+1 layer) encoder-decoder from
 * src/models/transformer.ts, initialised with the chosen scheme, run on seeded random tokens;
 * its tied head's logits are read back and summarised here. Nothing is assumed about their
 * distribution: std, loss and histogram are computed from the logits themselves.
 */
import { numpy as np, tree } from "../../src/engine/jax.js";
import { createRng, prngKey } from "../../src/engine/rng.js";
import {
  embeddingStd,
  forward,
  type InitScheme,
  init,
  outputScale,
  predictedLogitStd,
  type TransformerConfig,
} from "../../src/models/transformer.js";

export type InitMeasurement = {
  dModel: number;
  vocabSize: number;
  scheme: InitScheme;
  seed: number;
  /** √(mean over positions of the variance of the V logits). */
  logitStd: number;
  /** σ_emb · output scale · √d_model (the model file's prediction, shown for comparison). */
  predictedStd: number;
  /** Mean cross-entropy against uniformly drawn targets. */
  initialLoss: number;
  lnVocab: number;
  /** Mean largest softmax probability. */
  argmaxMass: number;
  /** Histogram of all logits: bin lower edges and counts. */
  histogram: { x0: number; x1: number; count: number }[];
};

/** Summary statistics of logits [N, V] (row-major): std over each row averaged, loss, argmax mass. */
export function summarizeLogits(
  logits: Float32Array,
  rows: number,
  V: number,
  targets: Int32Array,
): { logitStd: number; initialLoss: number; argmaxMass: number } {
  let varSum = 0;
  let lossSum = 0;
  let massSum = 0;
  for (let r = 0; r < rows; r++) {
    const off = r * V;
    let mean = 0;
    let max = -Infinity;
    for (let v = 0; v < V; v++) {
      const x = logits[off + v]!;
      mean += x;
      if (x > max) max = x;
    }
    mean /= V;
    let sq = 0;
    let sumExp = 0;
    for (let v = 0; v < V; v++) {
      const x = logits[off + v]!;
      sq += (x - mean) ** 2;
      sumExp += Math.exp(x - max);
    }
    varSum += sq / V;
    const lse = max + Math.log(sumExp);
    lossSum += lse - logits[off + targets[r]!]!;
    massSum += 1 / sumExp; // exp(max − lse)
  }
  return {
    logitStd: Math.sqrt(varSum / rows),
    initialLoss: lossSum / rows,
    argmaxMass: massSum / rows,
  };
}

/** Equal-width histogram of `xs` with `bins` bins over [min, max]. */
export function histogram(xs: Float32Array, bins: number): InitMeasurement["histogram"] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const x of xs) {
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  if (!(hi > lo)) hi = lo + 1;
  const w = (hi - lo) / bins;
  const counts = new Array<number>(bins).fill(0);
  for (const x of xs) counts[Math.min(bins - 1, Math.floor((x - lo) / w))]!++;
  return counts.map((count, i) => ({ x0: lo + i * w, x1: lo + (i + 1) * w, count }));
}

/** Initialises the model and measures its initial logits. Everything allocated is disposed. */
export async function measureInit(o: {
  dModel: number;
  vocabSize: number;
  scheme: InitScheme;
  seed: number;
  batch?: number;
  seqLen?: number;
}): Promise<InitMeasurement> {
  const B = o.batch ?? 4;
  const T = o.seqLen ?? 8;
  const V = o.vocabSize;
  const cfg: TransformerConfig = {
    vocabSize: V,
    dModel: o.dModel,
    nHeads: o.dModel % 4 === 0 ? 4 : 1,
    dFfn: 2 * o.dModel,
    nLayers: 1,
    maxLen: T,
    pDrop: 0,
    init: o.scheme,
  };
  const rng = createRng(o.seed + 1);
  const ids = () => Int32Array.from({ length: B * T }, () => 1 + rng.int(V - 1));
  const srcIds = ids();
  const tgtIds = ids();
  const targets = ids();
  const params = init(prngKey(o.seed), cfg);
  let data: Float32Array;
  try {
    const src = np.array(srcIds, { dtype: np.int32 }).reshape([B, T]);
    const tgtIn = np.array(tgtIds, { dtype: np.int32 }).reshape([B, T]);
    const mask = np.ones([B, T], { dtype: np.float32 });
    const logits = forward(params, src, mask, tgtIn, cfg); // [B, T, V]
    data = (await logits.data()) as Float32Array;
  } finally {
    tree.dispose(params);
  }
  const stats = summarizeLogits(data, B * T, V, targets);
  for (const [k, x] of Object.entries(stats))
    if (!Number.isFinite(x)) throw new Error(`initial logits: ${k} is not finite (${x})`);
  return {
    dModel: o.dModel,
    vocabSize: V,
    scheme: o.scheme,
    seed: o.seed,
    ...stats,
    predictedStd: predictedLogitStd(o.dModel, embeddingStd(o.scheme, o.dModel), outputScale(cfg)),
    lnVocab: Math.log(V),
    histogram: histogram(data, 48),
  };
}
