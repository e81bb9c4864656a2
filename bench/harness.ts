/**
 * What every jax-js-vs-PyTorch benchmark shares: numeric flags, the PyTorch peer process
 * (bench/torch_peer.py protocol), the median, and a memory trace over many steps.
 */
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import {
  blockUntilTreeReady,
  grad,
  jit,
  liveBuffers,
  liveBytes,
  memorySnapshot,
  nn,
  numpy as np,
  tree,
} from "../src/engine/index.js";

/** `--name N` from argv, or the default. */
export function numberArg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

/** Progress and results for people go to stderr; stdout carries only `--json`. */
export const log = (s: string) => process.stderr.write(`${s}\n`);

export const median = (values: number[]) => {
  const s = [...values].sort((x, y) => x - y);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Starts `/usr/bin/python3 bench/<script>` and talks to it one JSON line at a time. */
export function startTorchPeer(script: string) {
  const child = spawn(
    "/usr/bin/python3",
    [fileURLToPath(new URL(`./${script}`, import.meta.url))],
    {
      stdio: ["pipe", "pipe", "inherit"],
    },
  );
  const replies = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  // a peer that died (no torch) closes its stdin: the next read below says so, not an EPIPE
  child.stdin!.on("error", () => {});
  return {
    async ask(cmd: object): Promise<Record<string, unknown>> {
      child.stdin!.write(`${JSON.stringify(cmd)}\n`);
      const r = await replies.next();
      if (r.done) throw new Error("the PyTorch process ended early (is python3-torch installed?)");
      return JSON.parse(r.value);
    },
    end: () => child.stdin!.end(),
  };
}

/** jax-js's own 1024² float32 matmul in GFLOP/s: the ceiling under every step it runs. */
export async function jaxMatmulGflops(): Promise<number> {
  const matmul = jit((a: np.Array, b: np.Array) => np.matmul(a, b));
  const operand = () =>
    np.array(new Float32Array(1024 * 1024).map((_, i) => Math.sin(i))).reshape([1024, 1024]);
  const [a, b] = [operand(), operand()];
  const once = async () => {
    const out = matmul(a.ref, b.ref);
    await out.blockUntilReady();
    out.dispose();
  };
  for (let i = 0; i < 3; i++) await once();
  const t0 = performance.now();
  for (let i = 0; i < 10; i++) await once();
  const seconds = (performance.now() - t0) / 1000;
  a.dispose();
  b.dispose();
  matmul.dispose();
  return (2 * 1024 ** 3 * 10) / seconds / 1e9;
}

export type MemoryReading = {
  step: number;
  rssMB: number;
  liveBuffers: number;
  liveMB: number;
  wasmHeapMB: number | null;
  jsHeapMB: number;
};

/** Runs `steps` more jax-js steps in chunks, reading RSS and live wasm buffers after each chunk. */
export async function traceMemory(
  runSteps: (n: number) => Promise<unknown>,
  opts: { steps: number; chunk: number; startStep: number; onReading?: (r: MemoryReading) => void },
): Promise<MemoryReading[]> {
  const read = (step: number): MemoryReading => {
    const m = memorySnapshot();
    return {
      step,
      rssMB: m.rssBytes / 2 ** 20,
      liveBuffers: liveBuffers(),
      liveMB: liveBytes() / 2 ** 20,
      wasmHeapMB: m.wasmHeapBytes === null ? null : m.wasmHeapBytes / 2 ** 20,
      jsHeapMB: m.heapUsedBytes / 2 ** 20,
    };
  };
  const readings = [read(opts.startStep)];
  for (let done = 0; done < opts.steps; ) {
    const n = Math.min(opts.chunk, opts.steps - done);
    await runSteps(n);
    done += n;
    const reading = read(opts.startStep + done);
    readings.push(reading);
    opts.onReading?.(reading);
  }
  return readings;
}

/**
 * The weight layout's share: forward and backward (ms, median of `reps`) through dense layers of
 * `widths` on `rows` rows, ReLU between, with W stored [in, out] (y = x W, the layout before
 * issue 16) and [out, in] (y = x Wᵀ, engine/dense.ts).
 */
export async function denseLayoutMs(
  widths: number[],
  rows: number,
  reps = 10,
): Promise<{ inOut: number; outIn: number }> {
  const filled = (shape: number[]) =>
    np
      .array(new Float32Array(shape[0] * shape[1]).map((_, i) => Math.sin(i) * 0.05))
      .reshape(shape);
  const time = async (outIn: boolean) => {
    const ws = widths.slice(1).map((out, i) => filled(outIn ? [out, widths[i]] : [widths[i], out]));
    const pass = jit((w: np.Array[], x: np.Array) =>
      grad((w: np.Array[]) => {
        let h = x;
        for (const wi of w) h = nn.relu(np.matmul(h, outIn ? wi.ref.transpose() : wi.ref)); // [rows, out]
        return h.sum();
      })(w),
    );
    const once = async () => {
      const g = pass(tree.ref(ws), filled([rows, widths[0]]));
      await blockUntilTreeReady(g);
      tree.dispose(g);
    };
    await once();
    const ms: number[] = [];
    for (let r = 0; r < reps; r++) {
      const t0 = performance.now();
      await once();
      ms.push(performance.now() - t0);
    }
    pass.dispose();
    tree.dispose(ws);
    return median(ms);
  };
  return { inOut: await time(false), outIn: await time(true) };
}
