/**
 * Problem 3 end to end: train (or resume, or reuse) each run a profile asks for and turn the runs
 * into the results of parts (a)–(d). Effects come in through `VibIo` (checkpoints, cached
 * results, logs, clock), so this module stays free of fs and console.
 */
import { gatherBatch, type Mnist } from "../../data/mnist.js";
import { nn, numpy as np, prngKey, random, tree } from "../../engine/index.js";
import type { AdamState } from "../../engine/optim.js";
import { permutation } from "../../engine/rng.js";
import { percent } from "../../format/index.js";
import { type Spread, spread } from "../../metrics/index.js";
import { init, type VibParams } from "../../models/vib.js";
import { RESULT_KINDS } from "../../results/layout.js";
import {
  answerLatent,
  decideLatent,
  decideSweep,
  type LatentAnswers,
  type LatentClaim,
  type LatentDecision,
  type LatentDesign,
  type LatentStats,
  latentClaim,
  latentStats,
  meanRates,
  type SweepDecision,
  type SweepDesign,
  VIB_PART_LABELS,
  wellSeparatedPanel,
} from "./analysis.js";
import { checkReparameterization, type ReparamCheck, reparameterizationSvg } from "./diagram.js";
import { type GradientGrid, gradientFlow } from "./gradients.js";
import { latentRunConfig, sweepRunConfig, type VibProfile } from "./profiles.js";
import {
  createTrainer,
  type EpochMetrics,
  type EvalMetrics,
  lateTestEpochs,
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
  /** Keeps one epoch's EMA weights (borrowed) for the late-epoch test readings. */
  saveEpochWeights(cfg: VibTrainConfig, epoch: number, ema: VibParams): Promise<void>;
  /** The EMA weights kept at `epoch` (the caller owns them); throws if none were kept. */
  loadEpochWeights(cfg: VibTrainConfig, epoch: number): Promise<VibParams>;
  log(message: string): void;
  onStep?(label: string, step: number, total: number): void;
  now(): number;
};

