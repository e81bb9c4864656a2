import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { tinyTransformerProfile } from "../../../test/fixtures/tiny-transformer.js";
import { loadSummarization } from "../../data/summarization.js";
import { loadTokenizer } from "../../data/tokenizer.js";
import {
  clipByGlobalNorm,
  decays,
  initEngine,
  namedLeaves,
  numpy as np,
  prngKey,
  scheduleValue,
  type Tree,
  tree,
} from "../../engine/index.js";
import { crossEntropy, init, type TransformerParams } from "../../models/transformer.js";
import { modelConfig, type TransformerProfile } from "./profiles.js";
import { averagedSteps, averageParams, profileSchedule, trainScheme } from "./train.js";

// the tiny test model with the whole recipe
const tiny: TransformerProfile = {
  ...tinyTransformerProfile,
  steps: 30,
  optim: { ...tinyTransformerProfile.optim, weightDecay: 0.01 },
  recipe: {
    labelSmoothing: 0.1,
    decay: "cosine",
    weightDecayOn: "matrices",
    clipGlobalNorm: 0.5,
    averageLastCheckpoints: 3,
  },
  evalEvery: 10,
  checkpointEvery: 5,
};

beforeAll(async () => {
  await initEngine();
});

describe("training recipe", () => {
  it("label-smoothed cross-entropy equals the hand computation", async () => {
    // one position, V = 3, logits z, target 1, ε = 0.1: (1 − ε)(lse − z1) + ε(lse − mean z)
    const z = [2, -1, 0.5];
    const lse = Math.log(z.reduce((a, x) => a + Math.exp(x), 0));
    const eps = 0.1;
    const expected = (1 - eps) * (lse - z[1]) + eps * (lse - (z[0] + z[1] + z[2]) / 3);
    // the same as −Σ_v q_v log p_v with q = (1 − ε)·onehot + ε/V
    const q = [eps / 3, 1 - eps + eps / 3, eps / 3];
    const byQ = -q.reduce((a, qv, v) => a + qv * (z[v] - lse), 0);
    expect(expected).toBeCloseTo(byQ, 12);
    // a second, ignored position (−100) must not count
    const logits = np.array([[z, [9, 9, 9]]], { dtype: np.float32 });
    const targets = np.array([[1, -100]], { dtype: np.int32 });
    const { loss, count } = crossEntropy(logits, targets, eps);
    expect(await count.jsAsync()).toBe(1);
    expect(await loss.jsAsync()).toBeCloseTo(expected, 5);
    // ε = 0 is the plain loss
    const plain = crossEntropy(
      np.array([[z]], { dtype: np.float32 }),
      np.array([[1]], { dtype: np.int32 }),
    );
    plain.count.dispose();
    expect(await plain.loss.jsAsync()).toBeCloseTo(lse - z[1], 5);
  });

  it("clipping by global norm leaves the norm ≤ c and keeps the direction", async () => {
    const g = {
      a: np.array([3, 4], { dtype: np.float32 }),
      b: { c: np.array([[12]], { dtype: np.float32 }) },
    }; // ‖g‖ = 13
    const { grads, norm } = clipByGlobalNorm(tree.ref(g) as unknown as Tree, 1);
    expect(await norm.jsAsync()).toBeCloseTo(13, 5);
    const leaves = await Promise.all(
      tree.leaves(grads).map(async (x) => Array.from(await x.data())),
    );
    const clippedNorm = Math.hypot(...leaves.flat());
    expect(clippedNorm).toBeLessThanOrEqual(1 + 1e-6);
    expect(clippedNorm).toBeCloseTo(1, 5);
    expect(leaves.flat()[0] / leaves.flat()[1]).toBeCloseTo(3 / 4, 5);
    // below the threshold nothing changes
    const small = clipByGlobalNorm(g as unknown as Tree, 100);
    small.norm.dispose();
    const same = await Promise.all(
      tree.leaves(small.grads).map(async (x) => Array.from(await x.data())),
    );
    expect(same.flat()).toEqual([3, 4, 12]);
  });

  it("the weight-decay mask excludes exactly the LayerNorm gains and the biases", () => {
    const cfg = modelConfig(tiny, "fix", 50);
    const params = init(prngKey(0), cfg);
    try {
      const leaves = namedLeaves(params as unknown as Tree);
      const exempt = leaves.filter(([, a]) => !decays(a.shape, "matrices")).map(([n]) => n);
      const gainOrBias = leaves
        .map(([n]) => n)
        .filter((n) => /\.(g|b)$/.test(n) || n === "headBias");
      expect(exempt.sort()).toEqual(gainOrBias.sort());
      expect(exempt.length).toBeGreaterThan(10);
      // the embeddings and every dense weight are decayed
      expect(leaves.filter(([, a]) => decays(a.shape, "matrices")).map(([n]) => n)).toEqual(
        expect.arrayContaining(["embWord", "embPos", "encoder.0.self.qkv.w"]),
      );
      // without a recipe everything is decayed, as before
      expect(leaves.every(([, a]) => decays(a.shape))).toBe(true);
    } finally {
      tree.dispose(params);
    }
  });

  it("cosine decay after warm-up ends at 0; no recipe keeps 1/√t", () => {
    const s = profileSchedule(tiny);
    expect(scheduleValue(s, 4)).toBeCloseTo(5e-3, 12); // end of warm-up: the peak
    expect(scheduleValue(s, 30)).toBeCloseTo(0, 12);
    expect(scheduleValue(s, 17)).toBeCloseTo(2.5e-3 * (1 + Math.cos((Math.PI * 12) / 25)), 10);
    const plain = profileSchedule({ ...tiny, recipe: undefined });
    expect(plain.kind).toBe("warmupInverseSqrt");
  });

  it("averaged parameters equal the mean; the steps averaged are the last k checkpoints", async () => {
    expect(averagedSteps(30, 5, 3)).toEqual([20, 25, 30]);
    expect(averagedSteps(32, 5, 3)).toEqual([25, 30, 32]);
    expect(averagedSteps(2400, 100, 5)).toEqual([2000, 2100, 2200, 2300, 2400]);
    const t = (x: number[]) => ({ w: np.array(x, { dtype: np.float32 }) });
    const avg = averageParams([
      t([1, 2, 0]),
      t([3, 6, 3]),
      t([5, 1, 6]),
    ] as unknown as TransformerParams[]);
    expect(Array.from(await (avg as unknown as { w: np.Array }).w.data())).toEqual([3, 3, 3]);
  });

  it("a recipe run learns, clips, and returns the average of its last checkpoints (also after a resume)", async () => {
    const data = loadSummarization();
    const tok = loadTokenizer();
    const dir = mkdtempSync(join(tmpdir(), "gt-recipe-"));
    try {
      const common = {
        profile: tiny,
        scheme: "fix" as const,
        tokenizer: tok,
        train: data.train,
        validation: data.validation,
        device: "wasm",
        checkpointDir: dir,
      };
      // 22 steps, then resumed to 30: steps 20 is in memory of the first run only, so the
      // second reads it back from its checkpoint
      const first = await trainScheme({ ...common, steps: 22 });
      tree.dispose(first.params);
      const second = await trainScheme({ ...common, steps: 30 });
      const r = second.result;
      expect(r.resumedFrom).toBe(22);
      expect(r.averaged?.steps).toEqual([20, 25, 30]);
      expect(r.train.every((row) => row.gradNorm !== undefined && row.gradNorm > 0)).toBe(true);
      expect(r.validation[r.validation.length - 1].valLoss).toBeLessThan(
        Math.log(tok.vocabSize) - 1,
      );
      // the returned parameters are the average: their validation loss is the one recorded
      expect(r.averaged?.valLoss).toBeGreaterThan(0);
      const [avgWord] = [await second.params.embWord.ref.data()];
      // the finished run asked again (the pipeline reuses its saved result; trainScheme itself
      // trains nothing): the same numbers, and the same average from a fresh read of the three
      // checkpoints
      const again = await trainScheme({ ...common, steps: 30 });
      const numbers = ({ wallSeconds, tokensPerSecond, resumedFrom, ...rest }: typeof r) => rest;
      expect(again.result.resumedFrom).toBe(30);
      expect(numbers(again.result)).toEqual(numbers(r));
      expect(Array.from(await again.params.embWord.ref.data())).toEqual(Array.from(avgWord));
      tree.dispose([second.params, again.params]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
