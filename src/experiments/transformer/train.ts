/**
 * Training the summarizer on Debian description → synopsis pairs: AdamW with linear warm-up
 * (then 1/√t), batches of similar source length padded to a few bucket widths, padding masked
 * in attention and ignored (−100) in the loss, validation loss every `evalEvery` steps,
 * resumable through the generic trainer (batch and dropout key are functions of the step).
 */
import type { TextTokenizer } from "../../data/tokenizer.js";
import { jit, numpy as np, type OwnedFunction, tree, valueAndGrad } from "../../engine/jax.js";
import {
  type AdamState,
  adam,
  scheduleValue,
  type Tree,
  warmupInverseSqrt,
} from "../../engine/optim.js";
import { foldIn, permutation, prngKey } from "../../engine/rng.js";
import {
  crossEntropy,
  forward,
  IGNORE_INDEX,
  type InitScheme,
  init,
  KeyStream,
  paramCount,
  type Seq2SeqBatch,
  type TransformerConfig,
  type TransformerParams,
} from "../../models/transformer.js";
import { type HistoryRow, train } from "../trainer.js";
import { modelConfig, type TransformerProfile } from "./profiles.js";

/** What the model needs of a tokenizer (the data module's BPE tokenizer fits). */
export type Tokenizer = Omit<TextTokenizer, "idToToken">;

/** One summarization pair. */
export type Pair = { id: string; document: string; summary: string };

/** A tokenized pair: source ids (cut), decoder input (BOS + summary) and targets (summary + EOS). */
export type Example = { src: number[]; tgtIn: number[]; tgtOut: number[] };

/** Tokenizes a pair under the profile's limits. */
export function toExample(pair: Pair, tok: Tokenizer, p: TransformerProfile): Example {
  const src = tok.encode(pair.document).slice(0, p.data.maxSrcTokens);
  if (src.length === 0) src.push(tok.unkId);
  const y = tok.encode(pair.summary).slice(0, p.data.maxTgtTokens - 1);
  return { src, tgtIn: [tok.bosId, ...y], tgtOut: [...y, tok.eosId] };
}

/** Host-side batch (plain typed arrays), turned into jax arrays by `toDevice`. */
export type HostBatch = {
  B: number;
  S: number;
  T: number;
  src: Int32Array;
  srcMask: Float32Array;
  tgtIn: Int32Array;
  tgtOut: Int32Array;
  /** Counted target tokens. */
  tokens: number;
};

/** Pads examples to [B, S] sources (S the smallest bucket that fits) and [B, T] targets. */
export function padExamples(ex: Example[], p: TransformerProfile, padId: number): HostBatch {
  const longest = Math.max(...ex.map((e) => e.src.length));
  const S = p.data.srcBuckets.find((w) => w >= longest) ?? p.data.maxSrcTokens;
  const T = p.data.maxTgtTokens;
  const B = ex.length;
  const b: HostBatch = {
    B,
    S,
    T,
    src: new Int32Array(B * S).fill(padId),
    srcMask: new Float32Array(B * S),
    tgtIn: new Int32Array(B * T).fill(padId),
    tgtOut: new Int32Array(B * T).fill(IGNORE_INDEX),
    tokens: 0,
  };
  ex.forEach((e, i) => {
    e.src.forEach((t, j) => {
      b.src[i * S + j] = t;
      b.srcMask[i * S + j] = 1;
    });
    e.tgtIn.forEach((t, j) => {
      b.tgtIn[i * T + j] = t;
    });
    e.tgtOut.forEach((t, j) => {
      b.tgtOut[i * T + j] = t;
    });
    b.tokens += e.tgtOut.length;
  });
  return b;
}

/** Host batch → device arrays. */
export function toDevice(b: HostBatch): Seq2SeqBatch {
  return {
    src: np.array(b.src, { dtype: np.int32 }).reshape([b.B, b.S]),
    srcMask: np.array(b.srcMask, { dtype: np.float32 }).reshape([b.B, b.S]),
    tgtIn: np.array(b.tgtIn, { dtype: np.int32 }).reshape([b.B, b.T]),
    tgtOut: np.array(b.tgtOut, { dtype: np.int32 }).reshape([b.B, b.T]),
  };
}

/**
 * Groups examples into batches of similar source length: sort by length (ties by index),
 * cut into runs of `batchSize`. The batch order is reshuffled every epoch from the seed.
 */
export function lengthBatches(ex: Example[], batchSize: number): number[][] {
  const order = ex.map((_, i) => i).sort((a, b) => ex[a].src.length - ex[b].src.length || a - b);
  const out: number[][] = [];
  for (let i = 0; i + batchSize <= order.length; i += batchSize)
    out.push(order.slice(i, i + batchSize));
  return out;
}

