import { beforeAll, describe, expect, it } from "vitest";
import { initEngine, numpy as np } from "./index.js";
import { liveBuffers, liveBytes, memorySnapshot, trackBuffers } from "./memory.js";

beforeAll(async () => {
  await initEngine();
  await trackBuffers();
});

describe("liveBuffers", () => {
  it("counts arrays that are alive, and their bytes, and forgets the disposed ones", async () => {
    const before = liveBuffers();
    const bytesBefore = liveBytes();
    const a = np.array(Array.from({ length: 100 }, (_, i) => i)); // 100 float32: 400 bytes
    const b = a.ref.mul(2);
    await b.blockUntilReady();
    expect(liveBuffers()).toBe(before + 2);
    expect(liveBytes()).toBe(bytesBefore + 800);
    a.dispose();
    expect(liveBuffers()).toBe(before + 1);
    expect(liveBytes()).toBe(bytesBefore + 400);
    const sum = await b.data(); // data() consumes b
    expect(sum[3]).toBe(6);
    expect(liveBuffers()).toBe(before);
    expect(liveBytes()).toBe(bytesBefore);
    expect(memorySnapshot().liveBuffers).toBe(before);
    expect(memorySnapshot().liveBytes).toBe(bytesBefore);
    expect(memorySnapshot().rssBytes).toBeGreaterThan(0);
    // jax-js's wasm heap, read from the memory its worker pool was handed; at least the live bytes
    expect(memorySnapshot().wasmHeapBytes).toBeGreaterThanOrEqual(bytesBefore);
  });
});

describe("a leak", () => {
  it("shows as one more live buffer per step of a jitted loop that keeps a stray reference", async () => {
    const { jit } = await import("./index.js");
    const step = jit((w: np.Array) => w.mul(0.5).add(1));
    let w = np.array([1, 2, 3]);
    const kept: np.Array[] = [];
    w = step(w);
    await w.blockUntilReady();
    const start = liveBuffers();
    for (let i = 0; i < 20; i++) {
      kept.push(w.ref); // the bug under test: a reference that is never released
      w = step(w);
    }
    await w.blockUntilReady();
    expect(liveBuffers() - start).toBe(20);
    for (const k of kept) k.dispose();
    expect(liveBuffers()).toBe(start);
    w.dispose();
    step.dispose();
  });
});
