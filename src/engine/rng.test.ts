import { beforeAll, describe, expect, it } from "vitest";
import { initEngine, initializers, type numpy as np } from "./index.js";
import { createRng, foldIn, permutation, prngKey, splitKey } from "./rng.js";

beforeAll(async () => {
  await initEngine();
});

describe("createRng", () => {
  it("repeats for the same seed and differs across seeds", () => {
    const a = createRng(7);
    const b = createRng(7);
    const c = createRng(8);
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(xs);
    for (const x of xs) expect(x >= 0 && x < 1).toBe(true);
  });

  it("resumes from a saved state exactly", () => {
    const a = createRng(3);
    a.shuffle([1, 2, 3, 4, 5]);
    const saved = a.state();
    const rest = a.shuffle(Array.from({ length: 20 }, (_, i) => i));
    const b = createRng(999);
    b.restore(saved);
    expect(b.shuffle(Array.from({ length: 20 }, (_, i) => i))).toEqual(rest);
    expect(() => b.restore(-1)).toThrow(/uint32/);
  });

  it("shuffles into a permutation and draws roughly uniform and normal numbers", () => {
    const p = permutation(1000, 1);
    expect(Array.from(p).sort((x, y) => x - y)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    expect(Array.from(p)).toEqual(Array.from(permutation(1000, 1)));
    const r = createRng(11);
    const n = 20000;
    let sum = 0;
    let sq = 0;
    let ints = 0;
    for (let i = 0; i < n; i++) {
      const z = r.normal();
      sum += z;
      sq += z * z;
      ints += r.int(10);
    }
    expect(Math.abs(sum / n)).toBeLessThan(0.03);
    expect(Math.abs(sq / n - 1)).toBeLessThan(0.04);
    expect(Math.abs(ints / n - 4.5)).toBeLessThan(0.06);
  });
});

describe("jax keys and initializers", () => {
  it("split keys and foldIn keys are reproducible and distinct", async () => {
    const draw = async (k: np.Array) => Array.from(await initializers.normal(k, [4], 1).data());
    const [k1, k2] = splitKey(prngKey(0));
    const [k1b] = splitKey(prngKey(0), 2).slice(0, 1);
    const a = await draw(k1);
    expect(await draw(k1b)).toEqual(a);
    expect(await draw(k2)).not.toEqual(a);
    expect(await draw(foldIn(5, 3))).toEqual(await draw(foldIn(5, 3)));
    expect(await draw(foldIn(5, 3))).not.toEqual(await draw(foldIn(5, 4)));
  });

  it("xavier initializers have the Glorot scale", async () => {
    const [fanIn, fanOut] = [200, 300];
    const u = Array.from(
      await initializers.xavierUniform(prngKey(1), [fanIn, fanOut]).data(),
      Number,
    );
    const limit = Math.sqrt(6 / (fanIn + fanOut));
    expect(Math.max(...u.map(Math.abs))).toBeLessThanOrEqual(limit);
    expect(Math.max(...u.map(Math.abs))).toBeGreaterThan(0.99 * limit);
    const g = Array.from(
      await initializers.xavierNormal(prngKey(2), [fanIn, fanOut]).data(),
      Number,
    );
    const std = Math.sqrt(g.reduce((s, x) => s + x * x, 0) / g.length);
    expect(std).toBeCloseTo(Math.sqrt(2 / (fanIn + fanOut)), 3);
    const z = Array.from(await initializers.normal(prngKey(3), [10000], 0.5, 2).data(), Number);
    expect(z.reduce((s, x) => s + x, 0) / z.length).toBeCloseTo(2, 1);
    expect(Array.from(await initializers.zeros([3]).data())).toEqual([0, 0, 0]);
  });
});
