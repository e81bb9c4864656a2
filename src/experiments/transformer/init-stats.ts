/**
 * Problem 1's "why", measured: the logits of a freshly initialized Transformer under each
 * initialization scheme and model width. The decoder ends in a LayerNorm, so its output h has
 * unit variance per coordinate (‖h‖² ≈ d); the tied head computes h·e_w, whose std is
 * σ_emb·scale·√d. Under the bug (σ_emb = 1) that is √d: 22.6 at d = 512, so the softmax starts
 * nearly one-hot and the initial loss sits far above ln V.
 */
import { nn, numpy as np, tree } from "../../engine/jax.js";
import { prngKey, splitKey } from "../../engine/rng.js";
import {
  decode,
  embeddingStd,
  encode,
  type InitScheme,
  init,
  initSchemes,
  outputScale,
  predictedLogitStd,
  redrawEmbeddings,
  type TransformerConfig,
} from "../../models/transformer.js";
import { RESULT_KINDS } from "../../results/layout.js";

/** What `measureInitialLogits` reports. */
export type InitialLogitStats = {
  /** √(mean over positions of the variance of the V logits at that position). */
  logitStd: number;
  /** σ_emb · outputScale · √d_model. */
  predictedLogitStd: number;
  /** Mean cross-entropy against uniformly drawn target tokens. */
  initialLoss: number;
  /** ln V: the loss of a uniform prediction. */
  lnVocab: number;
  /** Mean over positions of the largest softmax probability. */
  argmaxMass: number;
};

/** Inputs of `measureInitialLogits`: the model width, vocabulary, and the head's scale. */
export type MeasureOptions = {
  dModel: number;
  vocabSize: number;
  embeddingStd: number;
  outputScale?: number;
  seed?: number;
  batch?: number;
};

/** Deterministic pseudo-random token ids in [1, V) (id 0 is left for padding): [B, T] int32. */
function tokenGrid(B: number, T: number, V: number, seed: number): np.Array {
  const ids = new Int32Array(B * T);
  let s = (seed * 2654435761 + 12345) >>> 0;
  for (let i = 0; i < ids.length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    ids[i] = 1 + (s % (V - 1));
  }
  return np.array(ids, { dtype: np.int32 }).reshape([B, T]);
}

/**
 * Measures the initial logits of a real encoder-decoder (1+1 post-LN layers, 4 heads,
 * d_ffn = 4·d_model, sequences of 8 tokens: small and fast, because it is the head's scale that
 * matters and the last LayerNorm fixes ‖h‖ whatever the depth) whose word and position
 * embeddings are N(0, embeddingStd²), with the decoder output multiplied by `outputScale`
 * (default 1) before the tied head. Works for any proposed std, e.g. one read from a transcript.
 */
export async function measureInitialLogits(opts: MeasureOptions): Promise<InitialLogitStats> {
  const { copyMass: _, ...stats } = await measureInitialLogitsDetailed(opts);
  return stats;
}

/**
 * `measureInitialLogits` plus `copyMass`: the mean softmax probability of each decoder
 * position's own input token. The tied head makes h·e_w large for the token just embedded
 * (h still carries e_w through the residual path), so a fresh model leans towards copying.
 */
