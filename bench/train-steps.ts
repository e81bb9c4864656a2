/**
 * Benchmark: wall time per step of a profile's real training loop (`trainScheme`: its data,
 * padding, jitted AdamW step and the trainer's waits), the median over the steps between the
 * first (initialisation and compilation) and the last (which also runs the validation), with
 * the process's peak RSS. The wasm heap never shrinks, so the peak RSS tracks its high-water mark.
 *
 *   npx tsx bench/train-steps.ts [--profile quick] [--scheme fix] [--steps 40] [--json]
 */
import { cpus } from "node:os";
import { loadSummarization } from "../src/data/summarization.js";
import { loadTokenizer } from "../src/data/tokenizer.js";
import { initEngine, tree } from "../src/engine/index.js";
import { DEFAULT_TRANSFORMER_PROFILE } from "../src/experiments/profiles.js";
import { getTransformerProfile, trainScheme } from "../src/experiments/transformer/index.js";
import type { InitScheme } from "../src/models/transformer.js";
import { log, median, numberArg } from "./harness.js";

const textArg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const steps = numberArg("steps", 40);
const base = getTransformerProfile(textArg("profile", DEFAULT_TRANSFORMER_PROFILE));
const scheme = textArg("scheme", "fix") as InitScheme;
// validation only after the last step, which the timing leaves out
const profile = { ...base, evalEvery: steps };

const engine = await initEngine();
const data = loadSummarization();
const tokenizer = loadTokenizer();
const stamps: number[] = [];
let peakRssBytes = 0;
const t0 = performance.now();
const { result, params } = await trainScheme({
  profile,
  scheme,
  tokenizer,
  train: data.train,
  validation: data.validation,
  device: engine.device,
  steps,
  onStep: () => {
    stamps.push(performance.now());
    peakRssBytes = Math.max(peakRssBytes, process.memoryUsage().rss);
  },
});
tree.dispose(params);
const stepMs = stamps.map((t, i) => t - (i === 0 ? t0 : stamps[i - 1]));
const steady = stepMs.slice(1, -1);
const summary = {
  profile: base.name,
  scheme,
  steps,
  workers: engine.workers,
  cpu: cpus()[0]?.model ?? "unknown",
  firstStepMs: stepMs[0],
  medianStepMs: median(steady),
  meanStepMs: steady.reduce((a, b) => a + b, 0) / steady.length,
  peakRssMB: peakRssBytes / 2 ** 20,
  losses: result.train.map((r) => r.loss),
  valLoss: result.final.valLoss,
};
log(
  `${summary.profile}/${scheme}, ${steps} steps, ${engine.workers} workers (${summary.cpu}): ` +
    `median step ${summary.medianStepMs.toFixed(0)} ms (mean ${summary.meanStepMs.toFixed(0)} ms, ` +
    `first ${summary.firstStepMs.toFixed(0)} ms), peak RSS ${summary.peakRssMB.toFixed(0)} MB, ` +
    `last loss ${summary.losses[summary.losses.length - 1].toFixed(4)}, validation ${summary.valLoss.toFixed(4)}`,
);
if (process.argv.includes("--json")) process.stdout.write(`${JSON.stringify(summary)}\n`);
