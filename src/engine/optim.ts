/**
 * Adam/AdamW on jax-js as a pure optax-style `{ init, update }` pair. The step count and
 * the learning rate schedule live in arrays, so a jitted train step that calls `update`
 * compiles once and never retraces as the step advances.
 */
import { type JsTree, numpy as np, tree } from "./jax.js";

/** A parameter (or gradient, or moment) tree: nested objects/arrays of jax arrays. */
export type Tree = JsTree<np.Array>;

/** Learning-rate schedules as data (so they can sit in a config and a checkpoint). */
export type Schedule =
  | { kind: "constant"; lr: number }
  /** lr · factor^⌊step/everySteps⌋ (VIB: ×0.97 every 2 epochs). */
  | { kind: "exponentialStepDecay"; lr: number; factor: number; everySteps: number }
  /** lr · min(t/warmup, √(warmup/t)) with t = step+1: linear warm-up, then 1/√t (Noam). */
  | { kind: "warmupInverseSqrt"; lr: number; warmupSteps: number }
  /** Linear warm-up to lr over warmupSteps, then cosine down to finalLr at totalSteps. */
  | { kind: "warmupCosine"; lr: number; warmupSteps: number; totalSteps: number; finalLr?: number };

/** A constant learning rate. */
export const constant = (lr: number): Schedule => ({ kind: "constant", lr });
/** Step decay: lr · factor^⌊step/everySteps⌋. */
export const exponentialStepDecay = (o: {
  lr: number;
  factor: number;
  everySteps: number;
}): Schedule => ({ kind: "exponentialStepDecay", ...o });
/** Warm-up then inverse square root (the Transformer paper's schedule, peak = lr). */
export const warmupInverseSqrt = (o: { lr: number; warmupSteps: number }): Schedule => ({
  kind: "warmupInverseSqrt",
  ...o,
});
/** Warm-up then cosine decay to finalLr (default 0). */
export const warmupCosine = (o: {
  lr: number;
  warmupSteps: number;
  totalSteps: number;
  finalLr?: number;
}): Schedule => ({ kind: "warmupCosine", ...o });

/** Schedule value at 0-based update `step`, in plain JS (for logs, tests, and checks). */
export function scheduleValue(s: Schedule, step: number): number {
  switch (s.kind) {
    case "constant":
      return s.lr;
    case "exponentialStepDecay":
      return s.lr * s.factor ** Math.floor(step / s.everySteps);
    case "warmupInverseSqrt": {
      const t = step + 1;
      return s.lr * Math.min(t / s.warmupSteps, Math.sqrt(s.warmupSteps / t));
    }
    case "warmupCosine": {
      if (step < s.warmupSteps) return (s.lr * (step + 1)) / s.warmupSteps;
      const p = Math.min(1, (step - s.warmupSteps) / Math.max(1, s.totalSteps - s.warmupSteps));
      const lo = s.finalLr ?? 0;
      return lo + (s.lr - lo) * 0.5 * (1 + Math.cos(Math.PI * p));
    }
  }
}

/** Schedule value at a step held in a float32 scalar array (traceable under jit). Consumes `step`. */
export function scheduleArray(s: Schedule, step: np.Array): np.Array {
  switch (s.kind) {
    case "constant":
      step.dispose();
      return np.array(s.lr, { dtype: np.float32 });
    case "exponentialStepDecay":
      return np.exp(np.floor(step.div(s.everySteps)).mul(Math.log(s.factor))).mul(s.lr);
    case "warmupInverseSqrt": {
      const t = step.add(1);
      return np
        .minimum(t.ref.div(s.warmupSteps), np.sqrt(np.reciprocal(t).mul(s.warmupSteps)))
        .mul(s.lr);
    }
    case "warmupCosine": {
      const lo = s.finalLr ?? 0;
      const warm = step.ref.add(1).mul(s.lr / s.warmupSteps);
      const p = np.clip(
        step.ref.sub(s.warmupSteps).div(Math.max(1, s.totalSteps - s.warmupSteps)),
        0,
        1,
      );
      const cosine = np
        .cos(p.mul(Math.PI))
        .add(1)
        .mul(0.5 * (s.lr - lo))
        .add(lo);
      return np.where(step.less(s.warmupSteps), warm, cosine);
    }
  }
}

/** Adam hyper-parameters; `weightDecay` > 0 gives decoupled AdamW (Loshchilov & Hutter). */
export type AdamConfig = {
  lr: number | Schedule;
  b1?: number;
  b2?: number;
  eps?: number;
  weightDecay?: number;
  /**
   * Which parameters weight decay applies to: "all" (default) or "matrices" (parameters of two
   * or more dimensions only, so LayerNorm gains and every bias are not decayed).
   */
  decay?: "all" | "matrices";
};

/** Whether decoupled weight decay applies to a parameter of this shape under `decay`. */
export function decays(shape: readonly number[], decay: "all" | "matrices" = "all"): boolean {
  return decay === "all" || shape.length >= 2;
}

/** Optimizer state: update count (float32 scalar) and first/second moments shaped like params. */
export type AdamState = { count: np.Array; mu: Tree; nu: Tree };

