/**
 * `groundtruth fit [TARGET] [--json] [--out DIR]`: fit a Gaussian to TARGET by forward and by
 * reverse KL (engine gradients, several starts), print every local minimum, and write
 * `fit.json` plus the figures (fit-forward = plot A, fit-reverse = plot B, fit-both,
 * kl-landscape-forward, kl-landscape-reverse) as SVG, PNG and Vega-Lite JSON into DIR.
 */
import type { Command } from "commander";
import { z } from "zod";
import { DEFAULT_TARGET } from "../../divergences/default-target.js";
import type { DirectionResult } from "../../divergences/index.js";
import { fixed } from "../../format/index.js";
import { RESULT_DIRS, RESULTS_ROOT } from "../../results/layout.js";
import { action, defaultOf } from "../action.js";

const Options = z
  .object({
    json: z.boolean().optional(),
    out: z.string().min(1).default(`${RESULTS_ROOT}/${RESULT_DIRS.problem2}`),
    figures: z.boolean().default(true),
    starts: z.coerce.number().int().min(1).max(64).default(8),
    steps: z.coerce.number().int().min(10).max(100_000).default(1500),
    seed: z.coerce.number().int().min(0).default(0),
    runs: z.string().min(1).optional(),
  })
  .strict();

function showDirection(name: string, r: DirectionResult, starts: number): string[] {
  if (!r.finite) return [`${name}: infinite — ${r.reason}`];
  const out = [`${name}: ${r.minima.length} local minim${r.minima.length === 1 ? "um" : "a"}`];
  for (const m of r.minima) {
    out.push(
      `  μ = ${fixed(m.mu, 4)}  σ = ${fixed(m.sigma, 4)}  KL = ${m.klNats.toFixed(6)} nats  (${m.runs.length}/${starts} starts)`,
    );
  }
  for (const m of r.others) {
    out.push(
      `  (${m.kind}) μ = ${fixed(m.mu, 4)}  σ = ${fixed(m.sigma, 4)}  KL = ${m.klNats.toFixed(6)}  (${m.runs.length} starts)`,
    );
  }
  return out;
}

export function registerFit(program: Command): void {
  program
    .command("fit")
    .description("fit a Gaussian to TARGET by forward and reverse KL; print the fits and plot them")
    .argument("[TARGET]", "target distribution", DEFAULT_TARGET)
    .option("--json", "print the fit result as JSON")
    .option("--out <dir>", "where fit.json and the figures go", defaultOf(Options.shape.out))
    .option("--no-figures", "skip writing figures")
    .option("--starts <n>", "starting points per direction", defaultOf(Options.shape.starts))
    .option("--steps <n>", "Adam steps per direction", defaultOf(Options.shape.steps))
    .option("--seed <n>", "seed of the starting points", defaultOf(Options.shape.seed))
    .option(
      "--runs <dir>",
      "reuse a finished fit of the same target and settings from this run root",
    )
    .action(
      action("fit", Options, async (o, target: string) => {
        const { problem2Fit } = await import("../../pipeline/index.js");
        const { fit, files } = await problem2Fit(target, o);
        if (o.json) {
          process.stdout.write(`${JSON.stringify({ ...fit, files }, null, 2)}\n`);
          return;
        }
        const lines = [
          `target P = ${fit.target}  (mean ${fixed(fit.targetMoments.mean, 4)}, std ${fixed(fit.targetMoments.std, 4)})`,
          ...showDirection("forward KL(P‖Q)", fit.forward, o.starts),
          ...showDirection("reverse KL(Q‖P)", fit.reverse, o.starts),
          ...files.map((f) => `wrote ${f}`),
        ];
        process.stdout.write(`${lines.join("\n")}\n`);
      }),
    );
}
