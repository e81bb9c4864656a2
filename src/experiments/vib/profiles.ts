/**
 * Profiles as data: how much of the paper's setting each run of Problem 3 uses.
 *
 * - `paper`: Alemi et al. exactly (784-1024-1024-2K, K = 256, 200 epochs, full 55 000 digits,
 *   lr 1e-4) for every part. Days of CPU on this engine; nobody has run it here.
 * - `standard`: the paper's model and schedule for the headline run (β = 1e-3, K = 256) but 30
 *   epochs instead of 200; sweep and latent runs shortened.
 * - `quick`: all of Problem 3 in minutes: a 128-128 encoder (K stays 256), a 6 000-digit
 *   training subset, 4 epochs (240 steps a run), 2 000 validation and 5 000 test digits, and
 *   lr 1e-3 instead of 1e-4 (1e-4 barely moves in 240 steps). Its numbers show the shapes the
 *   problem asks about, not the paper's error rates.
 */
import { type VibConfig, vibPaperConfig } from "../../models/vib.js";
import { paperTrainConfig, type VibTrainConfig } from "./train.js";

export const PROFILE_NAMES = ["quick", "standard", "paper"] as const;
export type ProfileName = (typeof PROFILE_NAMES)[number];

export type VibProfile = {
  name: ProfileName;
  /** The headline run: β = 1e-3, K = 256, 12 samples at test. */
  main: VibTrainConfig;
  /** The deterministic baseline trained like `main`. */
  baseline: VibTrainConfig;
  /** 3(c): one config per β (K = 256). */
  sweep: VibTrainConfig[];
  /** 3(d): three digits, K = 2, β ∈ {1e-6, 1e-3, 1e0}. */
  latent: VibTrainConfig[];
  /** 3(b): examples in the real batch whose gradients are measured. */
  gradientBatch: number;
  /** Points per class drawn in each Figure 4 panel. */
  latentPointsPerClass: number;
};

/** The three digits of 3(d). */
export const LATENT_DIGITS = [0, 1, 2];
export const LATENT_BETAS = [1e-6, 1e-3, 1];
/** One β per decade, 1e-8 … 1e0. */
export const SWEEP_BETAS_FULL = [1e-8, 1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1];

function build(
  name: ProfileName,
  model: Partial<VibConfig>,
  main: Partial<VibTrainConfig>,
  sweep: { betas: number[]; over: Partial<VibTrainConfig> },
  latent: Partial<VibTrainConfig>,
): VibProfile {
  const m: VibConfig = { ...vibPaperConfig, ...model };
  const mainCfg = paperTrainConfig(m, main);
  return {
    name,
    main: mainCfg,
    baseline: paperTrainConfig({ ...m, deterministic: true }, main),
    sweep: sweep.betas.map((beta) => paperTrainConfig({ ...m, beta }, { ...main, ...sweep.over })),
    latent: LATENT_BETAS.map((beta) =>
      paperTrainConfig(
        { ...m, beta, zDim: 2, numClasses: LATENT_DIGITS.length },
        { ...main, classes: LATENT_DIGITS, validationSize: 1000, ...latent },
      ),
    ),
    gradientBatch: 100,
    latentPointsPerClass: name === "quick" ? 150 : 300,
  };
}

export const profiles: Record<ProfileName, VibProfile> = {
  quick: build(
    "quick",
    { hidden: [128, 128] },
    {
      epochs: 4,
      lr: 1e-3,
      trainSubset: 6000,
      validationSize: 2000,
      trainEvalSize: 1000,
      testSubset: 5000,
    },
    { betas: [1e-8, 1e-6, 1e-4, 1e-3, 1e-2, 1e-1, 1], over: {} },
    { epochs: 4, trainSubset: 4000 },
  ),
  standard: build(
    "standard",
    {},
    { epochs: 30 },
    { betas: SWEEP_BETAS_FULL, over: { epochs: 10 } },
    { epochs: 20 },
  ),
  paper: build("paper", {}, { epochs: 200 }, { betas: SWEEP_BETAS_FULL, over: {} }, {}),
};

export function getProfile(name: string): VibProfile {
  if (!(PROFILE_NAMES as readonly string[]).includes(name)) {
    throw new Error(`unknown profile "${name}" (expected ${PROFILE_NAMES.join(", ")})`);
  }
  return profiles[name as ProfileName];
}
