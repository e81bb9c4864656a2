/**
 * jax-js's wasm division, as patched (patches/@jax-js+jax+0.1.25+002+simd-division.patch:
 * `Reciprocal` joins the float32 ops that compile to SIMD, as `f32x4.div`). jax-js divides by
 * multiplying with a reciprocal, so every x / y is x · (1/y); both roundings are IEEE's, so each
 * result must equal the correctly rounded float32 value bit for bit, in the SIMD body and the
 * scalar tail alike.
 */
import { readdirSync, readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { initEngine, jit, numpy as np } from "./index.js";

beforeAll(async () => {
  await initEngine();
});

/** fl32(1/y): float64 then float32 is correctly rounded (53 ≥ 2·24 + 2). */
const recip32 = (y: number) => Math.fround(1 / y);

/** Values with every sign, magnitudes across the float32 range, zeros, infinities and NaN. */
function operands(n: number, seed: number): Float32Array<ArrayBuffer> {
  const special = [0, -0, Infinity, -Infinity, Number.NaN, 1e-40, -3e-39, 3.4e38, 1, -1];
  return Float32Array.from({ length: n }, (_, i) =>
    i % 17 === 5
      ? special[(i + seed) % special.length]
      : Math.sin(i * 12.9898 + seed * 78.233) * 10 ** (((i * 7 + seed) % 13) - 6),
  );
}

/** Indices where two float32 arrays differ bitwise (NaN equals NaN). */
function mismatches(got: Float32Array, want: Float32Array): number[] {
  const bad: number[] = [];
  for (let i = 0; i < want.length; i++) if (!Object.is(got[i], want[i])) bad.push(i);
  return bad;
}

describe("patched jax-js division", () => {
  it("is the patched dist that runs", () => {
    const dist = new URL("../../node_modules/@jax-js/jax/dist/", import.meta.url);
    const backend = readdirSync(dist).find((f) => /^backend-.*\.js$/.test(f));
    expect(readFileSync(new URL(backend!, dist), "utf8")).toMatch(
      /op === "Reciprocal"\) \{\s*cg\.f32\.const\(1\);\s*cg\.f32x4\.splat\(\);/,
    );
  });

  // sizes below and at the 4-lane width, lengths jax-js runs as scalars (odd) or SIMD with a
  // scalar tail (1023), and one split across the workers
  const sizes = [1, 3, 4, 5, 8, 9, 1023, 100_003];

  it.each(sizes)("1/y and x/y are correctly rounded at n = %i", async (n) => {
    const x = operands(n, 1);
    const y = operands(n, 2);
    const f = jit((a: np.Array, b: np.Array) => [np.reciprocal(b.ref), a.div(b)]);
    const [r, q] = f(np.array(x), np.array(y));
    const wantR = y.map(recip32);
    const wantQ = x.map((xi, i) => Math.fround(xi * recip32(y[i])));
    expect(mismatches((await r.data()) as Float32Array, wantR)).toEqual([]);
    expect(mismatches((await q.data()) as Float32Array, wantQ)).toEqual([]);
    f.dispose();
  });

  it("divides by a broadcast scalar and by a strided (transposed) operand", async () => {
    const [rows, cols] = [37, 29];
    const x = operands(rows * cols, 3);
    const yt = operands(rows * cols, 4); // [cols, rows], read transposed
    const s = Math.fround(3.7);
    const f = jit((a: np.Array, b: np.Array, c: np.Array) => [a.ref.div(c), a.div(b.transpose())]);
    const [byScalar, byStrided] = f(
      np.array(x).reshape([rows, cols]),
      np.array(yt).reshape([cols, rows]),
      np.array(s),
    );
    const wantS = x.map((xi) => Math.fround(xi * recip32(s)));
    const wantT = x.map((xi, k) => {
      const [i, j] = [Math.floor(k / cols), k % cols];
      return Math.fround(xi * recip32(yt[j * rows + i]));
    });
    expect(mismatches((await byScalar.data()) as Float32Array, wantS)).toEqual([]);
    expect(mismatches((await byStrided.data()) as Float32Array, wantT)).toEqual([]);
    f.dispose();
  });
});
