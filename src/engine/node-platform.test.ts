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
});
