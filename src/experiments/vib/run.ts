/**
 * Problem 3 end to end: train (or resume, or reuse) each run a profile asks for and turn the runs
 * into the results of parts (a)–(d). Effects come in through `VibIo` (checkpoints, cached
 * results, logs, clock), so this module stays free of fs and console.
 */
import { gatherBatch, type Mnist } from "../../data/mnist.js";
import { nn, numpy as np, prngKey, random, tree } from "../../engine/index.js";
import type { AdamState } from "../../engine/optim.js";
import { permutation } from "../../engine/rng.js";
import { init, type VibParams } from "../../models/vib.js";
import {
  answerLatent,
  describeSweep,
  type LatentAnswers,
  type LatentStats,
  latentStats,
  type SweepPoint,
  type SweepShape,
} from "./analysis.js";
import { checkReparameterization, type ReparamCheck, reparameterizationSvg } from "./diagram.js";
import { type GradientGrid, gradientFlow } from "./gradients.js";
import type { VibProfile } from "./profiles.js";
import {
  createTrainer,
  type EpochMetrics,
  type EvalMetrics,
  prepareData,
  trainVib,
  type VibData,
  type VibTrainConfig,
  type VibTrainer,
  type VibTrainState,
} from "./train.js";

/** The arrays of a training state, as checkpointed. */
export type SavedArrays = { params: VibParams; ema: VibParams; opt: AdamState };

export type VibIo = {
  device: string;
  /** A finished run's result for this exact config, or null. */
  loadResult(cfg: VibTrainConfig): Promise<VibRunResult | null>;
  saveResult(cfg: VibTrainConfig, result: VibRunResult): Promise<void>;
  /** The newest valid checkpoint for this config, or null. */
  loadCheckpoint(
    cfg: VibTrainConfig,
  ): Promise<{ step: number; arrays: SavedArrays; history: EpochMetrics[] } | null>;
  /** Saves state after an epoch (borrows it). */
  saveCheckpoint(cfg: VibTrainConfig, state: VibTrainState): Promise<void>;
  log(message: string): void;
  onStep?(label: string, step: number, total: number): void;
  now(): number;
};

/** One finished training run (RunResult): config, seed, device, metrics. */
export type VibRunResult = {
  kind: "vib-run";
  label: string;
  config: VibTrainConfig;
  seed: number;
  device: string;
  metrics: {
    history: EpochMetrics[];
    /** Final (EMA-weight) metrics on the validation and test sets, S and 1 samples. */
    validation: EvalMetrics;
    test: EvalMetrics;
  };
  /** Wall-clock training seconds summed over epochs (this process and any it resumed). */
  trainSeconds: number;
  /** 3(d) only: latent means of held-out digits and their statistics. */
  latent?: {
    points: Array<{ x: number; y: number; digit: number }>;
    stats: LatentStats;
  };
};

/** Trains one config to completion (resuming or reusing what `io` has), returns its result. */
export async function runTraining(
  cfg: VibTrainConfig,
  mnist: Mnist,
  io: VibIo,
  label: string,
  opts: { latentPointsPerClass?: number } = {},
): Promise<VibRunResult> {
  const cached = await io.loadResult(cfg);
  if (cached) {
    io.log(`${label}: reusing finished run (test error ${pct(cached.metrics.test.errorS)})`);
    return cached;
  }
  const data = prepareData(mnist, cfg);
  const trainer = createTrainer(cfg, data.train.count);
  let state: VibTrainState;
  const saved = await io.loadCheckpoint(cfg);
  if (saved) {
    state = { ...saved.arrays, step: saved.step, history: saved.history };
    io.log(`${label}: resuming at step ${saved.step} (epoch ${saved.history.length})`);
  } else state = trainer.initState();
  try {
    state = await trainVib(trainer, data, state, {
      now: io.now,
      onStep: (s, total) => io.onStep?.(label, s, total),
      onEpoch: async (m, s) => {
        io.log(
          `${label}: epoch ${m.epoch}/${cfg.epochs} val error ${pct(m.validation.errorS)} ` +
            `(1 sample ${pct(m.validation.error1)}) KL ${m.validation.klBits.toFixed(1)} bits ` +
            `task ${m.trainStepTaskLoss.toFixed(4)} ${m.seconds.toFixed(0)} s`,
        );
        await io.saveCheckpoint(cfg, s);
      },
    });
    const result = await finish(cfg, trainer, data, state, io.device, label, opts);
    await io.saveResult(cfg, result);
    io.log(
      `${label}: test error ${pct(result.metrics.test.errorS)} (${cfg.model.evalSamples} samples)`,
    );
    return result;
  } finally {
    tree.dispose([state.params, state.ema, state.opt]);
    trainer.dispose();
  }
}

