/**
 * The matmuls of a VIB and a Transformer training step, alone: for each dense layer shape, the
 * forward x·Wᵀ (W stored [out, in]), the backward g·W and the weight gradient gᵀ·x, in GFLOP/s
 * (best and median of the timed repetitions). bench/contributions.ts compares whole steps; this
 * shows which kernel a patch moves. GROUNDTRUTH_WORKERS=1 times one worker.
 *
 *   npx tsx bench/matmul-shapes.ts [--reps 40] [--json]
 */
import { initEngine, jit, numpy as np } from "../src/engine/index.js";
import { log, median, numberArg } from "./harness.js";

const reps = numberArg("reps", 40);
const engine = await initEngine();
const filled = (shape: number[], seed: number) =>
  np
    .array(new Float32Array(shape[0] * shape[1]).map((_, i) => Math.sin(i * 0.37 + seed) * 0.05))
    .reshape(shape);

/** [rows, in] → [rows, out] layers: the VIB encoder (batch 100) and the d256 Transformer (16·64 tokens). */
const layers = [
  { model: "vib", rows: 100, in: 784, out: 1024 },
  { model: "vib", rows: 100, in: 1024, out: 1024 },
  { model: "vib", rows: 100, in: 1024, out: 512 },
  { model: "transformer", rows: 1024, in: 256, out: 256 },
  { model: "transformer", rows: 1024, in: 256, out: 1024 },
  { model: "transformer", rows: 1024, in: 1024, out: 256 },
];
const kernels = {
  x·Wᵀ: jit((x: np.Array, w: np.Array) => np.matmul(x, w.transpose())),
  g·W: jit((g: np.Array, w: np.Array) => np.matmul(g, w)),
  gᵀ·x: jit((g: np.Array, x: np.Array) => np.matmul(g.transpose(), x)),
};

const results: { model: string; shape: string; kernel: string; best: number; median: number }[] =
  [];
for (const l of layers) {
  const x = filled([l.rows, l.in], 1);
  const w = filled([l.out, l.in], 2);
  const g = filled([l.rows, l.out], 3);
  const operands: Record<keyof typeof kernels, [np.Array, np.Array]> = {
    x·Wᵀ: [x, w],
    g·W: [g, w],
    gᵀ·x: [g, x],
  };
  for (const [name, f] of Object.entries(kernels) as [
    keyof typeof kernels,
    (typeof kernels)["g·W"],
  ][]) {
    const [a, b] = operands[name];
    const ms: number[] = [];
    for (let r = 0; r < reps + 5; r++) {
      const t0 = performance.now();
      const out = f(a.ref, b.ref);
      await out.blockUntilReady();
      out.dispose();
      if (r >= 5) ms.push(performance.now() - t0);
    }
    const gflop = (2 * l.rows * l.in * l.out) / 1e9;
    const row = {
      model: l.model,
      shape: `${l.rows}×${l.in}→${l.out}`,
      kernel: name,
      best: gflop / (Math.min(...ms) / 1000),
      median: gflop / (median(ms) / 1000),
    };
    results.push(row);
    log(
      `${row.model.padEnd(12)} ${row.shape.padEnd(16)} ${name.padEnd(5)} ` +
        `best ${row.best.toFixed(1)} GFLOP/s, median ${row.median.toFixed(1)}`,
    );
  }
  for (const a of [x, w, g]) a.dispose();
}
for (const f of Object.values(kernels)) f.dispose();
if (process.argv.includes("--json"))
  process.stdout.write(
    `${JSON.stringify({ benchmark: "matmul-shapes", engine, reps, results }, null, 2)}\n`,
  );
process.exit(0);