/** One finished training run (RunResult): config, seed, device, metrics. */
export type VibRunResult = {
  kind: typeof RESULT_KINDS.vibRun;
  label: string;
  config: VibTrainConfig;
  seed: number;
  device: string;
  metrics: {
    history: EpochMetrics[];
    /**
     * Final (EMA-weight) metrics on the validation and test sets, S and 1 samples, from the
     * first noise draw (validation null when the run keeps none).
     */
    validation: EvalMetrics | null;
    test: EvalMetrics;
    /** With config.finalDraws > 1: the S-sample error of every noise draw. */
    draws?: { validation: number[] | null; test: number[] };
    /**
     * With config.lateTestEvery: the S-sample test error of the EMA weights kept at each late
     * epoch (one noise draw each), read after training.
     */
    lateTest?: { epoch: number; errorS: number }[];
  };
  /** With config.finalDraws > 1: per validation digit, the fraction of draws it was misread. */
  validationErrorRates?: number[];
  /**
   * With config.finalDraws > 1: per validation digit, the mean over draws of −log q(y|x) under
   * the S-sample predictive (nats). Absent from runs saved before it was recorded.
   */
  validationCrossEntropy?: number[];
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
    io.log(`${label}: reusing finished run (test error ${percent(cached.metrics.test.errorS)})`);
    return cached;
  }
  const data = prepareData(mnist, cfg);
  const trainer = createTrainer(cfg, data.train.count);
  const lateEpochs = lateTestEpochs(cfg);
  let state: VibTrainState | null = null;
  try {
    state = await trainVib(trainer, data, {
      checkpoint: {
        every: trainer.stepsPerEpoch,
        where: label,
        async load() {
          const saved = await io.loadCheckpoint(cfg);
          if (!saved) return null;
          io.log(`${label}: resuming at step ${saved.step} (epoch ${saved.history.length})`);
          return {
            step: saved.step,
            state: saved.arrays,
            history: { train: [], eval: saved.history },
          };
        },
        save: ({ step, state: arrays, history }) =>
          io.saveCheckpoint(cfg, { ...arrays, step, history: history.eval }),
      },
      now: io.now,
      onStep: (s, total) => io.onStep?.(label, s, total),
      epochWeights: async (epoch, ema) => {
        if (lateEpochs.includes(epoch)) await io.saveEpochWeights(cfg, epoch, ema);
      },
      onEpoch: (m) => {
        const read = m.validation ?? m.train;
        io.log(
          `${label}: epoch ${m.epoch}/${cfg.epochs} ${m.validation ? "val" : "train"} error ` +
            `${percent(read.errorS)} (1 sample ${percent(read.error1)}) KL ${read.klBits.toFixed(1)} bits ` +
            `task ${m.trainStepTaskLoss.toFixed(4)} ${m.seconds.toFixed(0)} s`,
        );
      },
    });
    const result = await finish(cfg, trainer, data, state, io.device, label, opts);
    if (lateEpochs.length) result.metrics.lateTest = await lateTestReadings(cfg, trainer, data, io);
    await io.saveResult(cfg, result);
    io.log(
      `${label}: test error ${percent(result.metrics.test.errorS)} (${cfg.model.evalSamples} samples)`,
    );
    return result;
  } finally {
    // the loop frees its state itself when it fails
    if (state) tree.dispose([state.params, state.ema, state.opt]);
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
  const final = await finalEvaluation(cfg, trainer, data, state.ema);
  const result: VibRunResult = {
    kind: RESULT_KINDS.vibRun,
    label,
    config: cfg,
    seed: cfg.seed,
    device,
    metrics: { history: state.history, ...final.metrics },
    ...(final.validationErrorRates ? { validationErrorRates: final.validationErrorRates } : {}),
    ...(final.validationCrossEntropy
      ? { validationCrossEntropy: final.validationCrossEntropy }
      : {}),
    trainSeconds: state.history.reduce((s, m) => s + m.seconds, 0),
  };
  if (cfg.model.zDim === 2) {
    const mu = await trainer.latentMeans(state.ema, data.test);
    if (!final.metrics.validation)
      throw new Error(`latent run β=${cfg.model.beta} keeps no validation digits`);
    const stats = latentStats(
      cfg.model.beta,
      mu,
      data.test.labels,
      1 - final.metrics.test.errorS,
      final.metrics.validation.errorS,
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

/**
 * The test error of the EMA weights kept at each late epoch, read after training: one noise
 * draw each, with seeds no other evaluation uses.
 */
async function lateTestReadings(
  cfg: VibTrainConfig,
  trainer: VibTrainer,
  data: VibData,
  io: VibIo,
): Promise<{ epoch: number; errorS: number }[]> {
  const out: { epoch: number; errorS: number }[] = [];
  for (const epoch of lateTestEpochs(cfg)) {
    const ema = await io.loadEpochWeights(cfg, epoch);
    try {
      const m = await trainer.evaluate(ema, data.test, cfg.seed + 500 + epoch);
      out.push({ epoch, errorS: m.errorS });
    } finally {
      tree.dispose(ema);
    }
  }
  return out;
}

/**
 * The final evaluation of EMA weights (borrowed): `finalDraws` independent noise draws of S
 * samples on the validation and test sets. Draw 0 uses the seeds every run has always used.
 */
async function finalEvaluation(
  cfg: VibTrainConfig,
  trainer: VibTrainer,
  data: VibData,
  ema: VibParams,
): Promise<
  Pick<VibRunResult, "validationErrorRates" | "validationCrossEntropy"> & {
    metrics: Omit<VibRunResult["metrics"], "history">;
  }
> {
  const D = cfg.finalDraws ?? 1;
  const hasValidation = data.validation.count > 0;
  const rates = new Float64Array(data.validation.count);
  const nll = new Float64Array(data.validation.count);
  const valDraws: EvalMetrics[] = [];
  const testDraws: EvalMetrics[] = [];
  for (let d = 0; d < D; d++) {
    const offset = 10_000 * d;
    if (hasValidation) {
      const v = await trainer.evaluateExamples(ema, data.validation, cfg.seed + 900 + offset);
      valDraws.push(v.metrics);
      for (let i = 0; i < rates.length; i++) {
        rates[i] += v.wrongS[i] / D;
        nll[i] += v.nllS[i] / D;
      }
    }
    testDraws.push(await trainer.evaluate(ema, data.test, cfg.seed + 901 + offset));
  }
  const metrics = {
    validation: valDraws[0] ?? null,
    test: testDraws[0],
    ...(D > 1
      ? {
          draws: {
            validation: hasValidation ? valDraws.map((m) => m.errorS) : null,
            test: testDraws.map((m) => m.errorS),
          },
        }
      : {}),
  };
  return D > 1 && hasValidation
    ? { metrics, validationErrorRates: Array.from(rates), validationCrossEntropy: Array.from(nll) }
    : { metrics };
}

// ---------------------------------------------------------------- parts (a)–(d)

export type VibPartA = { kind: typeof RESULT_KINDS.vib.diagram; svg: string; check: ReparamCheck };

/** 3(a): the diagram and its measured check. */
export function runPartA(seed = 0): VibPartA {
  return {
    kind: RESULT_KINDS.vib.diagram,
    svg: reparameterizationSvg(),
    check: checkReparameterization(seed),
  };
}

export type VibPartB = {
  kind: typeof RESULT_KINDS.vib.gradients;
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
  // Held-out digits where the profile keeps some (the paper profile trains on all of them).
  const from = data.validation.count > 0 ? data.validation : data.train;
  const idx = permutation(from.count, cfg.seed + 7).slice(0, B);
  const batch = gatherBatch(from, idx);
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
  return { kind: RESULT_KINDS.vib.gradients, grids, answer, consistent };
}

/** One (β, seed) run of the designed comparison, as Figure 3 and the key read it. */
export type SweepRun = {
  beta: number;
  seed: number;
  /** Mean over the noise draws of the S-sample validation error. */
  validationError: number;
  /** The S-sample validation error of each noise draw. */
  validationDraws: number[];
  /** Training error (S samples) on the fixed training-evaluation digits after the last epoch. */
  trainError: number;
  klBits: number;
  trainSeconds: number;
};

export type VibPartC = {
  kind: typeof RESULT_KINDS.vib.sweep;
  design: SweepDesign;
  /** What every run shares: data, model but β, schedule, evaluation. */
  base: VibTrainConfig;
  runs: SweepRun[];
  /** The decision at every look (one more seed each); the last one is the answer. */
  looks: SweepDecision[];
  decision: SweepDecision;
};

/**
 * 3(c): the designed comparison. Trains every β for seeds 0 … min−1, decides by the paired,
 * corrected bootstrap over validation digits, and adds one seed (across every β) at a time
 * until the status is no longer "unresolved" or the maximum number of seeds is reached.
 */
export async function runPartC(profile: VibProfile, mnist: Mnist, io: VibIo): Promise<VibPartC> {
  const { design, base } = profile.sweep;
  const runs: SweepRun[] = [];
  const rates = new Map<number, number[][]>(design.betas.map((b) => [b, []]));
  const looks: SweepDecision[] = [];
  for (let seed = 0; seed < design.seeds.max; seed++) {
    for (const beta of design.betas) {
      const cfg = sweepRunConfig(base, beta, seed);
      const r = await runTraining(
        cfg,
        mnist,
        io,
        `${VIB_PART_LABELS.sweep} seed ${seed} β=${beta}`,
      );
      if (!r.validationErrorRates || !r.metrics.draws?.validation)
        throw new Error(
          `${VIB_PART_LABELS.sweep} run β=${beta} seed ${seed} has no per-digit validation errors`,
        );
      rates.get(beta)!.push(r.validationErrorRates);
      const last = r.metrics.history[r.metrics.history.length - 1];
      runs.push({
        beta,
        seed,
        validationError: spread(r.metrics.draws.validation).mean,
        validationDraws: r.metrics.draws.validation,
        trainError: last.train.errorS,
        klBits: r.metrics.validation!.klBits,
        trainSeconds: r.trainSeconds,
      });
    }
    if (seed + 1 < design.seeds.min) continue;
    const arms = design.betas.map((beta) => ({
      beta,
      perSeed: runs.filter((x) => x.beta === beta).map((x) => x.validationError),
      rates: meanRates(rates.get(beta)!),
    }));
    const d = decideSweep(design, arms, seed);
    looks.push(d);
    io.log(`${VIB_PART_LABELS.sweep} after ${seed + 1} seeds: ${d.status} — ${d.reason}`);
    if (d.status !== "unresolved") break;
  }
  return {
    kind: RESULT_KINDS.vib.sweep,
    design,
    base,
    runs,
    looks,
    decision: looks[looks.length - 1],
  };
}

/**
 * One seed of one 3(d) run: its latent statistics, its training error on the fixed training
 * digits after the last epoch and its validation error (mean over noise draws).
 */
export type LatentSeedRun = {
  seed: number;
  stats: LatentStats;
  trainError: number;
  validationError: number;
};

export type VibPartD = {
  kind: typeof RESULT_KINDS.vib.latent;
  digits: number[];
  /** Seed 0 of every β: the points Figure 4 draws and the statistics the answers use. */
  runs: Array<{
    beta: number;
    points: Array<{ x: number; y: number; digit: number }>;
    stats: LatentStats;
    /** Every seed's statistics (seed 0 first), and their mean ± sd. */
    seeds: LatentSeedRun[];
    overSeeds: {
      halfWidth: Spread;
      fisherRatio: Spread;
      knnAccuracy: Spread;
      validationError: Spread;
    };
  }>;
  answers: LatentAnswers;
  /** The answers of each seed on its own: how often each seed gives the same assignment. */
  seedAnswers: Array<{ seed: number; panelToBeta: Record<string, number> }>;
  /** 3(d)(ii): the rule, what every run shares but β and seed (seed 0's config), each look, and the last one. */
  design: LatentDesign;
  base: VibTrainConfig;
  looks: LatentDecision[];
  decision: LatentDecision;
  /** The decision read against the well-separated panel's β (3(d)(i)'s reading of the scales). */
  claim: LatentClaim & { panel: string };
};

/**
 * 3(d): three digits, K = 2, the three panels' β. Trains every β for seeds 0 … min−1 (paired:
 * same data, seeds shared across β), decides 3(d)(ii) over seeds and validation digits, and adds
 * one seed (across every β) at a time until some β is resolved best or the maximum is reached.
 */
export async function runPartD(profile: VibProfile, mnist: Mnist, io: VibIo): Promise<VibPartD> {
  const design = profile.latentDesign;
  const cfgOf = (beta: number) => {
    const c = profile.latent.find((x) => x.model.beta === beta);
    if (!c)
      throw new Error(`${VIB_PART_LABELS.latent}: the profile has no latent run for β = ${beta}`);
    return c;
  };
  const seedRuns = new Map<
    number,
    Array<LatentSeedRun & { points: VibPartD["runs"][0]["points"] }>
  >(design.betas.map((b) => [b, []]));
  const perDigit = new Map<number, { crossEntropy: number[][]; error: number[][] }>(
    design.betas.map((b) => [b, { crossEntropy: [], error: [] }]),
  );
  const looks: LatentDecision[] = [];
  for (let k = 0; k < design.seeds.max; k++) {
    for (const beta of design.betas) {
      const cfg = latentRunConfig(cfgOf(beta), k);
      const seed = cfg.seed;
      const r = await runTraining(cfg, mnist, io, `latent β=${beta} seed ${seed}`, {
        latentPointsPerClass: profile.latentPointsPerClass,
      });
      if (!r.latent) throw new Error(`latent run β=${beta} seed ${seed} has no latent points`);
      if (!r.validationCrossEntropy || !r.validationErrorRates)
        throw new Error(
          `latent run β=${beta} seed ${seed} has no per-digit validation cross-entropy (finalDraws > 1 and a validation set are needed)`,
        );
      seedRuns.get(beta)!.push({
        seed,
        stats: r.latent.stats,
        points: r.latent.points,
        trainError: r.metrics.history[r.metrics.history.length - 1].train.errorS,
        validationError: spread(r.metrics.draws?.validation ?? [r.metrics.validation!.errorS]).mean,
      });
      perDigit.get(beta)!.crossEntropy.push(r.validationCrossEntropy);
      perDigit.get(beta)!.error.push(r.validationErrorRates);
    }
    if (k + 1 < design.seeds.min) continue;
    const d = decideLatent(
      design,
      design.betas.map((beta) => ({ beta, ...perDigit.get(beta)! })),
      k,
    );
    looks.push(d);
    io.log(
      `${VIB_PART_LABELS.latentBest} after ${k + 1} seeds: ${d.decided ? "decided" : "not decided"} — ${d.reason}`,
    );
    if (d.decided) break;
  }
  const runs: VibPartD["runs"] = profile.latent.map((cfg0) => {
    const seeds = seedRuns.get(cfg0.model.beta)!;
    const over = (f: (s: LatentStats) => number) => spread(seeds.map((x) => f(x.stats)));
    return {
      beta: cfg0.model.beta,
      points: seeds[0].points,
      stats: seeds[0].stats,
      seeds: seeds.map(({ points: _, ...rest }) => rest),
      overSeeds: {
        halfWidth: over((x) => x.halfWidth),
        fisherRatio: over((x) => x.fisherRatio),
        knnAccuracy: over((x) => x.knnAccuracy),
        validationError: over((x) => x.validationError),
      },
    };
  });
  const seedAnswers = runs[0].seeds.map((_, k) => {
    const a = answerLatent(runs.map((r) => r.seeds[k].stats));
    return { seed: runs[0].seeds[k].seed, panelToBeta: a.panelToBeta };
  });
  const answers = answerLatent(runs.map((r) => r.stats));
  const decision = looks[looks.length - 1];
  const { panel, clusters } = wellSeparatedPanel();
  const claim = { panel, ...latentClaim(decision, answers.panelToBeta[panel]) };
  io.log(
    `${VIB_PART_LABELS.latentBest} β = ${claim.beta} (panel ${panel}, ${clusters}): ${claim.status}`,
  );
  return {
    kind: RESULT_KINDS.vib.latent,
    digits: profile.latent[0].classes ?? [],
    runs,
    answers,
    seedAnswers,
    design,
    base: profile.latent[0],
    looks,
    decision,
    claim,
  };
}

/** How sure the headline number is: noise draws, late epochs, seeds. */
export type HeadlineUncertainty = {
  /** Test error (S samples) of the final weights over independent noise draws, seed 0. */
  testOverDraws: Spread;
  /** Validation error (S samples) over the second half of the epochs, seed 0; null without validation. */
  lateValidation: (Spread & { fromEpoch: number; toEpoch: number }) | null;
  /**
   * Test error (S samples, one draw each) of the EMA weights kept at late epochs, seed 0, read
   * after training; null unless the run kept them (config.lateTestEvery).
   */
  lateTest: (Spread & { fromEpoch: number; toEpoch: number }) | null;
  /** Test error (mean over draws) of each seed, and their spread; null with a single seed. */
  testOverSeeds: (Spread & { perSeed: number[] }) | null;
};

export type VibHeadline = {
  kind: typeof RESULT_KINDS.vib.train;
  vib: VibRunResult;
  uncertainty: HeadlineUncertainty;
  baseline: VibRunResult | null;
};

/** Mean test error over a run's noise draws (its single draw without finalDraws). */
const testOverDraws = (r: VibRunResult) => spread(r.metrics.draws?.test ?? [r.metrics.test.errorS]);

/**
 * The headline run (β = 1e-3, K = 256) over its seeds (the profile's, or the first `seeds`) and,
 * optionally, the deterministic baseline.
 */
export async function runHeadline(
  profile: VibProfile,
  mnist: Mnist,
  io: VibIo,
  withBaseline: boolean,
  seeds = profile.mainSeeds,
): Promise<VibHeadline> {
  const beta = profile.main.model.beta;
  const vib = await runTraining(profile.main, mnist, io, `main β=${beta}`);
  const others: VibRunResult[] = [];
  for (let seed = 1; seed < seeds; seed++)
    others.push(
      await runTraining({ ...profile.main, seed }, mnist, io, `main β=${beta} seed ${seed}`),
    );
  const baseline = withBaseline
    ? await runTraining(profile.baseline, mnist, io, "deterministic baseline")
    : null;
  return {
    kind: RESULT_KINDS.vib.train,
    vib,
    uncertainty: headlineUncertainty(vib, others),
    baseline,
  };
}

/** The uncertainty of a headline run (seed 0) given its other seeds' runs. */
export function headlineUncertainty(
  vib: VibRunResult,
  otherSeeds: VibRunResult[],
): HeadlineUncertainty {
  const h = vib.metrics.history;
  const late = h.slice(Math.floor(h.length / 2)).filter((m) => m.validation);
  const perSeed = [vib, ...otherSeeds].map((r) => testOverDraws(r).mean);
  const kept = vib.metrics.lateTest ?? [];
  return {
    testOverDraws: testOverDraws(vib),
    lateValidation: late.length
      ? {
          ...spread(late.map((m) => m.validation!.errorS)),
          fromEpoch: late[0].epoch,
          toEpoch: late[late.length - 1].epoch,
        }
      : null,
    lateTest: kept.length
      ? {
          ...spread(kept.map((r) => r.errorS)),
          fromEpoch: kept[0].epoch,
          toEpoch: kept[kept.length - 1].epoch,
        }
      : null,
    testOverSeeds: otherSeeds.length ? { ...spread(perSeed), perSeed } : null,
  };
}

export type VibCheckpointEval = {
  kind: typeof RESULT_KINDS.vib.checkpoint;
  label: string;
  config: VibTrainConfig;
  seed: number;
  device: string;
  /** Epochs completed of config.epochs when the checkpoint was written. */
  epochsCompleted: number;
  step: number;
  metrics: VibRunResult["metrics"];
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
    const { metrics } = await finalEvaluation(cfg, trainer, data, saved.arrays.ema);
    return {
      kind: RESULT_KINDS.vib.checkpoint,
      label,
      config: cfg,
      seed: cfg.seed,
      device: io.device,
      epochsCompleted: saved.history.length,
      step: saved.step,
      metrics: { history: saved.history, ...metrics },
    };
  } finally {
    tree.dispose(saved.arrays);
    trainer.dispose();
  }
}
