/**
 * Training the summarizer on Debian description → synopsis pairs: AdamW with linear warm-up
 * (then 1/√t), batches of similar source length padded to a few bucket widths, targets padded to
 * the batch's longest (rounded up to a multiple of 8), padding masked in attention and ignored
 * (−100) in the loss, validation loss every `evalEvery` steps, resumable through the generic
 * trainer (batch and dropout key are functions of the step).
 */
import { join } from "node:path";
import type { TextTokenizer } from "../../data/tokenizer.js";
import { jit, numpy as np, type OwnedFunction, tree, valueAndGrad } from "../../engine/jax.js";
import {
  type AdamState,
  adam,
  clipByGlobalNorm,
  scheduleValue,
  type Tree,
  warmupCosine,
  warmupInverseSqrt,
} from "../../engine/optim.js";
import { foldIn, permutation, prngKey, splitKey } from "../../engine/rng.js";
import {
  exampleLosses,
  IGNORE_INDEX,
  type InitScheme,
  init,
  loss,
  paramCount,
  redrawEmbeddings,
  type Seq2SeqBatch,
  type TransformerConfig,
  type TransformerParams,
  tokenLoss,
} from "../../models/transformer.js";
import { RESULT_KINDS } from "../../results/layout.js";
import { checkpointName, checkpointSteps, loadCheckpoint } from "../../store/index.js";
import { checkpointDir, type HistoryRow, train } from "../trainer.js";
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
  src: Int32Array<ArrayBuffer>;
  srcMask: Float32Array<ArrayBuffer>;
  tgtIn: Int32Array<ArrayBuffer>;
  tgtOut: Int32Array<ArrayBuffer>;
  /** Counted target tokens. */
  tokens: number;
};

/**
 * Target widths are multiples of this. A batch pads its targets to its own longest, not to the
 * profile's maximum (summaries average 10.6 tokens against maxima of 16 to 32, so most decoder
 * positions and logits were padding); rounding keeps the shapes the jitted step compiles few.
 */
const TARGET_WIDTH_STEP = 8;

/** A batch's target width: its longest target rounded up to a multiple of `TARGET_WIDTH_STEP`, at most the profile's maximum. */
function targetWidth(longest: number, p: TransformerProfile): number {
  return Math.min(p.data.maxTgtTokens, Math.ceil(longest / TARGET_WIDTH_STEP) * TARGET_WIDTH_STEP);
}

