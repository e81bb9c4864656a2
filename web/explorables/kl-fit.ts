/**
 * The fit half of the KL explorer: Q = N(μ, σ²) fitted to a target by forward KL D(P‖Q) and by
 * reverse KL D(Q‖P), with the project's `fitGaussian` (jax-js gradients, several seeded starts),
 * computed in the page when asked. Every distinct local minimum found is drawn.
 */

import { type DirectionResult, type FitResult, fitGaussian } from "../../src/divergences/fit.js";
import {
  type Continuous,
  type Distribution,
  formatDistribution,
  isDiscrete,
  normal,
  ParseError,
  parseDistribution,
} from "../../src/divergences/index.js";
import type { HashBinding } from "./hash.js";
import { densityRows, densitySpec, type KlState } from "./kl.js";
import { control, draw, fmt, h, seedInput, slider } from "./ui.js";

export type FitSection = { el: HTMLElement; sync(s: KlState): void };

function minimaText(r: DirectionResult): string {
  if (!r.finite) return `infinite for every Gaussian: ${r.reason}`;
  if (!r.minima.length) return "no minimum found";
  return r.minima
    .map(
      (m) =>
        `N(μ=${fmt(m.mu, 3)}, σ=${fmt(m.sigma, 3)}): KL ${fmt(m.klNats, 4)} nats (${m.runs.length} of ${r.runs.length} starts)`,
    )
    .join("; ");
}

export function fitSection(binding: HashBinding<KlState>): FitSection {
  const targetIn = h("input", {
    type: "text",
    value: binding.state.target,
    spellcheck: "false",
    autocomplete: "off",
    name: "target",
  });
  const targetErr = h("pre", { class: "parse-error", role: "alert" });
  const targetBox = control(
    "Target P (continuous)",
    targetIn,
    "e.g. a mixture: 0.5 N(-2, 0.25) + 0.5 N(2, 0.25)",
  );
  targetBox.append(targetErr);
  const steps = slider({
    label: "Adam steps per start",
    min: 100,
    max: 1500,
    step: 100,
    value: binding.state.steps,
    name: "steps",
  });
  const seedIn = seedInput(binding.state.seed, "fit-seed");
  const seedBox = control("Seed (starting points)", seedIn);
  const run = h("button", { type: "button", text: "Run the forward and reverse fits" });
  const status = h("p", { class: "device", role: "status" });
  const fwd = h("p", { class: "fit-forward" });
  const rev = h("p", { class: "fit-reverse" });
  const chart = h("div", {
    class: "vega",
    role: "img",
    "aria-label": "Target density with the fitted Gaussians",
  });
  const el = h(
    "section",
    { "aria-labelledby": "fits-h" },
    h("h2", { id: "fits-h", text: "Forward and reverse fits" }),
    h("p", {
      text: "Fit a Gaussian Q to the target by minimising D(P‖Q) (forward) and D(Q‖P) (reverse). Each direction starts from several seeded points; every distinct local minimum is kept.",
    }),
    h("div", { class: "controls" }, targetBox, steps.wrap, seedBox),
    h("p", {}, run),
    status,
    h("div", { "aria-live": "polite" }, fwd, rev),
    chart,
  );

  const readTarget = (): Continuous | null => {
    targetErr.textContent = "";
    try {
      const readings = parseDistribution(targetIn.value).readings;
      const r = readings[Math.min(binding.state.reading, readings.length - 1)]!;
      if (isDiscrete(r.dist)) {
        targetErr.textContent = "the target must be a continuous distribution";
        return null;
      }
      return r.dist;
    } catch (err) {
      targetErr.textContent = err instanceof ParseError ? err.message : (err as Error).message;
      return null;
    }
  };

  const best = (r: DirectionResult): Distribution | null =>
    r.finite && r.minima[0] ? normal(r.minima[0].mu, r.minima[0].sigma) : null;

  async function runFits(): Promise<void> {
    const target = readTarget();
    if (!target) return;
    run.disabled = true;
    el.dataset.fitted = "false";
    status.textContent = "Fitting (jax-js in this page)…";
    const t0 = performance.now();
    try {
      const res: FitResult = await fitGaussian(target, {
        steps: binding.state.steps,
        seed: binding.state.seed,
      });
      status.textContent = `Fitted ${res.target} in ${fmt((performance.now() - t0) / 1000, 2)} s (${res.config.starts} starts × ${res.config.steps} steps, seed ${res.config.seed}). Target mean ${fmt(res.targetMoments.mean, 3)}, std ${fmt(res.targetMoments.std, 3)}.`;
      fwd.textContent = `Forward D(P‖Q): ${minimaText(res.forward)}`;
      rev.textContent = `Reverse D(Q‖P): ${minimaText(res.reverse)}`;
      const named: Array<[string, Distribution]> = [
        [`target P = ${formatDistribution(target)}`, target],
      ];
      const f = best(res.forward);
      if (f) named.push([`forward fit (mass-covering)`, f]);
      if (res.reverse.finite)
        res.reverse.minima.forEach((m, i) => {
          named.push([
            `reverse fit${res.reverse.finite && res.reverse.minima.length > 1 ? ` #${i + 1}` : ""} (mode-seeking)`,
            normal(m.mu, m.sigma),
          ]);
        });
      await draw(chart, densitySpec("Target and fitted Gaussians", densityRows(named, 300)));
      el.dataset.fitted = "true";
    } catch (err) {
      status.textContent = `The fit failed: ${(err as Error).message}`;
      el.dataset.fitted = "error";
    } finally {
      run.disabled = false;
    }
  }

  targetIn.addEventListener("input", () => {
    if (readTarget()) binding.update({ target: targetIn.value });
  });
  steps.input.addEventListener("input", () => binding.update({ steps: Number(steps.input.value) }));
  seedIn.addEventListener("change", () => {
    const v = Number(seedIn.value);
    if (Number.isInteger(v) && v >= 0) binding.update({ seed: v });
  });
  run.addEventListener("click", () => void runFits());
  return {
    el,
    sync(s) {
      targetIn.value = s.target;
      steps.set(s.steps);
      seedIn.value = String(s.seed);
    },
  };
}
