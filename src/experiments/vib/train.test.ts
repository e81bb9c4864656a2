import { beforeAll, describe, expect, it } from "vitest";
import { loadMnist, type Mnist } from "../../data/mnist.js";
import { initEngine, liveBuffers, trackBuffers, tree } from "../../engine/index.js";
import { vibPaperConfig } from "../../models/vib.js";
import { createTrainer, disposeState, paperTrainConfig, prepareData, trainVib } from "./train.js";

let mnist: Mnist;
beforeAll(async () => {
  await initEngine();
  mnist = loadMnist();
});

const smallCfg = (epochs: number) =>
  paperTrainConfig(
    { ...vibPaperConfig, hidden: [64], zDim: 16 },
    {
      epochs,
      lr: 1e-3,
      trainSubset: 2000,
      validationSize: 500,
      trainEvalSize: 500,
      testSubset: 500,
      evalBatch: 250,
    },
  );

describe("VIB training on real MNIST", () => {
  it("200 steps on 2000 digits take validation error from chance to under 25 %", async () => {
    const cfg = smallCfg(10); // 20 steps per epoch
    const data = prepareData(mnist, cfg);
    const trainer = createTrainer(cfg, data.train.count);
    const init = trainer.initState();
    const before = await trainer.evaluate(init.ema, data.validation, 1);
    disposeState(init);
    expect(before.errorS).toBeGreaterThan(0.6);
    const state = await trainVib(trainer, data);
    expect(state.step).toBe(200);
    expect(state.history).toHaveLength(10);
    const last = state.history[9];
    if (!last.validation) throw new Error("no validation metrics");
    expect(last.validation.errorS).toBeLessThan(0.25);
    expect(last.validation.errorS).toBeLessThan(before.errorS - 0.4);
    expect(last.trainStepTaskLoss).toBeLessThan(state.history[0].trainStepTaskLoss);
    // KL falls from its large initial value (σ ≈ softplus(−5) is far from the prior's 1).
    expect(last.validation.klBits).toBeLessThan(before.klBits);
    expect(last.lr).toBeCloseTo(1e-3 * 0.97 ** 4, 12);
    disposeState(state);
    trainer.dispose();
  });

  it("resuming from a mid-run state gives the same weights as an uninterrupted run", async () => {
    const cfg = smallCfg(2);
    const data = prepareData(mnist, cfg);
    const whole = createTrainer(cfg, data.train.count);
    const full = await trainVib(whole, data);
    const a = createTrainer({ ...cfg, epochs: 1 }, data.train.count);
    const half = await trainVib(a, data);
    // A fresh trainer continues from a copy of the state, as after loading a checkpoint.
    const b = createTrainer(cfg, data.train.count);
    const resumed = await trainVib(b, data, {
      checkpoint: {
        every: b.stepsPerEpoch,
        where: "memory",
        load: async () => ({
          step: half.step,
          state: tree.ref({ params: half.params, ema: half.ema, opt: half.opt }),
          history: { train: [], eval: half.history },
        }),
        save: async () => {},
      },
    });
    const w1 = full.ema.decoder.w.ref.dataSync();
    const w2 = resumed.ema.decoder.w.ref.dataSync();
    expect(Array.from(w2)).toEqual(Array.from(w1));
    expect(resumed.history[1].validation).toEqual(full.history[1].validation);
    for (const s of [full, half, resumed]) disposeState(s);
  });

  it("holds the same number of live wasm buffers after every epoch (no per-step leak)", async () => {
    await trackBuffers();
    const cfg = { ...smallCfg(4), trainSubset: 1000 }; // 10 steps per epoch
    const data = prepareData(mnist, cfg);
    const trainer = createTrainer(cfg, data.train.count);
    const live: number[] = [];
    const state = await trainVib(trainer, data, {
      onEpoch: () => {
        live.push(liveBuffers());
      },
    });
    expect(live).toHaveLength(4);
    expect(new Set(live.slice(1)).size).toBe(1);
    disposeState(state);
    trainer.dispose();
  });
});
