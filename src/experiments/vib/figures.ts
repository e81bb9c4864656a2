/** Figures 3 and 4 of Problem 3 as Vega-Lite specs with their data inline. */
import type { TopLevelSpec } from "vega-lite";
import { type Figure, figure, VEGA_LITE_SCHEMA } from "../../charts/index.js";
import { fixed, formatBeta, percent } from "../../format/index.js";
import { FIGURES } from "../../results/layout.js";
import { VIB_PART_LABELS, wellSeparatedPanel } from "./analysis.js";
import type { VibPartC, VibPartD } from "./run.js";

/**
 * Figure 3: left, validation error (%) against β on log axes: each β's mean over seeds and
 * noise draws with its corrected bootstrap interval, and each seed's own error; right, what the
 * rule decides on: the paired difference (tiny β minus each moderate β) with its interval.
 */
export function sweepFigure(c: VibPartC, profile: string): Figure {
  const d = c.decision;
  const arms = d.arms.map((a) => ({
    beta: a.beta,
    errorPct: 100 * a.error.mean,
    lowPct: 100 * a.error.low,
    highPct: 100 * a.error.high,
  }));
  const seeds = c.runs
    .filter((r) => r.seed < d.seeds)
    .map((r) => ({ beta: r.beta, errorPct: 100 * r.validationError, seed: `seed ${r.seed}` }));
  const diffs = d.contrasts
    .filter((x) => x.test === "moderate-beats-reference")
    .map((x) => ({
      beta: x.minus,
      diffPct: 100 * x.interval.mean,
      lowPct: 100 * x.interval.low,
      highPct: 100 * x.interval.high,
    }));
  const x = {
    field: "beta",
    type: "quantitative",
    scale: { type: "log" },
    title: "β",
    axis: { format: ".0e" },
  };
  const dx = { ...x, scale: { type: "log", padding: 24 } };
  const y = {
    type: "quantitative",
    scale: { type: "log", nice: false },
    title: "validation error (%)",
  };
  const dy = {
    type: "quantitative",
    title: `error at β = ${formatBeta(c.design.reference)} minus at β (points)`,
  };
  const spec = {
    $schema: VEGA_LITE_SCHEMA,
    title: {
      text: `VIB on MNIST: validation error vs β (profile ${profile}, ${d.seeds} paired seeds): ${VIB_PART_LABELS.sweep} ${d.status}`,
      subtitle: [
        `${c.base.trainSubset ?? "all"} training digits, encoder ${[c.base.model.inputDim, ...c.base.model.hidden].join("-")}, K = ${c.base.model.zDim}; ` +
          `${c.base.validationSize} validation digits, ${c.base.finalDraws ?? 1} noise draws of ${c.base.model.evalSamples} samples`,
        `bars: ${percent(d.confidence)} bootstrap intervals over validation digits (Bonferroni-corrected); right: paired differences, > 0 = the moderate β is better`,
      ],
    },
    hconcat: [
      {
        width: 380,
        height: 280,
        layer: [
          {
            data: { values: arms },
            mark: { type: "rule", strokeWidth: 2 },
            encoding: { x, y: { ...y, field: "lowPct" }, y2: { field: "highPct" } },
          },
          {
            data: { values: arms },
            mark: { type: "line", point: true, tooltip: true },
            encoding: { x, y: { ...y, field: "errorPct" } },
          },
          {
            data: { values: seeds },
            mark: { type: "point", opacity: 0.6, size: 24, tooltip: true },
            encoding: {
              x,
              y: { ...y, field: "errorPct" },
              color: { field: "seed", type: "nominal", title: "one seed" },
            },
          },
        ],
      },
      {
        width: 240,
        height: 280,
        layer: [
          {
            data: { values: [{ zero: 0 }] },
            mark: { type: "rule", strokeDash: [4, 4], color: "gray" },
            encoding: { y: { field: "zero", type: "quantitative" } },
          },
          {
            data: { values: diffs },
            mark: { type: "rule", strokeWidth: 2 },
            encoding: { x: dx, y: { ...dy, field: "lowPct" }, y2: { field: "highPct" } },
          },
          {
            data: { values: diffs },
            mark: { type: "point", filled: true, size: 60, tooltip: true },
            encoding: { x: dx, y: { ...dy, field: "diffPct" } },
          },
        ],
      },
    ],
  } as unknown as TopLevelSpec;
  return figure(FIGURES.sweep, "Validation error against β", spec);
}