async function finish(
  cfg: VibTrainConfig,
  trainer: VibTrainer,
  data: VibData,
  state: VibTrainState,
  device: string,
  label: string,
  opts: { latentPointsPerClass?: number },
): Promise<VibRunResult> {
  const validation = await trainer.evaluate(state.ema, data.validation, cfg.seed + 900);
  const test = await trainer.evaluate(state.ema, data.test, cfg.seed + 901);
  const result: VibRunResult = {
    kind: "vib-run",
    label,
    config: cfg,
    seed: cfg.seed,
    device,
    metrics: { history: state.history, validation, test },
    trainSeconds: state.history.reduce((s, m) => s + m.seconds, 0),
  };
  if (cfg.model.zDim === 2) {
    const mu = await trainer.latentMeans(state.ema, data.test);
    const stats = latentStats(
      cfg.model.beta,
      mu,
      data.test.labels,
      1 - test.errorS,
      validation.errorS,
    );
    const per = opts.latentPointsPerClass ?? 200;
    const order = permutation(data.test.count, cfg.seed + 5);
    const counts = new Map<number, number>();
    const points: Array<{ x: number; y: number; digit: number }> = [];
    for (const i of order) {
      const label = data.test.labels[i];
      const c = counts.get(label) ?? 0;
      if (c >= per) continue;
      counts.set(label, c + 1);
      points.push({ x: mu[2 * i], y: mu[2 * i + 1], digit: data.test.classes[label] });
    }
    result.latent = { points, stats };
  }
  return result;
}

const pct = (e: number) => `${(100 * e).toFixed(2)} %`;

// ---------------------------------------------------------------- parts (a)–(d)

export type VibPartA = { kind: "vib-3a"; svg: string; check: ReparamCheck };

/** 3(a): the diagram and its measured check. */
export function runPartA(seed = 0): VibPartA {
  return { kind: "vib-3a", svg: reparameterizationSvg(), check: checkReparameterization(seed) };
}

export type VibPartB = {
  kind: "vib-3b";
  /** At initialization, for two seeds (the pattern of zeros is structural, not seed-dependent). */
  grids: Array<{ when: string; grid: GradientGrid }>;
  /** The ticks, as the problem asks: which term sends gradient to which group. */
  answer: {
    task: { encoder: boolean; decoder: boolean };
    klTerm: { encoder: boolean; decoder: boolean };
  };
  consistent: boolean;
};

/** 3(b): gradient norms of each term w.r.t. θe and θd on a real MNIST batch, at initialization. */
export function runPartB(profile: VibProfile, mnist: Mnist): VibPartB {
  const cfg = profile.main;
  const data = prepareData(mnist, cfg);
  const B = profile.gradientBatch;
  const idx = permutation(data.validation.count, cfg.seed + 7).slice(0, B);
  const batch = gatherBatch(data.validation, idx);
  const m = cfg.model;
  const grids: VibPartB["grids"] = [];
  for (const [when, seed] of [
    ["initialization (seed 0)", cfg.seed],
    ["initialization (seed 1)", cfg.seed + 1],
  ] as const) {
    const params = init(prngKey(seed), m);
    const grid = gradientFlow(
      params,
      np.array(batch.x).reshape([B, m.inputDim]),
      nn.oneHot(np.array(batch.y, { dtype: np.int32 }), m.numClasses),
      random.normal(prngKey(seed + 1000), [B, m.zDim]),
      m,
    );
    tree.dispose(params);
    grids.push({ when, grid });
  }
  const tick = (f: (g: GradientGrid) => boolean) => grids.every((g) => f(g.grid));
  const anyTick = (f: (g: GradientGrid) => boolean) => grids.some((g) => f(g.grid));
  const answer = {
    task: {
      encoder: tick((g) => g.task.encoder.sendsGradient),
      decoder: tick((g) => g.task.decoder.sendsGradient),
    },
    klTerm: {
      encoder: tick((g) => g.klTerm.encoder.sendsGradient),
      decoder: tick((g) => g.klTerm.decoder.sendsGradient),
    },
  };
  const consistent =
    answer.task.encoder === anyTick((g) => g.task.encoder.sendsGradient) &&
    answer.task.decoder === anyTick((g) => g.task.decoder.sendsGradient) &&
    answer.klTerm.encoder === anyTick((g) => g.klTerm.encoder.sendsGradient) &&
    answer.klTerm.decoder === anyTick((g) => g.klTerm.decoder.sendsGradient);
  return { kind: "vib-3b", grids, answer, consistent };
}

