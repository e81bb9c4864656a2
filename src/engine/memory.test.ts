import { beforeAll, describe, expect, it } from "vitest";
import { initEngine, numpy as np } from "./index.js";
import { liveBuffers, memorySnapshot, trackBuffers } from "./memory.js";

beforeAll(async () => {
  await initEngine();
  await trackBuffers();
});

describe("liveBuffers", () => {
  it("counts arrays that are alive and forgets the disposed ones", async () => {
    const before = liveBuffers();
    const a = np.array(Array.from({ length: 100 }, (_, i) => i));
    const b = a.ref.mul(2);
    await b.blockUntilReady();
    expect(liveBuffers()).toBe(before + 2);
    a.dispose();
    expect(liveBuffers()).toBe(before + 1);
    const sum = await b.data(); // data() consumes b
    expect(sum[3]).toBe(6);
    expect(liveBuffers()).toBe(before);
    expect(memorySnapshot().liveBuffers).toBe(before);
    expect(memorySnapshot().rssBytes).toBeGreaterThan(0);
  });
});
