/**
 * `groundtruth transformer init-stats|train|compare|summarize`: Problem 1 on real data.
 * Runs live in `runs/transformer/<config hash>/` (checkpoints, resumed automatically); results
 * go to `results/transformer/[<profile>/]` as JSON (and SVG/PNG figures), written atomically.
 * The `run*` functions are the programmatic entry points (`groundtruth reproduce` calls them).
 */
import { join } from "node:path";
import type { Command } from "commander";
import { z } from "zod";
import { lineChart, type ReferenceLine } from "../../charts/figure.js";
import type { AcceptanceResult } from "../../experiments/transformer/acceptance.js";
import type { SummariesResult } from "../../experiments/transformer/evaluate.js";
import type { InitStatsResult } from "../../experiments/transformer/init-stats.js";
import {
  atProblemSize,
  type TransformerProfile,
  type TransformerProfileName,
  transformerProfileNames,
} from "../../experiments/transformer/profiles.js";
import type { TrainRunResult } from "../../experiments/transformer/train.js";
import { pointsInterval } from "../../format/index.js";
import { type InitScheme, initSchemes } from "../../models/init-schemes.js";
import type { TransformerParams } from "../../models/transformer.js";
import { homework } from "../../problems/index.js";
import { CliError } from "../errors.js";

const SchemeSchema = z.enum(initSchemes as readonly [InitScheme, ...InitScheme[]]);
const ProfileSchema = z.enum(
  transformerProfileNames as [TransformerProfileName, ...TransformerProfileName[]],
);
const profileChoices = transformerProfileNames.join(" | ");

type Log = (line: string) => void;
const stderrLog: Log = (line) => process.stderr.write(`${line}\n`);

export type CommonOptions = { out?: string; runsRoot?: string; log?: Log };

/** Engine, data, tokenizer and store, loaded lazily (heavy modules). */
async function load() {
  const [engineMod, dataMod, tokMod, exp, store, charts, progress, model] = await Promise.all([
    import("../../engine/index.js"),
    import("../../data/summarization.js"),
    import("../../data/tokenizer.js"),
    import("../../experiments/transformer/index.js"),
    import("../../store/index.js"),
    import("../../charts/index.js"),
    import("../progress.js"),
    import("../../models/transformer.js"),
  ]);
  const engine = await engineMod.initEngine();
  const device = `${engine.device} (${engine.workers} workers, jax-js ${engine.jaxVersion})`;
  return { engineMod, dataMod, tokMod, exp, store, charts, progress, model, device };
}

type Loaded = Awaited<ReturnType<typeof load>>;

/** Turns expected library failures into one-line CLI errors. */
function asCliError(what: string, err: unknown): unknown {
  const name = (err as Error)?.name;
  if (name === "DataError" || name === "NonFiniteError" || name === "RunAheadError")
    return new CliError(`transformer ${what}: ${(err as Error).message}`);
  return err;
}

// ---------------------------------------------------------------- init-stats

/** Measures initial logits for every scheme × d_model; writes init-stats.json and a figure. */
export async function runTransformerInitStats(
  opts: CommonOptions & { vocabSize?: number; dModels?: number[] } = {},
): Promise<InitStatsResult & { files: string[] }> {
  const L = await load();
  const log = opts.log ?? stderrLog;
  const outDir = opts.out ?? "results/transformer";
  const vocabSize = opts.vocabSize ?? L.tokMod.loadTokenizer().vocabSize;
  const cfg = {
    ...L.exp.initStatsDefaults,
    vocabSize,
    dModels: opts.dModels ?? L.exp.initStatsDefaults.dModels,
  };
  const res = await L.exp.runInitStats(cfg, (r) =>
    log(
      `${r.scheme.padEnd(7)} d=${String(r.dModel).padStart(4)}  logit std ${r.logitStd.toFixed(3)} (predicted ${r.predictedLogitStd.toFixed(3)})  loss ${r.initialLoss.toFixed(2)} vs ln V ${r.lnVocab.toFixed(2)}  arg-max mass ${r.argmaxMass.toFixed(3)}`,
    ),
  );
  const result = { ...res, device: L.device, generatedAt: new Date().toISOString() };
  const files: string[] = [];
  const path = join(outDir, "init-stats.json");
  await L.store.writeResultJson(path, result);
  files.push(path);
  const fig = L.charts.lineChart({
    name: "transformer-init-logit-std",
    title: "Std of the initial logits vs d_model (measured)",
    rows: res.rows.map((r) => ({ d_model: r.dModel, logit_std: r.logitStd, scheme: r.scheme })),
    x: "d_model",
    y: "logit_std",
    series: "scheme",
    yScale: "log",
    yTitle: "std of initial logits",
  });
  const paths = await L.charts.writeFigure(outDir, fig);
  files.push(paths.svg, paths.png, paths.spec);
  return { ...result, files };
}

