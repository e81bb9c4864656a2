/**
 * Problem 1 on real data: the init diagnostics, the acceptance runs, training per scheme,
 * Figure 1 with ROUGE on the test split, and summarizing one description. Runs live in
 * `runs/transformer/<hash of the run key>/` (checkpoints, resumed automatically, and the
 * finished result, reused); results go to `results/transformer/[<profile>/]` (src/results).
 */
import { join } from "node:path";
import { DEFAULT_TRANSFORMER_PROFILE } from "../experiments/profiles.js";
import type { AcceptanceResult } from "../experiments/transformer/acceptance.js";
import type { CompareResult } from "../experiments/transformer/compare.js";
import type { SummariesResult } from "../experiments/transformer/evaluate.js";
import type { InitStatsResult } from "../experiments/transformer/init-stats.js";
import type {
  TransformerProfile,
  TransformerProfileName,
} from "../experiments/transformer/profiles.js";
import type { PreparedData, TrainRunResult } from "../experiments/transformer/train.js";
import { pointsInterval } from "../format/index.js";
import type { InitScheme } from "../models/init-schemes.js";
import type { TransformerParams } from "../models/transformer.js";
import {
  RESULT_DIRS,
  RESULTS_ROOT,
  RUN_EXPERIMENTS,
  RUN_SUMMARIES_FILE,
  RUNS_ROOT,
  readFinished,
  reuseOrRun,
  reuseOrRunByKey,
  SUMMARIES_FILE,
  transformerFiles,
  transformerRunKey,
} from "../results/index.js";
import { type Log, stamped, startEngine, stderrLog } from "./context.js";
import { PipelineError } from "./errors.js";

/** Where a step writes and keeps its runs. */
export type StepOptions = {
  /** Problem 1's folder (default `results/transformer`). */
  out?: string;
  /** Run root (default `runs`). */
  runs?: string;
  log?: Log;
};

/** Problem 1's files under `--out` (default results/transformer). */
const filesIn = (out: string | undefined) =>
  transformerFiles(out ?? join(RESULTS_ROOT, RESULT_DIRS.transformer));

/** Engine, data, tokenizer and store, loaded lazily (heavy modules). */
async function load() {
  const [engineMod, dataMod, tokMod, exp, store, charts, progress] = await Promise.all([
    import("../engine/index.js"),
    import("../data/summarization.js"),
    import("../data/tokenizer.js"),
    import("../experiments/transformer/index.js"),
    import("../store/index.js"),
    import("../charts/index.js"),
    import("./progress.js"),
  ]);
  const device = await startEngine();
  return { engineMod, dataMod, tokMod, exp, store, charts, progress, device };
}

type Loaded = Awaited<ReturnType<typeof load>>;
type Data = ReturnType<Loaded["dataMod"]["loadSummarization"]>;

// ---------------------------------------------------------------- init-stats and acceptance

/**
 * Measures the initial logits for every scheme × d_model (or reuses the finished measurement
 * when `runs` is given); writes init-stats.json and its figure.
 */
export async function transformerInitStats(
  opts: StepOptions & { vocabSize?: number; dModels?: number[] } = {},
): Promise<InitStatsResult & { device: string; generatedAt: string; files: string[] }> {
  const L = await load();
  const log = opts.log ?? stderrLog;
  const out = filesIn(opts.out);
  const cfg = {
    ...L.exp.initStatsDefaults,
    vocabSize: opts.vocabSize ?? L.tokMod.loadTokenizer().vocabSize,
    dModels: opts.dModels ?? L.exp.initStatsDefaults.dModels,
  };
  const measure = async () => {
    const res = await L.exp.runInitStats(cfg, (r) =>
      log(
        `${r.scheme.padEnd(7)} d=${String(r.dModel).padStart(4)}  logit std ${r.logitStd.toFixed(3)} (predicted ${r.predictedLogitStd.toFixed(3)})  loss ${r.initialLoss.toFixed(2)} vs ln V ${r.lnVocab.toFixed(2)}  arg-max mass ${r.argmaxMass.toFixed(3)}`,
      ),
    );
    return { ...res, device: L.device };
  };
  const result = stamped(
    await reuseWhenKept(opts.runs, RUN_EXPERIMENTS.initStats, cfg, measure, log),
  );
  const path = join(out.initStats);
  await L.store.writeResultJson(path, result);
  const fig = await L.charts.writeFigure(join(out.dir), L.exp.initLogitStdFigure(result));
  return { ...result, files: [path, fig.svg, fig.png, fig.spec] };
}

