/**
 * Dense (fully connected) layers, stored as PyTorch stores them: W [out, in], y = x Wᵀ + b.
 * With W [in, out] the backward pass copied gradients through strided transposes (a fifth of a
 * VIB step); with [out, in] those copies are contiguous.
 */
import { numpy as np } from "./jax.js";

/** y = x Wᵀ + b with W [out, in], b [out]. */
export type Dense = { w: np.Array; b: np.Array };

/** y = x Wᵀ + b: [..., in] → [..., out]. Borrows p; consumes x. */
export function dense(p: Dense, x: np.Array): np.Array {
  return np.matmul(x, p.w.ref.transpose()).add(p.b.ref);
}

/**
 * A layer from a weight drawn [in, out], stored [out, in], and a zero bias: layers were drawn
 * [in, out] before the layout changed, so a seed still gives the same model. Consumes w.
 */
export function denseFromDrawn(wInOut: np.Array): Dense {
  const [, out] = wInOut.shape;
  return { w: wInOut.transpose(), b: np.zeros([out], { dtype: np.float32 }) };
}