/**
 * `acceptance`: Problem 1's acceptance rule measured by short training runs from a grid of
 * initial logit scales; writes `<out>/acceptance.json`.
 */
export async function runTransformerAcceptance(
  opts: CommonOptions = {},
): Promise<AcceptanceResult & { files: string[] }> {
  const L = await load();
  const log = opts.log ?? stderrLog;
  const data = L.dataMod.loadSummarization();
  const res = await L.exp.runAcceptance(L.exp.acceptanceDefaults, {
    tokenizer: L.tokMod.loadTokenizer(),
    train: data.train,
    validation: data.validation,
    device: L.device,
    onRow: (r) =>
      log(
        `acceptance: logit scale ${r.logitScale} (σ = ${r.embeddingStd.toFixed(4)}): first loss ${r.firstLoss.toFixed(2)}, validation ${r.valLoss.toFixed(3)} after ${L.exp.acceptanceDefaults.steps} steps`,
      ),
  });
  const path = join(opts.out ?? "results/transformer", "acceptance.json");
  const result = { ...res, device: L.device, generatedAt: new Date().toISOString() };
  await L.store.writeResultJson(path, result);
  return { ...result, files: [path] };
}

// ---------------------------------------------------------------- training

type RunKey = {
  experiment: "transformer-train";
  profile: TransformerProfile;
  scheme: InitScheme;
  vocabSize: number;
  steps: number;
};

/**
 * One run directory per profile and scheme. `--steps N` trains the first N steps of that same
 * run (the schedule does not depend on the budget), so a later, larger N continues it: a long
 * profile can be trained a piece per session.
 */
export function runKey(profile: TransformerProfile, scheme: InitScheme, vocabSize: number): RunKey {
  return { experiment: "transformer-train", profile, scheme, vocabSize, steps: profile.steps };
}

/** Trains (or resumes) one scheme; returns the result and the trained parameters. */
async function trainOne(
  L: Loaded,
  profile: TransformerProfile,
  scheme: InitScheme,
  o: {
    runsRoot: string;
    steps: number;
    log: Log;
    data: ReturnType<Loaded["dataMod"]["loadSummarization"]>;
    prepared?: unknown;
  },
): Promise<{ result: TrainRunResult; params: TransformerParams; runDir: string }> {
  const tok = L.tokMod.loadTokenizer();
  const run = await L.store.openRunDir(
    o.runsRoot,
    "transformer",
    runKey(profile, scheme, tok.vocabSize),
  );
  const bar = L.progress.createProgress({ label: `${profile.name}/${scheme}`, total: o.steps });
  try {
    const out = await L.exp.trainScheme(
      {
        profile,
        scheme,
        tokenizer: tok,
        train: o.data.train,
        validation: o.data.validation,
        device: L.device,
        checkpointDir: run.dir,
        steps: o.steps,
        onStep: (s, _t, loss) => bar.update(s, { loss }),
        onEval: (s, v) =>
          o.log(`${profile.name}/${scheme} step ${s}: validation loss ${v.toFixed(4)}`),
      },
      o.prepared as Parameters<Loaded["exp"]["trainScheme"]>[1],
    );
    return { result: out.result, params: out.params, runDir: run.dir };
  } finally {
    bar.stop();
  }
}

