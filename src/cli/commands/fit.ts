/**
 * `groundtruth fit [TARGET] [--json] [--out DIR]`: fit a Gaussian to TARGET by forward and by
 * reverse KL (engine gradients, several starts), print every local minimum, and write
 * `fit.json` plus the figures (fit-forward = plot A, fit-reverse = plot B, fit-both,
 * kl-landscape-forward, kl-landscape-reverse) as SVG, PNG and Vega-Lite JSON into DIR.
 */
import { join } from "node:path";
import type { Command } from "commander";
import { z } from "zod";
import type { DirectionResult, FitResult } from "../../divergences/index.js";
import { CliError } from "../errors.js";

const OptionsSchema = z
  .object({
    json: z.boolean().optional(),
    out: z.string().min(1).default("results/problem2"),
    figures: z.boolean().default(true),
    starts: z.coerce.number().int().min(1).max(64).default(8),
    steps: z.coerce.number().int().min(10).max(100_000).default(1500),
    seed: z.coerce.number().int().min(0).default(0),
  })
  .strict();

/** Runs the fits and writes fit.json (+ figures) into `out`; callable from other commands. */
export async function runProblem2Fit(
  target: string,
  opts: {
    out: string;
    figures?: boolean;
    starts?: number;
    steps?: number;
    seed?: number;
    log?: (s: string) => void;
  },
): Promise<{ fit: FitResult; files: string[] }> {
  const [d, store, charts] = await Promise.all([
    import("../../divergences/index.js"),
    import("../../store/index.js"),
    import("../../charts/index.js"),
  ]);
  const log = opts.log ?? ((s: string) => process.stderr.write(`${s}\n`));
  let fit: FitResult;
  try {
    d.parseDistribution(target);
  } catch (err) {
    if (err instanceof d.ParseError) throw new CliError(`cannot read TARGET: ${err.message}`, 2);
    throw err;
  }
  try {
    log(`fitting N(μ, σ²) to ${target} by forward and reverse KL…`);
    fit = await d.fitGaussian(target, { starts: opts.starts, steps: opts.steps, seed: opts.seed });
  } catch (err) {
    const msg = (err as Error).message;
    if (/ambiguous|continuous target|density on all of/.test(msg)) throw new CliError(msg, 2);
    throw err;
  }
  const files: string[] = [];
  const jsonPath = join(opts.out, "fit.json");
  await store.writeResultJson(jsonPath, fit);
  files.push(jsonPath);
  if (opts.figures !== false) {
    for (const fig of d.problem2Figures(fit)) {
      const paths = await charts.writeFigure(opts.out, fig);
      files.push(paths.svg, paths.png, paths.spec);
    }
  }
  return { fit, files };
}

/** Fixed-point text without a "-0.0000". */
const fx = (x: number, d = 4) => (Math.abs(x) < 0.5 * 10 ** -d ? 0 : x).toFixed(d);

function showDirection(name: string, r: DirectionResult, starts: number): string[] {
  if (!r.finite) return [`${name}: infinite — ${r.reason}`];
  const out = [`${name}: ${r.minima.length} local minim${r.minima.length === 1 ? "um" : "a"}`];
  for (const m of r.minima) {
    out.push(
      `  μ = ${fx(m.mu)}  σ = ${fx(m.sigma)}  KL = ${m.klNats.toFixed(6)} nats  (${m.runs.length}/${starts} starts)`,
    );
  }
  for (const m of r.others) {
    out.push(
      `  (${m.kind}) μ = ${fx(m.mu)}  σ = ${fx(m.sigma)}  KL = ${m.klNats.toFixed(6)}  (${m.runs.length} starts)`,
    );
  }
  return out;
}

export function registerFit(program: Command): void {
  program
    .command("fit")
    .description("fit a Gaussian to TARGET by forward and reverse KL; print the fits and plot them")
    .argument("[TARGET]", "target distribution", "0.5 N(-2, 0.5^2) + 0.5 N(2, 0.5^2)")
    .option("--json", "print the fit result as JSON")
    .option("--out <dir>", "where fit.json and the figures go", "results/problem2")
    .option("--no-figures", "skip writing figures")
    .option("--starts <n>", "starting points per direction", "8")
    .option("--steps <n>", "Adam steps per direction", "1500")
    .option("--seed <n>", "seed of the starting points", "0")
    .action(async (target: string, raw: Record<string, unknown>) => {
      const parsed = OptionsSchema.safeParse(raw);
      if (!parsed.success) {
        throw new CliError(
          `fit: ${parsed.error.issues.map((i) => `--${i.path.join(".")}: ${i.message}`).join("; ")}`,
          2,
        );
      }
      const o = parsed.data;
      const { fit, files } = await runProblem2Fit(target, o);
      if (o.json) {
        process.stdout.write(`${JSON.stringify({ ...fit, files }, null, 2)}\n`);
        return;
      }
      const lines = [
        `target P = ${fit.target}  (mean ${fx(fit.targetMoments.mean)}, std ${fx(fit.targetMoments.std)})`,
        ...showDirection("forward KL(P‖Q)", fit.forward, o.starts),
        ...showDirection("reverse KL(Q‖P)", fit.reverse, o.starts),
        ...files.map((f) => `wrote ${f}`),
      ];
      process.stdout.write(`${lines.join("\n")}\n`);
    });
}