/**
 * Figure 4: latent means per β (seed 0), one panel each, every panel with its own axis range;
 * the title states 3(d)(ii)'s decision, each panel its cross-entropy and error over the seeds.
 */
export function latentFigure(d: VibPartD, profile: string): Figure {
  const dec = d.decision;
  const panels = d.runs.map((r) => {
    const e = r.stats.extent;
    const arm = dec.arms.find((a) => a.beta === r.beta);
    return {
      title: {
        text: `β = ${r.beta}`,
        subtitle: [
          `x ∈ [${e.x[0].toFixed(2)}, ${e.x[1].toFixed(2)}], y ∈ [${e.y[0].toFixed(2)}, ${e.y[1].toFixed(2)}] (seed 0)`,
          `Fisher ${r.stats.fisherRatio.toFixed(2)}, kNN ${(100 * r.stats.knnAccuracy).toFixed(1)} % (seed 0)`,
          ...(arm
            ? [
                `val cross-entropy ${fixed(arm.crossEntropy.mean, 4)} [${fixed(arm.crossEntropy.low, 4)}, ${fixed(arm.crossEntropy.high, 4)}] nats`,
                `val error ${percent(arm.error.mean)} [${percent(arm.error.low)}, ${percent(arm.error.high)}] (${dec.seeds} seeds)`,
              ]
            : []),
        ],
      },
      width: 240,
      height: 240,
      // fields in a fixed order: a reused run's points come back from JSON with sorted keys
      data: { values: r.points.map((p) => ({ x: p.x, y: p.y, digit: String(p.digit) })) },
      mark: { type: "point", filled: true, opacity: 0.6, size: 18 },
      encoding: {
        x: { field: "x", type: "quantitative", scale: { zero: false }, title: "μ₁" },
        y: { field: "y", type: "quantitative", scale: { zero: false }, title: "μ₂" },
        color: { field: "digit", type: "nominal", title: "digit" },
        shape: { field: "digit", type: "nominal", title: "digit" },
      },
    };
  });
  const best =
    dec.best !== null
      ? `β = ${formatBeta(dec.best)} predicts best (lowest validation cross-entropy, resolved against both others)`
      : `no β resolved best (lowest mean cross-entropy: β = ${formatBeta(dec.leader)})`;
  // the claim is read against the panel the problem set describes as well separated (runPartD);
  // its description takes hyphens before the noun ("the well-separated one")
  const claimedAs = wellSeparatedPanel().clusters.replaceAll(" ", "-");
  const spec = {
    $schema: VEGA_LITE_SCHEMA,
    title: {
      text: `VIB latent means of held-out digits ${d.digits.join(", ")} (K = ${d.base.model.zDim}, profile ${profile}): ${VIB_PART_LABELS.latentBest} ${d.claim.status}`,
      subtitle: [
        `${best}; claimed: β = ${formatBeta(d.claim.beta)}, panel (${d.claim.panel}), the ${claimedAs} one`,
        `${dec.seeds} seeds paired across β, ${d.base.trainSubset ?? "all"} training digits, ${d.base.validationSize} validation digits, ${d.base.finalDraws ?? 1} noise draws of ${d.base.model.evalSamples} samples; ` +
          `${percent(dec.confidence)} intervals over seeds and digits (Bonferroni over pairs and looks)`,
      ],
    },
    hconcat: panels,
    resolve: { scale: { x: "independent", y: "independent" } },
  } as unknown as TopLevelSpec;
  return figure(FIGURES.latent, "Latent means per β", spec);
}