/** `train`: one scheme under a profile; writes `<out>/<profile>/train-<scheme>.json`. */
export async function runTransformerTrain(
  profileName: z.infer<typeof ProfileSchema>,
  scheme: InitScheme,
  opts: CommonOptions & { steps?: number } = {},
): Promise<TrainRunResult & { files: string[] }> {
  const L = await load();
  const profile = L.exp.getTransformerProfile(profileName);
  const steps = opts.steps ?? profile.steps;
  const data = L.dataMod.loadSummarization();
  const { result, params } = await trainOne(L, profile, scheme, {
    runsRoot: opts.runsRoot ?? "runs",
    steps,
    log: opts.log ?? stderrLog,
    data,
  });
  L.engineMod.tree.dispose(params);
  const path = join(opts.out ?? "results/transformer", profile.name, `train-${scheme}.json`);
  await L.store.writeResultJson(path, { ...result, generatedAt: new Date().toISOString() });
  return { ...result, files: [path] };
}

/**
 * Decodes the test split with the evaluation scheme's trained model and scores ROUGE. Decoding
 * is minutes of work, so the result is kept in the model's run directory, keyed by the
 * model's step, the evaluation settings and the test pairs: a rerun on a finished model reuses it instead of
 * decoding again. Consumes the parameters.
 */
async function summarizeTestSplit(
  L: Loaded,
  profile: TransformerProfile,
  data: ReturnType<Loaded["dataMod"]["loadSummarization"]>,
  run: { params: TransformerParams; runDir: string; step: number },
  log: Log,
): Promise<SummariesResult> {
  const tok = L.tokMod.loadTokenizer();
  const cachePath = join(run.runDir, "summaries.json");
  const key = L.store.configHash({
    step: run.step,
    evaluation: profile.evaluation,
    maxSrcTokens: profile.data.maxSrcTokens,
    test: data.test.slice(0, profile.evaluation.testExamples),
  });
  try {
    const cached = (await L.store.readJson(cachePath)) as {
      key: string;
      summaries: SummariesResult;
    };
    if (cached.key === key) {
      L.engineMod.tree.dispose(run.params);
      log(`reusing the decoded test summaries in ${cachePath}`);
      return cached.summaries;
    }
  } catch {
    // no cache yet, or an unreadable one: decode again and replace it
  }
  const bar = L.progress.createProgress({
    label: "decoding",
    total: profile.evaluation.testExamples,
  });
  try {
    const summaries = await L.exp.evaluateSummaries({
      profile,
      cfg: L.exp.modelConfig(profile, profile.evaluation.scheme, tok.vocabSize),
      params: run.params,
      tokenizer: tok,
      test: data.test,
      trainSummaries: data.train.map((r) => r.summary),
      validation: data.validation,
      onProgress: (d, _t, what) => {
        if (what === "greedy") bar.update(d);
      },
    });
    await L.store.writeJsonAtomic(cachePath, { key, summaries });
    return summaries;
  } finally {
    bar.stop();
    L.engineMod.tree.dispose(run.params);
  }
}

/** `compare.json`: every scheme's final losses under one budget, and the files written. */
export type CompareResult = {
  kind: "transformer-compare";
  profile: string;
  steps: number;
  device: string;
  schemes: {
    scheme: InitScheme;
    firstLoss: number;
    finalTrainLoss: number;
    finalValLoss: number;
    minValLoss: number;
    tokensPerSecond: number;
    wallSeconds: number;
  }[];
  summaries: SummariesResult | null;
  generatedAt: string;
  files: string[];
};

/**
 * `compare`: trains every scheme of the profile with the same budget, draws Figure 1 (training
 * and validation loss per scheme), then decodes the test split with the evaluation scheme and
 * scores ROUGE beside the Lead baseline.
 */
