/**
 * The results tree, stated once: every file a pipeline step writes under `results/` and every
 * file the key and the report read, as paths relative to the results root (forward slashes), and
 * the names of the run directories under `runs/`. Writers join these to their root; readers look
 * them up here instead of spelling them. Only type imports and the profile list, so the key and
 * the report read it without loading the engine.
 *
 * ```
 * results/key.json                                   the answer key
 * results/problem2/fit.json, <fit figures>           groundtruth fit
 * results/transformer/init-stats.json, acceptance.json, transformer-init-logit-std.*
 * results/transformer/<transformer profile>/train-<scheme>.json, summaries.json, compare.json,
 *                                         transformer-figure1-loss.*
 * results/vib/<profile>/diagram.json, gradients.json, train.json, train-checkpoint.json,
 *                      sweep.json, latent.json, vib-3a-reparameterization.svg, vib-figure{3,4}-*.*
 * runs/<experiment>/<config hash>/config.json, checkpoints, result.json (a finished run),
 *                                  epoch-weights/ (a VIB run's late-epoch EMA weights)
 * runs/grader/initial-logits.json                   the grader's measured initial logits
 * report/<profile>/report.md, report.html, site/   groundtruth reproduce (site/: groundtruth report)
 * ```
 */
import { PROFILES, type ProfileName } from "../experiments/profiles.js";
import type {
  TransformerProfile,
  TransformerProfileName,
} from "../experiments/transformer/profiles.js";
import type { InitScheme } from "../models/init-schemes.js";

/**
 * A figure's files, by what each holds: `<name>.svg`, `<name>.png` and `<name>.vl.json` (its
 * Vega-Lite spec), written by src/charts writeFigure; the 3(a) diagram is an SVG only.
 */
export const FIGURE_FILES = { svg: ".svg", png: ".png", spec: ".vl.json" } as const;

