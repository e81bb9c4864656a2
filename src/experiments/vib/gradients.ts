/**
 * Problem 3(b): which loss term sends gradient to which parameter group. Measured, not argued:
 * the norm of ∂(task)/∂θ and ∂(β·KL)/∂θ over the encoder (θe) and decoder (θd) parameters,
 * computed by reverse-mode autodiff on one batch with V held as an external input.
 */
import { grad, type numpy as np, tree } from "../../engine/index.js";
import { lossTerms, type VibConfig, type VibParams } from "../../models/vib.js";

/** A group's gradient counts as "sends gradient" when its norm exceeds this (exact zeros fall below). */
export const GRADIENT_ZERO_THRESHOLD = 1e-12;

export type GradientCell = { norm: number; sendsGradient: boolean };

export type GradientGrid = {
  /** Rows: loss terms; columns: parameter groups. */
  task: { encoder: GradientCell; decoder: GradientCell };
  klTerm: { encoder: GradientCell; decoder: GradientCell };
  beta: number;
  batchSize: number;
  threshold: number;
  /** Values of the two terms on this batch (task in nats, β·KL in nats). */
  taskLoss: number;
  betaKl: number;
};

/** √(Σ g²) over every leaf of a gradient tree. Consumes the tree. */
function treeNorm(g: VibParams[keyof VibParams]): number {
  let s = 0;
  for (const leaf of tree.leaves(g) as np.Array[]) {
    const d = leaf.dataSync();
    for (let i = 0; i < d.length; i++) s += d[i] * d[i];
  }
  return Math.sqrt(s);
}

const cell = (norm: number): GradientCell => ({
  norm,
  sendsGradient: norm > GRADIENT_ZERO_THRESHOLD,
});

/**
 * The 2×2 grid on a batch x [B, D], one-hot y [B, C], noise v [B, K]. Borrows params;
 * consumes x, y, v. Needs the stochastic model (the deterministic baseline has no KL term).
 */
export function gradientFlow(
  params: VibParams,
  x: np.Array,
  y: np.Array,
  v: np.Array,
  cfg: VibConfig,
): GradientGrid {
  if (cfg.deterministic) throw new Error("gradientFlow needs the VIB model, not the baseline");
  const batchSize = x.shape[0];
  const task = (p: VibParams) => lossTerms(p, x.ref, y.ref, v.ref, cfg).task;
  const betaKl = (p: VibParams) => {
    const t = lossTerms(p, x.ref, y.ref, v.ref, cfg);
    t.task.dispose();
    return t.kl.mul(cfg.beta);
  };
  const gTask = grad(task)(tree.ref(params));
  const gKl = grad(betaKl)(tree.ref(params));
  const values = lossTerms(params, x, y, v, cfg);
  const taskLoss = values.task.item();
  const betaKlValue = values.kl.item() * cfg.beta;
  return {
    task: { encoder: cell(treeNorm(gTask.encoder)), decoder: cell(treeNorm(gTask.decoder)) },
    klTerm: { encoder: cell(treeNorm(gKl.encoder)), decoder: cell(treeNorm(gKl.decoder)) },
    beta: cfg.beta,
    batchSize,
    threshold: GRADIENT_ZERO_THRESHOLD,
    taskLoss,
    betaKl: betaKlValue,
  };
}

/** The grid as the problem prints it, with the measured norms beside each box. */
export function formatGradientGrid(g: GradientGrid): string {
  const box = (c: GradientCell) =>
    `${c.sendsGradient ? "☒" : "☐"} ${c.norm === 0 ? "0" : c.norm.toExponential(3)}`.padEnd(16);
  return [
    `gradient norms on a batch of ${g.batchSize} (β = ${g.beta}; ☒ = norm > ${g.threshold})`,
    `${"".padEnd(22)}${"θe (encoder)".padEnd(16)}θd (decoder)`,
    `${"task loss".padEnd(22)}${box(g.task.encoder)}${box(g.task.decoder)}`,
    `${"latent regularizer".padEnd(22)}${box(g.klTerm.encoder)}${box(g.klTerm.decoder)}`,
  ].join("\n");
}