export async function runTransformerCompare(
  profileName: z.infer<typeof ProfileSchema>,
  opts: CommonOptions & { schemes?: InitScheme[]; steps?: number; skipSummaries?: boolean } = {},
): Promise<CompareResult> {
  const L = await load();
  const log = opts.log ?? stderrLog;
  const profile = L.exp.getTransformerProfile(profileName);
  const steps = opts.steps ?? profile.steps;
  const schemes = opts.schemes ?? profile.schemes;
  const outDir = join(opts.out ?? "results/transformer", profile.name);
  const data = L.dataMod.loadSummarization();
  const tok = L.tokMod.loadTokenizer();
  const prepared = L.exp.prepareData(profile, tok, data.train, data.validation);
  const files: string[] = [];
  const results: TrainRunResult[] = [];
  let evalRun: { params: TransformerParams; runDir: string; step: number } | null = null;
  for (const scheme of schemes) {
    const { result, params, runDir } = await trainOne(L, profile, scheme, {
      runsRoot: opts.runsRoot ?? "runs",
      steps,
      log,
      data,
      prepared,
    });
    results.push(result);
    const path = join(outDir, `train-${scheme}.json`);
    await L.store.writeResultJson(path, { ...result, generatedAt: new Date().toISOString() });
    files.push(path);
    log(
      `${profile.name}/${scheme}: train loss ${result.train[0]?.loss.toFixed(3)} → ${result.final.trainLoss.toFixed(3)}, validation ${result.final.valLoss.toFixed(3)} (${result.tokensPerSecond.toFixed(0)} target tokens/s)`,
    );
    if (scheme === profile.evaluation.scheme && !opts.skipSummaries)
      evalRun = { params, runDir, step: result.steps };
    else L.engineMod.tree.dispose(params);
  }
  const fig = figure1(profile, results);
  const paths = await L.charts.writeFigure(outDir, fig);
  files.push(paths.svg, paths.png, paths.spec);

  let summaries: SummariesResult | null = null;
  if (evalRun) {
    summaries = await summarizeTestSplit(L, profile, data, evalRun, log);
    const path = join(outDir, "summaries.json");
    await L.store.writeResultJson(path, {
      ...summaries,
      device: L.device,
      generatedAt: new Date().toISOString(),
    });
    files.push(path);
    const f = pointsInterval;
    log(
      `ROUGE-1/2/L on ${summaries.greedy.examples} test pairs — greedy: ${f(summaries.greedy.rouge1)} / ${f(summaries.greedy.rouge2)} / ${f(summaries.greedy.rougeL)}; Lead-${summaries.leadWords}: ${f(summaries.lead.rouge1)} / ${f(summaries.lead.rouge2)} / ${f(summaries.lead.rougeL)}`,
    );
    if (summaries.lengthReward)
      log(
        `length reward chosen on ${summaries.lengthReward.examples} validation pairs: ${summaries.lengthReward.chosen}`,
      );
    for (const [name, sys] of [
      ["greedy", summaries.greedy],
      ["beam", summaries.beam],
    ] as const) {
      const vs = summaries.versusBestBaseline?.[name];
      if (!vs) continue;
      log(
        `${name} (${sys.examples} pairs) vs the best baseline: ${Object.entries(vs)
          .map(
            ([m, c]) =>
              `${m} ${f(sys[m as "rouge1"])} vs ${c.baseline}, difference ${f(c.modelMinusBaseline)}${c.beatsWithoutOverlap ? " (beats it, intervals apart)" : ""}`,
          )
          .join("; ")}`,
      );
    }
  }
  const compare: CompareResult = {
    kind: "transformer-compare",
    profile: profile.name,
    steps,
    device: L.device,
    schemes: results.map((r) => ({
      scheme: r.scheme,
      firstLoss: r.train[0]?.loss ?? Number.NaN,
      finalTrainLoss: r.final.trainLoss,
      finalValLoss: r.final.valLoss,
      minValLoss: r.final.minValLoss,
      tokensPerSecond: r.tokensPerSecond,
      wallSeconds: r.wallSeconds,
    })),
    summaries,
    generatedAt: new Date().toISOString(),
    files,
  };
  const path = join(outDir, "compare.json");
  files.push(path);
  const { summaries: _s, ...slim } = compare;
  await L.store.writeResultJson(path, {
    ...slim,
    summariesFile: summaries ? "summaries.json" : null,
  });
  return compare;
}

