/**
 * Problem 2(b): fit a Gaussian to a target by forward and by reverse KL and write `fit.json` and
 * the figures (fit-forward = plot A, fit-reverse = plot B, fit-both, kl-landscape-forward,
 * kl-landscape-reverse) as SVG, PNG and Vega-Lite JSON into the output folder.
 */
import { join } from "node:path";
import type { FitResult } from "../divergences/index.js";
import {
  fitFiles,
  RESULT_DIRS,
  RESULTS_ROOT,
  RUN_EXPERIMENTS,
  reuseOrRunByKey,
} from "../results/index.js";
import { type Log, stderrLog } from "./context.js";
import { InputError } from "./errors.js";

export type Problem2FitOptions = {
  /** Problem 2's folder (default `results/problem2`). */
  out?: string;
  figures?: boolean;
  starts?: number;
  steps?: number;
  seed?: number;
  /** Run root: a finished fit with the same target and settings is reused from it. None: always fit. */
  runs?: string;
  log?: Log;
};

/** Fits both directions (or reuses the finished fit) and writes fit.json and the figures. */
export async function problem2Fit(
  target: string,
  opts: Problem2FitOptions = {},
): Promise<{ fit: FitResult; files: string[] }> {
  const [d, store, charts] = await Promise.all([
    import("../divergences/index.js"),
    import("../store/index.js"),
    import("../charts/index.js"),
  ]);
  const log = opts.log ?? stderrLog;
  try {
    d.parseDistribution(target);
  } catch (err) {
    if (err instanceof d.ParseError) throw new InputError(`cannot read TARGET: ${err.message}`);
    throw err;
  }
  const settings = { starts: opts.starts, steps: opts.steps, seed: opts.seed };
  const fitNow = async () => {
    log(`fitting N(μ, σ²) to ${target} by forward and reverse KL…`);
    try {
      return await d.fitGaussian(target, settings);
    } catch (err) {
      // a target the fitter cannot take is bad input, like an unreadable one
      if (err instanceof d.FitTargetError) throw new InputError(err.message);
      throw err;
    }
  };
  let fit: FitResult;
  if (opts.runs) {
    const key = { target, config: d.fitConfig(settings) };
    const run = await reuseOrRunByKey(opts.runs, RUN_EXPERIMENTS.fit, key, fitNow);
    if (run.reused) log(`reusing the finished fit in ${run.dir}`);
    fit = run.result;
  } else fit = await fitNow();
  const outDir = opts.out ?? join(RESULTS_ROOT, RESULT_DIRS.problem2);
  const files: string[] = [];
  const jsonPath = join(fitFiles(outDir).fit);
  await store.writeResultJson(jsonPath, fit);
  files.push(jsonPath);
  if (opts.figures !== false) {
    for (const fig of d.problem2Figures(fit)) {
      const paths = await charts.writeFigure(outDir, fig);
      files.push(paths.svg, paths.png, paths.spec);
    }
  }
  return { fit, files };
}
