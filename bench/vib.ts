/**
 * Benchmark: one VIB training step (784-1024-1024-512 encoder, K = 256, batch 100, Adam with
 * the paper's settings, EMA of the weights) in jax-js against PyTorch (bench/vib_torch.py, 2
 * threads, OpenBLAS), timed in the same run in interleaved rounds; reports the median steps/s of
 * each, their ratio, and memory (RSS and live wasm buffers) over a long run of steps.
 *
 *   npx tsx bench/vib.ts [--rounds 7] [--steps 30] [--memory-steps 1000] [--json]
 */

import { foldIn, initEngine, numpy as np, trackBuffers } from "../src/engine/index.js";
import {
  createTrainer,
  paperTrainConfig,
  type VibTrainState,
} from "../src/experiments/vib/index.js";
import { vibPaperConfig } from "../src/models/vib.js";
import { log, median, numberArg, startTorchPeer, traceMemory } from "./harness.js";

const rounds = numberArg("rounds", 7);
const stepsPerRound = numberArg("steps", 30);
const memorySteps = numberArg("memory-steps", 1000);
const asJson = process.argv.includes("--json");

// ---------------------------------------------------------------- the PyTorch peer

const torch = startTorchPeer("vib_torch.py");
const ask = torch.ask;

// ---------------------------------------------------------------- the jax-js side

const engine = await initEngine();
await trackBuffers();
const cfg = paperTrainConfig(vibPaperConfig, { seed: 0 });
const trainer = createTrainer(cfg, 55_000);
let state: VibTrainState = trainer.initState();
const B = cfg.batchSize;
const xData = new Float32Array(B * 784).map((_, i) => Math.sin(i * 12.9898) * 0.999);
const yData = new Int32Array(B).map((_, i) => i % 10);
let acc = np.zeros([2]);
let step = 0;

async function runJax(n: number): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const out = trainer.step(
      state.params,
      state.ema,
      state.opt,
      np.array(xData).reshape([B, 784]),
      np.array(yData, { dtype: np.int32 }),
      foldIn(0, step++),
      acc,
    );
    state = { ...state, params: out.params, ema: out.ema, opt: out.opt };
    acc = out.acc;
    await acc.blockUntilReady(); // one step in flight at a time, as in training
  }
  await acc.ref.data();
  return (performance.now() - t0) / 1000;
}

const info = await ask({ cmd: "info" });
log(`PyTorch ${info.torch}, ${info.threads} threads, BLAS: ${(info.blas as string[]).join(", ")}`);
log(`PyTorch 1024² matmul: ${(info.matmulGflops as number).toFixed(1)} GFLOP/s`);
log(
  `jax-js ${engine.jaxVersion} on ${engine.device} with ${engine.workers} workers, Node ${process.version}`,
);
await runJax(5); // warm-up and jit compile

const jaxRates: number[] = [];
const torchRates: number[] = [];
for (let r = 0; r < rounds; r++) {
  const tj = await runJax(stepsPerRound);
  const tt = (await ask({ cmd: "run", steps: stepsPerRound })).seconds as number;
  jaxRates.push(stepsPerRound / tj);
  torchRates.push(stepsPerRound / tt);
  log(
    `round ${r + 1}/${rounds}: jax-js ${(stepsPerRound / tj).toFixed(2)} steps/s, ` +
      `PyTorch ${(stepsPerRound / tt).toFixed(2)} steps/s`,
  );
}
torch.end();
const jaxMedian = median(jaxRates);
const torchMedian = median(torchRates);
const ratio = jaxMedian / torchMedian;
log(`median: jax-js ${jaxMedian.toFixed(2)} steps/s, PyTorch ${torchMedian.toFixed(2)} steps/s`);
log(`ratio jax-js / PyTorch = ${ratio.toFixed(2)}× (target ≥ 0.5×)`);

// ---------------------------------------------------------------- memory over many steps

const memory = await traceMemory(runJax, { steps: memorySteps, chunk: 100, startStep: step });
const first = memory[0];
const last = memory[memory.length - 1];
log(
  `memory over ${memorySteps} steps: RSS ${first.rssMB.toFixed(0)} → ${last.rssMB.toFixed(0)} MB, ` +
    `live wasm buffers ${first.liveBuffers} → ${last.liveBuffers}`,
);
const result = {
  benchmark: "vib-train-step",
  machine: { node: process.version, platform: `${process.platform}-${process.arch}` },
  engine,
  torch: info,
  config: { K: 256, hidden: [1024, 1024], batch: B, rounds, stepsPerRound },
  jaxStepsPerSecond: jaxRates,
  torchStepsPerSecond: torchRates,
  median: { jax: jaxMedian, torch: torchMedian },
  ratio,
  memory,
};
if (asJson) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
trainer.dispose();
process.exit(0);
