import { beforeAll, describe, expect, it } from "vitest";
import { initEngine, numpy as np } from "./index.js";
import { checkScalars, checkTree, NonFiniteError, nonFiniteCount } from "./numerics.js";
import { countParams, namedLeaves, treeFromBytes, treeToBytes } from "./tree.js";

beforeAll(async () => {
  await initEngine();
});

const sample = () => ({
  encoder: {
    w1: np.array([
      [1, 2, 3],
      [4, 5, 6],
    ]),
    b1: np.array([0.5, -0.5, 0]),
  },
  layers: [{ wq: np.array([7]) }, { wq: np.array([8, 9]) }],
  count: np.array([3], { dtype: np.int32 }),
});

describe("tree", () => {
  it("names leaves by path and counts parameters", () => {
    const t = sample();
    expect(namedLeaves(t).map(([p]) => p)).toEqual([
      "encoder.w1",
      "encoder.b1",
      "layers.0.wq",
      "layers.1.wq",
      "count",
    ]);
    expect(countParams(t)).toBe(6 + 3 + 1 + 2 + 1);
  });

  it("round-trips through bytes + manifest, keeping shapes and dtypes", async () => {
    const t = sample();
    const { bytes, manifest } = await treeToBytes(t);
    const back = treeFromBytes(bytes, JSON.parse(JSON.stringify(manifest))) as ReturnType<
      typeof sample
    >;
    expect(await back.encoder.w1.jsAsync()).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(await back.layers[1].wq.jsAsync()).toEqual([8, 9]);
    expect(back.count.dtype).toBe("int32");
    expect(await back.count.jsAsync()).toEqual([3]);
    expect(() => treeFromBytes(bytes.subarray(0, bytes.length - 4), manifest)).toThrow(/bytes/);
  });
});

describe("numerics", () => {
  it("names the step and the metric", () => {
    expect(() => checkScalars(37, { acc: 0.5, loss: Number.NaN })).toThrow("step 37: loss is NaN");
    expect(() => checkScalars(2, { loss: -Infinity })).toThrow("step 2: loss is -Inf");
    expect(() => checkScalars(2, { loss: 1.5 })).not.toThrow();
  });

  it("names the step and the tensor path, and counts non-finite entries under jit", async () => {
    const grads = {
      encoder: { w1: np.array([1, 2]), w2: np.array([1, Infinity, -Infinity, 4]) },
    };
    const err = await checkTree(37, "grads", grads).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NonFiniteError);
    expect((err as Error).message).toBe("step 37: grads.encoder.w2 contains Inf (2 of 4 entries)");
    expect(await nonFiniteCount(grads).jsAsync()).toBe(2);
    await expect(checkTree(1, "p", { a: np.array([Number.NaN]) })).rejects.toThrow(
      "step 1: p.a contains NaN",
    );
  });
});
