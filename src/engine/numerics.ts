/** NaN/Inf detection: a run stops with a message naming the step and the tensor, never continues. */
import { numpy as np } from "./jax.js";
import { type ArrayTree, namedLeaves } from "./tree.js";

/** Thrown when a loss, metric or tensor holds NaN or ±Inf. */
export class NonFiniteError extends Error {
  constructor(
    readonly step: number,
    readonly tensor: string,
    readonly detail: string,
  ) {
    super(`step ${step}: ${tensor} ${detail}`);
    this.name = "NonFiniteError";
  }
}

/** "NaN", "Inf" or "-Inf" for a non-finite number. */
const describe = (x: number): string => (Number.isNaN(x) ? "NaN" : x > 0 ? "Inf" : "-Inf");

/** Throws if any scalar metric is not finite ("step 37: loss is NaN"). */
export function checkScalars(step: number, metrics: Record<string, number>): void {
  for (const [name, x] of Object.entries(metrics)) {
    if (!Number.isFinite(x)) throw new NonFiniteError(step, name, `is ${describe(x)}`);
  }
}

/** Throws on the first leaf holding NaN/Inf ("step 37: grads.encoder.w1 contains Inf (3 of 1024 entries)"). Borrows. */
export async function checkTree(step: number, name: string, t: ArrayTree): Promise<void> {
  for (const [path, a] of namedLeaves(t, name)) {
    const data = await a.ref.data();
    let nan = 0;
    let inf = 0;
    for (let i = 0; i < data.length; i++) {
      const x = Number(data[i]);
      if (Number.isNaN(x)) nan++;
      else if (!Number.isFinite(x)) inf++;
    }
    if (nan + inf > 0) {
      const kind = nan > 0 && inf > 0 ? "NaN and Inf" : nan > 0 ? "NaN" : "Inf";
      throw new NonFiniteError(
        step,
        path,
        `contains ${kind} (${nan + inf} of ${data.length} entries)`,
      );
    }
  }
}

/** Number of NaN/Inf entries across a tree, as a scalar array (traceable: return it from a jitted step). Borrows. */
export function nonFiniteCount(t: ArrayTree): np.Array {
  let total = np.array(0, { dtype: np.int32 });
  for (const [, a] of namedLeaves(t)) {
    total = total.add(np.sum(np.logicalNot(np.isfinite(a.ref)).astype(np.int32)));
  }
  return total;
}
