/**
 * `groundtruth vib train|sweep|latent|gradients|diagram|all`: Problem 3 on real MNIST.
 * Runs live in `runs/vib/<config hash>/` (checkpoints every epoch, resumed automatically);
 * results go to `results/vib/<profile>/` as JSON (and SVG/PNG figures), written atomically.
 */
import { join } from "node:path";
import type { Command } from "commander";
import { z } from "zod";
import { type ProfileName, profileChoices, profileEnum } from "../../experiments/profiles.js";
import { CliError } from "../errors.js";

const ProfileSchema = z.enum(profileEnum);
const OptionsSchema = z
  .object({
    profile: ProfileSchema.default("quick"),
    json: z.boolean().optional(),
    out: z.string().min(1).optional(),
    runs: z.string().min(1).default("runs"),
  })
  .strict();
type Options = z.infer<typeof OptionsSchema>;

export type VibPart = "train" | "sweep" | "latent" | "gradients" | "diagram" | "checkpoint";
export const VIB_PARTS: VibPart[] = ["diagram", "gradients", "train", "sweep", "latent"];

/** What `runVibExperiments` returns: each part's result and the files written. */
export type VibExperimentsResult = {
  profile: string;
  parts: Partial<Record<VibPart, unknown>>;
  files: string[];
};

/**
 * Runs the given parts of Problem 3 under a profile and writes their results under
 * `<out>/<profile>/`. Callable from other commands (`groundtruth reproduce`).
 */
export async function runVibExperiments(
  profileName: ProfileName,
  opts: {
    parts?: VibPart[];
    out?: string;
    runsRoot?: string;
    log?: (line: string) => void;
    baseline?: boolean;
  } = {},
): Promise<VibExperimentsResult> {
  const [{ initEngine }, { loadMnist }, vib, store, charts, { createProgress }] = await Promise.all(
    [
      import("../../engine/index.js"),
      import("../../data/mnist.js"),
      import("../../experiments/vib/index.js"),
      import("../../store/index.js"),
      import("../../charts/index.js"),
      import("../progress.js"),
    ],
  );
  const engine = await initEngine();
  const log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const profile = vib.getProfile(profileName);
  const outDir = join(opts.out ?? "results/vib", profile.name);
  const runsRoot = opts.runsRoot ?? "runs";
  const parts = opts.parts ?? VIB_PARTS;
  const files: string[] = [];
  const writeJson = async (name: string, value: unknown) => {
    const path = join(outDir, name);
    await store.writeResultJson(path, value);
    files.push(path);
  };
  const runDir = (cfg: unknown) => store.openRunDir(runsRoot, "vib", cfg);
  let bar: ReturnType<typeof createProgress> | null = null;
  let barLabel = "";
  const io: import("../../experiments/vib/index.js").VibIo = {
    device: `${engine.device} (${engine.workers} workers, jax-js ${engine.jaxVersion})`,
    async loadResult(cfg) {
      const { dir } = await runDir(cfg);
      try {
        return (await store.readJson(join(dir, "result.json"))) as Awaited<
          ReturnType<typeof io.loadResult>
        >;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw err;
      }
    },
    async saveResult(cfg, result) {
      const { dir } = await runDir(cfg);
      await store.writeJsonAtomic(join(dir, "result.json"), result);
    },
    async loadCheckpoint(cfg) {
      const { dir } = await runDir(cfg);
      const ck = await store.loadLatestCheckpoint<{ history: unknown[] }>(dir, (path, err) =>
        log(`skipping unreadable checkpoint ${path}: ${err.message}`),
      );
      if (!ck) return null;
      return {
        step: ck.step,
        arrays: ck.state as unknown as import("../../experiments/vib/index.js").SavedArrays,
        history: ck.meta.history as import("../../experiments/vib/index.js").EpochMetrics[],
      };
    },
    async saveCheckpoint(cfg, s) {
      const { dir } = await runDir(cfg);
      await store.saveCheckpoint(dir, {
        step: s.step,
        state: { params: s.params, ema: s.ema, opt: s.opt },
        meta: { history: s.history },
      });
    },
    log: (line) => {
      log(line);
    },
    onStep(label, step, total) {
      if (label !== barLabel) {
        bar?.stop();
        bar = createProgress({ label, total });
        barLabel = label;
      }
      bar?.update(step);
      if (step === total) {
        bar?.stop();
        bar = null;
        barLabel = "";
      }
    },
    now: () => performance.now(),
  };

  const result: VibExperimentsResult = { profile: profile.name, parts: {}, files };
  const needsData = parts.some((p) => p !== "diagram");
  const mnist = needsData ? loadMnist() : null;
  const meta = {
    profile: profile.name,
    device: io.device,
    node: process.version,
    generatedAt: new Date().toISOString(),
  };

  if (parts.includes("diagram")) {
    const a = vib.runPartA(0);
    const svgPath = join(outDir, "vib-3a-reparameterization.svg");
    await store.writeFileAtomic(svgPath, a.svg);
    files.push(svgPath);
    const { svg: _svg, ...rest } = a;
    await writeJson("diagram.json", { ...meta, ...rest, svgFile: "vib-3a-reparameterization.svg" });
    result.parts.diagram = rest;
    log(`3(a) reparameterization check: ${a.check.pass ? "pass" : "FAIL"}`);
  }
  if (parts.includes("gradients")) {
    const b = vib.runPartB(profile, mnist!);
    await writeJson("gradients.json", { ...meta, ...b });
    result.parts.gradients = b;
    for (const g of b.grids) log(`3(b) ${g.when}\n${vib.formatGradientGrid(g.grid)}`);
  }
  if (parts.includes("train")) {
    const h = await vib.runHeadline(profile, mnist!, io, opts.baseline ?? false);
    await writeJson("train.json", { ...meta, ...h });
    result.parts.train = h;
  }
  if (parts.includes("checkpoint")) {
    const e = await vib.evaluateCheckpoint(profile.main, mnist!, io, "main (checkpoint)");
    if (!e) throw new CliError(`vib evaluate: no checkpoint yet for the ${profile.name} main run`);
    await writeJson("train-checkpoint.json", { ...meta, ...e });
    result.parts.checkpoint = e;
    log(
      `checkpoint after ${e.epochsCompleted}/${e.config.epochs} epochs: test error ` +
        `${(100 * e.metrics.test.errorS).toFixed(2)} % (${e.config.model.evalSamples} samples)` +
        (e.metrics.validation
          ? `, validation ${(100 * e.metrics.validation.errorS).toFixed(2)} %`
          : ""),
    );
  }
  if (parts.includes("sweep")) {
    const c = await vib.runPartC(profile, mnist!, io);
    await writeJson("sweep.json", { ...meta, ...c });
    const paths = await charts.writeFigure(outDir, vib.sweepFigure(c, profile.name));
    files.push(paths.svg, paths.png, paths.spec);
    result.parts.sweep = c;
    log(`3(c) ${c.decision.status} after ${c.decision.seeds} seeds: ${c.decision.reason}`);
  }
  if (parts.includes("latent")) {
    const d = await vib.runPartD(profile, mnist!, io);
    await writeJson("latent.json", { ...meta, ...d });
    const paths = await charts.writeFigure(outDir, vib.latentFigure(d, profile.name));
    files.push(paths.svg, paths.png, paths.spec);
    result.parts.latent = d;
    log(
      `3(d) panels → β: ${JSON.stringify(d.answers.panelToBeta)}; 3(d)(ii) ${d.claim.status} after ${d.decision.seeds} seeds: ${d.claim.reason}`,
    );
  }
  return result;
}

