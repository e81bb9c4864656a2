/** Problem 1's figures as Vega-Lite specs with their data inline. */
import { type Figure, lineChart, type ReferenceLine } from "../../charts/index.js";
import { figureLabel, homework } from "../../problems/index.js";
import { FIGURES } from "../../results/layout.js";
import type { InitStatsResult } from "./init-stats.js";
import { atProblemSize, type TransformerProfile } from "./profiles.js";
import type { TrainRunResult } from "./train.js";

/** The std of the initial logits against d_model, one line per scheme (measured). */
export function initLogitStdFigure(res: InitStatsResult): Figure {
  return lineChart({
    name: FIGURES.initLogitStd,
    title: "Std of the initial logits vs d_model (measured)",
    rows: res.rows.map((r) => ({ d_model: r.dModel, logit_std: r.logitStd, scheme: r.scheme })),
    x: "d_model",
    y: "logit_std",
    series: "scheme",
    yScale: "log",
    yTitle: "std of initial logits",
  });
}

/** Steps in Figure 1's running mean of the training loss (one batch's loss is noisy). */
const TRAIN_LOSS_WINDOW = 10;

/** The running mean over the last `w` values (fewer at the start): m_i = mean(x_{i−w+1..i}). */
function runningMean(xs: number[], w: number): number[] {
  return xs.map((_, i) => {
    const win = xs.slice(Math.max(0, i - w + 1), i + 1);
    return win.reduce((a, x) => a + x, 0) / win.length;
  });
}

/**
 * The problem's own Figure 1 values as labelled reference lines: the final losses quoted by the
 * part that shows the figure. Only for a profile of the problem's model: they are that model's
 * losses after full training, and the bug's loss grows with d_model (its logits' std is √d),
 * so beside a smaller model they would compare two different models.
 */
export function figure1References(profile: TransformerProfile): ReferenceLine[] {
  if (!atProblemSize(profile)) return [];
  const quotes = homework.parts.find((p) => p.figures.includes(FIGURES.figure1))?.quotes ?? {};
  const line = (value: number | undefined, what: string) =>
    value === undefined ? [] : [{ value, label: `the problem's ${what} ends near ${value}` }];
  return [...line(quotes.stalledLoss, "bug"), ...line(quotes.correctLoss, "fix")];
}

/**
 * Figure 1: training loss (per step, 10-step running mean) and validation loss per scheme, with
 * the problem's own values where they apply (`figure1References`).
 */
export function figure1(profile: TransformerProfile, results: TrainRunResult[]): Figure {
  const rows: Record<string, number | string>[] = [];
  for (const r of results) {
    const smooth = runningMean(
      r.train.map((row) => row.loss),
      TRAIN_LOSS_WINDOW,
    );
    r.train.forEach((row, i) => {
      rows.push({ step: row.step, loss: smooth[i], scheme: r.scheme, curve: "train" });
    });
    for (const v of r.validation)
      rows.push({ step: v.step, loss: v.valLoss, scheme: r.scheme, curve: "validation" });
  }
  return lineChart({
    name: FIGURES.figure1,
    title: `${figureLabel(homework, FIGURES.figure1)} (${profile.name}): loss per target token, by embedding initialization`,
    rows,
    x: "step",
    y: "loss",
    series: "scheme",
    strokeDash: "curve",
    yScale: "log",
    yTitle: "cross-entropy (nats/token)",
    rules: figure1References(profile),
  });
}
