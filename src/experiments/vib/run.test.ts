import { beforeAll, describe, expect, it } from "vitest";
import { loadMnist, type Mnist } from "../../data/mnist.js";
import { initEngine, tree } from "../../engine/index.js";
import { type VibParams, vibPaperConfig } from "../../models/vib.js";
import { latentFigure, sweepFigure } from "./figures.js";
import { LATENT_BETAS, LATENT_DIGITS, profiles, type VibProfile } from "./profiles.js";
import { runHeadline, runPartC, runPartD, type VibIo, type VibRunResult } from "./run.js";
import { createTrainer, lateTestEpochs, paperTrainConfig, prepareData } from "./train.js";

let mnist: Mnist;
beforeAll(async () => {
  await initEngine();
  mnist = loadMnist();
});

/** An in-memory store: finished results and kept epoch weights by config, no checkpoints. */
function memoryIo(log: string[]): VibIo & { kept: Map<string, VibParams> } {
  const results = new Map<string, VibRunResult>();
  const kept = new Map<string, VibParams>();
  const at = (cfg: unknown, epoch: number) => `${JSON.stringify(cfg)} @${epoch}`;
  return {
    kept,
    device: "test",
    loadResult: async (cfg) => results.get(JSON.stringify(cfg)) ?? null,
    saveResult: async (cfg, r) => {
      results.set(JSON.stringify(cfg), r);
    },
    loadCheckpoint: async () => null,
    saveCheckpoint: async () => {},
    saveEpochWeights: async (cfg, epoch, ema) => {
      kept.set(at(cfg, epoch), tree.ref(ema) as VibParams);
    },
    loadEpochWeights: async (cfg, epoch) => {
      const w = kept.get(at(cfg, epoch));
      if (!w) throw new Error(`no weights kept at epoch ${epoch}`);
      return tree.ref(w) as VibParams;
    },
    log: (m) => log.push(m),
    now: () => 0,
  };
}

/** The quick profile's design on a tiny model and data set (seconds, not minutes). */
function tinyProfile(): VibProfile {
  const base = paperTrainConfig(
    { ...vibPaperConfig, hidden: [16], zDim: 4 },
    {
      epochs: 2,
      lr: 1e-3,
      trainSubset: 300,
      validationSize: 400,
      epochValidationSize: 100,
      trainEvalSize: 100,
      testSubset: 100,
      evalBatch: 200,
      dataSeed: 0,
      finalDraws: 2,
    },
  );
  const q = profiles.quick;
  const latent = LATENT_BETAS.map((beta) => ({
    ...base,
    model: { ...base.model, beta, zDim: 2, numClasses: LATENT_DIGITS.length },
    classes: LATENT_DIGITS,
    epochs: 1,
    validationSize: 300,
  }));
  return {
    ...q,
    main: { ...base, model: { ...base.model, beta: 1e-3 } },
    mainSeeds: 2,
    sweep: { design: { ...q.sweep.design, resamples: 200 }, base },
    latent,
    latentDesign: { ...q.latentDesign, seeds: { min: 2, max: 3 }, resamples: 200 },
    latentPointsPerClass: 10,
  };
}