function parseOptions(raw: unknown): Options {
  const parsed = OptionsSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CliError(`vib: ${issue.path.join(".") || "options"}: ${issue.message}`);
  }
  return parsed.data;
}

export function registerVib(program: Command): void {
  const vib = program
    .command("vib")
    .description("Problem 3: the Variational Information Bottleneck on MNIST");
  const parts: Array<[string, VibPart[], string]> = [
    ["train", ["train"], "train the headline model (β = 1e-3, K = 256); resumes from checkpoints"],
    ["sweep", ["sweep"], "3(c): validation/test error against β (Figure 3)"],
    ["latent", ["latent"], "3(d): three digits, K = 2, latent means per β (Figure 4)"],
    ["gradients", ["gradients"], "3(b): gradient norms of each loss term per parameter group"],
    ["diagram", ["diagram"], "3(a): the reparameterization block diagram and its measured check"],
    ["all", VIB_PARTS, "every part of Problem 3 in one go"],
    [
      "evaluate",
      ["checkpoint"],
      "evaluate the newest checkpoint of an unfinished headline run (test error so far)",
    ],
  ];
  for (const [name, which, description] of parts) {
    const cmd = vib
      .command(name)
      .description(description)
      .option("--profile <name>", profileChoices, "quick")
      .option("--json", "print the results as JSON on stdout")
      .option("--out <dir>", "results directory (default results/vib)")
      .option("--runs <dir>", "run directory root for checkpoints", "runs");
    if (name === "train") cmd.option("--baseline", "also train the deterministic baseline");
    cmd.action(async (raw: Record<string, unknown>) => {
      const { baseline, ...rest } = raw;
      const o = parseOptions(rest);
      let res: VibExperimentsResult;
      try {
        res = await runVibExperiments(o.profile, {
          parts: which,
          out: o.out,
          runsRoot: o.runs,
          baseline: baseline === true,
        });
      } catch (err) {
        if ((err as Error).name === "DataError" || (err as Error).name === "NonFiniteError") {
          throw new CliError(`vib ${name}: ${(err as Error).message}`);
        }
        throw err;
      }
      if (o.json) process.stdout.write(`${JSON.stringify(res.parts, null, 2)}\n`);
      else process.stderr.write(`wrote ${res.files.join(", ")}\n`);
    });
  }
}
