/**
 * Activations whose jax-js versions lose the small values. jax-js 0.1.25's `nn.softplus` is
 * log(eˣ + 1): 1 + eˣ rounds to 1 in float32 below x ≈ −17, so it returns 0 there, and ∞ above
 * x ≈ 88. Its wasm `exp` returns 0 below x ≈ −87.7 (it makes no subnormals) and its `log` returns
 * −∞ for a subnormal argument.
 */
import { numpy as np } from "./jax.js";

/** Below this, log softplus(x) = x − eˣ/2 + … equals x to within 1e−9. */
const LOG_SOFTPLUS_LINEAR_BELOW = -20;

/**
 * softplus(x) = log(1 + eˣ) = max(x, 0) + log1p(e^−|x|), as float32 holds it for every x. Consumes x.
 */
export function softplus(x: np.Array): np.Array {
  // e^−|x| as (e^−|x|/2)²: the square reaches float32's subnormals (down to x ≈ −103.9) where
  // jax-js's exp of −|x| would already be 0.
  const sqrtDecay = np.exp(np.abs(x.ref).mul(-0.5));
  return np.maximum(x, 0).add(np.log1p(np.square(sqrtDecay)));
}

/**
 * log softplus(x), finite for every finite x (log of `softplus` is −∞ once it is subnormal or 0,
 * below x ≈ −87). Consumes x.
 */
export function logSoftplus(x: np.Array): np.Array {
  // The clamp keeps the unused branch finite, so its gradient (multiplied by 0) is not NaN.
  const nearZero = np.log(softplus(np.maximum(x.ref, LOG_SOFTPLUS_LINEAR_BELOW)));
  return np.where(x.ref.less(LOG_SOFTPLUS_LINEAR_BELOW), x, nearZero);
}

/**
 * softplus(x) and log softplus(x) from one softplus: the same values, bit for bit, as `softplus`
 * and `logSoftplus` (below x = −20, softplus(x) is (e^{x/2})², what `softplus` computes there),
 * with one log1p where the two functions compute it twice, which under jit and grad is two
 * chains of about twenty kernels. Consumes x.
 */
export function softplusAndLog(x: np.Array): { softplus: np.Array; logSoftplus: np.Array } {
  const below = x.ref.less(LOG_SOFTPLUS_LINEAR_BELOW);
  const s = softplus(np.maximum(x.ref, LOG_SOFTPLUS_LINEAR_BELOW));
  // e^x as (e^{x/2})², as in `softplus`: it reaches float32's subnormals
  const tail = np.square(np.exp(np.minimum(x.ref, 0).mul(0.5)));
  return {
    softplus: np.where(below.ref, tail, s.ref),
    logSoftplus: np.where(below, x, np.log(s)),
  };
}
