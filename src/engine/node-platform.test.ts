import { describe, expect, it } from "vitest";
import { initEngine, jit, numpy as np } from "./index.js";
import { installNodePlatform, workerChannelFromEnv, workerCountFromEnv } from "./node-platform.js";

describe("engine on Node", () => {
  it("runs a jitted matmul on the wasm device with the worker pool", async () => {
    const info = await initEngine();
    expect(info.device).toBe("wasm");
    expect(info.workers).toBeGreaterThan(0);
    const matmul = jit((a: np.Array, b: np.Array) => np.matmul(a, b));
    const a = np
      .arange(64 * 64)
      .astype(np.float32)
      .reshape([64, 64])
      .div(4096);
    const out = await matmul(a.ref, np.eye(64)).data();
    const expected = await a.data();
    expect(Array.from(out)).toEqual(Array.from(expected));
  });

  it("runs einsum, which needs the iterator helpers of Node 22+", async () => {
    const c = np.einsum("ij,jk->ik", np.ones([2, 3]), np.ones([3, 2]));
    expect(await c.jsAsync()).toEqual([
      [3, 3],
      [3, 3],
    ]);
  });

  it("reads the worker count from GROUNDTRUTH_WORKERS and rejects nonsense", () => {
    expect(workerCountFromEnv({ GROUNDTRUTH_WORKERS: "0" })).toBe(0);
    expect(workerCountFromEnv({ GROUNDTRUTH_WORKERS: "3" })).toBe(3);
    expect(() => workerCountFromEnv({ GROUNDTRUTH_WORKERS: "two" })).toThrow(/whole number/);
  });

  it("reads the worker channel from GROUNDTRUTH_WORKER_CHANNEL and rejects nonsense", () => {
    expect(workerChannelFromEnv({})).toBe("atomics");
    expect(workerChannelFromEnv({ GROUNDTRUTH_WORKER_CHANNEL: "messages" })).toBe("messages");
    expect(() => workerChannelFromEnv({ GROUNDTRUTH_WORKER_CHANNEL: "pipes" })).toThrow(/atomics/);
  });

  it("gives the same bits through the signal block as by message, kernels and routines interleaved", async () => {
    const info = await initEngine();
    expect(info.workers).toBeGreaterThan(1);
    // a chain of small and worker-split elementwise kernels, a matmul, and a sort (a CPU
    // routine, which always goes by message) between them, run many times in a row
    const chain = jit((x: np.Array, w: np.Array) => {
      let h = x;
      for (let i = 0; i < 6; i++) h = np.sqrt(np.abs(h.mul(1.5).add(i))).sub(0.25);
      const sorted = np.sort(np.matmul(h.ref, w)); // [96, 8], each row sorted
      return sorted.div(sorted.ref.max().add(1)).add(h.sum());
    });
    const run = async () => {
      const outs: Float32Array[] = [];
      for (let k = 0; k < 25; k++) {
        const x = np.array(Float32Array.from({ length: 96 * 64 }, (_, i) => Math.sin(i + k)));
        const w = np.array(Float32Array.from({ length: 64 * 8 }, (_, i) => Math.cos(i * k)));
        outs.push((await chain(x.reshape([96, 64]), w.reshape([64, 8])).data()) as Float32Array);
      }
      return outs;
    };
    try {
      installNodePlatform({ workers: info.workers, channel: "messages" });
      const byMessage = await run();
      installNodePlatform({ workers: info.workers, channel: "atomics" });
      const bySignal = await run();
      expect(bySignal).toEqual(byMessage);
    } finally {
      installNodePlatform({ workers: info.workers, channel: "atomics" });
      chain.dispose();
    }
  });

  it("reports a kernel done only once it has run, whatever the order of wake-ups", async () => {
    await initEngine();
    // A stand-in for jax-js's worker: a "kernel" bumps a shared counter. Its Atomics.notify on
    // the DONE slot comes late, as when the thread is descheduled between storing DONE and
    // notifying: a kernel that finished before the main thread came to wait for it then sends
    // its wake-up while the main thread waits for the next kernel, which must not count as the
    // next kernel's reply.
    const source = `
      let counter = null;
      const notify = Atomics.notify;
      Atomics.notify = (ta, index, count) => {
        if (index === 2) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2);
        return notify(ta, index, count);
      };
      self.onmessage = (e) => {
        const m = e.data;
        if (m.type === "init") counter = new Int32Array(m.memory);
        else Atomics.add(counter, 0, 1);
        postMessage({ type: m.type === "init" ? "ready" : "done", ok: true });
      };`;
    const url = URL.createObjectURL(new Blob([source], { type: "application/javascript" }));
    const worker = new (globalThis as unknown as { Worker: new (url: string) => Worker }).Worker(
      url,
    );
    const counter = new Int32Array(new SharedArrayBuffer(4));
    const post = (message: unknown) =>
      new Promise<void>((resolve) => {
        worker.onmessage = () => resolve();
        worker.postMessage(message);
      });
    await post({ type: "init", memory: counter.buffer });
    const module = new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]));
    const kernel = { type: "kernel", kernelHash: "k", module, ptrs: [0], begin: 0, end: 1 };
    const early: number[] = [];
    for (let k = 1; k <= 300; k++) {
      await post(kernel);
      if (Atomics.load(counter, 0) !== k) early.push(k);
    }
    expect(early).toEqual([]);
    worker.terminate();
    URL.revokeObjectURL(url);
  });
});
