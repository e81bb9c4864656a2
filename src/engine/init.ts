/** Parameter initializers: each consumes its key and returns a fresh float32 array. */
import { type numpy as np, numpy, random } from "./jax.js";

/** N(mean, std²) entries. Consumes `key`. */
export function normal(key: np.Array, shape: number[], std: number, mean = 0): np.Array {
  const z = random.normal(key, shape).mul(std);
  return mean === 0 ? z : z.add(mean);
}

/** U[low, high) entries. Consumes `key`. */
export function uniform(key: np.Array, shape: number[], low: number, high: number): np.Array {
  return random.uniform(key, shape, { minval: low, maxval: high });
}

/** Glorot/Xavier uniform for a [fanIn, fanOut] weight: U(±√(6/(fanIn+fanOut))). Consumes `key`. */
export function xavierUniform(key: np.Array, shape: [number, number]): np.Array {
  const limit = Math.sqrt(6 / (shape[0] + shape[1]));
  return uniform(key, shape, -limit, limit);
}

/** Glorot/Xavier normal for a [fanIn, fanOut] weight: N(0, 2/(fanIn+fanOut)). Consumes `key`. */
export function xavierNormal(key: np.Array, shape: [number, number]): np.Array {
  return normal(key, shape, Math.sqrt(2 / (shape[0] + shape[1])));
}

/** All-zero float32 array (biases). */
export function zeros(shape: number[]): np.Array {
  return numpy.zeros(shape, { dtype: numpy.float32 });
}
