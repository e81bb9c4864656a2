import { describe, expect, it } from "vitest";
import { initEngine, jit, numpy as np } from "./index.js";
import { workerCountFromEnv } from "./node-platform.js";

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
});
