/**
 * Training the VIB classifier as in Alemi et al.: Adam (lr 1e-4, β1 0.5) decayed ×0.97 every
 * 2 epochs, batch 100, one z sample per example, and an exponential moving average (0.999) of the
 * weights used for every evaluation. Per epoch: train/validation error with 1 and S samples,
 * task loss and KL in bits. Resumable: the whole state is (params, ema, optimizer, step, history)
 * and every batch and noise key is a pure function of (seed, step).
 *
 * No fs, no console: the caller loads MNIST, saves checkpoints and shows progress via hooks.
 */

import {
  batchesPerEpoch,
  batchIndices,
  gatherBatch,
  type Mnist,
  type MnistSet,
  selectClasses,
  splitTrainValidation,
  takeExamples,
} from "../../data/mnist.js";
import {
  adam,
  emaUpdate,
  exponentialStepDecay,
  foldIn,
  jit,
  nn,
  numpy as np,
  type OwnedFunction,
  prngKey,
  random,
  tree,
  valueAndGrad,
} from "../../engine/index.js";
import { NonFiniteError } from "../../engine/numerics.js";
import type { AdamState, Optimizer } from "../../engine/optim.js";
import { permutation } from "../../engine/rng.js";
import {
  type Encoding,
  encode,
  init,
  klToStandardNormal,
  lossTerms,
  predictFromEncoding,
  type VibConfig,
  type VibParams,
} from "../../models/vib.js";
import { type Checkpoints, train } from "../trainer.js";

// ---------------------------------------------------------------- configuration

/** One training run: the model plus everything about data, optimizer and evaluation. */
export type VibTrainConfig = {
  model: VibConfig;
  epochs: number;
  batchSize: number;
  lr: number;
  b1: number;
  b2: number;
  eps: number;
  /** lr ← lr · decayFactor every decayEveryEpochs epochs. */
  decayFactor: number;
  decayEveryEpochs: number;
  /** Weight moving average decay (0.999); evaluation uses the averaged weights. */
  emaDecay: number;
  seed: number;
  /** Examples carved from the 60 000 training digits for validation. */
  validationSize: number;
  /** Train on only the first N (seeded-shuffled) training examples; null = all. */
  trainSubset: number | null;
  /** Keep only these digits (relabelled 0..k−1); null = all ten. */
  classes: number[] | null;
  /** Training examples (a fixed seeded subset) on which train error is measured each epoch. */
  trainEvalSize: number;
  /** Test examples evaluated at the end; null = all 10 000. */
  testSubset: number | null;
  /** Rows per evaluation call (fixed so the jitted evaluator compiles once). */
  evalBatch: number;
  /**
   * Seed of the data (class subset, validation split, training and test subsets); absent = `seed`.
   * Runs that differ only in `seed` then share their data and differ in initialisation, batch
   * order and noise: the paired seeds of a designed comparison.
   */
  dataSeed?: number;
  /** Validation digits (the first N of the split) evaluated after every epoch; absent = all. */
  epochValidationSize?: number;
  /** Independent noise draws (S samples each) of the final evaluation; absent = 1. */
  finalDraws?: number;
  /**
   * For a run that keeps no validation digits: the EMA weights of every `lateTestEvery`-th epoch
   * of the second half are kept and read on the test set after training, so the late-epoch
   * spread is measured without reading the test set during training. Absent = none kept.
   */
  lateTestEvery?: number;
};

/** The epochs whose EMA weights a run keeps for its late-epoch test readings (none without). */
export function lateTestEpochs(cfg: VibTrainConfig): number[] {
  const every = cfg.lateTestEvery;
  if (!every) return [];
  const out: number[] = [];
  for (let e = Math.ceil(cfg.epochs / 2 / every) * every; e <= cfg.epochs; e += every) out.push(e);
  return out;
}

