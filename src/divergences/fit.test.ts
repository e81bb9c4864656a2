import { beforeAll, describe, expect, it } from "vitest";
import { renderSvg } from "../charts/render.js";
import {
  engineObjective,
  type FitResult,
  fitFigures,
  fitGaussian,
  gaussianKl,
  landscapeFigure,
  parseDistribution,
} from "./index.js";

const TARGET = "0.5 N(-2, 0.5^2) + 0.5 N(2, 0.5^2)";
let fit: FitResult;

beforeAll(async () => {
  fit = await fitGaussian(TARGET, { starts: 6, steps: 600, seed: 0 });
});

describe("engine gradients of the KL objectives", () => {
  // the logistic target's reverse objective runs the family's own jax log-density
  it.each([TARGET, "Logistic(0.5, 1.5)"])(
    "match central finite differences of the float64 KL (both directions): %s",
    async (target) => {
      const p = parseDistribution(target).readings[0].dist as Parameters<typeof engineObjective>[0];
      for (const direction of ["forward", "reverse"] as const) {
        const pts = [
          [0.7, Math.log(1.3)],
          [-1.5, Math.log(0.6)],
        ];
        const g = await engineObjective(
          p,
          direction,
          pts.map((x) => x[0]),
          pts.map((x) => x[1]),
        );
        pts.forEach(([mu, ls], i) => {
          const h = 1e-4;
          const f = (m: number, l: number) => gaussianKl(p, direction, m, Math.exp(l))!;
          const dMu = (f(mu + h, ls) - f(mu - h, ls)) / (2 * h);
          const dLs = (f(mu, ls + h) - f(mu, ls - h)) / (2 * h);
          expect(Math.abs(g.dMu[i] - dMu), `${direction} ∂μ`).toBeLessThan(
            2e-3 * Math.max(1, Math.abs(dMu)),
          );
          expect(Math.abs(g.dLogSigma[i] - dLs), `${direction} ∂logσ`).toBeLessThan(
            2e-3 * Math.max(1, Math.abs(dLs)),
          );
        });
      }
    },
  );
});

describe("forward vs reverse Gaussian fits to ½N(−2, 0.5²) + ½N(2, 0.5²)", () => {
  it("forward KL: one minimum at μ ≈ 0, σ ≈ 2.06 = std(P) (moment matching), from every start", () => {
    expect(fit.forward.finite).toBe(true);
    if (!fit.forward.finite) return;
    expect(fit.forward.minima).toHaveLength(1);
    const m = fit.forward.minima[0];
    expect(Math.abs(m.mu)).toBeLessThan(5e-3);
    expect(Math.abs(m.sigma - Math.sqrt(4.25))).toBeLessThan(5e-3);
    expect(Math.abs(m.sigma - fit.targetMoments.std)).toBeLessThan(5e-3);
    expect(m.runs).toHaveLength(6);
    expect(fit.forward.others).toHaveLength(0);
  });

  it("reverse KL: one minimum per mode, μ ≈ ±2, σ ≈ 0.50, KL ≈ ln 2; all minima are real minima", () => {
    expect(fit.reverse.finite).toBe(true);
    if (!fit.reverse.finite) return;
    const modes = fit.reverse.minima.filter((m) => Math.abs(Math.abs(m.mu) - 2) < 0.01);
    expect(modes).toHaveLength(2);
    expect(modes.map((m) => Math.sign(m.mu)).sort()).toEqual([-1, 1]);
    for (const m of modes) {
      expect(Math.abs(m.sigma - 0.5)).toBeLessThan(0.01);
      expect(Math.abs(m.klNats - Math.LN2)).toBeLessThan(2e-3);
      expect(m.hessianEigs[0]).toBeGreaterThan(0);
    }
    // the best reverse fit is a mode, and it is narrower than the forward fit
    expect(fit.reverse.minima[0].klNats).toBeLessThan(Math.LN2 + 1e-3);
    expect(fit.forward.finite && fit.forward.minima[0].sigma).toBeGreaterThan(
      4 * fit.reverse.minima[0].sigma,
    );
  });

  it("reports an infinite direction with its reason instead of fitting", async () => {
    const u = await fitGaussian("U(0, 1)", { starts: 2, steps: 200, seed: undefined });
    expect(u.config.seed).toBe(0); // undefined options keep their defaults
    expect(u.reverse.finite).toBe(false);
    if (!u.reverse.finite) expect(u.reverse.reason).toMatch(/density 0/);
    expect(
      u.forward.finite && Math.abs(u.forward.minima[0].sigma - Math.sqrt(1 / 12)),
    ).toBeLessThan(0.01);
    await expect(fitGaussian("N(0, 4)")).rejects.toThrow(/ambiguous/);
  });
});

describe("figures", () => {
  it("plots A and B, the combined plot and both landscapes, data inline", async () => {
    const figs = fitFigures(fit);
    expect(figs.map((f) => f.name)).toEqual(["fit-forward", "fit-reverse", "fit-both"]);
    expect(figs[0].title).toMatch(/^Plot A — forward KL: Q = N\(0, 2\.06\d²\)/);
    expect(figs[1].title).toMatch(/^Plot B — reverse KL: Q = N\(-?2, 0\.5\d*²\)/);
    const svg = await renderSvg(figs[2].spec);
    expect(svg).toContain("forward KL(P‖Q) fit");
    expect(svg).toContain("target P");
    const land = landscapeFigure(fit, "reverse", { mu: 9, sigma: 7 });
    const rows = (
      land.spec as { data: { values: Array<{ mu: number; sigma: number; kl: number }> } }
    ).data.values;
    expect(rows).toHaveLength(63);
    const best = rows.reduce((a, b) => (b.kl < a.kl ? b : a));
    expect(Math.abs(Math.abs(best.mu) - 2)).toBeLessThan(0.6);
  });
});
