/**
 * Benchmark: one training step (forward + backward + AdamW) of the Problem 1 encoder-decoder in
 * jax-js against PyTorch (bench/transformer_torch.py, 2 threads, OpenBLAS) on the same
 * architecture and shapes, timed in the same run in interleaved rounds. Reports the median
 * tokens/s of each (source + target tokens per step), their ratio, and memory (RSS and live wasm
 * buffers) over a run of steps, and the feed-forward layers in both weight layouts (the layout's
 * share; bench/contributions.ts runs it per Node and kernel).
 *
 *   npx tsx bench/transformer.ts [--rounds 5] [--steps 5] [--memory-steps 1000] [--json]
 *     [--d 256] [--layers 2] [--heads 4] [--ffn 1024] [--vocab 8000] [--batch 16] [--src 64] [--tgt 64]
 */

import {
  foldIn,
  initEngine,
  numpy as np,
  prngKey,
  type Tree,
  trackBuffers,
  tree,
} from "../src/engine/index.js";
import { adam } from "../src/engine/optim.js";
import {
  getTransformerProfile,
  makeStepFns,
  type TrainState,
} from "../src/experiments/transformer/index.js";
import { init, type Seq2SeqBatch, type TransformerConfig } from "../src/models/transformer.js";
import { denseLayoutMs, log, median, numberArg, startTorchPeer, traceMemory } from "./harness.js";

const rounds = numberArg("rounds", 5);
const stepsPerRound = numberArg("steps", 5);
const memorySteps = numberArg("memory-steps", 1000);
const asJson = process.argv.includes("--json");

const B = numberArg("batch", 16);
const S = numberArg("src", 64);
const T = numberArg("tgt", 64);
const cfg: TransformerConfig = {
  vocabSize: numberArg("vocab", 8000),
  dModel: numberArg("d", 256),
  nHeads: numberArg("heads", 4),
  dFfn: numberArg("ffn", 1024),
  nLayers: numberArg("layers", 2),
  maxLen: Math.max(S, T),
  pDrop: 0.1,
  init: "fix",
};
const tokensPerStep = B * (S + T);

// ---------------------------------------------------------------- the PyTorch peer

const torch = startTorchPeer("transformer_torch.py");
const ask = torch.ask;

// ---------------------------------------------------------------- the jax-js side

const engine = await initEngine();
await trackBuffers();
// the same optimizer settings as the PyTorch peer: AdamW lr 1e-4, b (0.9, 0.98), eps 1e-9, wd 0.01
const base = getTransformerProfile("course");
const profile = {
  ...base,
  optim: { lr: 1e-4, warmupSteps: 1, weightDecay: 0.01, b1: 0.9, b2: 0.98, eps: 1e-9 },
};
const fns = makeStepFns(cfg, profile);
const params = init(prngKey(0), cfg);
let state: TrainState = { params, opt: adam({ lr: 1e-4 }).init(params as unknown as Tree) };
const ints = (n: number, seed: number) =>
  Int32Array.from(
    { length: n },
    (_, i) => 1 + (((i * 2654435761 + seed * 40503) >>> 0) % (cfg.vocabSize - 1)),
  );
const host = { src: ints(B * S, 1), tgtIn: ints(B * T, 2), tgtOut: ints(B * T, 3) };
const batch = (): Seq2SeqBatch => ({
  src: np.array(host.src, { dtype: np.int32 }).reshape([B, S]),
  srcMask: np.ones([B, S], { dtype: np.float32 }),
  tgtIn: np.array(host.tgtIn, { dtype: np.int32 }).reshape([B, T]),
  tgtOut: np.array(host.tgtOut, { dtype: np.int32 }).reshape([B, T]),
});
let step = 0;
let lastLoss = Number.NaN;

async function runJax(n: number): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const out = fns.step(state, batch(), foldIn(0, step++));
    state = out.state;
    // wait for every step, as a training loop does (it reads the loss): jax-js queues work
    // lazily, and 50 unsynchronised steps would hold all their buffers at once
    lastLoss = Number(await out.loss.jsAsync());
  }
  return (performance.now() - t0) / 1000;
}