/** Figure 1's file stem; the problem set names the part the figure shows. */
const FIGURE1 = "transformer-figure1-loss";

/**
 * The problem's own Figure 1 values as labelled reference lines: the final losses quoted by the
 * part that shows the figure. Only for a profile of the problem's model: they are that model's
 * losses after full training, and the bug's loss grows with d_model (its logits' std is √d),
 * so beside a smaller model they would compare two different models.
 */
export function figure1References(profile: TransformerProfile): ReferenceLine[] {
  if (!atProblemSize(profile)) return [];
  const quotes = homework.parts.find((p) => p.figures.includes(FIGURE1))?.quotes ?? {};
  const line = (value: number | undefined, what: string) =>
    value === undefined ? [] : [{ value, label: `the problem's ${what} ends near ${value}` }];
  return [...line(quotes.stalledLoss, "bug"), ...line(quotes.correctLoss, "fix")];
}

/**
 * Figure 1: training loss (per step, 10-step running mean) and validation loss per scheme, with
 * the problem's own values where they apply (`figure1References`).
 */
export function figure1(profile: TransformerProfile, results: TrainRunResult[]) {
  const rows: Record<string, number | string>[] = [];
  for (const r of results) {
    const w = 10;
    r.train.forEach((row, i) => {
      const lo = Math.max(0, i - w + 1);
      const win = r.train.slice(lo, i + 1);
      rows.push({
        step: row.step,
        loss: win.reduce((a, x) => a + x.loss, 0) / win.length,
        scheme: r.scheme,
        curve: "train",
      });
    });
    for (const v of r.validation)
      rows.push({ step: v.step, loss: v.valLoss, scheme: r.scheme, curve: "validation" });
  }
  return lineChart({
    name: FIGURE1,
    title: `Figure 1 (${profile.name}): loss per target token, by embedding initialization`,
    rows,
    x: "step",
    y: "loss",
    series: "scheme",
    strokeDash: "curve",
    yScale: "log",
    yTitle: "cross-entropy (nats/token)",
    rules: figure1References(profile),
  });
}

// ---------------------------------------------------------------- summarize