/** The paper's schedule around a model config. */
export function paperTrainConfig(model: VibConfig, over: Partial<VibTrainConfig> = {}) {
  const cfg: VibTrainConfig = {
    model,
    epochs: 200,
    batchSize: 100,
    lr: 1e-4,
    b1: 0.5,
    b2: 0.999,
    eps: 1e-8,
    decayFactor: 0.97,
    decayEveryEpochs: 2,
    emaDecay: 0.999,
    seed: 0,
    validationSize: 5000,
    trainSubset: null,
    classes: null,
    trainEvalSize: 5000,
    testSubset: null,
    evalBatch: 500,
  };
  return { ...cfg, ...over };
}

// ---------------------------------------------------------------- data

export type VibData = { train: MnistSet; validation: MnistSet; test: MnistSet };

/** Class subset, validation split and training subset, all fixed by the seed. */
export function prepareData(mnist: Mnist, cfg: VibTrainConfig): VibData {
  let train = mnist.train;
  let test = mnist.test;
  if (cfg.classes) {
    train = selectClasses(train, cfg.classes);
    test = selectClasses(test, cfg.classes);
  }
  if (train.classes.length !== cfg.model.numClasses) {
    throw new Error(
      `model has ${cfg.model.numClasses} classes but the data has ${train.classes.length}`,
    );
  }
  const seed = cfg.dataSeed ?? cfg.seed;
  const split = splitTrainValidation(train, cfg.validationSize, seed);
  let trainSet = split.train;
  if (cfg.trainSubset !== null && cfg.trainSubset < trainSet.count) {
    const keep = permutation(trainSet.count, seed + 1)
      .slice(0, cfg.trainSubset)
      .sort();
    trainSet = takeExamples(trainSet, keep);
  }
  if (cfg.testSubset !== null && cfg.testSubset < test.count) {
    test = takeExamples(test, permutation(test.count, seed + 2).slice(0, cfg.testSubset));
  }
  return { train: trainSet, validation: split.validation, test };
}

// ---------------------------------------------------------------- state and metrics

export type EvalMetrics = {
  /** Error of the S-sample averaged softmax. */
  errorS: number;
  /** Error with a single z sample. */
  error1: number;
  /** Mean −log of the S-averaged predictive probability of the true class (nats). */
  taskLoss: number;
  /** Mean KL(p(z|x) ‖ N(0, I)) in bits. */
  klBits: number;
  count: number;
};

export type EpochMetrics = {
  epoch: number;
  step: number;
  lr: number;
  /** Mean over the epoch's steps of the one-sample cross-entropy (nats) and KL (bits). */
  trainStepTaskLoss: number;
  trainStepKlBits: number;
  train: EvalMetrics;
  /** Null when the run keeps no validation digits (it trains on all of them). */
  validation: EvalMetrics | null;
  seconds: number;
};

/** Everything a run needs to continue exactly where it stopped. */
export type VibTrainState = {
  params: VibParams;
  ema: VibParams;
  opt: AdamState;
  /** Completed optimizer steps. */
  step: number;
  history: EpochMetrics[];
};

// ---------------------------------------------------------------- the trainer (jitted once)

export type VibTrainer = {
  cfg: VibTrainConfig;
  stepsPerEpoch: number;
  optimizer: Optimizer;
  /** Fresh state from the seed. */
  initState(): VibTrainState;
  /** One step on a batch. Consumes state.params/ema/opt and returns new ones; x [B, D], y [B]. */
  step: OwnedFunction<
    (
      params: VibParams,
      ema: VibParams,
      opt: AdamState,
      x: np.Array,
      y: np.Array,
      key: np.Array,
      acc: np.Array,
    ) => { params: VibParams; ema: VibParams; opt: AdamState; acc: np.Array }
  >;
  /** Metrics of `params` on a set (S and 1 samples). Borrows params. */
  evaluate(params: VibParams, set: MnistSet, seed: number): Promise<EvalMetrics>;
  /**
   * `evaluate`, and per example whether the S-sample prediction is wrong (1) or not (0) and its
   * −log q(y|x) under the S-sample predictive (nats).
   */
  evaluateExamples(
    params: VibParams,
    set: MnistSet,
    seed: number,
  ): Promise<{ metrics: EvalMetrics; wrongS: Uint8Array; nllS: Float64Array }>;
  /** Latent means μ(x) [n, K] of a set. Borrows params. */
  latentMeans(params: VibParams, set: MnistSet): Promise<Float32Array>;
  dispose(): void;
};