/**
 * Problem 1's acceptance rule measured by short training runs from a grid of initial logit
 * scales (or reused when `runs` holds the finished measurement); writes acceptance.json.
 */
export async function transformerAcceptance(
  opts: StepOptions = {},
): Promise<AcceptanceResult & { device: string; generatedAt: string; files: string[] }> {
  const L = await load();
  const log = opts.log ?? stderrLog;
  const cfg = L.exp.acceptanceDefaults;
  const measure = async () => {
    const data = L.dataMod.loadSummarization();
    const res = await L.exp.runAcceptance(cfg, {
      tokenizer: L.tokMod.loadTokenizer(),
      train: data.train,
      validation: data.validation,
      device: L.device,
      onRow: (r) =>
        log(
          `acceptance: logit scale ${r.logitScale} (σ = ${r.embeddingStd.toFixed(4)}): first loss ${r.firstLoss.toFixed(2)}, validation ${r.valLoss.toFixed(3)} after ${cfg.steps} steps`,
        ),
    });
    return { ...res, device: L.device };
  };
  // the runs train the profile's model on the tokenized data: both are part of the run
  const key = {
    config: cfg,
    profile: L.exp.getTransformerProfile(L.exp.ACCEPTANCE_PROFILE),
    vocabSize: L.tokMod.loadTokenizer().vocabSize,
  };
  const result = stamped(
    await reuseWhenKept(opts.runs, RUN_EXPERIMENTS.acceptance, key, measure, log),
  );
  const path = join(filesIn(opts.out).acceptance);
  await L.store.writeResultJson(path, result);
  return { ...result, files: [path] };
}

/** `measure()`, or its finished result from `runs` (kept there for next time); no runs: measure. */
async function reuseWhenKept<T>(
  runs: string | undefined,
  experiment: string,
  key: unknown,
  measure: () => Promise<T>,
  log: Log,
): Promise<T> {
  if (!runs) return measure();
  const run = await reuseOrRunByKey(runs, experiment, key, measure);
  if (run.reused) log(`reusing the finished ${experiment} run in ${run.dir}`);
  return run.result;
}

// ---------------------------------------------------------------- training

/**
 * One scheme's training run: the finished result when the run directory holds one for these
 * steps, else trained (resuming from its checkpoints) and saved.
 */
type TrainedRun = {
  result: TrainRunResult;
  runDir: string;
  /**
   * The parameters the profile evaluates, handed over (the caller disposes them): the ones still
   * in memory from training, else read from the run's checkpoints.
   */
  parameters(): Promise<TransformerParams>;
  /** Frees parameters held in memory, if `parameters()` was not called. */
  release(): void;
};

async function trainOne(
  L: Loaded,
  profile: TransformerProfile,
  scheme: InitScheme,
  o: { runs: string; steps: number; log: Log; data: Data; prepared?: PreparedData },
): Promise<TrainedRun> {
  const tok = L.tokMod.loadTokenizer();
  const run = await L.store.openRunDir(
    o.runs,
    RUN_EXPERIMENTS.transformer,
    transformerRunKey(profile, scheme, tok.vocabSize),
  );
  let trained: TransformerParams | null = null;
  const train = async () => {
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
        o.prepared,
      );
      trained = out.params;
      return out.result;
    } finally {
      bar.stop();
    }
  };
  // the run directory serves every `--steps`: its result answers only the same number of steps
  const { result, reused } = await reuseOrRun(
    { dir: run.dir, accept: (saved: TrainRunResult) => saved.steps === o.steps },
    train,
  );
  if (reused) o.log(`${profile.name}/${scheme}: reusing the finished run in ${run.dir}`);
  return {
    result,
    runDir: run.dir,
    async parameters() {
      const held = trained;
      trained = null;
      return held ?? (await L.exp.evaluationParams(run.dir, profile, result.steps)).params;
    },
    release() {
      if (trained) L.engineMod.tree.dispose(trained);
      trained = null;
    },
  };
}