export async function measureInitialLogitsDetailed(
  opts: MeasureOptions,
): Promise<InitialLogitStats & { copyMass: number }> {
  const { dModel, vocabSize } = opts;
  const scale = opts.outputScale ?? 1;
  const seed = opts.seed ?? 0;
  const B = opts.batch ?? 8;
  const T = 8;
  if (!(opts.embeddingStd >= 0) || !Number.isFinite(opts.embeddingStd)) {
    throw new Error(
      `measureInitialLogits: embeddingStd must be a finite number ≥ 0, got ${opts.embeddingStd}`,
    );
  }
  const cfg: TransformerConfig = {
    vocabSize,
    dModel,
    nHeads: dModel % 4 === 0 ? 4 : 1,
    dFfn: 4 * dModel,
    nLayers: 1,
    maxLen: T,
    pDrop: 0,
    init: "fix",
  };
  const [kInit, kWord, kPos] = splitKey(prngKey(seed), 3);
  const params = init(kInit, cfg);
  redrawEmbeddings(params, kWord, kPos, opts.embeddingStd);
  try {
    const src = tokenGrid(B, T, vocabSize, seed + 1);
    const tgtIn = tokenGrid(B, T, vocabSize, seed + 2);
    const targets = tokenGrid(B, T, vocabSize, seed + 3);
    const mask = np.ones([B, T], { dtype: np.float32 });
    const memory = encode(params, src, mask.ref, cfg, null);
    const h = decode(params, tgtIn.ref, memory, mask, cfg, null).mul(scale); // [B, T, d]
    const logits = np.matmul(h, params.embWord.ref.transpose()).add(params.headBias.ref); // [B, T, V]
    const variance = np.var_(logits.ref, -1).mean(); // mean over positions of the per-position variance
    const logp = nn.logSoftmax(logits, -1);
    const loss = logp.ref.mul(nn.oneHot(targets, vocabSize)).sum(-1).mean().neg();
    const copy = np.exp(logp.ref.mul(nn.oneHot(tgtIn, vocabSize)).sum(-1)).mean();
    const argmax = np.exp(logp.max(-1)).mean();
    const [v, l, m, c] = await Promise.all([
      variance.jsAsync(),
      loss.jsAsync(),
      argmax.jsAsync(),
      copy.jsAsync(),
    ]);
    const stats = {
      logitStd: Math.sqrt(v as number),
      predictedLogitStd: predictedLogitStd(dModel, opts.embeddingStd, scale),
      initialLoss: l as number,
      lnVocab: Math.log(vocabSize),
      argmaxMass: m as number,
      copyMass: c as number,
    };
    for (const [k, x] of Object.entries(stats)) {
      if (!Number.isFinite(x)) throw new Error(`measureInitialLogits: ${k} is not finite (${x})`);
    }
    return stats;
  } finally {
    tree.dispose(params);
  }
}

/** One row of the diagnostics table. */
export type InitStatsRow = InitialLogitStats & {
  copyMass: number;
  scheme: InitScheme;
  dModel: number;
  embeddingStd: number;
  outputScale: number;
};

export type InitStatsConfig = {
  dModels: number[];
  schemes: InitScheme[];
  vocabSize: number;
  seed: number;
  batch: number;
};

export const initStatsDefaults: InitStatsConfig = {
  dModels: [64, 128, 256, 512, 1024],
  schemes: [...initSchemes],
  vocabSize: 8000,
  seed: 0,
  batch: 8,
};

/** The result file `results/transformer/init-stats.json`. */
export type InitStatsResult = {
  kind: typeof RESULT_KINDS.initStats;
  config: InitStatsConfig;
  rows: InitStatsRow[];
  /** Least-squares slope of log(logitStd) against log(d_model) per scheme (0.5 = √d growth). */
  growthExponent: Record<string, number>;
};

/** Runs the diagnostics over every (scheme, d_model). `onRow` reports progress. */
export async function runInitStats(
  cfg: InitStatsConfig = initStatsDefaults,
  onRow?: (row: InitStatsRow) => void,
): Promise<InitStatsResult> {
  const rows: InitStatsRow[] = [];
  for (const scheme of cfg.schemes) {
    for (const dModel of cfg.dModels) {
      const std = embeddingStd(scheme, dModel);
      const scale = outputScale({ init: scheme, dModel });
      const stats = await measureInitialLogitsDetailed({
        dModel,
        vocabSize: cfg.vocabSize,
        embeddingStd: std,
        outputScale: scale,
        seed: cfg.seed,
        batch: cfg.batch,
      });
      const row: InitStatsRow = { scheme, dModel, embeddingStd: std, outputScale: scale, ...stats };
      rows.push(row);
      onRow?.(row);
    }
  }
  const growthExponent: Record<string, number> = {};
  for (const scheme of cfg.schemes) {
    const pts = rows
      .filter((r) => r.scheme === scheme)
      .map((r) => [Math.log(r.dModel), Math.log(r.logitStd)]);
    growthExponent[scheme] = slope(pts);
  }
  return { kind: RESULT_KINDS.initStats, config: cfg, rows, growthExponent };
}

/** Least-squares slope of y on x. */
function slope(pts: number[][]): number {
  const n = pts.length;
  if (n < 2) return Number.NaN;
  const mx = pts.reduce((a, p) => a + p[0], 0) / n;
  const my = pts.reduce((a, p) => a + p[1], 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (const [x, y] of pts) {
    sxy += (x - mx) * (y - my);
    sxx += (x - mx) ** 2;
  }
  return sxy / sxx;
}
