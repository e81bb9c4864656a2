/**
 * Random numbers on two sides: a tiny seeded JS generator (mulberry32) for shuffles and
 * splits, whose whole state is one uint32 so a run can save and resume it, and explicit
 * jax-js keys (threefry) for everything drawn inside jitted code.
 */
import { type numpy as np, numpy, random } from "./jax.js";

/** A seeded JS generator; `state()`/`restore()` make a shuffled order resumable. */
export type Rng = {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Standard normal (Box–Muller; draws two uniforms, keeps no cache so state stays one number). */
  normal(): number;
  /** Fisher–Yates shuffle of `arr` in place; returns `arr`. */
  shuffle<T>(arr: T[]): T[];
  /** Shuffle of a typed index array in place (same order as `shuffle` on the same state). */
  shuffleIndices(arr: Uint32Array | Int32Array): Uint32Array | Int32Array;
  /** The generator's whole state: one uint32. */
  state(): number;
  /** Puts the generator back to a state saved by `state()`. */
  restore(state: number): void;
};

/** Mixes a 32-bit value into a well-spread 32-bit hash (splitmix32 finaliser). */
export function mix32(x: number): number {
  let z = (x + 0x9e3779b9) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  return (z ^ (z >>> 16)) >>> 0;
}

/** Creates a mulberry32 generator; the seed is hashed so seeds 0, 1, 2… give unrelated streams. */
export function createRng(seed: number): Rng {
  if (!Number.isInteger(seed)) throw new Error(`rng seed must be an integer, got ${seed}`);
  let s = mix32(seed >>> 0);
  const next = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number): number => Math.floor(next() * n);
  const swapShuffle = <A extends { length: number; [i: number]: unknown }>(arr: A): A => {
    for (let i = arr.length - 1; i > 0; i--) {
      const j = int(i + 1);
      const tmp = arr[i];
      arr[i] = arr[j];
      arr[j] = tmp;
    }
    return arr;
  };
  return {
    next,
    int,
    normal() {
      const u = 1 - next(); // (0, 1], so log is finite
      const v = next();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
    shuffle: (arr) => swapShuffle(arr),
    shuffleIndices: (arr) => swapShuffle(arr),
    state: () => s,
    restore(state: number) {
      if (!Number.isInteger(state) || state < 0 || state > 0xffffffff) {
        throw new Error(`rng state must be a uint32, got ${state}`);
      }
      s = state;
    },
  };
}

/** A permutation of 0..n-1 fixed by `seed` (for seeded splits and epoch orders). */
export function permutation(n: number, seed: number): Uint32Array {
  const idx = new Uint32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  createRng(seed).shuffleIndices(idx);
  return idx;
}

/** A jax-js PRNG key from an integer seed (threefry, like `jax.random.key`). */
export function prngKey(seed: number): np.Array {
  return random.key(seed >>> 0);
}

/** Splits `k` into `n` independent keys. Consumes `k`. */
export function splitKey(k: np.Array, n = 2): np.Array[] {
  return numpy.unstack(random.split(k, n));
}

/**
 * A key determined by (seed, index) alone, e.g. the dropout key of training step `index`,
 * so a resumed run draws exactly what an uninterrupted one would. Like `jax.random.fold_in`.
 */
export function foldIn(seed: number, index: number): np.Array {
  if (!Number.isInteger(index) || index < 0)
    throw new Error(`foldIn index must be ≥ 0, got ${index}`);
  return numpy.array([mix32(seed >>> 0), index >>> 0], { dtype: numpy.uint32 });
}