/** Builds the jitted step and evaluator for one configuration. */
export function createTrainer(cfg: VibTrainConfig, trainCount: number): VibTrainer {
  const m = cfg.model;
  const stepsPerEpoch = batchesPerEpoch(trainCount, cfg.batchSize);
  const optimizer = adam({
    lr: exponentialStepDecay({
      lr: cfg.lr,
      factor: cfg.decayFactor,
      everySteps: cfg.decayEveryEpochs * stepsPerEpoch,
    }),
    b1: cfg.b1,
    b2: cfg.b2,
    eps: cfg.eps,
  });
  const objective = (p: VibParams, x: np.Array, y: np.Array, v: np.Array) => {
    const { task, kl } = lossTerms(p, x, nn.oneHot(y, m.numClasses), v, m);
    return [task.ref.add(kl.ref.mul(m.beta)), np.stack([task, kl])] as [np.Array, np.Array];
  };

  const step = jit(
    (
      params: VibParams,
      ema: VibParams,
      opt: AdamState,
      x: np.Array,
      y: np.Array,
      key: np.Array,
      acc: np.Array,
    ) => {
      const v = random.normal(key, [cfg.batchSize, m.zDim]); // [B, K]
      const [[, terms], grads] = valueAndGrad(objective, { hasAux: true })(
        tree.ref(params),
        x,
        y,
        v,
      );
      const next = optimizer.update(grads, opt, params);
      const newEma = emaUpdate(ema, next.params, next.state.count.ref, cfg.emaDecay) as VibParams;
      return {
        params: next.params as VibParams,
        ema: newEma,
        opt: next.state,
        acc: acc.add(terms),
      };
    },
  );

  const E = cfg.evalBatch;
  const S = m.evalSamples;
  const evalChunk = jit((params: VibParams, x: np.Array, y: np.Array, key: np.Array) => {
    const v = random.normal(key, [S, E, m.zDim]); // [S, E, K]
    const v1 = v.ref.slice(0); // [E, K]: the first sample alone
    const { mu, sigma, logSigma } = encode(params, x, m); // once for both predictions and the KL
    const again = (): Encoding => ({ mu: mu.ref, sigma: sigma?.ref ?? null });
    const probsS = predictFromEncoding(params, again(), v, m); // [E, C]
    const probs1 = predictFromEncoding(params, again(), v1.reshape([1, E, m.zDim]), m);
    const yh = nn.oneHot(y, m.numClasses);
    const pTrue = probsS.ref.mul(yh).sum(-1); // [E]
    let kl: np.Array;
    if (sigma === null) {
      mu.dispose();
      kl = np.zeros([E]);
    } else kl = klToStandardNormal(mu, sigma, logSigma);
    return {
      predS: np.argmax(probsS, -1),
      pred1: np.argmax(probs1, -1),
      nll: np.log(np.maximum(pTrue, 1e-30)).neg(),
      kl,
    };
  });
  const muChunk = jit((params: VibParams, x: np.Array) => encode(params, x, m).mu);

  /** Rows [start, start+E) of a set as inputs, zero-padded past the end. */
  const chunk = (set: MnistSet, start: number) => {
    const idx = Array.from({ length: E }, (_, i) => Math.min(start + i, set.count - 1));
    const { x, y } = gatherBatch(set, idx);
    return {
      x: np.array(x).reshape([E, set.rows * set.cols]),
      y: np.array(y, { dtype: np.int32 }),
      valid: Math.min(E, set.count - start),
    };
  };

  const evaluateExamples: VibTrainer["evaluateExamples"] = async (params, set, seed) => {
    if (set.count === 0) throw new Error("evaluate: the set is empty");
    const wrongEach = new Uint8Array(set.count);
    const nllEach = new Float64Array(set.count);
    let wrongS = 0;
    let wrong1 = 0;
    let nll = 0;
    let kl = 0;
    for (let start = 0, c = 0; start < set.count; start += E, c++) {
      const { x, y, valid } = chunk(set, start);
      const out = evalChunk(tree.ref(params), x, y, foldIn(seed, c));
      const [predS, pred1, nllV, klV] = await Promise.all([
        out.predS.data(),
        out.pred1.data(),
        out.nll.data(),
        out.kl.data(),
      ]);
      for (let i = 0; i < valid; i++) {
        const label = set.labels[start + i];
        if (predS[i] !== label) {
          wrongS++;
          wrongEach[start + i] = 1;
        }
        if (pred1[i] !== label) wrong1++;
        nll += nllV[i];
        nllEach[start + i] = nllV[i];
        kl += klV[i];
      }
    }
    const n = set.count;
    return {
      metrics: {
        errorS: wrongS / n,
        error1: wrong1 / n,
        taskLoss: nll / n,
        klBits: kl / n / Math.LN2,
        count: n,
      },
      wrongS: wrongEach,
      nllS: nllEach,
    };
  };

  return {
    cfg,
    stepsPerEpoch,
    optimizer,
    initState() {
      const params = init(prngKey(cfg.seed), m);
      return {
        ema: tree.ref(params) as VibParams,
        opt: optimizer.init(params),
        params,
        step: 0,
        history: [],
      };
    },
    step,
    async evaluate(params, set, seed) {
      return (await evaluateExamples(params, set, seed)).metrics;
    },
    evaluateExamples,
    async latentMeans(params, set) {
      const out = new Float32Array(set.count * m.zDim);
      for (let start = 0; start < set.count; start += E) {
        const { x, y, valid } = chunk(set, start);
        y.dispose();
        const mu = (await muChunk(tree.ref(params), x).data()) as Float32Array;
        out.set(mu.subarray(0, valid * m.zDim), start * m.zDim);
      }
      return out;
    },
    dispose() {
      step.dispose();
      evalChunk.dispose();
      muChunk.dispose();
    },
  };
}

