/**
 * The learning curve of a trained profile in ROUGE: for every checkpoint its run directory
 * still holds (and the recipe's average of the last ones), greedy decoding with the profile's
 * constraints on the first `--pairs` validation pairs (never test), ROUGE-1/2/L F1 with
 * bootstrap intervals, and the validation loss. The loss at every `evalEvery` step is in the
 * run's result.json (`validation`), printed too.
 *
 * `--decoding JSON` decodes with the profile's decoding recipe changed by those fields (the run
 * is still the profile's own), e.g. '{"noRepeatNgram":3,"noImmediateWordRepeat":true}'. Each row
 * also counts the outputs in which a word comes right after itself.
 *
 *   npx tsx bench/summarizer-curve.ts [--profile summarizer] [--runs runs] [--pairs 500]
 *     [--decoding JSON] [--json]
 */
import { loadSummarization } from "../src/data/summarization.js";
import { loadTokenizer } from "../src/data/tokenizer.js";
import { initEngine, tree } from "../src/engine/index.js";
import {
  averageParams,
  checkpointParams,
  type DecodingRecipe,
  decodeOptions,
  getTransformerProfile,
  makeDecoder,
  makeStepFns,
  modelConfig,
  prepareData,
  scoreSystem,
  type TrainRunResult,
  validationLoss,
} from "../src/experiments/transformer/index.js";
import { pointsInterval } from "../src/format/index.js";
import type { TransformerParams } from "../src/models/transformer.js";
import {
  RUN_EXPERIMENTS,
  RUNS_ROOT,
  readFinished,
  transformerRunKey,
} from "../src/results/index.js";
import { checkpointSteps, runDirOf } from "../src/store/index.js";
import { log, numberArg } from "./harness.js";

const textArg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const profile = getTransformerProfile(textArg("profile", "summarizer"));
const pairs = numberArg("pairs", 500);
const scheme = profile.evaluation.scheme;

await initEngine();
const data = loadSummarization();
const tok = loadTokenizer();
const cfg = modelConfig(profile, scheme, tok.vocabSize);
const { dir } = runDirOf(
  textArg("runs", RUNS_ROOT),
  RUN_EXPERIMENTS.transformer,
  transformerRunKey(profile, scheme, tok.vocabSize),
);
const result = await readFinished<TrainRunResult>({ dir });
if (!result) throw new Error(`${dir} holds no finished run: train the profile first`);
for (const v of result.validation)
  log(`step ${v.step}: validation loss ${v.valLoss.toFixed(4)} (every ${profile.evalEvery} steps)`);

const val = data.validation.slice(0, pairs);
const refs = val.map((x) => x.summary);
const srcs = val.map((x) => tok.encode(x.document).slice(0, profile.data.maxSrcTokens));
const recipe = JSON.parse(textArg("decoding", "{}")) as DecodingRecipe;
const opts = decodeOptions(
  {
    ...profile,
    evaluation: {
      ...profile.evaluation,
      decoding: { ...profile.evaluation.decoding, ...recipe },
    },
  },
  tok,
);
log(`decoding: ${JSON.stringify({ ...opts, words: undefined })}`);
/** Whether a text has a word right after itself (lower-cased, split at spaces). */
const repeatsWord = (text: string) =>
  text
    .toLowerCase()
    .split(/\s+/)
    .some((w, i, all) => i > 0 && w !== "" && w === all[i - 1]);
const prepared = prepareData(profile, tok, data.train.slice(0, profile.batchSize), data.validation);
const fns = makeStepFns(cfg, profile);
const decoder = makeDecoder(cfg);
const rows: Record<string, unknown>[] = [];

async function measure(label: string, step: number, params: TransformerParams) {
  const out: string[] = [];
  for (let i = 0; i < srcs.length; i += 64) {
    const ids = await decoder.greedy(params, srcs.slice(i, i + 64), opts);
    out.push(...ids.map((x) => tok.decode(x)));
  }
  const { valLoss } = await validationLoss(fns, params, prepared.valBatches);
  const s = scoreSystem(out, refs, 1000, profile.seed).scores;
  const f = pointsInterval;
  log(
    `${label}: validation loss ${valLoss.toFixed(4)}; greedy on ${pairs} validation pairs ROUGE-1 ${f(s.rouge1)}, ROUGE-2 ${f(s.rouge2)}, ROUGE-L ${f(s.rougeL)}`,
  );
  const wordRepeats = out.filter(repeatsWord).length;
  log(`${label}: ${wordRepeats} of ${out.length} outputs have a word right after itself`);
  rows.push({ label, step, valLoss, wordRepeats, ...s });
}

try {
  const steps = (await checkpointSteps(dir)).sort((a, b) => a - b);
  for (const step of steps) {
    const [params] = await checkpointParams(dir, [step]);
    await measure(`step ${step}`, step, params);
    tree.dispose(params);
  }
  if (result.averaged) {
    const avg = averageParams(await checkpointParams(dir, result.averaged.steps));
    await measure(`average of steps ${result.averaged.steps.join(", ")}`, result.steps, avg);
    tree.dispose(avg);
  }
} finally {
  decoder.dispose();
  for (const f of Object.values(fns)) f.dispose();
}
if (process.argv.includes("--json"))
  process.stdout.write(
    `${JSON.stringify({ profile: profile.name, pairs, validation: result.validation, rows })}\n`,
  );
