/**
 * Profiles as data: how much of the paper's setting each run of Problem 3 uses.
 *
 * - `paper`: Alemi et al. exactly (784-1024-1024-2K, K = 256, 200 epochs, lr 1e-4) for every
 *   part; the headline trains on all 60 000 training digits, as the official demo does, and
 *   reads the test set once at the end. Days of CPU on this engine.
 * - `standard`: the paper's model and schedule for the headline run (β = 1e-3, K = 256) but 30
 *   epochs instead of 200; sweep and latent runs shortened.
 * - `quick`: all of Problem 3 in minutes: a 128-128 encoder (K stays 256), a 6 000-digit
 *   training subset, 4 epochs (240 steps a run), 2 000 validation and 5 000 test digits, and
 *   lr 1e-3 instead of 1e-4 (1e-4 barely moves in 240 steps). Its numbers show the shapes the
 *   problem asks about, not the paper's error rates.
 *
 * 3(c) is a designed experiment in every profile (`SweepDesign`): a regime where a regulariser
 * has something to fix (the tiny-β model overfits a fixed training subset), paired seeds, and a
 * decision rule fixed here, before any run. So is 3(d)(ii) (`LatentDesign`): the three panels'
 * β on the same digits, seeds paired across β, a rule over seeds and validation digits.
 */
import { type VibConfig, vibPaperConfig } from "../../models/vib.js";
import { homework } from "../../problems/index.js";
import { PROFILE_NAMES, type ProfileName } from "../profiles.js";
import type { LatentDesign, SweepDesign } from "./analysis.js";
import { paperTrainConfig, type VibTrainConfig } from "./train.js";

export { PROFILE_NAMES, type ProfileName };

export type VibProfile = {
  name: ProfileName;
  /** The headline run: β = 1e-3, K = 256, 12 samples at test. */
  main: VibTrainConfig;
  /** Seeds of the headline run (0, 1, …): its seed spread. */
  mainSeeds: number;
  /** The deterministic baseline trained like `main`. */
  baseline: VibTrainConfig;
  /** 3(c): the decision rule, and the run every (β, seed) shares but for β and seed. */
  sweep: { design: SweepDesign; base: VibTrainConfig };
  /** 3(d): three digits, K = 2, β ∈ {1e-6, 1e-3, 1e0}, seed 0 (other seeds by `latentRunConfig`). */
  latent: VibTrainConfig[];
  /** The 3(d)(ii) rule; its seeds are also those over which 3(d)(i)'s axis scales are read. */
  latentDesign: LatentDesign;
  /** 3(b): examples in the real batch whose gradients are measured. */
  gradientBatch: number;
  /** Points per class drawn in each Figure 4 panel. */
  latentPointsPerClass: number;
};

/** The three digits of 3(d). */
export const LATENT_DIGITS = [0, 1, 2];
/** The β of the three latent panels, as the problem set states them (the values 3(d)(i) assigns). */
export const LATENT_BETAS = panelBetas();

function panelBetas(): number[] {
  const part = homework.parts.find((p) => p.derivation === "latent-scales");
  const betas = part?.answerType === "assignment" ? part.values.map((v) => v.value) : [];
  if (!betas.length || betas.some((b) => b === undefined))
    throw new Error("the problem set's latent-scales part must give a β value for every panel");
  return betas as number[];
}
/**
 * The 3(c) rule: β = 1e-6 (no effective regulariser) against each moderate β, β = 1 for the
 * rise; every interval at family-wise 5 % over all contrasts and looks.
 */
const sweepDesign = (seeds: { min: number; max: number }): SweepDesign => ({
  betas: [1e-6, 1e-3, 1e-2, 1e-1, 1],
  reference: 1e-6,
  moderate: [1e-3, 1e-2, 1e-1],
  large: 1,
  seeds,
  alpha: 0.05,
  resamples: 10_000,
});

/**
 * The 3(d)(ii) rule: the panels' three β, every pair compared on validation cross-entropy by a
 * bootstrap over seeds and validation digits, family-wise 5 % over all pairs and looks.
 */
const latentDesign = (seeds: { min: number; max: number }): LatentDesign => ({
  betas: [...LATENT_BETAS].sort((a, b) => a - b),
  seeds,
  alpha: 0.05,
  resamples: 10_000,
});

/** The 3(c) run of one (β, seed): same data (dataSeed) for every seed, paired init/order/noise. */
export function sweepRunConfig(base: VibTrainConfig, beta: number, seed: number): VibTrainConfig {
  return { ...base, model: { ...base.model, beta }, seed };
}

/**
 * The k-th seed of a 3(d) run: seed cfg.seed + k (k = 0 is the profile's own config, unchanged).
 * The data stay the profile's (`dataSeed`), so the seeds differ in initialisation, batch order
 * and noise, and every seed is read on the same validation digits.
 */
export function latentRunConfig(cfg: VibTrainConfig, k: number): VibTrainConfig {
  return k === 0 ? cfg : { ...cfg, seed: cfg.seed + k };
}