/** The batch (as example indices) of 0-based `step`: epoch e visits the batches in a seeded order. */
export function batchIndicesFor(batches: number[][], step: number, seed: number): number[] {
  const n = batches.length;
  const epoch = Math.floor(step / n);
  const order = permutation(n, seed * 7919 + epoch);
  return batches[order[step % n]];
}

/** Training state checkpointed by the trainer. */
export type TrainState = { params: TransformerParams; opt: AdamState };

/** The learning-rate schedule of a profile: linear warm-up to lr, then ∝ 1/√t. */
export function profileSchedule(p: TransformerProfile) {
  return warmupInverseSqrt({ lr: p.optim.lr, warmupSteps: p.optim.warmupSteps });
}

/** Jitted train step and evaluation loss for one model configuration. */
export type StepFns = {
  step: OwnedFunction<
    (state: TrainState, batch: Seq2SeqBatch, key: np.Array) => { state: TrainState; loss: np.Array }
  >;
  evalLoss: OwnedFunction<
    (params: TransformerParams, batch: Seq2SeqBatch) => { sum: np.Array; count: np.Array }
  >;
};

/** Builds the jitted AdamW step (forward + backward + update) and the summed validation loss. */
export function makeStepFns(cfg: TransformerConfig, p: TransformerProfile): StepFns {
  const opt = adam({
    lr: profileSchedule(p),
    b1: p.optim.b1,
    b2: p.optim.b2,
    eps: p.optim.eps,
    weightDecay: p.optim.weightDecay,
  });
  const lossFn = (params: TransformerParams, batch: Seq2SeqBatch, key: np.Array) => {
    const logits = forward(params, batch.src, batch.srcMask, batch.tgtIn, cfg, new KeyStream(key));
    const { loss, count } = crossEntropy(logits, batch.tgtOut);
    count.dispose();
    return loss;
  };
  const step = jit((state: TrainState, batch: Seq2SeqBatch, key: np.Array) => {
    const [loss, grads] = valueAndGrad(lossFn)(tree.ref(state.params), batch, key);
    const next = opt.update(grads as unknown as Tree, state.opt, state.params as unknown as Tree);
    return {
      state: { params: next.params as unknown as TransformerParams, opt: next.state },
      loss,
    };
  });
  const evalLoss = jit((params: TransformerParams, batch: Seq2SeqBatch) => {
    const logits = forward(params, batch.src, batch.srcMask, batch.tgtIn, cfg, null);
    const { loss, count } = crossEntropy(logits, batch.tgtOut);
    return { sum: loss.mul(count.ref), count };
  });
  return { step, evalLoss };
}

/** Mean validation loss per target token over fixed batches. Borrows params. */
export async function validationLoss(
  fns: StepFns,
  params: TransformerParams,
  batches: HostBatch[],
): Promise<number> {
  let sum = 0;
  let count = 0;
  for (const b of batches) {
    const out = fns.evalLoss(tree.ref(params), toDevice(b));
    sum += Number(await out.sum.jsAsync());
    count += Number(await out.count.jsAsync());
  }
  return sum / Math.max(1, count);
}

/** Result of one training run (one scheme under one profile). */
export type TrainRunResult = {
  kind: "transformer-train";
  profile: string;
  scheme: InitScheme;
  config: TransformerConfig;
  paramCount: number;
  seed: number;
  device: string;
  steps: number;
  batchSize: number;
  trainExamples: number;
  valExamples: number;
  wallSeconds: number;
  /** Target tokens processed per second of training (excluding validation). */
  tokensPerSecond: number;
  resumedFrom: number | null;
  /** Per step: training loss (nats per target token) and the learning rate used. */
  train: { step: number; loss: number; lr: number }[];
  /** Every evalEvery steps: validation loss (nats per target token). */
  validation: { step: number; valLoss: number }[];
  final: { trainLoss: number; valLoss: number; minValLoss: number };
};

export type TrainRunOptions = {
  profile: TransformerProfile;
  scheme: InitScheme;
  tokenizer: Tokenizer;
  train: Pair[];
  validation: Pair[];
  device: string;
  /** Where checkpoints go (resumed from automatically); none = no checkpoints. */
  checkpointDir?: string;
  /** Stop early (for tests); defaults to the profile's steps. */
  steps?: number;
  onStep?: (step: number, total: number, loss: number) => void | Promise<void>;
  onEval?: (step: number, valLoss: number) => void;
};

/** Prepared (tokenized, bucketed) data of a profile, shared by all schemes of a comparison. */
export type PreparedData = { train: Example[]; batches: number[][]; valBatches: HostBatch[] };