/** Summarizes one description with a trained checkpoint of `profile`/`scheme`. */
export async function summarizeText(
  text: string,
  opts: {
    profile?: z.infer<typeof ProfileSchema>;
    scheme?: InitScheme;
    beam?: number;
    runsRoot?: string;
  } = {},
): Promise<{ summary: string; checkpointStep: number; checkpointDir: string }> {
  const L = await load();
  const profile = L.exp.getTransformerProfile(opts.profile ?? "quick");
  const scheme = opts.scheme ?? profile.evaluation.scheme;
  const tok = L.tokMod.loadTokenizer();
  const key = runKey(profile, scheme, tok.vocabSize);
  const dir = join(opts.runsRoot ?? "runs", "transformer", L.store.configHash(key));
  const ck = await L.store.loadLatestCheckpoint<unknown>(dir);
  if (!ck) {
    throw new CliError(
      `transformer summarize: no trained checkpoint for profile ${profile.name}, scheme ${scheme} in ${dir}; run \`groundtruth transformer train --profile ${profile.name} --scheme ${scheme}\` first`,
    );
  }
  const state = ck.state as unknown as { params: TransformerParams; opt: unknown };
  L.engineMod.tree.dispose(state.opt as never);
  if ((profile.recipe?.averageLastCheckpoints ?? 1) > 1) {
    // the recipe evaluates the average of the last checkpoints, so summarize with it too
    L.engineMod.tree.dispose(state.params);
    state.params = (await L.exp.evaluationParams(dir, profile, ck.step)).params;
  }
  // the length reward tuned on validation when the test split was decoded (else none)
  let lengthReward = 0;
  try {
    const cached = (await L.store.readJson(join(dir, "summaries.json"))) as {
      summaries: SummariesResult;
    };
    lengthReward = cached.summaries.decoding.lengthReward ?? 0;
  } catch {
    // not decoded yet
  }
  const cfg = L.exp.modelConfig(profile, scheme, tok.vocabSize);
  const decoder = L.exp.makeDecoder(cfg);
  try {
    const src = tok.encode(text.replace(/\s+/g, " ").trim()).slice(0, profile.data.maxSrcTokens);
    if (src.length === 0)
      throw new CliError("transformer summarize: the description on stdin is empty");
    const special = L.exp.decodeOptions(profile, tok);
    const ids =
      (opts.beam ?? 1) > 1
        ? await decoder.beam(state.params, src, {
            ...special,
            beamSize: opts.beam ?? 1,
            lengthPenalty: profile.evaluation.lengthPenalty,
            lengthReward,
          })
        : (await decoder.greedy(state.params, [src], special))[0];
    return { summary: tok.decode(ids), checkpointStep: ck.step, checkpointDir: dir };
  } finally {
    decoder.dispose();
    L.engineMod.tree.dispose(state.params);
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

// ---------------------------------------------------------------- commander wiring

const Common = z.object({
  profile: ProfileSchema.default("quick"),
  json: z.boolean().optional(),
  out: z.string().min(1).optional(),
  runs: z.string().min(1).default("runs"),
  steps: z.coerce.number().int().positive().optional(),
});

function parse<T extends z.ZodTypeAny>(schema: T, raw: unknown, what: string): z.infer<T> {
  const r = schema.safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new CliError(
      `transformer ${what}: --${issue.path.join(".") || "options"}: ${issue.message}`,
    );
  }
  return r.data;
}

const print = (json: boolean | undefined, value: unknown, text: string) =>
  process.stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : `${text}\n`);