const info = await ask({ cmd: "info" });
log(`PyTorch ${info.torch}, ${info.threads} threads, BLAS: ${(info.blas as string[]).join(", ")}`);
log(`PyTorch 1024² matmul: ${(info.matmulGflops as number).toFixed(1)} GFLOP/s`);
const torchInit = await ask({
  cmd: "init",
  V: cfg.vocabSize,
  d: cfg.dModel,
  h: cfg.nHeads,
  f: cfg.dFfn,
  n: cfg.nLayers,
  B,
  S,
  T,
  p: cfg.pDrop,
});
log(
  `jax-js ${engine.jaxVersion} on ${engine.device} with ${engine.workers} workers, Node ${process.version}`,
);
log(
  `model: d_model ${cfg.dModel}, ${cfg.nLayers}+${cfg.nLayers} layers, ${cfg.nHeads} heads, d_ffn ${cfg.dFfn}, V ${cfg.vocabSize}; batch ${B} × (${S} source + ${T} target) tokens; PyTorch params ${torchInit.params}`,
);
const tc = performance.now();
await runJax(2); // warm-up and jit compile
log(`jax-js compile + 2 steps: ${((performance.now() - tc) / 1000).toFixed(1)} s`);

const jaxRates: number[] = [];
const torchRates: number[] = [];
for (let r = 0; r < rounds; r++) {
  const tj = await runJax(stepsPerRound);
  const tt = (await ask({ cmd: "run", steps: stepsPerRound })).seconds as number;
  jaxRates.push((stepsPerRound * tokensPerStep) / tj);
  torchRates.push((stepsPerRound * tokensPerStep) / tt);
  log(
    `round ${r + 1}/${rounds}: jax-js ${jaxRates[r].toFixed(0)} tokens/s (${(tj / stepsPerRound).toFixed(3)} s/step), PyTorch ${torchRates[r].toFixed(0)} tokens/s (${(tt / stepsPerRound).toFixed(3)} s/step)`,
  );
}
torch.end();
const jaxMedian = median(jaxRates);
const torchMedian = median(torchRates);
const ratio = jaxMedian / torchMedian;
log(`median: jax-js ${jaxMedian.toFixed(0)} tokens/s, PyTorch ${torchMedian.toFixed(0)} tokens/s`);
log(`ratio jax-js / PyTorch = ${ratio.toFixed(2)}× (target ≥ 1.0×)`);

const layoutMs = await denseLayoutMs([cfg.dModel, cfg.dFfn, cfg.dModel], B * T);
log(
  `feed-forward layers forward+backward: ${layoutMs.inOut.toFixed(1)} ms with W [in, out], ` +
    `${layoutMs.outIn.toFixed(1)} ms with W [out, in]`,
);

// ---------------------------------------------------------------- memory over many steps

const memory = await traceMemory(runJax, {
  steps: memorySteps,
  chunk: 50,
  startStep: step,
  onReading: (r) =>
    log(
      `memory after ${r.step} steps: RSS ${r.rssMB.toFixed(0)} MB, live buffers ${r.liveBuffers} (${r.liveMB.toFixed(1)} MB), wasm heap ${r.wasmHeapMB} MB, loss ${lastLoss.toFixed(3)}`,
    ),
});
const first = memory[0];
const last = memory[memory.length - 1];
log(
  `memory over ${memorySteps} steps: RSS ${first.rssMB.toFixed(0)} → ${last.rssMB.toFixed(0)} MB, live wasm buffers ${first.liveBuffers} → ${last.liveBuffers} (${first.liveMB.toFixed(1)} → ${last.liveMB.toFixed(1)} MB), wasm heap ${first.wasmHeapMB} → ${last.wasmHeapMB} MB`,
);
const result = {
  benchmark: "transformer-train-step",
  machine: { node: process.version, platform: `${process.platform}-${process.arch}` },
  engine,
  torch: info,
  config: { ...cfg, batch: B, srcLen: S, tgtLen: T, tokensPerStep, rounds, stepsPerRound },
  jaxTokensPerSecond: jaxRates,
  torchTokensPerSecond: torchRates,
  median: { jax: jaxMedian, torch: torchMedian },
  ratio,
  shares: { stepMs: (1000 * tokensPerStep) / jaxMedian, layoutMs },
  memorySteps,
  memory,
};
if (asJson) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
tree.dispose(state);
for (const f of Object.values(fns)) f.dispose();
process.exit(0);
