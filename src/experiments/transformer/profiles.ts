/** Problem 1 profiles as data: model size, data budget, optimizer, schedule, evaluation. */
import { type InitScheme, initSchemes } from "../../models/init-schemes.js";
import type { TransformerConfig } from "../../models/transformer.js";

export type TransformerProfileName = "quick" | "standard" | "course";
export const transformerProfileNames: TransformerProfileName[] = ["quick", "standard", "course"];

export type TransformerProfile = {
  name: TransformerProfileName;
  /** Model shape; vocabulary from the tokenizer, maxLen from the data limits. */
  model: Pick<TransformerConfig, "dModel" | "nHeads" | "dFfn" | "nLayers" | "pDrop">;
  data: {
    /** Source (description) tokens kept; longer documents are cut. */
    maxSrcTokens: number;
    /** Target width: BOS + summary tokens (cut) / summary tokens + EOS. */
    maxTgtTokens: number;
    /** Source widths a batch is padded to (few shapes → few jit compiles). */
    srcBuckets: number[];
    /** Training examples used (the first n of the seeded training order), null = all. */
    trainExamples: number | null;
    /** Validation examples in the validation loss. */
    valExamples: number;
  };
  batchSize: number;
  /**
   * Gradient accumulation: each batch is split into this many equal micro-batches whose summed
   * gradients make one update (the same update, up to rounding). For models whose full-batch step
   * would not fit jax-js's 4 GiB wasm memory. Absent: one fused step on the whole batch.
   */
  microBatches?: number;
  steps: number;
  optim: {
    lr: number;
    warmupSteps: number;
    weightDecay: number;
    b1: number;
    b2: number;
    eps: number;
  };
  /** Validation loss every this many steps (and at the end). */
  evalEvery: number;
  checkpointEvery: number;
  seed: number;
  /** Schemes trained with identical budgets for Figure 1. */
  schemes: InitScheme[];
  /** Summaries and ROUGE on the test split. */
  evaluation: {
    scheme: InitScheme;
    testExamples: number;
    beamExamples: number;
    beamSize: number;
    lengthPenalty: number;
    maxNewTokens: number;
    bootstrapResamples: number;
    examplesShown: number;
  };
};

const allSchemes: InitScheme[] = [...initSchemes];

/**
 * quick: 1+1 layers, d_model 64, 2 heads, d_ffn 128, sources cut to 32 tokens, summaries to
 * 15, batch 32, 150 steps per scheme (4800 pairs seen). Bug vs fix fits in 10 minutes on an
 * idle 2-core machine; all five schemes take longer (`--schemes bug,fix` for the short one).
 */
const quick: TransformerProfile = {
  name: "quick",
  model: { dModel: 64, nHeads: 2, dFfn: 128, nLayers: 1, pDrop: 0.1 },
  data: {
    maxSrcTokens: 32,
    maxTgtTokens: 16,
    srcBuckets: [16, 32],
    trainExamples: 20000,
    valExamples: 256,
  },
  batchSize: 32,
  steps: 150,
  optim: { lr: 2e-3, warmupSteps: 15, weightDecay: 0.01, b1: 0.9, b2: 0.98, eps: 1e-9 },
  evalEvery: 15,
  checkpointEvery: 30,
  seed: 0,
  schemes: allSchemes,
  evaluation: {
    scheme: "fix",
    testExamples: 500,
    beamExamples: 50,
    beamSize: 4,
    lengthPenalty: 1,
    maxNewTokens: 15,
    bootstrapResamples: 1000,
    examplesShown: 8,
  },
};

/** standard: 2+2 layers, d_model 128, 4 heads, d_ffn 512, sources ≤ 64 tokens, 2000 steps. */
const standard: TransformerProfile = {
  name: "standard",
  model: { dModel: 128, nHeads: 4, dFfn: 512, nLayers: 2, pDrop: 0.1 },
  data: {
    maxSrcTokens: 64,
    maxTgtTokens: 24,
    srcBuckets: [16, 32, 48, 64],
    trainExamples: null,
    valExamples: 1024,
  },
  batchSize: 32,
  steps: 2000,
  optim: { lr: 1e-3, warmupSteps: 200, weightDecay: 0.01, b1: 0.9, b2: 0.98, eps: 1e-9 },
  evalEvery: 100,
  checkpointEvery: 250,
  seed: 0,
  schemes: allSchemes,
  evaluation: {
    scheme: "fix",
    testExamples: 2000,
    beamExamples: 200,
    beamSize: 4,
    lengthPenalty: 1,
    maxNewTokens: 23,
    bootstrapResamples: 1000,
    examplesShown: 12,
  },
};

/** course: the course's model (4+4 layers, d_model 512, 8 heads, d_ffn 2048, dropout 0.1, lr 1e-4, batch 16), 2 epochs. */
const course: TransformerProfile = {
  name: "course",
  model: { dModel: 512, nHeads: 8, dFfn: 2048, nLayers: 4, pDrop: 0.1 },
  data: {
    maxSrcTokens: 128,
    maxTgtTokens: 32,
    srcBuckets: [32, 64, 96, 128],
    trainExamples: null,
    valExamples: 2048,
  },
  batchSize: 16,
  // batch 16 × 128 source tokens needs more than the 4 GiB wasm heap; 4 rows at a time fit
  microBatches: 4,
  steps: 6000,
  optim: { lr: 1e-4, warmupSteps: 400, weightDecay: 0.01, b1: 0.9, b2: 0.98, eps: 1e-9 },
  evalEvery: 250,
  checkpointEvery: 250,
  seed: 0,
  schemes: ["bug", "fix"],
  evaluation: {
    scheme: "fix",
    testExamples: 5000,
    beamExamples: 500,
    beamSize: 4,
    lengthPenalty: 1,
    maxNewTokens: 31,
    bootstrapResamples: 1000,
    examplesShown: 12,
  },
};

export const transformerProfiles: Record<TransformerProfileName, TransformerProfile> = {
  quick,
  standard,
  course,
};

/** A profile by name (specific error for an unknown one). */
export function getTransformerProfile(name: string): TransformerProfile {
  const p = transformerProfiles[name as TransformerProfileName];
  if (!p)
    throw new Error(
      `unknown transformer profile "${name}" (expected ${transformerProfileNames.join(", ")})`,
    );
  return p;
}

/** The model configuration a profile trains under `scheme` with a tokenizer of `vocabSize`. */
export function modelConfig(
  p: TransformerProfile,
  scheme: InitScheme,
  vocabSize: number,
): TransformerConfig {
  return {
    ...p.model,
    vocabSize,
    maxLen: Math.max(p.data.maxSrcTokens, p.data.maxTgtTokens),
    init: scheme,
  };
}
