/**
 * jax-js's wasm matmul kernels, as patched (patches/@jax-js+jax+0.1.25+001+matmul-kernel.patch:
 * 4×8 register block, k unrolled by 2, worker splits balanced to the register block;
 * …+004+k-simd-tile.patch: 4×2 blocks for the kernel that runs along k, as a·bᵀ does), against
 * a float64 reference: odd and even shapes, offset and transposed operands, batched and broadcast
 * operands, fused epilogues, on the worker pool.
 */
import { readdirSync, readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { initEngine, jit, numpy as np } from "./index.js";

/** Deterministic values in (−1, 1), row-major, for a [rows, cols] matrix. */
function values(rows: number, cols: number, seed: number): Float64Array {
  return Float64Array.from({ length: rows * cols }, (_, i) =>
    Math.sin(i * 12.9898 + seed * 78.233),
  );
}

/** A [rows, cols] float64 matrix, row-major. */
type Mat = { rows: number; cols: number; data: Float64Array };
const transposed = (m: Mat): Mat => {
  const data = new Float64Array(m.rows * m.cols);
  for (let i = 0; i < m.rows; i++)
    for (let j = 0; j < m.cols; j++) data[j * m.rows + i] = m.data[i * m.cols + j];
  return { rows: m.cols, cols: m.rows, data };
};
const block = (m: Mat, r0: number, rows: number, c0: number, cols: number): Mat => {
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++)
    for (let j = 0; j < cols; j++) data[i * cols + j] = m.data[(r0 + i) * m.cols + c0 + j];
  return { rows, cols, data };
};
const mat = (rows: number, cols: number, seed: number): Mat => ({
  rows,
  cols,
  data: values(rows, cols, seed),
});
const device = (m: Mat) => np.array(Float32Array.from(m.data)).reshape([m.rows, m.cols]);

/**
 * a·b in float64, and the bound a float32 result must meet in any summation order:
 * |error| ≤ (K + 2)·2⁻²⁴·Σₖ|aᵢₖ bₖⱼ| (Higham's γ_K, plus the rounding of inputs).
 */
function reference(a: Mat, b: Mat): { c: Float64Array; bound: Float64Array } {
  const c = new Float64Array(a.rows * b.cols);
  const bound = new Float64Array(a.rows * b.cols);
  const u = (a.cols + 2) * 2 ** -24;
  for (let i = 0; i < a.rows; i++)
    for (let j = 0; j < b.cols; j++) {
      let s = 0;
      let abs = 0;
      for (let k = 0; k < a.cols; k++) {
        const p = a.data[i * a.cols + k] * b.data[k * b.cols + j];
        s += p;
        abs += Math.abs(p);
      }
      c[i * b.cols + j] = s;
      bound[i * b.cols + j] = u * abs;
    }
  return { c, bound };
}

/** The largest |got − want| / (bound + tiny) over all entries: ≤ 1 passes. */
function worstRatio(got: ArrayLike<number>, want: Float64Array, bound: Float64Array): number {
  expect(got.length).toBe(want.length);
  let worst = 0;
  for (let i = 0; i < want.length; i++)
    worst = Math.max(worst, Math.abs(got[i] - want[i]) / (bound[i] + 1e-30));
  return worst;
}

const matmul = jit((a: np.Array, b: np.Array) => np.matmul(a, b));
const matmulBT = jit((a: np.Array, b: np.Array) => np.matmul(a, b.transpose()));
const matmulAT = jit((a: np.Array, b: np.Array) => np.matmul(a.transpose(), b));

// [M, K, N]: odd, prime and even sizes; tile remainders in every axis; k tiles of odd and even
// length (K = 129, 130 give odd k tiles; 784 gives 56); 100 rows split across two workers.
const shapes: [number, number, number][] = [
  [1, 1, 1],
  [3, 5, 7],
  [4, 8, 8],
  [13, 64, 9],
  [37, 129, 33],
  [64, 130, 96],
  [100, 784, 128],
  [100, 256, 1024],
  [257, 96, 20],
];

beforeAll(async () => {
  await initEngine();
});