/** Tokenizes and buckets the training and validation data under a profile. */
export function prepareData(
  p: TransformerProfile,
  tok: Tokenizer,
  trainPairs: Pair[],
  valPairs: Pair[],
): PreparedData {
  const order = permutation(trainPairs.length, p.seed);
  const n =
    p.data.trainExamples === null
      ? trainPairs.length
      : Math.min(p.data.trainExamples, trainPairs.length);
  const train = Array.from(order.slice(0, n), (i) => toExample(trainPairs[i], tok, p));
  const val = valPairs.slice(0, p.data.valExamples).map((x) => toExample(x, tok, p));
  const valBatches = lengthBatches(val, p.batchSize).map((idx) =>
    padExamples(
      idx.map((i) => val[i]),
      p,
      tok.padId,
    ),
  );
  return { train, batches: lengthBatches(train, p.batchSize), valBatches };
}

/** Trains one scheme under a profile (resuming from `checkpointDir` if it holds a checkpoint). */
export async function trainScheme(
  opts: TrainRunOptions,
  data?: PreparedData,
): Promise<{ result: TrainRunResult; params: TransformerParams }> {
  const p = opts.profile;
  const tok = opts.tokenizer;
  const cfg = modelConfig(p, opts.scheme, tok.vocabSize);
  const prepared = data ?? prepareData(p, tok, opts.train, opts.validation);
  if (prepared.batches.length === 0)
    throw new Error(`profile ${p.name}: fewer training examples than one batch`);
  const fns = makeStepFns(cfg, p);
  const total = opts.steps ?? p.steps;
  const schedule = profileSchedule(p);
  const lrs = new Map<number, number>();
  let tokens = 0;
  let trainMs = 0;
  let stepStart = 0;
  let evalMs = 0;
  const t0 = performance.now();
  const hostFor = (s: number) =>
    padExamples(
      batchIndicesFor(prepared.batches, s, p.seed).map((i) => prepared.train[i]),
      p,
      tok.padId,
    );
  try {
    const run = await train<TrainState, { batch: Seq2SeqBatch; tokens: number }>({
      totalSteps: total,
      init: () => {
        const params = init(prngKey(p.seed), cfg);
        const opt = adam({ lr: schedule }).init(params as unknown as Tree);
        return { params, opt };
      },
      batchFor: (s) => {
        const h = hostFor(s);
        return { batch: toDevice(h), tokens: h.tokens };
      },
      step: (state, b, s) => {
        stepStart = performance.now();
        lrs.set(s + 1, scheduleValue(schedule, s));
        tokens += b.tokens;
        const out = fns.step(state, b.batch, foldIn(p.seed, s));
        return { state: out.state, metrics: { loss: out.loss } };
      },
      evalEvery: p.evalEvery,
      evaluate: async (state, step) => {
        const e0 = performance.now();
        const valLoss = await validationLoss(fns, state.params, prepared.valBatches);
        opts.onEval?.(step, valLoss);
        evalMs += performance.now() - e0;
        return { valLoss };
      },
      checkpoint: opts.checkpointDir
        ? { dir: opts.checkpointDir, every: p.checkpointEvery }
        : undefined,
      onProgress: async (pr) => {
        trainMs += performance.now() - stepStart - evalMs;
        evalMs = 0;
        await opts.onStep?.(pr.step, pr.total, pr.metrics.loss);
      },
    });
    const trainRows = run.history.train.map((r: HistoryRow) => ({
      step: r.step,
      loss: r.loss,
      lr: lrs.get(r.step) ?? scheduleValue(schedule, r.step - 1),
    }));
    const validation = run.history.eval.map((r: HistoryRow) => ({
      step: r.step,
      valLoss: r.valLoss,
    }));
    const tail = trainRows.slice(-Math.max(1, Math.floor(trainRows.length / 10)));
    const result: TrainRunResult = {
      kind: "transformer-train",
      profile: p.name,
      scheme: opts.scheme,
      config: cfg,
      paramCount: paramCount(cfg),
      seed: p.seed,
      device: opts.device,
      steps: total,
      batchSize: p.batchSize,
      trainExamples: prepared.train.length,
      valExamples: prepared.valBatches.reduce((a, b) => a + b.B, 0),
      wallSeconds: (performance.now() - t0) / 1000,
      tokensPerSecond: trainMs > 0 ? tokens / (trainMs / 1000) : 0,
      resumedFrom: run.resumedFrom,
      train: trainRows,
      validation,
      final: {
        trainLoss: tail.reduce((a, r) => a + r.loss, 0) / tail.length,
        valLoss: validation[validation.length - 1]?.valLoss ?? Number.NaN,
        minValLoss: Math.min(...validation.map((v) => v.valLoss)),
      },
    };
    tree.dispose(run.state.opt);
    return { result, params: run.state.params };
  } finally {
    fns.step.dispose();
    fns.evalLoss.dispose();
  }
}