/** Trains one scheme under a profile; writes `<results>/transformer/<profile>/train-<scheme>.json`. */
export async function transformerTrain(
  profileName: TransformerProfileName,
  scheme: InitScheme,
  opts: StepOptions & { steps?: number } = {},
): Promise<TrainRunResult & { files: string[] }> {
  const L = await load();
  const profile = L.exp.getTransformerProfile(profileName);
  const run = await trainOne(L, profile, scheme, {
    runs: opts.runs ?? RUNS_ROOT,
    steps: opts.steps ?? profile.steps,
    log: opts.log ?? stderrLog,
    data: L.dataMod.loadSummarization(),
  });
  run.release();
  const path = join(filesIn(opts.out).profile(profile.name).train(scheme));
  await L.store.writeResultJson(path, stamped(run.result));
  return { ...run.result, files: [path] };
}

/**
 * Decodes the test split with the evaluation scheme's trained model and scores ROUGE. Decoding
 * is minutes of work, so the result is kept in the model's run directory, keyed by the model's
 * step, the evaluation settings and the test pairs: a rerun on a finished model reuses it.
 */
async function summarizeTestSplit(
  L: Loaded,
  profile: TransformerProfile,
  data: Data,
  run: TrainedRun,
  log: Log,
): Promise<SummariesResult> {
  const tok = L.tokMod.loadTokenizer();
  const key = L.store.configHash({
    step: run.result.steps,
    evaluation: profile.evaluation,
    maxSrcTokens: profile.data.maxSrcTokens,
    test: data.test.slice(0, profile.evaluation.testExamples),
  });
  const decode = async () => {
    const params = await run.parameters();
    const bar = L.progress.createProgress({
      label: "decoding",
      total: profile.evaluation.testExamples,
    });
    try {
      const summaries = await L.exp.evaluateSummaries({
        profile,
        cfg: L.exp.modelConfig(profile, profile.evaluation.scheme, tok.vocabSize),
        params,
        tokenizer: tok,
        test: data.test,
        trainSummaries: data.train.map((r) => r.summary),
        validation: data.validation,
        onProgress: (d, _t, what) => {
          if (what === "greedy") bar.update(d);
        },
      });
      return { key, summaries };
    } finally {
      bar.stop();
      L.engineMod.tree.dispose(params);
    }
  };
  const at = { dir: run.runDir, file: RUN_SUMMARIES_FILE };
  const { result, reused } = await reuseOrRun(
    { ...at, accept: (saved: { key: string }) => saved.key === key },
    decode,
  );
  run.release();
  if (reused) log(`reusing the decoded test summaries in ${join(at.dir, at.file)}`);
  return result.summaries;
}

/** What `transformerCompare` returns: compare.json's content with the decoded test split itself. */
export type CompareOutcome = Omit<CompareResult, "summariesFile"> & {
  summaries: SummariesResult | null;
};

/**
 * Trains every scheme of the profile with the same budget, draws Figure 1 (training and
 * validation loss per scheme), then decodes the test split with the evaluation scheme and scores
 * ROUGE beside the baselines; writes train-<scheme>.json, the figure, summaries.json and
 * compare.json under `<results>/transformer/<profile>/`.
 */