/** The figure a file is of: "vib/quick/vib-figure4-latent.svg" → "vib-figure4-latent". */
export function figureNameOf(path: string): string {
  const file = path.replace(/^.*\//, "");
  const suffix = Object.values(FIGURE_FILES).find((s) => file.endsWith(s));
  return suffix ? file.slice(0, -suffix.length) : file;
}

/** The figures' names (their files: `FIGURE_FILES`). */
export const FIGURES = {
  initLogitStd: "transformer-init-logit-std",
  figure1: "transformer-figure1-loss",
  fitForward: "fit-forward",
  fitReverse: "fit-reverse",
  fitBoth: "fit-both",
  klLandscape: (direction: "forward" | "reverse") => `kl-landscape-${direction}`,
  reparameterization: "vib-3a-reparameterization",
  sweep: "vib-figure3-error-vs-beta",
  latent: "vib-figure4-latent",
} as const;

const svg = (dir: string, name: string) => `${dir}/${name}${FIGURE_FILES.svg}`;

/** The results root a command reads and writes unless told otherwise (`--results DIR`). */
export const RESULTS_ROOT = "results";
/** The root of the run directories unless told otherwise (`--runs DIR`). */
export const RUNS_ROOT = "runs";
/** A VIB run directory's folder of EMA weights kept at late epochs (config.lateTestEvery). */
export const EPOCH_WEIGHTS_DIR = "epoch-weights";

/**
 * The report's tree: `reproduce` writes `<report root>/<profile>/` with the Markdown report, its
 * self-contained HTML version and the site's folder; `report` builds a site (in SITE_DIR unless
 * told otherwise) and `serve` serves one. A site opens at SITE_INDEX.
 */
export const REPORT_ROOT = "report";
export const REPORT_FILES = { markdown: "report.md", html: "report.html" } as const;
export const SITE_DIR = "site";
export const SITE_INDEX = "index.html";

/** The answer key, at the results root. */
export const KEY_FILE = "key.json";
/** The answer key under the default results root. */
export const KEY_PATH = `${RESULTS_ROOT}/${KEY_FILE}`;

/**
 * Each problem's folder under the results root. A command's `--out DIR` puts that folder
 * elsewhere: every function below takes the folder and returns the paths inside it.
 */
export const RESULT_DIRS = {
  problem2: "problem2",
  transformer: "transformer",
  vib: "vib",
} as const;

/** Problem 2's folder: the KL fits of 2(b) and their figures. */
export function fitFiles(dir: string = RESULT_DIRS.problem2) {
  return { dir, fit: `${dir}/fit.json`, fitFigure: svg(dir, FIGURES.fitBoth) };
}

/** Problem 1's folder: the init diagnostics, the acceptance rule, one folder per profile. */
export function transformerFiles(dir: string = RESULT_DIRS.transformer) {
  return {
    dir,
    initStats: `${dir}/init-stats.json`,
    initFigure: svg(dir, FIGURES.initLogitStd),
    acceptance: `${dir}/acceptance.json`,
    /** A Transformer profile's folder: training per scheme, Figure 1, ROUGE, the comparison. */
    profile(profile: TransformerProfileName) {
      const p = `${dir}/${profile}`;
      return {
        dir: p,
        train: (scheme: InitScheme) => `${p}/train-${scheme}.json`,
        figure1: svg(p, FIGURES.figure1),
        summaries: `${p}/${SUMMARIES_FILE}`,
        compare: `${p}/compare.json`,
      };
    },
  };
}

/** The decoded test split's file in a Transformer profile's folder (compare.json names it). */
export const SUMMARIES_FILE = "summaries.json";

/** Whether a results path is a Transformer profile's decoded test split (`transformer/<profile>/summaries.json`). */
export function isSummariesFile(path: string): boolean {
  const [dir, profile, file, ...rest] = path.split("/");
  return (
    dir === RESULT_DIRS.transformer && !!profile && file === SUMMARIES_FILE && rest.length === 0
  );
}

/** Each part of Problem 3 and the file its result goes to. */
export const VIB_PART_FILES = {
  diagram: "diagram.json",
  gradients: "gradients.json",
  train: "train.json",
  /** An unfinished headline run's newest checkpoint, evaluated (`vib evaluate`). */
  checkpoint: "train-checkpoint.json",
  sweep: "sweep.json",
  latent: "latent.json",
} as const;
export type VibPart = keyof typeof VIB_PART_FILES;

/**
 * What each result says it holds, in its `kind` field: the experiments' result types carry these,
 * and readers check that a file holds what they read (src/key/load.ts, src/report/tables.ts).
 */
export const RESULT_KINDS = {
  initStats: "transformer-init-stats",
  acceptance: "transformer-acceptance",
  train: "transformer-train",
  summaries: "transformer-summaries",
  compare: "transformer-compare",
  /** A finished VIB training run: its run directory's result, and the headline's `vib`. */
  vibRun: "vib-run",
  /** Each part of Problem 3, in the file VIB_PART_FILES names. */
  vib: {
    diagram: "vib-3a",
    gradients: "vib-3b",
    train: "vib-headline",
    checkpoint: "vib-checkpoint-eval",
    sweep: "vib-3c",
    latent: "vib-3d",
  },
} as const satisfies Record<string, string | Record<VibPart, string>>;

/** The 3(a) diagram's file, beside diagram.json (which names it). */
export const DIAGRAM_SVG = `${FIGURES.reparameterization}${FIGURE_FILES.svg}`;

/** Problem 3's folder of one profile. */
export function vibFiles(profile: ProfileName, dir: string = RESULT_DIRS.vib) {
  const p = `${dir}/${profile}`;
  return {
    dir: p,
    part: (part: VibPart) => `${p}/${VIB_PART_FILES[part]}`,
    diagramFigure: `${p}/${DIAGRAM_SVG}`,
    sweepFigure: svg(p, FIGURES.sweep),
    latentFigure: svg(p, FIGURES.latent),
  };
}

/** Everything a reproduction profile writes and its key reads, relative to the results root. */
export function resultFiles(profile: ProfileName) {
  const t = transformerFiles();
  return {
    key: KEY_FILE,
    problem2: fitFiles(),
    transformer: { ...t, training: t.profile(PROFILES[profile].transformer) },
    vib: vibFiles(profile),
  };
}

/** The reproduction profile and the part of a `vib/<profile>/<part's file>` result path; null for other paths. */
export function vibPartOf(path: string): { profile: string; part: VibPart } | null {
  const [dir, profile, file, ...rest] = path.split("/");
  if (dir !== RESULT_DIRS.vib || profile === undefined || rest.length) return null;
  const part = (Object.keys(VIB_PART_FILES) as VibPart[]).find((p) => VIB_PART_FILES[p] === file);
  return part ? { profile, part } : null;
}

/**
 * Run directories: `runs/<experiment>/<hash of the run key>/`. The run key is what makes two
 * runs the same run; a finished one is reused (src/results/finished.ts).
 */
export const RUN_EXPERIMENTS = {
  /** Problem 3: one directory per training config (VibTrainConfig). */
  vib: "vib",
  /** Problem 1: one directory per profile and scheme (`transformerRunKey`). */
  transformer: "transformer",
  /** The init diagnostics, the acceptance runs and the KL fits, each keyed by its config. */
  initStats: "transformer-init-stats",
  acceptance: "transformer-acceptance",
  fit: "problem2-fit",
} as const;

/** The grader's cache of the real model's initial-logit measurements (`grade --cache`). */
export const GRADER_LOGITS_CACHE = `${RUNS_ROOT}/grader/initial-logits.json`;

/** The file a finished run's result is saved to in its run directory. */
export const RUN_RESULT_FILE = "result.json";
/** The decoded test split of a trained model, in the model's run directory. */
export const RUN_SUMMARIES_FILE = "summaries.json";

/**
 * A Transformer training run's key: one run directory per profile and scheme. `--steps N` trains
 * the first N steps of that same run (the schedule does not depend on the budget), so a later,
 * larger N continues it: a long profile can be trained a piece per session.
 */
export function transformerRunKey(
  profile: TransformerProfile,
  scheme: InitScheme,
  vocabSize: number,
) {
  return {
    experiment: "transformer-train" as const,
    profile,
    scheme,
    vocabSize,
    steps: profile.steps,
  };
}
