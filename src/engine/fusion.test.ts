/**
 * jax-js's kernel split, as patched (patches/@jax-js+jax+0.1.25+003+view-fusion.patch): a view
 * (transpose, reshape, broadcast, slice, flip, pad) read by several kernels is recomputed in each
 * of them, as index arithmetic, instead of being copied into a buffer of its own; what it views
 * is materialized. Views feeding a routine or a pad keep their own buffer, as before. Values are
 * the same; the copies (a weight's transpose in the backward pass, a split's halves) are gone.
 */
import { readdirSync, readFileSync } from "node:fs";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { initEngine, jit, numpy as np, setDebug } from "./index.js";

beforeAll(async () => {
  await initEngine();
});
afterEach(() => {
  setDebug(0);
  vi.restoreAllMocks();
});

/** Kernels (and routines) in the program jax-js compiles for one call of `f`. */
async function programSteps(
  f: (...args: np.Array[]) => np.Array | np.Array[],
  args: () => np.Array[],
): Promise<number> {
  const text: string[] = [];
  vi.spyOn(console, "info").mockImplementation((s: unknown) => void text.push(String(s)));
  setDebug(4);
  const g = jit(f);
  const out = g(...args());
  setDebug(0);
  for (const o of [out].flat()) await o.data();
  g.dispose();
  return (text.join("\n").match(/\bexecute \(/g) ?? []).length;
}

/** Small integers, so every sum and product below is exact in float32. */
const ints = (n: number, seed: number) =>
  Float32Array.from({ length: n }, (_, i) => ((i * 7 + seed * 13) % 9) - 4);

/** Row-major [m, k]·[k, n] on the host. */
function hostMatmul(a: Float32Array, b: Float32Array, m: number, k: number, n: number) {
  const c = new Float32Array(m * n);
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let t = 0; t < k; t++) s += a[i * k + t] * b[t * n + j];
      c[i * n + j] = s;
    }
  return c;
}

describe("patched jax-js view fusion", () => {
  it("is the patched dist that runs", () => {
    const dist = new URL("../../node_modules/@jax-js/jax/dist/", import.meta.url);
    const index = readdirSync(dist).find((f) => f === "index.js");
    expect(readFileSync(new URL(index!, dist), "utf8")).toContain(
      "A view read by several kernels costs nothing to recompute",
    );
  });

  it("reads a weight's transpose in two matmuls without copying it", async () => {
    const [m, k, n] = [6, 12, 10];
    const w = ints(n * k, 1); // [n, k], the dense layers' [out, in]
    const a = ints(m * k, 2);
    const b = ints(m * n, 3);
    const f = (wv: np.Array, av: np.Array, bv: np.Array) => {
      const wt = wv.transpose(); // [k, n]: one view, two readers
      return [np.matmul(av, wt.ref), np.matmul(bv, wt.transpose())];
    };
    const args = () =>
      [np.array(w).reshape([n, k]), np.array(a).reshape([m, k]), np.array(b).reshape([m, n])] as [
        np.Array,
        np.Array,
        np.Array,
      ];
    expect(await programSteps(f, args)).toBe(2); // two matmuls, no copy of wᵀ

    const [y, z] = jit(f)(...args());
    const wT = Float32Array.from({ length: k * n }, (_, i) => w[(i % n) * k + Math.floor(i / n)]);
    expect(await y.data()).toEqual(hostMatmul(a, wT, m, k, n));
    expect(await z.data()).toEqual(hostMatmul(b, w, m, n, k));
  });

  it("keeps values when views of a computed value have several readers, a pad and a sort among them", async () => {
    const [r, c] = [8, 6];
    const x = ints(r * c, 4);
    const f = (xv: np.Array) => {
      const h = xv.mul(2).add(1); // computed, then viewed
      const t = h.ref.transpose(); // [c, r]: read by three kernels and a sort
      const [top, bottom] = np.split(h.ref, 2, 0); // [r/2, c] each
      return [
        t.ref.add(1),
        t.ref.mul(t.ref),
        np.sort(t),
        top.ref.add(bottom.ref),
        np
          .pad(top, [
            [1, 0],
            [0, 2],
          ])
          .sum(0),
        bottom.mul(h.sum()),
      ];
    };
    const [plusOne, squared, sorted, sumHalves, padded, scaled] = jit(f)(
      np.array(x).reshape([r, c]),
    );
    const h = x.map((v) => v * 2 + 1);
    const t = Float32Array.from({ length: c * r }, (_, i) => h[(i % r) * c + Math.floor(i / r)]);
    const half = (r / 2) * c;
    const total = h.reduce((s, v) => s + v, 0);
    expect(await plusOne.data()).toEqual(t.map((v) => v + 1));
    expect(await squared.data()).toEqual(t.map((v) => v * v));
    const rows = Array.from({ length: c }, (_, i) =>
      [...t.slice(i * r, (i + 1) * r)].sort((p, q) => p - q),
    );
    expect(await sorted.data()).toEqual(Float32Array.from(rows.flat()));
    expect(await sumHalves.data()).toEqual(h.slice(0, half).map((v, i) => v + h[half + i]));
    const colSums = Float32Array.from({ length: c + 2 }, (_, j) => {
      let s = 0;
      for (let i = 0; i < r / 2; i++) s += j < c ? h[i * c + j] : 0;
      return s;
    });
    expect(await padded.data()).toEqual(colSums);
    expect(await scaled.data()).toEqual(h.slice(half).map((v) => v * total));
  });
});
