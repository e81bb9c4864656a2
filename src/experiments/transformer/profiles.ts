/** Problem 1 profiles as data: model size, data budget, optimizer, schedule, evaluation. */
import { type InitScheme, initSchemes } from "../../models/init-schemes.js";
import type { TransformerConfig } from "../../models/transformer.js";

/** The profile names, smallest first (each is one record below, in `specs`). */
export const transformerProfileNames = [
  "quick",
  "standard",
  "course",
  "summarizer",
  "summarizer-copy",
] as const;
export type TransformerProfileName = (typeof transformerProfileNames)[number];

/**
 * A training recipe beyond plain AdamW with warm-up and 1/√t. Every field is optional and its
 * absence is the behaviour of the profiles that have no recipe (quick, standard, course), so
 * those train exactly as before.
 */
export type TrainingRecipe = {
  /** Label smoothing ε of the training loss (validation loss stays plain cross-entropy). Default 0. */
  labelSmoothing?: number;
  /** After the linear warm-up: "inverseSqrt" (default) or "cosine" decay to 0 at the profile's steps. */
  decay?: "inverseSqrt" | "cosine";
  /** "matrices": no weight decay on LayerNorm gains and biases (1-D parameters). Default "all". */
  weightDecayOn?: "all" | "matrices";
  /** Clip the gradient to this global norm before the update. Default: no clipping. */
  clipGlobalNorm?: number;
  /**
   * Evaluate the average of the parameters of the last k checkpoints (spaced `checkpointEvery`
   * steps, ending at the last step) instead of the last one. Default 1 (the last parameters).
   */
  averageLastCheckpoints?: number;
};

/** Decoding beyond plain beam search: all optional; absent = the older behaviour. */
export type DecodingRecipe = {
  /** No n-gram of this many tokens appears twice in an output (0 or absent: no blocking). */
  noRepeatNgram?: number;
  /**
   * No word right after itself ("line line"), however the subword tokens spell it: token n-gram
   * blocking lets a word repeat whenever its tokens differ ("▁line" then "▁li" + "ne").
   */
  noImmediateWordRepeat?: boolean;
  /** No n-gram of this many words twice, however the tokens spell them (0 or absent: none). */
  noRepeatWordNgram?: number;
  /** EOS is not allowed before this many tokens. Default 0. */
  minNewTokens?: number;
  /**
   * Per-token length reward β: a finished hypothesis ranks by Σ log p + β·(its tokens + EOS).
   * Tuned on validation over this grid (never on test); the chosen β decodes the test split.
   */
  lengthRewardGrid?: number[];
  /** Validation pairs the length reward is tuned on. */
  tuneExamples?: number;
};

export type TransformerProfile = {
  name: TransformerProfileName;
  /** Model shape; vocabulary from the tokenizer, maxLen from the data limits. */
  model: Pick<TransformerConfig, "dModel" | "nHeads" | "dFfn" | "nLayers" | "pDrop" | "copy">;
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
  /** Training recipe (label smoothing, decay, clipping, checkpoint averaging); absent = none. */
  recipe?: TrainingRecipe;
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
    /** Beam constraints and a tuned length reward; absent = plain beam search. */
    decoding?: DecodingRecipe;
    /**
     * Examples shown are drawn at random (seeded) from the test pairs scored, and every Lead
     * baseline is scored beside the model. Absent: the first examples and Lead-k only.
     */
    randomExamples?: boolean;
  };
};

const allSchemes: InitScheme[] = [...initSchemes];

/** A profile as written below; its name is its key in `specs`. */
type ProfileSpec = Omit<TransformerProfile, "name">;

/**
 * quick: 1+1 layers, d_model 64, 2 heads, d_ffn 128, sources cut to 32 tokens, summaries to
 * 15, batch 32, 150 steps per scheme (4800 pairs seen). Bug vs fix fits in 10 minutes on an
 * idle 2-core machine; all five schemes take longer (`--schemes bug,fix` for the short one).
 */
