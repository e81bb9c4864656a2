/**
 * Benchmark: one VIB training step (784-1024-1024-512 encoder, K = 256, batch 100, Adam with
 * the paper's settings, EMA of the weights) in jax-js against PyTorch (bench/vib_torch.py, 2
 * threads, OpenBLAS), timed in the same run in interleaved rounds; reports the median steps/s of
 * each, their ratio, and memory (RSS and live wasm buffers) over a long run of steps.
 *
 * Beside the full step it times, in the same rounds, the forward and backward pass alone (no
 * optimizer, no EMA; the rest of the step is the optimizer's and the EMA's share), Adam and the
 * EMA alone on fixed gradients (that share timed directly), jax-js's own 1024² matmul (the
 * ceiling the full step cannot pass), and the encoder's dense layers in both weight layouts (the
 * layout's share). bench/contributions.ts runs it per Node and kernel.
 *
 *   npx tsx bench/vib.ts [--rounds 7] [--steps 30] [--memory-steps 1000] [--json]
 */

import {
  type AdamState,
  blockUntilTreeReady,
  emaUpdate,
  foldIn,
  initEngine,
  jit,
  nn,
  numpy as np,
  random,
  type Tree,
  trackBuffers,
  tree,
  valueAndGrad,
} from "../src/engine/index.js";
import {
  createTrainer,
  paperTrainConfig,
  type VibTrainState,
} from "../src/experiments/vib/index.js";
import { loss, type VibParams, vibPaperConfig } from "../src/models/vib.js";
import {
  denseLayoutMs,
  jaxMatmulGflops,
  log,
  median,
  numberArg,
  startTorchPeer,
  traceMemory,
} from "./harness.js";

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

/** The same loss and gradients with no optimizer and no EMA: what the matmuls alone cost. */
const forwardBackward = jit((params: VibParams, x: np.Array, y: np.Array, key: np.Array) => {
  const v = random.normal(key, [B, cfg.model.zDim]);
  const objective = (p: VibParams) => loss(p, x, nn.oneHot(y, cfg.model.numClasses), v, cfg.model);
  const [value, grads] = valueAndGrad(objective)(params);
  return { value, grads };
});

async function runForwardBackward(n: number): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const out = forwardBackward(
      tree.ref(state.params),
      np.array(xData).reshape([B, 784]),
      np.array(yData, { dtype: np.int32 }),
      foldIn(1, i),
    );
    await out.value.data();
    tree.dispose(out.grads);
  }
  return (performance.now() - t0) / 1000;
}

/** Adam + the weight average alone, on fixed gradients: the optimizer's share, timed directly. */
const optimizerStep = jit((params: Tree, ema: Tree, opt: AdamState, grads: Tree) => {
  const next = trainer.optimizer.update(grads, opt, params);
  const newEma = emaUpdate(ema, next.params, next.state.count.ref, cfg.emaDecay);
  return { params: next.params, ema: newEma, opt: next.state };
});
let alone = {
  params: tree.ref(state.params) as Tree,
  ema: tree.ref(state.ema) as Tree,
  opt: trainer.optimizer.init(state.params as Tree),
};
const fixedGrads = tree.map((p: np.Array) => p.ref.mul(1e-3), state.params) as Tree;

async function runOptimizer(n: number): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    alone = optimizerStep(alone.params, alone.ema, alone.opt, tree.ref(fixedGrads) as Tree);
    await alone.opt.count.blockUntilReady();
  }
  await blockUntilTreeReady(alone);
  return (performance.now() - t0) / 1000;
}

const info = await ask({ cmd: "info" });
log(`PyTorch ${info.torch}, ${info.threads} threads, BLAS: ${(info.blas as string[]).join(", ")}`);
log(`PyTorch 1024² matmul: ${(info.matmulGflops as number).toFixed(1)} GFLOP/s`);
log(
  `jax-js ${engine.jaxVersion} on ${engine.device} with ${engine.workers} workers, Node ${process.version}`,
);
const jaxMatmul = await jaxMatmulGflops();
log(`jax-js 1024² matmul: ${jaxMatmul.toFixed(1)} GFLOP/s`);
await runJax(5); // warm-up and jit compile
await runForwardBackward(3);
await runOptimizer(3);