/** Pads examples to [B, S] sources (S the smallest bucket that fits) and [B, T] targets (T from `targetWidth`). */
export function padExamples(ex: Example[], p: TransformerProfile, padId: number): HostBatch {
  const longest = Math.max(...ex.map((e) => e.src.length));
  const S = p.data.srcBuckets.find((w) => w >= longest) ?? p.data.maxSrcTokens;
  const T = targetWidth(Math.max(...ex.map((e) => e.tgtOut.length)), p);
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

/** Splits a host batch into `n` equal runs of rows: micro-batches with the batch's widths. */
export function splitRows(b: HostBatch, n: number): HostBatch[] {
  if (n === 1) return [b];
  if (!Number.isInteger(n) || n < 1 || b.B % n !== 0)
    throw new Error(`a batch of ${b.B} rows cannot be split into ${n} equal micro-batches`);
  const rows = b.B / n;
  return Array.from({ length: n }, (_, i) => {
    const [s0, s1] = [i * rows * b.S, (i + 1) * rows * b.S];
    const [t0, t1] = [i * rows * b.T, (i + 1) * rows * b.T];
    const tgtOut = b.tgtOut.slice(t0, t1);
    return {
      B: rows,
      S: b.S,
      T: b.T,
      src: b.src.slice(s0, s1),
      srcMask: b.srcMask.slice(s0, s1),
      tgtIn: b.tgtIn.slice(t0, t1),
      tgtOut,
      tokens: tgtOut.filter((t) => t !== IGNORE_INDEX).length,
    };
  });
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

/**
 * The learning-rate schedule of a profile: linear warm-up to lr, then ∝ 1/√t, or (recipe
 * `decay: "cosine"`) cosine down to 0 at the profile's last step (not `--steps`: a run trained a
 * piece at a time follows the same schedule).
 */
export function profileSchedule(p: TransformerProfile) {
  if (p.recipe?.decay === "cosine")
    return warmupCosine({ lr: p.optim.lr, warmupSteps: p.optim.warmupSteps, totalSteps: p.steps });
  return warmupInverseSqrt({ lr: p.optim.lr, warmupSteps: p.optim.warmupSteps });
}

/** Jitted train step and evaluation loss for one model configuration. */
export type StepFns = {
  /** One fused update on a whole batch. */
  step: OwnedFunction<
    (
      state: TrainState,
      batch: Seq2SeqBatch,
      key: np.Array,
    ) => { state: TrainState; loss: np.Array; gradNorm?: np.Array }
  >;
  /** Gradient accumulation, piece 1: the summed token loss of a micro-batch and its gradients. */
  microGrads: OwnedFunction<
    (
      params: TransformerParams,
      batch: Seq2SeqBatch,
      key: np.Array,
    ) => { sum: np.Array; count: np.Array; grads: TransformerParams }
  >;
  /** Piece 2: two gradient trees added. */
  addGrads: OwnedFunction<(a: TransformerParams, b: TransformerParams) => TransformerParams>;
  /** Piece 3: the update from summed gradients and the batch's token count. */
  applyGrads: OwnedFunction<
    (
      state: TrainState,
      grads: TransformerParams,
      count: np.Array,
    ) => { state: TrainState; gradNorm?: np.Array }
  >;
  /** Summed token loss and counted targets per example: [B], [B]. */
  evalLoss: OwnedFunction<
    (params: TransformerParams, batch: Seq2SeqBatch) => { sum: np.Array; count: np.Array }
  >;
};

/**
 * Builds the jitted AdamW step (forward + backward + update) and the summed validation loss.
 * A profile's recipe adds label smoothing to the training loss, clipping by global norm before
 * the update (the step then also returns the norm before clipping) and the weight-decay mask;
 * without a recipe the step is the plain one.
 */
export function makeStepFns(cfg: TransformerConfig, p: TransformerProfile): StepFns {
  const r = p.recipe ?? {};
  const smoothing = r.labelSmoothing ?? 0;
  const clip = r.clipGlobalNorm;
  const opt = adam({
    lr: profileSchedule(p),
    b1: p.optim.b1,
    b2: p.optim.b2,
    eps: p.optim.eps,
    weightDecay: p.optim.weightDecay,
    decay: r.weightDecayOn,
  });
  const lossFn = (params: TransformerParams, batch: Seq2SeqBatch, key: np.Array) =>
    loss(params, batch, cfg, key, smoothing);
  /** The update from (mean) gradients, clipped first when the recipe says so. Consumes all. */
  const update = (state: TrainState, grads: TransformerParams) => {
    let g = grads as unknown as Tree;
    let gradNorm: np.Array | undefined;
    if (clip !== undefined) ({ grads: g, norm: gradNorm } = clipByGlobalNorm(g, clip));
    const next = opt.update(g, state.opt, state.params as unknown as Tree);
    const out: TrainState = {
      params: next.params as unknown as TransformerParams,
      opt: next.state,
    };
    return { state: out, gradNorm };
  };
  // the norm is an output only when the recipe clips (an optional key, so cast for jit's tree type)
  const step = jit((state: TrainState, batch: Seq2SeqBatch, key: np.Array) => {
    const [loss, grads] = valueAndGrad(lossFn)(tree.ref(state.params), batch, key);
    const { state: next, gradNorm } = update(state, grads as TransformerParams);
    return (gradNorm ? { state: next, loss, gradNorm } : { state: next, loss }) as unknown as Tree;
  }) as unknown as StepFns["step"];
  // The mean loss's gradient is the summed loss's gradient over the token count, so micro-batch
  // gradients of the summed loss add up to the full batch's, divided once by its whole count.
  const summedLoss = (params: TransformerParams, batch: Seq2SeqBatch, key: np.Array) => {
    const { loss: mean, count } = tokenLoss(params, batch, cfg, key, smoothing);
    return [mean.mul(count.ref), count] as [np.Array, np.Array];
  };
  const microGrads = jit((params: TransformerParams, batch: Seq2SeqBatch, key: np.Array) => {
    const [[sum, count], grads] = valueAndGrad(summedLoss, { hasAux: true })(params, batch, key);
    return { sum, count, grads };
  });
  const addGrads = jit(
    (a: TransformerParams, b: TransformerParams) =>
      tree.map((x: np.Array, y: np.Array) => x.add(y), a, b) as TransformerParams,
  );
  const applyGrads = jit((state: TrainState, grads: TransformerParams, count: np.Array) => {
    const mean = tree.map((g: np.Array) => g.div(count.ref), grads) as TransformerParams;
    count.dispose();
    const { state: next, gradNorm } = update(state, mean);
    return (gradNorm ? { state: next, gradNorm } : { state: next }) as unknown as Tree;
  }) as unknown as StepFns["applyGrads"];
  const evalLoss = jit((params: TransformerParams, batch: Seq2SeqBatch) =>
    exampleLosses(params, batch, cfg),
  );
  return { step, microGrads, addGrads, applyGrads, evalLoss };
}

/**
 * One update on a batch given as micro-batches: the fused step when there is one, otherwise the
 * summed gradients of every micro-batch (dropout keys `keys[i]`), then one AdamW update. Each
 * micro-batch finishes before the next is queued: jax-js allocates a program's buffers when it is
 * queued, so queuing them all would need the memory the split saves. Consumes state, batches and
 * keys; `loss` is the batch's mean token loss.
 */
export async function updateStep(
  fns: StepFns,
  state: TrainState,
  micro: Seq2SeqBatch[],
  keys: np.Array[],
): Promise<{ state: TrainState; loss: np.Array; gradNorm?: np.Array }> {
  if (micro.length === 1) return fns.step(state, micro[0], keys[0]);
  let acc: { sum: np.Array; count: np.Array; grads: TransformerParams } | null = null;
  for (let i = 0; i < micro.length; i++) {
    const out = fns.microGrads(tree.ref(state.params), micro[i], keys[i]);
    acc = acc
      ? {
          sum: acc.sum.add(out.sum),
          count: acc.count.add(out.count),
          grads: fns.addGrads(acc.grads, out.grads),
        }
      : out;
    await Promise.all(tree.leaves(acc.grads).map((g) => g.blockUntilReady()));
  }
  const { sum, count, grads } = acc!;
  const meanLoss = sum.div(np.maximum(count.ref, 1));
  return { ...fns.applyGrads(state, grads, count), loss: meanLoss };
}

/** Per validation example: summed token loss (nats) and counted target tokens. */
export type ExampleLosses = { lossSum: number[]; tokens: number[] };

/**
 * Mean validation loss per target token over fixed batches, and each example's share of it.
 * Borrows params.
 */
export async function validationLoss(
  fns: StepFns,
  params: TransformerParams,
  batches: HostBatch[],
): Promise<{ valLoss: number; examples: ExampleLosses }> {
  const examples: ExampleLosses = { lossSum: [], tokens: [] };
  for (const b of batches) {
    const out = fns.evalLoss(tree.ref(params), toDevice(b));
    examples.lossSum.push(...(await out.sum.data()));
    examples.tokens.push(...(await out.count.data()));
  }
  const sum = examples.lossSum.reduce((a, x) => a + x, 0);
  const count = examples.tokens.reduce((a, x) => a + x, 0);
  return { valLoss: sum / Math.max(1, count), examples };
}

/** Result of one training run (one scheme under one profile). */
export type TrainRunResult = {
  kind: typeof RESULT_KINDS.train;
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
  /**
   * Per step: training loss (nats per target token; label-smoothed under a recipe with
   * smoothing), the learning rate used, and the gradient's global norm before clipping (recipes
   * that clip).
   */
  train: { step: number; loss: number; lr: number; gradNorm?: number }[];
  /** Every evalEvery steps: validation loss (nats per target token). */
  validation: { step: number; valLoss: number }[];
  /** The final weights' loss on each validation example (the same examples for every scheme). */
  finalValidationExamples: ExampleLosses;
  final: { trainLoss: number; valLoss: number; minValLoss: number };
  /**
   * Recipes that average checkpoints: the steps averaged and the averaged parameters'
   * validation loss. The returned parameters and `finalValidationExamples` are the average's.
   */
  averaged?: { steps: number[]; valLoss: number };
};

export type TrainRunOptions = {
  profile: TransformerProfile;
  scheme: InitScheme;
  /** Both embeddings drawn from N(0, embeddingStd²) instead of the scheme's (a proposed fix). */
  embeddingStd?: number;
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

/**
 * The steps whose parameters a recipe averages: the newest k of the steps the trainer
 * checkpoints (every `checkpointEvery` and the last), ending at `total`.
 */
export function averagedSteps(total: number, every: number, k: number): number[] {
  const steps = new Set<number>([total]);
  for (let s = Math.floor(total / every) * every; s > 0 && steps.size < k; s -= every) steps.add(s);
  return [...steps].sort((a, b) => a - b).slice(-k);
}

/** The element-wise mean of parameter trees of one structure. Consumes them. */
export function averageParams(trees: TransformerParams[]): TransformerParams {
  if (trees.length === 0) throw new Error("averageParams: no parameter trees");
  if (trees.length === 1) return trees[0];
  let sum = trees[0];
  for (const t of trees.slice(1))
    sum = tree.map((a: np.Array, b: np.Array) => a.add(b), sum, t) as TransformerParams;
  return tree.map((a: np.Array) => a.mul(1 / trees.length), sum) as TransformerParams;
}

/** The parameters saved at `steps` in a run directory (optimizer state dropped). */
export async function checkpointParams(dir: string, steps: number[]): Promise<TransformerParams[]> {
  const present = await checkpointSteps(dir);
  const missing = steps.filter((s) => !present.includes(s));
  if (missing.length > 0)
    throw new Error(
      `checkpoint averaging: ${dir} holds no checkpoint of step ${missing.join(", ")} (it holds ${present.join(", ") || "none"})`,
    );
  const out: TransformerParams[] = [];
  for (const step of steps) {
    const ck = await loadCheckpoint(join(dir, checkpointName(step)));
    const st = ck.state as unknown as TrainState;
    tree.dispose(st.opt);
    out.push(st.params);
  }
  return out;
}

/**
 * The parameters a profile evaluates from a run directory whose newest checkpoint is `step`:
 * the average of its last k checkpoints under a recipe that averages, else that checkpoint's.
 */
export async function evaluationParams(
  dir: string,
  p: TransformerProfile,
  step: number,
): Promise<{ params: TransformerParams; steps: number[] }> {
  const k = p.recipe?.averageLastCheckpoints ?? 1;
  const steps = k > 1 ? averagedSteps(step, p.checkpointEvery, k) : [step];
  return { params: averageParams(await checkpointParams(dir, steps)), steps };
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
  let lastEval: { step: number; valLoss: number; examples: ExampleLosses } | undefined;
  const t0 = performance.now();
  const hostFor = (s: number) =>
    padExamples(
      batchIndicesFor(prepared.batches, s, p.seed).map((i) => prepared.train[i]),
      p,
      tok.padId,
    );
  const micro = p.microBatches ?? 1;
  const averageK = p.recipe?.averageLastCheckpoints ?? 1;
  const window = averageK > 1 ? averagedSteps(total, p.checkpointEvery, averageK) : [];
  // parameters at the averaged steps reached in this process (earlier ones are read back from
  // their checkpoints: the trainer keeps the newest averageK + 2, room for the off-grid final
  // checkpoints of two shorter `--steps` sessions)
  const snapshots = new Map<number, TransformerParams>();
  // Dropout keys: the fused step keeps its historical key per step; micro-batches get their own.
  const keysFor = (s: number) =>
    micro === 1
      ? [foldIn(p.seed, s)]
      : Array.from({ length: micro }, (_, i) => foldIn(p.seed, s * micro + i));
  try {
    const run = await train<TrainState, { micro: Seq2SeqBatch[]; tokens: number }>({
      totalSteps: total,
      init: () => {
        const params = init(prngKey(p.seed), cfg);
        if (opts.embeddingStd !== undefined) {
          const [kWord, kPos] = splitKey(prngKey(p.seed + 1), 2);
          redrawEmbeddings(params, kWord, kPos, opts.embeddingStd);
        }
        const opt = adam({ lr: schedule }).init(params as unknown as Tree);
        return { params, opt };
      },
      batchFor: (s) => {
        const h = hostFor(s);
        return { micro: splitRows(h, micro).map(toDevice), tokens: h.tokens };
      },
      step: async (state, b, s) => {
        stepStart = performance.now();
        lrs.set(s + 1, scheduleValue(schedule, s));
        tokens += b.tokens;
        const out = await updateStep(fns, state, b.micro, keysFor(s));
        if (window.includes(s + 1)) snapshots.set(s + 1, tree.ref(out.state.params));
        const metrics: Record<string, np.Array> = { loss: out.loss };
        if (out.gradNorm) metrics.gradNorm = out.gradNorm;
        return { state: out.state, metrics };
      },
      evalEvery: p.evalEvery,
      evaluate: async (state, step) => {
        const e0 = performance.now();
        const { valLoss, examples } = await validationLoss(fns, state.params, prepared.valBatches);
        lastEval = { step, valLoss, examples };
        opts.onEval?.(step, valLoss);
        evalMs += performance.now() - e0;
        return { valLoss };
      },
      checkpoint: opts.checkpointDir
        ? checkpointDir(opts.checkpointDir, {
            every: p.checkpointEvery,
            keep: averageK > 1 ? averageK + 2 : 2,
          })
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
      ...(r.gradNorm === undefined ? {} : { gradNorm: r.gradNorm }),
    }));
    const validation = run.history.eval.map((r: HistoryRow) => ({
      step: r.step,
      valLoss: r.valLoss,
    }));
    let evalParams = run.state.params;
    let averaged: TrainRunResult["averaged"];
    if (window.length > 1) {
      // in the window's order whatever their source, so the sum rounds the same after a resume
      const fromDisk = window.filter((step) => !snapshots.has(step));
      if (fromDisk.length > 0 && !opts.checkpointDir)
        throw new Error(
          `checkpoint averaging: the parameters of steps ${fromDisk.join(", ")} are neither in memory nor in a checkpoint`,
        );
      const read = opts.checkpointDir ? await checkpointParams(opts.checkpointDir, fromDisk) : [];
      const trees = window.map((step) => {
        const held = snapshots.get(step);
        snapshots.delete(step);
        return held ?? (read.shift() as TransformerParams);
      });
      evalParams = averageParams(trees);
      tree.dispose(run.state.params);
    }
    // the last step was just evaluated on these weights: at course size a second pass over the
    // validation set costs as much as 50 training steps
    const finalEval =
      window.length <= 1 && lastEval?.step === total
        ? lastEval
        : await validationLoss(fns, evalParams, prepared.valBatches);
    if (window.length > 1) averaged = { steps: window, valLoss: finalEval.valLoss };
    const tail = trainRows.slice(-Math.max(1, Math.floor(trainRows.length / 10)));
    const result: TrainRunResult = {
      kind: RESULT_KINDS.train,
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
      finalValidationExamples: finalEval.examples,
      final: {
        trainLoss: tail.reduce((a, r) => a + r.loss, 0) / tail.length,
        valLoss: validation[validation.length - 1]?.valLoss ?? Number.NaN,
        minValLoss: Math.min(...validation.map((v) => v.valLoss)),
      },
      ...(averaged ? { averaged } : {}),
    };
    tree.dispose(run.state.opt);
    return { result, params: evalParams };
  } finally {
    for (const t of snapshots.values()) tree.dispose(t);
    for (const f of Object.values(fns)) f.dispose();
  }
}