describe("3(c) designed comparison on real MNIST (tiny runs)", () => {
  it("pairs seeds across β on shared data, decides at every look and draws Figure 3", async () => {
    const log: string[] = [];
    const p = tinyProfile();
    const c = await runPartC(p, mnist, memoryIo(log));
    const { min, max } = p.sweep.design.seeds;
    expect(c.looks.length).toBeGreaterThanOrEqual(1);
    expect(c.looks.length).toBeLessThanOrEqual(max - min + 1);
    expect(c.decision).toBe(c.looks[c.looks.length - 1]);
    // stopped at the first decided look, or ran to the maximum undecided
    const undecided = c.looks.slice(0, -1).every((l) => l.status === "unresolved");
    expect(undecided).toBe(true);
    if (c.decision.status === "unresolved") expect(c.decision.seeds).toBe(max);
    expect(c.runs).toHaveLength(c.decision.seeds * p.sweep.design.betas.length);
    for (const r of c.runs) expect(r.validationDraws).toHaveLength(2);
    // β = 1 with a tiny budget sits near chance; the rule reads it as the rise
    const arm = (b: number) => c.decision.arms.find((a) => a.beta === b)!;
    expect(arm(1).error.mean).toBeGreaterThan(arm(1e-6).error.mean);
    expect(log.some((l) => l.startsWith(`3(c) after ${min} seeds:`))).toBe(true);
    const fig = sweepFigure(c, "tiny");
    expect(JSON.stringify(fig.spec)).toContain(c.decision.status);
  }, 240_000);

  it("3(d): seeds paired on shared data, 3(d)(ii) decided at every look, Figure 4 states it", async () => {
    const log: string[] = [];
    const p = tinyProfile();
    const io = memoryIo(log);
    const d = await runPartD(p, mnist, io);
    const { min, max } = p.latentDesign.seeds;
    expect(d.looks.length).toBeGreaterThanOrEqual(1);
    expect(d.looks.length).toBeLessThanOrEqual(max - min + 1);
    expect(d.decision).toBe(d.looks[d.looks.length - 1]);
    expect(d.looks.slice(0, -1).every((l) => !l.decided)).toBe(true);
    if (!d.decision.decided) expect(d.decision.seeds).toBe(max);
    for (const r of d.runs) expect(r.seeds).toHaveLength(d.decision.seeds);
    expect(d.decision.arms.map((a) => a.beta)).toEqual([...LATENT_BETAS].sort((a, b) => a - b));
    for (const a of d.decision.arms) {
      expect(a.perSeed.crossEntropy).toHaveLength(d.decision.seeds);
      expect(a.crossEntropy.low).toBeLessThanOrEqual(a.crossEntropy.mean);
    }
    expect(d.decision.contrasts).toHaveLength(3);
    // the claim is the well-separated panel's β as the scales assign it
    expect(d.claim.panel).toBe("a");
    expect(d.claim.beta).toBe(d.answers.panelToBeta.a);
    // seeds share the data (dataSeed 0): the same validation digits, so per-digit vectors pair up
    const seed1 = await io.loadResult({ ...p.latent[0], seed: 1 });
    expect(seed1?.validationCrossEntropy).toHaveLength(300);
    expect(seed1?.config.dataSeed).toBe(0);
    expect(log.some((l) => l.startsWith(`3(d)(ii) after ${min} seeds:`))).toBe(true);
    const fig = JSON.stringify(latentFigure(d, "tiny").spec);
    expect(fig).toContain(`3(d)(ii) ${d.claim.status}`);
    expect(fig).toContain("val cross-entropy");
  }, 240_000);

  it("the headline reports noise draws, late epochs and seeds", async () => {
    const h = await runHeadline(tinyProfile(), mnist, memoryIo([]), false);
    expect(h.uncertainty.testOverDraws.n).toBe(2);
    expect(h.uncertainty.lateValidation).toMatchObject({ fromEpoch: 2, toEpoch: 2, n: 1 });
    expect(h.uncertainty.testOverSeeds?.perSeed).toHaveLength(2);
    expect(h.vib.validationErrorRates).toHaveLength(400);
  }, 120_000);

  it("a run without validation digits reads its kept late-epoch weights on the test set after training", async () => {
    const io = memoryIo([]);
    const profile = tinyProfile();
    const main = { ...profile.main, epochs: 4, validationSize: 0, lateTestEvery: 1 };
    expect(lateTestEpochs(main)).toEqual([2, 3, 4]);
    const h = await runHeadline({ ...profile, main }, mnist, io, false, 1);
    const late = h.vib.metrics.lateTest ?? [];
    expect(late.map((r) => r.epoch)).toEqual([2, 3, 4]);
    expect(h.uncertainty.lateValidation).toBeNull();
    expect(h.uncertainty.testOverSeeds).toBeNull();
    const mean = late.reduce((s, r) => s + r.errorS, 0) / late.length;
    expect(h.uncertainty.lateTest).toMatchObject({ fromEpoch: 2, toEpoch: 4, n: 3 });
    expect(h.uncertainty.lateTest?.mean).toBeCloseTo(mean, 12);
    // the weights kept at the last epoch are the final EMA weights: read with the final
    // evaluation's seed, they give its test error exactly; an earlier epoch's weights differ
    const data = prepareData(mnist, main);
    const trainer = createTrainer(main, data.train.count);
    const last = await io.loadEpochWeights(main, 4);
    const final = await trainer.evaluate(last, data.test, main.seed + 901);
    expect(final.errorS).toBe(h.vib.metrics.test.errorS);
    const first = await io.loadEpochWeights(main, 2);
    const [a, b] = await Promise.all([first.decoder.w.ref.data(), last.decoder.w.ref.data()]);
    expect(a.some((v, i) => v !== b[i])).toBe(true);
    tree.dispose([last, first]);
    trainer.dispose();
  }, 120_000);
});
