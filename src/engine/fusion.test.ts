/**
 * jax-js's kernel split, as patched (patches/@jax-js+jax+0.1.25+003+view-fusion.patch): a view
 * (transpose, reshape, broadcast, slice, flip, pad) read by several kernels is recomputed in each
 * of them, as index arithmetic, instead of being copied into a buffer of its own; what it views
 * is materialized. Views feeding a routine or a pad keep their own buffer, as before. Values are
 * the same; the copies (a weight's transpose in the backward pass, a split's halves) are gone.
 */
import { readdirSync, readFileSync } from "node:fs";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { grad, initEngine, jit, nn, numpy as np, setDebug } from "./index.js";

beforeAll(async () => {
  await initEngine();
});
afterEach(() => {
  setDebug(0);
  vi.restoreAllMocks();
});

/** The program jax-js compiles for one call of `f` (its kernels and routines, as text). */
async function programText(
  f: (...args: np.Array[]) => np.Array | np.Array[],
  args: () => np.Array[],
): Promise<string> {
  const text: string[] = [];
  vi.spyOn(console, "info").mockImplementation((s: unknown) => void text.push(String(s)));
  setDebug(4);
  const g = jit(f);
  const out = g(...args());
  setDebug(0);
  for (const o of [out].flat()) await o.data();
  g.dispose();
  return text.join("\n");
}

/** Steps of a program that copy one buffer of `size` elements as it is (`exp` one load). */
const copiesOf = (program: string, size: number) =>
  program
    .split("execute")
    .filter((step) =>
      new RegExp(`exp = GV_0<float32>\\{[^}]*\\}\\[[^\\]]*\\]\\s+size = ${size} `).test(step),
    ).length;

/** Small integers, so every sum and product below is exact in float32. */
const ints = (n: number, seed: number) =>
  Float32Array.from({ length: n }, (_, i) => ((i * 7 + seed * 13) % 9) - 4);

/** The [cols, rows] transpose of a row-major [rows, cols] matrix. */
const transpose = (x: Float32Array, rows: number, cols: number) =>
  Float32Array.from({ length: rows * cols }, (_, i) => x[(i % rows) * cols + Math.floor(i / rows)]);

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
    const text = readFileSync(new URL(index!, dist), "utf8");
    expect(text.includes("A view read by several kernels costs nothing to recompute")).toBe(true);
  });

  it("reads a dense layer's weight in the forward and the backward matmul without copying it", async () => {
    const [m, k, n] = [6, 12, 10];
    const w = ints(n * k, 1); // [n, k], the dense layers' [out, in]
    const a = ints(m * k, 2);
    // d/da Σ relu(a wᵀ)·c: the forward matmul and the backward one (g w) read w
    const f = (wv: np.Array, av: np.Array) =>
      grad((x: np.Array) => nn.relu(np.matmul(x, wv.ref.transpose())).mul(0.5).sum())(av);
    const args = () => [np.array(w).reshape([n, k]), np.array(a).reshape([m, k])];
    const program = await programText(f as (...args: np.Array[]) => np.Array, args);
    expect(copiesOf(program, n * k)).toBe(0);

    const got = await jit(f)(...(args() as [np.Array, np.Array])).data();
    const y = hostMatmul(a, transpose(w, n, k), m, k, n);
    const g = y.map((v) => (v > 0 ? 0.5 : 0));
    expect(got).toEqual(hostMatmul(g, w, m, n, k));
  });

  it("still copies a view that a matmul reads in another layout than its source's", async () => {
    const [m, k, n] = [6, 12, 10];
    const f = (wv: np.Array, av: np.Array, bv: np.Array) => {
      const wt = wv.transpose(); // [k, n], read by two matmuls
      return [np.matmul(av, wt.ref), np.matmul(bv, wt.transpose())];
    };
    const w = ints(n * k, 1);
    const a = ints(m * k, 2);
    const b = ints(m * n, 3);
    const args = () => [
      np.array(w).reshape([n, k]),
      np.array(a).reshape([m, k]),
      np.array(b).reshape([m, n]),
    ];
    const program = await programText(f as (...args: np.Array[]) => np.Array[], args);
    expect(copiesOf(program, n * k)).toBe(1);
    const [y, z] = jit(f)(...(args() as [np.Array, np.Array, np.Array]));
    expect(await y.data()).toEqual(hostMatmul(a, transpose(w, n, k), m, k, n));
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
