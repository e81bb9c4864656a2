/** Figures 3 and 4 of Problem 3 as Vega-Lite specs with their data inline. */
import type { TopLevelSpec } from "vega-lite";
import { type Figure, figure, VEGA_LITE_SCHEMA } from "../../charts/index.js";
import type { VibPartC, VibPartD } from "./run.js";

/** Figure 3: validation and test error (%) against β on a log axis. */
export function sweepFigure(c: VibPartC, profile: string): Figure {
  const rows = c.points.flatMap((p) => [
    { beta: p.beta, errorPct: 100 * p.validationError, set: "validation" },
    { beta: p.beta, errorPct: 100 * p.testError, set: "test" },
  ]);
  const spec = {
    $schema: VEGA_LITE_SCHEMA,
    title: {
      text: `VIB on MNIST: error vs β (K = 256, profile ${profile})`,
      subtitle: `minimum at β = ${c.shape.argminBeta}; curve (${c.shape.curve}): ${c.shape.reason}`,
    },
    width: 480,
    height: 300,
    data: { values: rows },
    mark: { type: "line", point: true, tooltip: true },
    encoding: {
      x: {
        field: "beta",
        type: "quantitative",
        scale: { type: "log" },
        title: "β",
        axis: { format: ".0e" },
      },
      y: { field: "errorPct", type: "quantitative", title: "error (%)" },
      color: { field: "set", type: "nominal", title: "set" },
    },
  } as TopLevelSpec;
  return figure("vib-figure3-error-vs-beta", "Error against β", spec);
}

/** Figure 4: latent means per β, one panel each, every panel with its own axis range. */
export function latentFigure(d: VibPartD, profile: string): Figure {
  const panels = d.runs.map((r) => {
    const e = r.stats.extent;
    return {
      title: {
        text: `β = ${r.beta}`,
        subtitle: [
          `x ∈ [${e.x[0].toFixed(2)}, ${e.x[1].toFixed(2)}], y ∈ [${e.y[0].toFixed(2)}, ${e.y[1].toFixed(2)}]`,
          `Fisher ${r.stats.fisherRatio.toFixed(2)}, kNN ${(100 * r.stats.knnAccuracy).toFixed(1)} %, val err ${(100 * r.stats.validationError).toFixed(2)} %`,
        ],
      },
      width: 240,
      height: 240,
      data: { values: r.points.map((p) => ({ ...p, digit: String(p.digit) })) },
      mark: { type: "point", filled: true, opacity: 0.6, size: 18 },
      encoding: {
        x: { field: "x", type: "quantitative", scale: { zero: false }, title: "μ₁" },
        y: { field: "y", type: "quantitative", scale: { zero: false }, title: "μ₂" },
        color: { field: "digit", type: "nominal", title: "digit" },
        shape: { field: "digit", type: "nominal", title: "digit" },
      },
    };
  });
  const spec = {
    $schema: VEGA_LITE_SCHEMA,
    title: `VIB latent means of held-out digits ${d.digits.join(", ")} (K = 2, profile ${profile})`,
    hconcat: panels,
    resolve: { scale: { x: "independent", y: "independent" } },
  } as unknown as TopLevelSpec;
  return figure("vib-figure4-latent", "Latent means per β", spec);
}
