import { beforeAll, describe, expect, it } from "vitest";
import { initEngine } from "../../engine/index.js";
import { embeddingStd, initSchemes, outputScale } from "../../models/transformer.js";
import { measureInitialLogits, runInitStats } from "./init-stats.js";

describe("initial logits of a real model", () => {
  beforeAll(async () => {
    await initEngine();
  });

  it.each(initSchemes)("scheme %s: logit std within 10 percent of σ·scale·√d", async (scheme) => {
    const dModel = 256;
    const s = await measureInitialLogits({
      dModel,
      vocabSize: 2000,
      embeddingStd: embeddingStd(scheme, dModel),
      outputScale: outputScale({ init: scheme, dModel }),
    });
    expect(Math.abs(s.logitStd / s.predictedLogitStd - 1)).toBeLessThan(0.1);
    expect(s.lnVocab).toBeCloseTo(Math.log(2000), 10);
    expect(s.argmaxMass).toBeGreaterThan(0);
    expect(s.argmaxMass).toBeLessThanOrEqual(1);
  });

  it("the bug's logits grow as √d and its loss dwarfs ln V; the fix stays near ln V", async () => {
    const r = await runInitStats({
      dModels: [64, 256],
      schemes: ["bug", "fix"],
      vocabSize: 2000,
      seed: 1,
      batch: 4,
    });
    expect(r.growthExponent.bug).toBeGreaterThan(0.45);
    expect(r.growthExponent.bug).toBeLessThan(0.55);
    expect(Math.abs(r.growthExponent.fix)).toBeLessThan(0.05);
    const bug256 = r.rows.find((x) => x.scheme === "bug" && x.dModel === 256);
    const fix64 = r.rows.find((x) => x.scheme === "fix" && x.dModel === 64);
    expect(bug256?.initialLoss).toBeGreaterThan(10 * Math.log(2000));
    expect(bug256?.argmaxMass).toBeGreaterThan(0.99);
    expect(fix64?.initialLoss).toBeLessThan(Math.log(2000) + 1.5);
  });

  it("measures an arbitrary proposed std (e.g. one read from a transcript)", async () => {
    const s = await measureInitialLogits({
      dModel: 128,
      vocabSize: 1000,
      embeddingStd: 0.3,
      seed: 3,
      batch: 4,
    });
    expect(s.predictedLogitStd).toBeCloseTo(0.3 * Math.sqrt(128), 10);
    expect(Math.abs(s.logitStd / s.predictedLogitStd - 1)).toBeLessThan(0.1);
    await expect(
      measureInitialLogits({ dModel: 8, vocabSize: 10, embeddingStd: Number.NaN }),
    ).rejects.toThrow(/embeddingStd/);
  });
});