const jaxRates: number[] = [];
const torchRates: number[] = [];
const forwardBackwardRates: number[] = [];
const optimizerMs: number[] = [];
for (let r = 0; r < rounds; r++) {
  const tj = await runJax(stepsPerRound);
  const tt = (await ask({ cmd: "run", steps: stepsPerRound })).seconds as number;
  const tf = await runForwardBackward(stepsPerRound);
  const to = await runOptimizer(stepsPerRound);
  jaxRates.push(stepsPerRound / tj);
  torchRates.push(stepsPerRound / tt);
  forwardBackwardRates.push(stepsPerRound / tf);
  optimizerMs.push((1000 * to) / stepsPerRound);
  log(
    `round ${r + 1}/${rounds}: jax-js ${(stepsPerRound / tj).toFixed(2)} steps/s ` +
      `(forward+backward alone ${(stepsPerRound / tf).toFixed(2)}/s, ` +
      `Adam + EMA alone ${optimizerMs[r].toFixed(1)} ms), ` +
      `PyTorch ${(stepsPerRound / tt).toFixed(2)} steps/s`,
  );
}
torch.end();
const jaxMedian = median(jaxRates);
const torchMedian = median(torchRates);
const ratio = jaxMedian / torchMedian;
log(`median: jax-js ${jaxMedian.toFixed(2)} steps/s, PyTorch ${torchMedian.toFixed(2)} steps/s`);
log(`ratio jax-js / PyTorch = ${ratio.toFixed(2)}× (target ≥ 0.35×)`);
const forwardBackwardMedian = median(forwardBackwardRates);
log(
  `jax-js forward+backward alone: ${forwardBackwardMedian.toFixed(2)}/s ` +
    `(${(forwardBackwardMedian / torchMedian).toFixed(2)}× PyTorch's full step); ` +
    `matmul ${jaxMatmul.toFixed(1)} vs ${(info.matmulGflops as number).toFixed(1)} GFLOP/s`,
);

const forwardBackwardMs = 1000 / forwardBackwardMedian;
const stepMs = 1000 / jaxMedian;
const layoutMs = await denseLayoutMs([784, 1024, 1024, 512], B);
const optimizerMedianMs = median(optimizerMs);
log(
  `shares of a ${stepMs.toFixed(1)} ms step: forward+backward ${forwardBackwardMs.toFixed(1)} ms, ` +
    `Adam + EMA ${(stepMs - forwardBackwardMs).toFixed(1)} ms by difference, ` +
    `${optimizerMedianMs.toFixed(1)} ms alone; encoder dense layers forward+backward ` +
    `${layoutMs.inOut.toFixed(1)} ms with W [in, out], ${layoutMs.outIn.toFixed(1)} ms with W [out, in]`,
);

// ---------------------------------------------------------------- memory over many steps

const memory = await traceMemory(runJax, { steps: memorySteps, chunk: 100, startStep: step });
const first = memory[0];
const last = memory[memory.length - 1];
log(
  `memory over ${memorySteps} steps: RSS ${first.rssMB.toFixed(0)} → ${last.rssMB.toFixed(0)} MB, ` +
    `live wasm buffers ${first.liveBuffers} → ${last.liveBuffers} ` +
    `(${first.liveMB.toFixed(1)} → ${last.liveMB.toFixed(1)} MB), wasm heap ${first.wasmHeapMB} → ${last.wasmHeapMB} MB`,
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
  breakdown: {
    jaxForwardBackwardPerSecond: forwardBackwardRates,
    jaxForwardBackwardMedian: forwardBackwardMedian,
    jaxMatmulGflops: jaxMatmul,
    torchMatmulGflops: info.matmulGflops,
  },
  shares: {
    stepMs,
    forwardBackwardMs,
    adamAndEmaMs: stepMs - forwardBackwardMs,
    adamAndEmaAloneMs: optimizerMedianMs,
    adamAndEmaAloneMsPerRound: optimizerMs,
    layoutMs,
  },
  memory,
};
if (asJson) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
tree.dispose([alone, fixedGrads]);
trainer.dispose();
forwardBackward.dispose();
optimizerStep.dispose();
process.exit(0);