export function registerTransformer(program: Command): void {
  const t = program
    .command("transformer")
    .description("Problem 1: the summarization Transformer, its initialization bug, and the fix");
  const withCommon = (c: Command) =>
    c
      .option("--profile <name>", profileChoices, "quick")
      .option("--json", "print the result as JSON on stdout")
      .option("--out <dir>", "results directory (default results/transformer)")
      .option("--runs <dir>", "run directory root for checkpoints", "runs")
      .option(
        "--steps <n>",
        "train the first n steps of the profile's run (a later, larger n continues it)",
      );

  t.command("init-stats")
    .description(
      "std of the initial logits, initial loss vs ln V, arg-max mass: every scheme × d_model",
    )
    .option("--json", "print the result as JSON on stdout")
    .option("--out <dir>", "results directory (default results/transformer)")
    .option("--vocab <n>", "vocabulary size (default: the tokenizer's)")
    .action(async (raw: Record<string, unknown>) => {
      const o = parse(
        z.object({
          json: z.boolean().optional(),
          out: z.string().optional(),
          vocab: z.coerce.number().int().min(2).optional(),
        }),
        raw,
        "init-stats",
      );
      try {
        const r = await runTransformerInitStats({ out: o.out, vocabSize: o.vocab });
        const g = Object.entries(r.growthExponent)
          .map(([s, e]) => `${s} d^${e.toFixed(2)}`)
          .join(", ");
        print(o.json, r, `logit std grows as: ${g}\nwrote ${r.files.join(", ")}`);
      } catch (err) {
        throw asCliError("init-stats", err);
      }
    });

  t.command("acceptance")
    .description(
      "Problem 1's acceptance rule: short training runs from a grid of initial logit scales",
    )
    .option("--json", "print the result as JSON on stdout")
    .option("--out <dir>", "results directory (default results/transformer)")
    .action(async (raw: Record<string, unknown>) => {
      const o = parse(
        z.object({ json: z.boolean().optional(), out: z.string().optional() }),
        raw,
        "acceptance",
      );
      try {
        const r = await runTransformerAcceptance({ out: o.out });
        print(
          o.json,
          r,
          `accepted initial logit scales: [${r.band.minLogitScale}, ${r.band.maxLogitScale}]\nwrote ${r.files.join(", ")}`,
        );
      } catch (err) {
        throw asCliError("acceptance", err);
      }
    });

  withCommon(
    t.command("train").description("train one initialization scheme (resumes from checkpoints)"),
  )
    .option("--scheme <name>", initSchemes.join(" | "), "fix")
    .action(async (raw: Record<string, unknown>) => {
      const o = parse(Common.extend({ scheme: SchemeSchema.default("fix") }), raw, "train");
      try {
        const r = await runTransformerTrain(o.profile, o.scheme, {
          out: o.out,
          runsRoot: o.runs,
          steps: o.steps,
        });
        print(
          o.json,
          r,
          `${o.profile}/${o.scheme}: final train loss ${r.final.trainLoss.toFixed(3)}, validation loss ${r.final.valLoss.toFixed(3)}\nwrote ${r.files.join(", ")}`,
        );
      } catch (err) {
        throw asCliError("train", err);
      }
    });

  withCommon(
    t
      .command("compare")
      .description("Figure 1: every scheme, same budget; then ROUGE on the test split"),
  )
    .option("--schemes <list>", "comma-separated schemes (default: the profile's)")
    .option("--no-summaries", "skip decoding and ROUGE")
    .action(async (raw: Record<string, unknown>) => {
      const { schemes, summaries, ...rest } = raw;
      const o = parse(Common, rest, "compare");
      const list =
        typeof schemes === "string"
          ? parse(
              z.array(SchemeSchema).min(1),
              schemes.split(",").map((s) => s.trim()),
              "compare --schemes",
            )
          : undefined;
      try {
        const r = await runTransformerCompare(o.profile, {
          out: o.out,
          runsRoot: o.runs,
          steps: o.steps,
          schemes: list,
          skipSummaries: summaries === false,
        });
        const lines = r.schemes.map(
          (s) =>
            `${s.scheme.padEnd(7)} first ${s.firstLoss.toFixed(2)}  final train ${s.finalTrainLoss.toFixed(3)}  validation ${s.finalValLoss.toFixed(3)}`,
        );
        print(o.json, r, `${lines.join("\n")}\nwrote ${r.files.join(", ")}`);
      } catch (err) {
        throw asCliError("compare", err);
      }
    });

  t.command("summarize")
    .description("read a package description on stdin, print the trained model's synopsis")
    .option("--profile <name>", profileChoices, "quick")
    .option("--scheme <name>", "which trained run (default: the profile's evaluation scheme, fix)")
    .option("--beam <k>", "beam size (1 = greedy)", "1")
    .option("--runs <dir>", "run directory root for checkpoints", "runs")
    .option("--json", "print { summary, checkpointStep } as JSON")
    .action(async (raw: Record<string, unknown>) => {
      const o = parse(
        z.object({
          profile: ProfileSchema.default("quick"),
          scheme: SchemeSchema.optional(),
          beam: z.coerce.number().int().min(1).max(16),
          runs: z.string().min(1),
          json: z.boolean().optional(),
        }),
        raw,
        "summarize",
      );
      if (process.stdin.isTTY)
        throw new CliError("transformer summarize: pipe a description on stdin");
      const text = await readStdin();
      if (text.trim() === "")
        throw new CliError("transformer summarize: the description on stdin is empty");
      const r = await summarizeText(text, {
        profile: o.profile,
        scheme: o.scheme,
        beam: o.beam,
        runsRoot: o.runs,
      });
      print(o.json, r, r.summary);
    });
}