// ---------------------------------------------------------------- the loop

/** The arrays of a training state, as the loop carries and checkpoints them. */
export type VibArrays = { params: VibParams; ema: VibParams; opt: AdamState };

export type TrainHooks = {
  /** Where the run resumes from and saves to after every epoch; none: from scratch, unsaved. */
  checkpoint?: Checkpoints<VibArrays, EpochRow>;
  /** After every optimizer step (cheap: no device sync). */
  onStep?: (step: number, totalSteps: number) => void;
  /** After every epoch's evaluation. */
  onEpoch?: (metrics: EpochMetrics) => void;
  /** After every epoch, its EMA weights (borrowed), for a caller that keeps some of them. */
  epochWeights?: (epoch: number, ema: VibParams) => Promise<void>;
  /** Milliseconds clock (injected so this module stays clock-free). */
  now?: () => number;
};

/** An epoch's metrics as the loop's evaluation returns them (it adds the step). */
type EpochRow = Omit<EpochMetrics, "step">;

/** Steps between NaN/Inf checks of the running loss sums (each check syncs the device). */
export const NAN_CHECK_EVERY = 50;

/**
 * Trains to cfg.epochs through the shared training loop (src/experiments/trainer.ts): from the
 * checkpoint's state when there is one, else from the seed. Each epoch sums its steps' task loss
 * and KL on the device, checks the sums every `NAN_CHECK_EVERY` steps, and ends with an
 * evaluation of the EMA weights on training and validation digits.
 */