export type VibPartC = {
  kind: "vib-3c";
  points: Array<SweepPoint & { error1Validation: number; klBits: number; trainSeconds: number }>;
  shape: SweepShape;
};

/** 3(c): validation and test error against β (K = 256). */
export async function runPartC(profile: VibProfile, mnist: Mnist, io: VibIo): Promise<VibPartC> {
  const points: VibPartC["points"] = [];
  for (const [i, cfg] of profile.sweep.entries()) {
    const r = await runTraining(
      cfg,
      mnist,
      io,
      `sweep ${i + 1}/${profile.sweep.length} β=${cfg.model.beta}`,
    );
    points.push({
      beta: cfg.model.beta,
      validationError: r.metrics.validation.errorS,
      testError: r.metrics.test.errorS,
      error1Validation: r.metrics.validation.error1,
      klBits: r.metrics.validation.klBits,
      trainSeconds: r.trainSeconds,
    });
  }
  return { kind: "vib-3c", points, shape: describeSweep(points) };
}

export type VibPartD = {
  kind: "vib-3d";
  digits: number[];
  runs: Array<{
    beta: number;
    points: Array<{ x: number; y: number; digit: number }>;
    stats: LatentStats;
  }>;
  answers: LatentAnswers;
};

/** 3(d): three digits, K = 2, three β; latent means, their statistics, and the answers. */
export async function runPartD(profile: VibProfile, mnist: Mnist, io: VibIo): Promise<VibPartD> {
  const runs: VibPartD["runs"] = [];
  for (const cfg of profile.latent) {
    const r = await runTraining(cfg, mnist, io, `latent β=${cfg.model.beta}`, {
      latentPointsPerClass: profile.latentPointsPerClass,
    });
    if (!r.latent) throw new Error(`latent run β=${cfg.model.beta} has no latent points`);
    runs.push({ beta: cfg.model.beta, points: r.latent.points, stats: r.latent.stats });
  }
  return {
    kind: "vib-3d",
    digits: profile.latent[0].classes ?? [],
    runs,
    answers: answerLatent(runs.map((r) => r.stats)),
  };
}

export type VibHeadline = {
  kind: "vib-headline";
  vib: VibRunResult;
  baseline: VibRunResult | null;
};

/** The headline run (β = 1e-3, K = 256) and, optionally, the deterministic baseline. */
export async function runHeadline(
  profile: VibProfile,
  mnist: Mnist,
  io: VibIo,
  withBaseline: boolean,
): Promise<VibHeadline> {
  const vib = await runTraining(profile.main, mnist, io, `main β=${profile.main.model.beta}`);
  const baseline = withBaseline
    ? await runTraining(profile.baseline, mnist, io, "deterministic baseline")
    : null;
  return { kind: "vib-headline", vib, baseline };
}

export type VibCheckpointEval = {
  kind: "vib-checkpoint-eval";
  label: string;
  config: VibTrainConfig;
  seed: number;
  device: string;
  /** Epochs completed of config.epochs when the checkpoint was written. */
  epochsCompleted: number;
  step: number;
  metrics: { history: EpochMetrics[]; validation: EvalMetrics; test: EvalMetrics };
};

/**
 * Evaluates the newest checkpoint of a run that has not finished (EMA weights, S samples), so a
 * long run's progress can be reported honestly while it continues. Null if none exists yet.
 */
export async function evaluateCheckpoint(
  cfg: VibTrainConfig,
  mnist: Mnist,
  io: VibIo,
  label: string,
): Promise<VibCheckpointEval | null> {
  const saved = await io.loadCheckpoint(cfg);
  if (!saved) return null;
  const data = prepareData(mnist, cfg);
  const trainer = createTrainer(cfg, data.train.count);
  try {
    const validation = await trainer.evaluate(saved.arrays.ema, data.validation, cfg.seed + 900);
    const test = await trainer.evaluate(saved.arrays.ema, data.test, cfg.seed + 901);
    return {
      kind: "vib-checkpoint-eval",
      label,
      config: cfg,
      seed: cfg.seed,
      device: io.device,
      epochsCompleted: saved.history.length,
      step: saved.step,
      metrics: { history: saved.history, validation, test },
    };
  } finally {
    tree.dispose(saved.arrays);
    trainer.dispose();
  }
}