describe("patched jax-js matmul against float64", () => {
  it("is the patched dist that runs", () => {
    const dist = new URL("../../node_modules/@jax-js/jax/dist/", import.meta.url);
    const backend = readdirSync(dist).find((f) => /^backend-.*\.js$/.test(f));
    const text = readFileSync(new URL(backend!, dist), "utf8");
    expect(text).toContain("TILED_SIMD_K_UNROLL = 2");
    expect(text).toContain("K_SIMD_MICRO_COLS = 2"); // patch 004: the k-contiguous kernel (a·bᵀ)
  });

  it.each(shapes)("a·b, a·bᵀ and aᵀ·b at M=%i K=%i N=%i", async (M, K, N) => {
    const a = mat(M, K, 1);
    const b = mat(K, N, 2);
    const { c, bound } = reference(a, b);
    const runs = [
      matmul(device(a), device(b)),
      matmulBT(device(a), device(transposed(b))), // b stored [N, K], the dense layers' layout
      matmulAT(device(transposed(a)), device(b)), // a stored [K, M], as in a weight gradient
    ];
    for (const out of runs) {
      expect(out.shape).toEqual([M, N]);
      expect(worstRatio(await out.data(), c, bound)).toBeLessThanOrEqual(1);
    }
  });

  it("reads offset blocks of larger arrays (row stride ≠ width)", async () => {
    const big = mat(70, 140, 3);
    const other = mat(131, 50, 4);
    const a = block(big, 3, 61, 5, 131);
    const { c, bound } = reference(a, other);
    const f = jit((x: np.Array, y: np.Array) => np.matmul(x.slice([3, 64], [5, 136]), y));
    expect(worstRatio(await f(device(big), device(other)).data(), c, bound)).toBeLessThanOrEqual(1);
  });

  it("batches and broadcasts: [B, M, K]·[K, N] and [B, M, K]·[B, N, K]ᵀ", async () => {
    const [B, M, K, N] = [3, 20, 36, 12];
    const as = [0, 1, 2].map((s) => mat(M, K, 10 + s));
    const bs = [0, 1, 2].map((s) => mat(N, K, 20 + s));
    const stack = (ms: Mat[]) =>
      np.array(Float32Array.from(ms.flatMap((m) => Array.from(m.data)))).reshape([B, M, K]);
    const stackB = np
      .array(Float32Array.from(bs.flatMap((m) => Array.from(m.data))))
      .reshape([B, N, K]);
    const shared = transposed(bs[0]); // [K, N]
    const broadcast = await matmul(stack(as), device(shared)).data();
    const batched = await jit((x: np.Array, y: np.Array) => np.matmul(x, y.transpose([0, 2, 1])))(
      stack(as),
      stackB,
    ).data();
    for (let i = 0; i < B; i++) {
      const r1 = reference(as[i], shared);
      const r2 = reference(as[i], transposed(bs[i]));
      const slice = (d: ArrayLike<number>) => Array.from(d).slice(i * M * N, (i + 1) * M * N);
      expect(worstRatio(slice(broadcast), r1.c, r1.bound)).toBeLessThanOrEqual(1);
      expect(worstRatio(slice(batched), r2.c, r2.bound)).toBeLessThanOrEqual(1);
    }
  });

  it("fuses epilogues: relu(a·bᵀ + bias)·s + c and exp(a·b − 1)", async () => {
    const [M, K, N] = [100, 130, 40];
    const a = mat(M, K, 5);
    const b = mat(K, N, 6);
    const bias = values(1, N, 7);
    const residual = mat(M, N, 8);
    const { c, bound } = reference(a, b);
    const f = jit((x: np.Array, wt: np.Array, bv: np.Array, r: np.Array) =>
      np.maximum(np.matmul(x, wt.transpose()).add(bv), 0).mul(0.5).add(r),
    );
    const g = jit((x: np.Array, y: np.Array) => np.exp(np.matmul(x, y).sub(1)));
    const got = await f(
      device(a),
      device(transposed(b)),
      np.array(Float32Array.from(bias)),
      device(residual),
    ).data();
    const gotExp = await g(device(a), device(b)).data();
    const want = new Float64Array(M * N);
    const wantBound = new Float64Array(M * N);
    const wantExp = new Float64Array(M * N);
    const expBound = new Float64Array(M * N);
    for (let i = 0; i < M; i++)
      for (let j = 0; j < N; j++) {
        const at = i * N + j;
        const pre = c[at] + bias[j];
        want[at] = Math.max(pre, 0) * 0.5 + residual.data[at];
        // the matmul's bound passes through relu and ×0.5; a few roundings of the epilogue
        wantBound[at] = bound[at] * 0.5 + 4 * 2 ** -24 * (Math.abs(pre) + Math.abs(want[at]));
        wantExp[at] = Math.exp(c[at] - 1);
        // d exp(x) = exp(x) dx, plus jax-js's exp (a few ulps) and the subtraction
        expBound[at] = wantExp[at] * (bound[at] + 8 * 2 ** -24 * (1 + Math.abs(c[at] - 1)));
      }
    expect(worstRatio(got, want, wantBound)).toBeLessThanOrEqual(1);
    expect(worstRatio(gotExp, wantExp, expBound)).toBeLessThanOrEqual(1);
  });
});
