/**
 * Problem 3 on real MNIST, part by part. Runs live in `runs/vib/<hash of the config>/`
 * (checkpoints every epoch, resumed automatically, and the finished result, reused); results go
 * to `results/vib/<profile>/` as JSON (and SVG/PNG figures), written atomically (src/results).
 */
import { join } from "node:path";
import type { ProfileName } from "../experiments/profiles.js";
import type { EpochMetrics, SavedArrays, VibIo, VibRunResult } from "../experiments/vib/index.js";
import { percent } from "../format/index.js";
import type { VibParams } from "../models/vib.js";
import { derivedPartLabel, homework } from "../problems/index.js";
import {
  DIAGRAM_SVG,
  EPOCH_WEIGHTS_DIR,
  RESULT_DIRS,
  RESULTS_ROOT,
  RUN_EXPERIMENTS,
  RUNS_ROOT,
  readFinished,
  saveFinished,
  VIB_PART_FILES,
  type VibPart,
  vibFiles,
} from "../results/index.js";
import { type Log, startEngine, stderrLog } from "./context.js";
import { PipelineError } from "./errors.js";

/** The label of the problem's part that the key's derivation answers from a result ("3(c)"). */
const label = (derivation: string) => derivedPartLabel(homework, derivation);

/** The parts `vib all` runs, in the layout's order (`checkpoint` is asked for on its own). */
export const VIB_PARTS = (Object.keys(VIB_PART_FILES) as VibPart[]).filter(
  (p) => p !== "checkpoint",
);

/** What `vibParts` returns: each part's result and the files written. */
export type VibPartsResult = {
  profile: string;
  parts: Partial<Record<VibPart, unknown>>;
  files: string[];
};

/**
 * Runs the given parts of Problem 3 under a profile and writes their results under
 * `<out>/<profile>/` (default `results/vib/<profile>/`).
 */