/** An optax-style pure optimizer. */
export type Optimizer = {
  /** Fresh state for `params`. Borrows params. */
  init(params: Tree): AdamState;
  /** One update. Consumes grads, state and params; returns the new params and state. */
  update(grads: Tree, state: AdamState, params: Tree): { params: Tree; state: AdamState };
};

/**
 * Adam: m ← b1·m + (1−b1)·g, v ← b2·v + (1−b2)·g², p ← p − lr·(m̂/(√v̂+eps) + wd·p),
 * with bias-corrected m̂ = m/(1−b1^t), v̂ = v/(1−b2^t) and t the 1-based update count.
 */
export function adam(cfg: AdamConfig): Optimizer {
  const b1 = cfg.b1 ?? 0.9;
  const b2 = cfg.b2 ?? 0.999;
  const eps = cfg.eps ?? 1e-8;
  const wd = cfg.weightDecay ?? 0;
  const decay = cfg.decay ?? "all";
  const schedule: Schedule = typeof cfg.lr === "number" ? constant(cfg.lr) : cfg.lr;
  const zerosLike = (p: np.Array) => np.zeros(p.shape, { dtype: np.float32 });
  return {
    init(params) {
      return {
        count: np.array(0, { dtype: np.float32 }),
        mu: tree.map(zerosLike, params) as Tree,
        nu: tree.map(zerosLike, params) as Tree,
      };
    },
    update(grads, state, params) {
      const lr = scheduleArray(schedule, state.count.ref); // schedule at the 0-based count
      const t = state.count.add(1);
      // bias corrections 1 − b^t = −expm1(t·ln b): from the count array (so jit never
      // retraces) and via expm1, since 1 − 0.999^t in float32 would lose digits to cancellation
      const c1 = np.expm1(t.ref.mul(Math.log(b1))).neg();
      const c2 = np.expm1(t.ref.mul(Math.log(b2))).neg();
      // 1/(1 − b^t) once, as scalars: jax-js divides by multiplying with a reciprocal, so
      // m·(1/c1) is what m/c1 computed, but each parameter's kernel no longer recomputes the
      // two reciprocals for every element (a SIMD division costs as much as the memory traffic)
      const r1 = np.reciprocal(c1);
      const r2 = np.reciprocal(c2);
      const mu = tree.map(
        (m: np.Array, g: np.Array) => m.mul(b1).add(g.ref.mul(1 - b1)),
        state.mu,
        grads,
      ) as Tree;
      const nu = tree.map(
        (v: np.Array, g: np.Array) => v.mul(b2).add(g.ref.mul(g).mul(1 - b2)),
        state.nu,
        grads,
      ) as Tree;
      const newParams = tree.map(
        (p: np.Array, m: np.Array, v: np.Array) => {
          const mHat = m.ref.mul(r1.ref);
          const vHat = v.ref.mul(r2.ref);
          let step = mHat.div(np.sqrt(vHat).add(eps));
          if (wd !== 0 && decays(p.shape, decay)) step = step.add(p.ref.mul(wd));
          return p.sub(step.mul(lr.ref));
        },
        params,
        mu,
        nu,
      ) as Tree;
      lr.dispose();
      r1.dispose();
      r2.dispose();
      return { params: newParams, state: { count: t, mu, nu } };
    },
  };
}

/**
 * The weights' moving average, as TensorFlow's `ExponentialMovingAverage` with `num_updates`:
 * e ← d·e + (1 − d)·p with d = min(maxDecay, (1 + t)/(10 + t)) and t the update count (Adam's
 * `state.count` after the update). Consumes ema and count; borrows params.
 */
export function emaUpdate(ema: Tree, params: Tree, count: np.Array, maxDecay: number): Tree {
  const d = np.minimum(count.ref.add(1).div(count.add(10)), maxDecay);
  const out = tree.map(
    (e: np.Array, p: np.Array) => e.mul(d.ref).add(p.ref.mul(d.ref.neg().add(1))),
    ema,
    params,
  ) as Tree;
  d.dispose();
  return out;
}

/**
 * Clipping by global norm (optax's `clip_by_global_norm`): g ← g · min(1, c / ‖g‖) with ‖g‖ the
 * norm of all leaves together. Returns the clipped tree and ‖g‖ before clipping (a scalar).
 * Consumes grads.
 */
export function clipByGlobalNorm(grads: Tree, maxNorm: number): { grads: Tree; norm: np.Array } {
  if (!(maxNorm > 0)) throw new Error(`clipByGlobalNorm: maxNorm must be > 0, got ${maxNorm}`);
  const leaves = tree.leaves(grads) as np.Array[];
  let sq: np.Array = np.array(0, { dtype: np.float32 });
  for (const g of leaves) sq = sq.add(np.square(g.ref).sum());
  const norm = np.sqrt(sq);
  // min(1, c/‖g‖), written so that ‖g‖ = 0 gives 1 (no division by zero)
  const scale = np.minimum(np.reciprocal(np.maximum(norm.ref, 1e-12)).mul(maxNorm), 1);
  const clipped = tree.map((g: np.Array) => g.mul(scale.ref), grads) as Tree;
  scale.dispose();
  return { grads: clipped, norm };
}