const quick: ProfileSpec = {
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
const standard: ProfileSpec = {
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

/** The problem's own model, the course's setting: 4+4 layers, d_model 512, 8 heads, d_ffn 2048. */
const problemModel: TransformerProfile["model"] = {
  dModel: 512,
  nHeads: 8,
  dFfn: 2048,
  nLayers: 4,
  pDrop: 0.1,
};

/**
 * Whether a profile trains the problem's own model: the losses the problem quotes for Figure 1
 * are that model's, so only such a profile can be set against them.
 */
export function atProblemSize(p: TransformerProfile): boolean {
  const m = p.model;
  return (
    !m.copy &&
    (["dModel", "nHeads", "dFfn", "nLayers", "pDrop"] as const).every(
      (k) => m[k] === problemModel[k],
    )
  );
}

/** course: the course's model (4+4 layers, d_model 512, 8 heads, d_ffn 2048, dropout 0.1, lr 1e-4, batch 16), 2 epochs. */
const course: ProfileSpec = {
  model: problemModel,
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

/**
 * summarizer: the standard-sized model trained with the recipe (label smoothing 0.1, warm-up
 * then cosine decay, no weight decay on gains and biases, clipping at global norm 1, the
 * average of the last 5 checkpoints) and decoded by beam search with trigram blocking, a
 * minimum length and a per-token length reward tuned on validation. Sized to train in about
 * 45 minutes on 2 shared cores (docs/transformer.md has the measured step time).
 */
const summarizer: ProfileSpec = {
  model: { dModel: 128, nHeads: 4, dFfn: 512, nLayers: 2, pDrop: 0.1 },
  data: {
    maxSrcTokens: 48,
    maxTgtTokens: 24,
    srcBuckets: [16, 32, 48],
    trainExamples: null,
    valExamples: 1024,
  },
  batchSize: 32,
  steps: 1600,
  optim: { lr: 1.5e-3, warmupSteps: 200, weightDecay: 0.01, b1: 0.9, b2: 0.98, eps: 1e-9 },
  recipe: {
    labelSmoothing: 0.1,
    decay: "cosine",
    weightDecayOn: "matrices",
    clipGlobalNorm: 1,
    averageLastCheckpoints: 5,
  },
  evalEvery: 200,
  checkpointEvery: 100,
  seed: 0,
  schemes: ["fix"],
  evaluation: {
    scheme: "fix",
    testExamples: 2000,
    beamExamples: 500,
    beamSize: 4,
    lengthPenalty: 0,
    maxNewTokens: 23,
    bootstrapResamples: 1000,
    examplesShown: 12,
    decoding: {
      noRepeatNgram: 3,
      minNewTokens: 3,
      lengthRewardGrid: [-0.5, 0, 0.5, 1, 1.5, 2],
      tuneExamples: 200,
    },
    randomExamples: true,
  },
};

/**
 * summarizer-copy: the summarizer with pointer-generator copying over the source tokens, trained
 * twice as long (its validation loss was still falling at 1 600 steps when the cosine schedule
 * ended) and decoded by beam on all 2 000 test pairs, so its intervals are as narrow as greedy's;
 * the length-reward grid goes past 2, where the 1 600-step tuning found its best at the top.
 */
const summarizerCopy: ProfileSpec = {
  ...summarizer,
  model: { ...summarizer.model, copy: true },
  steps: 3200,
  evaluation: {
    ...summarizer.evaluation,
    beamExamples: 2000,
    decoding: {
      ...summarizer.evaluation.decoding!,
      lengthRewardGrid: [0, 0.5, 1, 1.5, 2, 2.5, 3, 4],
    },
  },
};

const specs: Record<TransformerProfileName, ProfileSpec> = {
  quick,
  standard,
  course,
  summarizer,
  "summarizer-copy": summarizerCopy,
};

/** Every profile, by name. */
export const transformerProfiles = Object.fromEntries(
  transformerProfileNames.map((name) => [name, { name, ...specs[name] }]),
) as Record<TransformerProfileName, TransformerProfile>;

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