export async function vibParts(
  profileName: ProfileName,
  opts: {
    parts?: VibPart[];
    out?: string;
    runs?: string;
    log?: Log;
    baseline?: boolean;
    /** Seeds of the headline run to train (the first n); absent = the profile's. */
    seeds?: number;
  } = {},
): Promise<VibPartsResult> {
  const [{ loadMnist }, vib, store, charts, { createProgress }] = await Promise.all([
    import("../data/mnist.js"),
    import("../experiments/vib/index.js"),
    import("../store/index.js"),
    import("../charts/index.js"),
    import("./progress.js"),
  ]);
  const device = await startEngine();
  const log = opts.log ?? stderrLog;
  const profile = vib.getProfile(profileName);
  const out = vibFiles(profile.name, opts.out ?? join(RESULTS_ROOT, RESULT_DIRS.vib));
  const runs = opts.runs ?? RUNS_ROOT;
  const parts = opts.parts ?? VIB_PARTS;
  const files: string[] = [];
  const writeJson = async (part: VibPart, value: unknown) => {
    const path = join(out.part(part));
    await store.writeResultJson(path, value);
    files.push(path);
  };
  const writeFigure = async (fig: Parameters<typeof charts.writeFigure>[1]) => {
    const paths = await charts.writeFigure(join(out.dir), fig);
    files.push(paths.svg, paths.png, paths.spec);
  };
  const runDir = async (cfg: unknown) =>
    (await store.openRunDir(runs, RUN_EXPERIMENTS.vib, cfg)).dir;
  let bar: ReturnType<typeof createProgress> | null = null;
  let barLabel = "";
  const io: VibIo = {
    device,
    loadResult: async (cfg) => readFinished<VibRunResult>({ dir: await runDir(cfg) }),
    saveResult: async (cfg, result) => saveFinished({ dir: await runDir(cfg) }, result),
    async loadCheckpoint(cfg) {
      const ck = await store.loadLatestCheckpoint<{ history: EpochMetrics[] }>(
        await runDir(cfg),
        (path, err) => log(`skipping unreadable checkpoint ${path}: ${err.message}`),
      );
      if (!ck) return null;
      return {
        step: ck.step,
        arrays: ck.state as unknown as SavedArrays,
        history: ck.meta.history,
      };
    },
    async saveCheckpoint(cfg, s) {
      await store.saveCheckpoint(await runDir(cfg), {
        step: s.step,
        state: { params: s.params, ema: s.ema, opt: s.opt },
        meta: { history: s.history },
      });
    },
    // Kept beside the run's checkpoints and never pruned; each file's step is its epoch.
    async saveEpochWeights(cfg, epoch, ema) {
      await store.saveCheckpoint(
        join(await runDir(cfg), EPOCH_WEIGHTS_DIR),
        { step: epoch, state: ema, meta: { epoch } },
        Number.POSITIVE_INFINITY,
      );
    },
    async loadEpochWeights(cfg, epoch) {
      const path = join(await runDir(cfg), EPOCH_WEIGHTS_DIR, store.checkpointName(epoch));
      return (await store.loadCheckpoint(path)).state as unknown as VibParams;
    },
    log,
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

  const result: VibPartsResult = { profile: profile.name, parts: {}, files };
  const mnist = parts.some((p) => p !== "diagram") ? loadMnist() : null;
  const meta = {
    profile: profile.name,
    device,
    node: process.version,
    generatedAt: new Date().toISOString(),
  };

  if (parts.includes("diagram")) {
    const a = vib.runPartA(0);
    const svgPath = join(out.diagramFigure);
    await store.writeFileAtomic(svgPath, a.svg);
    files.push(svgPath);
    const { svg: _svg, ...rest } = a;
    await writeJson("diagram", { ...meta, ...rest, svgFile: DIAGRAM_SVG });
    result.parts.diagram = rest;
    log(
      `${label("reparameterization")} reparameterization check: ${a.check.pass ? "pass" : "FAIL"}`,
    );
  }
  if (parts.includes("gradients")) {
    const b = vib.runPartB(profile, mnist!);
    await writeJson("gradients", { ...meta, ...b });
    result.parts.gradients = b;
    for (const g of b.grids)
      log(`${label("gradient-grid")} ${g.when}\n${vib.formatGradientGrid(g.grid)}`);
  }
  if (parts.includes("train")) {
    const h = await vib.runHeadline(profile, mnist!, io, opts.baseline ?? false, opts.seeds);
    await writeJson("train", { ...meta, ...h });
    result.parts.train = h;
  }
  if (parts.includes("checkpoint")) {
    const e = await vib.evaluateCheckpoint(profile.main, mnist!, io, "main (checkpoint)");
    if (!e) throw new PipelineError(`no checkpoint yet for the ${profile.name} main run`);
    await writeJson("checkpoint", { ...meta, ...e });
    result.parts.checkpoint = e;
    log(
      `checkpoint after ${e.epochsCompleted}/${e.config.epochs} epochs: test error ` +
        `${percent(e.metrics.test.errorS)} (${e.config.model.evalSamples} samples)` +
        (e.metrics.validation ? `, validation ${percent(e.metrics.validation.errorS)}` : ""),
    );
  }
  if (parts.includes("sweep")) {
    const c = await vib.runPartC(profile, mnist!, io);
    await writeJson("sweep", { ...meta, ...c });
    await writeFigure(vib.sweepFigure(c, profile.name));
    result.parts.sweep = c;
    log(
      `${label("beta-sweep")} ${c.decision.status} after ${c.decision.seeds} seeds: ${c.decision.reason}`,
    );
  }
  if (parts.includes("latent")) {
    const d = await vib.runPartD(profile, mnist!, io);
    await writeJson("latent", { ...meta, ...d });
    await writeFigure(vib.latentFigure(d, profile.name));
    result.parts.latent = d;
    log(
      `${label("latent-scales")} panels → β: ${JSON.stringify(d.answers.panelToBeta)}; ${label("latent-best")} ${d.claim.status} after ${d.decision.seeds} seeds: ${d.claim.reason}`,
    );
  }
  return result;
}
