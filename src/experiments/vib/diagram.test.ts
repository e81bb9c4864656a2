import { beforeAll, describe, expect, it } from "vitest";
import { initEngine, nn, numpy as np, random, tree } from "../../engine/index.js";
import { init, reparameterizationGraph, type VibConfig } from "../../models/vib.js";
import { checkReparameterization, layoutGraph, reparameterizationSvg } from "./diagram.js";
import { formatGradientGrid, gradientFlow } from "./gradients.js";

beforeAll(async () => {
  await initEngine();
});

describe("3(a) reparameterization diagram", () => {
  it("draws one multiplier, one adder, the inputs μ, σ, V and the output Z from the graph", () => {
    const svg = reparameterizationSvg();
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg.match(/data-op="multiply"/g)).toHaveLength(1);
    expect(svg.match(/data-op="add"/g)).toHaveLength(1);
    for (const id of ["mu", "sigma", "v", "z"]) expect(svg).toContain(`data-id="${id}"`);
    // The multiplier sits between σ/V and the adder; the adder feeds Z.
    const placed = layoutGraph(reparameterizationGraph);
    const at = (id: string) => placed.find((p) => p.id === id)!;
    expect(at("scaled").x).toBe(1);
    expect(at("z").x).toBe(2);
    expect(at("z:out").x).toBe(3);
  });

  it("measures mean μ, std σ, ∂Z/∂μ = 1 and ∂Z/∂σ = V", () => {
    const check = checkReparameterization(1, 50_000);
    expect(check.blocks).toEqual({ multipliers: 1, adders: 1 });
    expect(check.pass).toBe(true);
    for (const c of check.cases) expect(Math.abs(c.sampleMean - c.mu)).toBeLessThan(0.05);
    expect(check.derivatives.dZdMu).toEqual([1, 1, 1]);
    for (const [i, d] of check.derivatives.dZdSigma.entries()) {
      expect(d).toBeCloseTo(check.derivatives.v[i], 6);
    }
  });
});

describe("3(b) gradient flow", () => {
  it("task loss reaches θe and θd; the KL term reaches θe only (exactly zero on θd)", () => {
    const cfg: VibConfig = {
      inputDim: 12,
      hidden: [8],
      zDim: 4,
      numClasses: 3,
      beta: 1e-2,
      deterministic: false,
      sigmaShift: 5,
      evalSamples: 4,
    };
    const params = init(random.key(2), cfg);
    const x = random.uniform(random.key(3), [5, 12], { minval: -1, maxval: 1 });
    const y5 = nn.oneHot(np.array([0, 1, 2, 0, 1], { dtype: np.int32 }), 3); // [5, 3]
    const v = random.normal(random.key(4), [5, 4]);
    const grid = gradientFlow(params, x, y5, v, cfg);
    expect(grid.task.encoder.norm).toBeGreaterThan(1e-4);
    expect(grid.task.decoder.norm).toBeGreaterThan(1e-4);
    expect(grid.klTerm.encoder.norm).toBeGreaterThan(1e-6);
    expect(grid.klTerm.decoder.norm).toBe(0);
    expect([
      grid.task.encoder.sendsGradient,
      grid.task.decoder.sendsGradient,
      grid.klTerm.encoder.sendsGradient,
      grid.klTerm.decoder.sendsGradient,
    ]).toEqual([true, true, true, false]);
    const text = formatGradientGrid(grid);
    expect(text).toContain("latent regularizer");
    expect(text.split("\n")[3]).toMatch(/☒.*☐/);
    tree.dispose(params);
  });
});