export async function trainVib(
  trainer: VibTrainer,
  data: VibData,
  hooks: TrainHooks = {},
): Promise<VibTrainState> {
  const { cfg, stepsPerEpoch } = trainer;
  const now = hooks.now ?? (() => 0);
  const totalSteps = cfg.epochs * stepsPerEpoch;
  const trainEval = takeExamples(
    data.train,
    permutation(data.train.count, cfg.seed + 3).slice(
      0,
      Math.min(cfg.trainEvalSize, data.train.count),
    ),
  );
  const monitor =
    cfg.epochValidationSize === undefined || cfg.epochValidationSize >= data.validation.count
      ? data.validation
      : takeExamples(
          data.validation,
          Array.from({ length: cfg.epochValidationSize }, (_, i) => i),
        );
  const D = data.train.rows * data.train.cols;
  // the epoch under way: its summed [task, KL] (null between epochs), first step, start time
  let acc: np.Array | null = null;
  let first = 0;
  let t0 = 0;
  let sinceCheck = 0;
  const run = await train<VibArrays, { x: np.Array; y: np.Array }, EpochRow>({
    totalSteps,
    init: () => {
      const { params, ema, opt } = trainer.initState();
      return { params, ema, opt };
    },
    batchFor: (s) => {
      const { x, y } = gatherBatch(
        data.train,
        batchIndices(data.train.count, cfg.batchSize, cfg.seed, s),
      );
      return {
        x: np.array(x).reshape([cfg.batchSize, D]),
        y: np.array(y, { dtype: np.int32 }),
      };
    },
    step: async (st, b, s) => {
      if (acc === null) {
        acc = np.zeros([2]);
        first = s;
        t0 = now();
        sinceCheck = 0;
      }
      const out = trainer.step(st.params, st.ema, st.opt, b.x, b.y, foldIn(cfg.seed, s), acc);
      acc = out.acc;
      // jax-js dispatches asynchronously: without waiting, every queued step holds its own
      // activations and the wasm heap grows until it hits 4 GiB (measured: 1000 unsynced steps).
      await acc.blockUntilReady();
      hooks.onStep?.(s + 1, totalSteps);
      if (++sinceCheck >= NAN_CHECK_EVERY || (s + 1) % stepsPerEpoch === 0) {
        sinceCheck = 0;
        const [task, kl] = await acc.ref.data();
        if (!Number.isFinite(task)) throw new NonFiniteError(s, "task loss", `is ${task}`);
        if (!Number.isFinite(kl)) throw new NonFiniteError(s, "KL", `is ${kl}`);
      }
      return { state: { params: out.params, ema: out.ema, opt: out.opt }, metrics: {} };
    },
    evalEvery: stepsPerEpoch,
    evaluate: async (st, done) => {
      const epoch = Math.floor(first / stepsPerEpoch);
      const [taskSum, klSum] = await (acc as np.Array).data();
      acc = null;
      const steps = done - first;
      const metrics: EpochRow = {
        epoch: epoch + 1,
        lr: cfg.lr * cfg.decayFactor ** Math.floor(epoch / cfg.decayEveryEpochs),
        trainStepTaskLoss: taskSum / steps,
        trainStepKlBits: klSum / steps / Math.LN2,
        train: await trainer.evaluate(st.ema, trainEval, cfg.seed + 100 + epoch),
        validation:
          monitor.count > 0
            ? await trainer.evaluate(st.ema, monitor, cfg.seed + 200 + epoch)
            : null,
        seconds: (now() - t0) / 1000,
      };
      hooks.onEpoch?.({ step: done, ...metrics });
      await hooks.epochWeights?.(epoch + 1, st.ema);
      return metrics;
    },
    checkpoint: hooks.checkpoint,
  });
  return { ...run.state, step: totalSteps, history: run.history.eval };
}

/** Disposes a training state's arrays. */
export function disposeState(s: VibTrainState): void {
  tree.dispose([s.params, s.ema, s.opt]);
}