/** A profile as written below, under its name: what it changes from the paper's setting. */
type ProfileSpec = {
  model: Partial<VibConfig>;
  main: Partial<VibTrainConfig>;
  sweep: { design: SweepDesign; model: Partial<VibConfig>; over: Partial<VibTrainConfig> };
  latent: Partial<VibTrainConfig>;
  seeds: { main: number; latent: { min: number; max: number } };
  latentPointsPerClass: number;
};

function build(
  name: ProfileName,
  { model, main, sweep, latent, seeds, latentPointsPerClass }: ProfileSpec,
): VibProfile {
  const m: VibConfig = { ...vibPaperConfig, ...model };
  const mainCfg = paperTrainConfig(m, main);
  return {
    name,
    main: mainCfg,
    mainSeeds: seeds.main,
    baseline: paperTrainConfig({ ...m, deterministic: true }, main),
    sweep: {
      design: sweep.design,
      base: paperTrainConfig({ ...vibPaperConfig, ...sweep.model }, { dataSeed: 0, ...sweep.over }),
    },
    latentDesign: latentDesign(seeds.latent),
    latent: LATENT_BETAS.map((beta) =>
      paperTrainConfig(
        { ...m, beta, zDim: 2, numClasses: LATENT_DIGITS.length },
        {
          ...main,
          classes: LATENT_DIGITS,
          dataSeed: 0,
          validationSize: 5000,
          epochValidationSize: 1000,
          ...latent,
        },
      ),
    ),
    gradientBatch: 100,
    latentPointsPerClass,
  };
}

/**
 * The 3(c) data of quick and standard: 2 000 training digits (a regulariser has something to fix)
 * and 10 000 validation digits read with 4 noise draws; 1 000 of them monitor each epoch.
 */
const subsetSweep: Partial<VibTrainConfig> = {
  trainSubset: 2000,
  validationSize: 10_000,
  epochValidationSize: 1000,
  trainEvalSize: 1000,
  testSubset: 1000,
  finalDraws: 4,
};

const specs: Record<ProfileName, ProfileSpec> = {
  quick: {
    model: { hidden: [128, 128] },
    main: {
      epochs: 4,
      lr: 1e-3,
      trainSubset: 6000,
      validationSize: 2000,
      trainEvalSize: 1000,
      testSubset: 5000,
      finalDraws: 4,
    },
    sweep: {
      // 30 epochs (600 steps) on 2 000 digits: at β = 1e-6 train error reaches 0 while the
      // validation error stays near 9 %; 10 000 validation digits, 4 noise draws each.
      design: sweepDesign({ min: 2, max: 4 }),
      model: { hidden: [128], zDim: 32 },
      over: { ...subsetSweep, epochs: 30, lr: 1e-3 },
    },
    // 3(d) where a regulariser has something to fix, as in 3(c): 1 000 training digits of 0, 1, 2
    // for 40 epochs (400 steps), so the tiny-β model fits them exactly; 10 000 other digits of the
    // training set validate 3(d)(ii). The first design (4 000 digits, 4 epochs, data seed 0,
    // seeds 0…) left nothing to fix and an exploratory run of this regime used seeds 0–2 on data
    // seed 0 (docs/vib.md): this confirmation uses fresh data (data seed 1) and seeds (100…).
    latent: { epochs: 40, trainSubset: 1000, validationSize: 10_000, dataSeed: 1, seed: 100 },
    seeds: { main: 3, latent: { min: 3, max: 6 } },
    latentPointsPerClass: 150,
  },
  standard: {
    model: {},
    main: { epochs: 30, finalDraws: 4 },
    sweep: {
      // The paper's encoder and K on the same 2 000-digit subset, the paper's lr, 100 epochs.
      design: sweepDesign({ min: 2, max: 4 }),
      model: {},
      over: { ...subsetSweep, epochs: 100 },
    },
    latent: { epochs: 20 },
    seeds: { main: 1, latent: { min: 3, max: 5 } },
    latentPointsPerClass: 300,
  },
  paper: {
    model: {},
    // No validation digits: the late-epoch spread is read on the test set after training, from
    // the EMA weights of epochs 100, 110, …, 200.
    main: { epochs: 200, validationSize: 0, trainEvalSize: 5000, finalDraws: 8, lateTestEvery: 10 },
    sweep: {
      // The paper's setting on 50 000 digits (10 000 kept for the comparison).
      design: sweepDesign({ min: 2, max: 3 }),
      model: {},
      over: { validationSize: 10_000, epochValidationSize: 1000, finalDraws: 4 },
    },
    latent: {},
    seeds: { main: 2, latent: { min: 2, max: 3 } },
    latentPointsPerClass: 300,
  },
};

/** Every profile, by name. */
export const profiles = Object.fromEntries(
  PROFILE_NAMES.map((name) => [name, build(name, specs[name])]),
) as Record<ProfileName, VibProfile>;

export function getProfile(name: string): VibProfile {
  if (!(PROFILE_NAMES as readonly string[]).includes(name)) {
    throw new Error(`unknown profile "${name}" (expected ${PROFILE_NAMES.join(", ")})`);
  }
  return profiles[name as ProfileName];
}