export async function transformerCompare(
  profileName: TransformerProfileName,
  opts: StepOptions & { schemes?: InitScheme[]; steps?: number; skipSummaries?: boolean } = {},
): Promise<CompareOutcome> {
  const L = await load();
  const log = opts.log ?? stderrLog;
  const profile = L.exp.getTransformerProfile(profileName);
  const steps = opts.steps ?? profile.steps;
  const schemes = opts.schemes ?? profile.schemes;
  const out = filesIn(opts.out).profile(profile.name);
  const data = L.dataMod.loadSummarization();
  const tok = L.tokMod.loadTokenizer();
  const prepared = L.exp.prepareData(profile, tok, data.train, data.validation);
  const files: string[] = [];
  const results: TrainRunResult[] = [];
  let evalRun: TrainedRun | null = null;
  for (const scheme of schemes) {
    const run = await trainOne(L, profile, scheme, {
      runs: opts.runs ?? RUNS_ROOT,
      steps,
      log,
      data,
      prepared,
    });
    const result = run.result;
    results.push(result);
    const path = join(out.train(scheme));
    await L.store.writeResultJson(path, stamped(result));
    files.push(path);
    log(
      `${profile.name}/${scheme}: train loss ${result.train[0]?.loss.toFixed(3)} → ${result.final.trainLoss.toFixed(3)}, validation ${result.final.valLoss.toFixed(3)} (${result.tokensPerSecond.toFixed(0)} target tokens/s)`,
    );
    if (scheme === profile.evaluation.scheme && !opts.skipSummaries) evalRun = run;
    else run.release();
  }
  const paths = await L.charts.writeFigure(join(out.dir), L.exp.figure1(profile, results));
  files.push(paths.svg, paths.png, paths.spec);

  let summaries: SummariesResult | null = null;
  if (evalRun) {
    summaries = await summarizeTestSplit(L, profile, data, evalRun, log);
    const path = join(out.summaries);
    await L.store.writeResultJson(path, stamped({ ...summaries, device: L.device }));
    files.push(path);
    logRouge(summaries, log);
  }
  const path = join(out.compare);
  files.push(path);
  const compare = L.exp.compareResult({
    profile: profile.name,
    steps,
    device: L.device,
    runs: results,
    files,
    summariesFile: summaries ? SUMMARIES_FILE : null,
  });
  const written = stamped(compare);
  await L.store.writeResultJson(path, written);
  const { summariesFile: _f, ...rest } = written;
  return { ...rest, summaries };
}

/** ROUGE of the decoded test split against the baselines, one line per comparison. */
function logRouge(summaries: SummariesResult, log: Log): void {
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

// ---------------------------------------------------------------- summarize

/** Summarizes one description with a trained checkpoint of `profile`/`scheme`. */
export async function transformerSummarize(
  text: string,
  opts: {
    profile?: TransformerProfileName;
    scheme?: InitScheme;
    beam?: number;
    runs?: string;
  } = {},
): Promise<{ summary: string; checkpointStep: number; checkpointDir: string }> {
  if (text.trim() === "") throw new PipelineError("the description on stdin is empty");
  const L = await load();
  const profile = L.exp.getTransformerProfile(opts.profile ?? DEFAULT_TRANSFORMER_PROFILE);
  const scheme = opts.scheme ?? profile.evaluation.scheme;
  const tok = L.tokMod.loadTokenizer();
  const key = transformerRunKey(profile, scheme, tok.vocabSize);
  const { dir } = L.store.runDirOf(opts.runs ?? RUNS_ROOT, RUN_EXPERIMENTS.transformer, key);
  const ck = await L.store.loadLatestCheckpoint<unknown>(dir);
  if (!ck) {
    throw new PipelineError(
      `no trained checkpoint for profile ${profile.name}, scheme ${scheme} in ${dir}; run \`groundtruth transformer train --profile ${profile.name} --scheme ${scheme}\` first`,
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
  const decoded = await readFinished<{ summaries: SummariesResult }>({
    dir,
    file: RUN_SUMMARIES_FILE,
  });
  const lengthReward = decoded?.summaries.decoding.lengthReward ?? 0;
  const cfg = L.exp.modelConfig(profile, scheme, tok.vocabSize);
  const decoder = L.exp.makeDecoder(cfg);
  try {
    // byte-level: text that is not blank encodes to at least one token
    const src = tok.encode(text.replace(/\s+/g, " ").trim()).slice(0, profile.data.maxSrcTokens);
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
