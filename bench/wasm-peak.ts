/**
 * The most float32 arithmetic WebAssembly can do on this CPU: a loop that keeps N independent
 * f32x4 multiply-add chains in registers and touches no memory, timed on 1 and on 2 threads.
 * No jax-js kernel, however well blocked, can beat this number; issue 16's Transformer target
 * (a d256 step as fast as PyTorch) is weighed against it in docs/benchmarks.md.
 *
 * Two forms of the multiply-add: `f32x4.relaxed_madd` (one fused instruction where the runtime
 * has FMA, as jax-js's matmul uses it) and `f32x4.mul` + `f32x4.add`. The module is written out
 * byte by byte below, so what is timed is exactly the loop shown.
 *
 *   npx tsx bench/wasm-peak.ts [--seconds 2] [--json]
 */
import { cpus, loadavg } from "node:os";
import { Worker } from "node:worker_threads";
import { log, numberArg } from "./harness.js";

const seconds = numberArg("seconds", 2);

const SIMD = 0xfd;
const V128 = 0x7b;
/** f32x4.relaxed_madd (0x105), f32x4.mul (0xe6), f32x4.add (0xe4), as LEB128 after the prefix. */
const op = {
  relaxedMadd: [SIMD, 0x85, 0x02],
  mul: [SIMD, 0xe6, 0x01],
  add: [SIMD, 0xe4, 0x01],
  extractLane0: [SIMD, 0x1f, 0x00],
};
const localGet = (i: number) => [0x20, i];
const localSet = (i: number) => [0x21, i];
const f32x4Const = (v: number) => {
  const bytes = new Uint8Array(16);
  const view = new DataView(bytes.buffer);
  for (let lane = 0; lane < 4; lane++) view.setFloat32(lane * 4, v, true);
  return [SIMD, 0x0c, ...bytes];
};
const section = (id: number, body: number[]) => [id, body.length, ...body];

/**
 * `run(iterations) → f32`: local 0 is the loop count, locals 1..chains the accumulators, then x
 * and y. Each iteration updates every accumulator once: acc ← x·y + acc (4 lanes, 2 flops each).
 */
export function peakModule(chains: number, fused: boolean): Uint8Array<ArrayBuffer> {
  const x = chains + 1;
  const y = chains + 2;
  const code: number[] = [1, chains + 2, V128];
  code.push(...f32x4Const(1.000001), ...localSet(x), ...f32x4Const(0.999999), ...localSet(y));
  code.push(0x03, 0x40); // loop
  for (let acc = 1; acc <= chains; acc++) {
    code.push(...localGet(x), ...localGet(y));
    if (fused) code.push(...localGet(acc), ...op.relaxedMadd);
    else code.push(...op.mul, ...localGet(acc), ...op.add);
    code.push(...localSet(acc));
  }
  // iterations -= 1; continue while non-zero
  code.push(...localGet(0), 0x41, 1, 0x6b, 0x22, 0, 0x0d, 0, 0x0b);
  // the sum of every accumulator's first lane, so no chain is dead code
  code.push(...localGet(1), ...op.extractLane0);
  for (let acc = 2; acc <= chains; acc++) code.push(...localGet(acc), ...op.extractLane0, 0x92);
  code.push(0x0b);
  const body = [...leb(code.length), ...code];
  const codeSection = [0x0a, ...leb(body.length + 1), 1, ...body];
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, [1, 0x60, 1, 0x7f, 1, 0x7d]), // type: (i32) → f32
    ...section(3, [1, 0]), // one function of that type
    ...section(7, [1, 3, ...Buffer.from("run"), 0x00, 0]), // exported as "run"
    ...codeSection,
  ]);
}

function leb(n: number): number[] {
  const out: number[] = [];
  do {
    const byte = n & 0x7f;
    n >>>= 7;
    out.push(n ? byte | 0x80 : byte);
  } while (n);
  return out;
}

/** GFLOP/s of one thread running the loop for about `seconds` (after a calibration run). */
function timeOnThisThread(bytes: Uint8Array<ArrayBuffer>, chains: number, seconds: number): number {
  const run = new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports.run as (
    n: number,
  ) => number;
  let iterations = 1 << 16;
  for (;;) {
    const start = performance.now();
    run(iterations);
    const ms = performance.now() - start;
    if (ms > seconds * 1000) return (iterations * chains * 8) / (ms * 1e6);
    iterations = Math.min(2 ** 31 - 1, Math.ceil(iterations * Math.max(2, (seconds * 1100) / ms)));
  }
}

/** The same loop on `threads` workers at once: the sum of their rates. */
async function timeOnWorkers(bytes: Uint8Array<ArrayBuffer>, chains: number, threads: number) {
  const source = `
    const { parentPort, workerData } = require("node:worker_threads");
    const { bytes, chains, seconds } = workerData;
    ${timeOnThisThread.toString()}
    parentPort.postMessage(timeOnThisThread(bytes, chains, seconds));`;
  const rates = await Promise.all(
    Array.from(
      { length: threads },
      () =>
        new Promise<number>((resolve, reject) => {
          const worker = new Worker(source, { eval: true, workerData: { bytes, chains, seconds } });
          worker.once("message", resolve);
          worker.once("error", reject);
        }),
    ),
  );
  return rates.reduce((a, b) => a + b, 0);
}

if (process.argv[1]?.endsWith("wasm-peak.ts")) {
  const cpu = cpus()[0]?.model ?? "unknown CPU";
  log(`${cpu}, ${cpus().length} logical CPUs, Node ${process.version}, load ${loadavg()[0]}`);
  const rows: { form: string; chains: number; oneThread: number; twoThreads: number }[] = [];
  for (const fused of [true, false]) {
    for (const chains of [4, 8, 12]) {
      const bytes = peakModule(chains, fused);
      const oneThread = timeOnThisThread(bytes, chains, seconds);
      const twoThreads = await timeOnWorkers(bytes, chains, 2);
      const form = fused ? "relaxed_madd" : "mul + add";
      rows.push({ form, chains, oneThread, twoThreads });
      log(
        `${form.padEnd(12)} ${String(chains).padStart(2)} chains: ${oneThread.toFixed(1)} GFLOP/s on 1 thread, ${twoThreads.toFixed(1)} on 2`,
      );
    }
  }
  if (process.argv.includes("--json")) {
    console.log(JSON.stringify({ cpu, node: process.version, load: loadavg(), rows }, null, 2));
  }
}
