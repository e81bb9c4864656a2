import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { tinyTransformerProfile } from "../../../test/fixtures/tiny-transformer.js";
import { loadSummarization } from "../../data/summarization.js";
import { loadTokenizer } from "../../data/tokenizer.js";
import { adam, foldIn, initEngine, prngKey, type Tree, tree } from "../../engine/index.js";
import { init, type TransformerParams } from "../../models/transformer.js";
import { modelConfig, type TransformerProfile } from "./profiles.js";
import {
  batchIndicesFor,
  type HostBatch,
  lengthBatches,
  makeStepFns,
  padExamples,
  profileSchedule,
  splitRows,
  toDevice,
  toExample,
  trainScheme,
  updateStep,
} from "./train.js";

const tiny = tinyTransformerProfile;

/** The same batch with its targets padded to `T` positions, as every batch was before targets were padded to their batch's longest. */
function widenTargets(b: HostBatch, T: number, padId: number): HostBatch {
  const tgtIn = new Int32Array(b.B * T).fill(padId);
  const tgtOut = new Int32Array(b.B * T).fill(-100);
  for (let i = 0; i < b.B; i++) {
    tgtIn.set(b.tgtIn.subarray(i * b.T, (i + 1) * b.T), i * T);
    tgtOut.set(b.tgtOut.subarray(i * b.T, (i + 1) * b.T), i * T);
  }
  return { ...b, T, tgtIn, tgtOut };
}

describe("training on real summarization data", () => {
  const data = loadSummarization();
  const tok = loadTokenizer();
  beforeAll(async () => {
    await initEngine();
  });

  it("pads and masks: targets after EOS are −100, sources padded with the pad id", () => {
    const ex = data.train.slice(0, 3).map((p) => toExample(p, tok, tiny));
    const b = padExamples(ex, tiny, tok.padId);
    expect(b.S).toBe(16);
    for (let i = 0; i < 3; i++) {
      const n = ex[i].tgtOut.length;
      expect(ex[i].tgtIn[0]).toBe(tok.bosId);
      expect(ex[i].tgtOut[n - 1]).toBe(tok.eosId);
      expect(Array.from(b.tgtOut.slice(i * 8 + n, (i + 1) * 8)).every((t) => t === -100)).toBe(
        true,
      );
      const m = ex[i].src.length;
      expect(Array.from(b.srcMask.slice(i * 16, i * 16 + m)).every((x) => x === 1)).toBe(true);
      expect(Array.from(b.src.slice(i * 16 + m, (i + 1) * 16)).every((t) => t === tok.padId)).toBe(
        true,
      );
    }
  });

  it("pads targets to the batch's longest, rounded up to a multiple of 8, with the loss and gradients of full padding", async () => {
    const wide: TransformerProfile = { ...tiny, data: { ...tiny.data, maxTgtTokens: 24 } };
    const cfg = modelConfig(wide, "fix", tok.vocabSize);
    const fns = makeStepFns(cfg, wide);
    const params = init(prngKey(5), cfg);
    const ex = data.train.slice(0, 12).map((p) => toExample(p, tok, wide));
    // three batches of real pairs whose longest targets are 8, 12 and 17 tokens
    const groups = [
      [5, 8, 9, 11],
      [4, 5, 6, 7],
      [0, 1, 2, 3],
    ];
    const longest = groups.map((g) => Math.max(...g.map((i) => ex[i].tgtOut.length)));
    expect(longest).toEqual([8, 12, 17]);
    try {
      for (const [k, g] of groups.entries()) {
        const host = padExamples(
          g.map((i) => ex[i]),
          wide,
          tok.padId,
        );
        expect(host.T).toBe([8, 16, 24][k]);
        const full = widenTargets(host, 24, tok.padId);
        const key = foldIn(0, k); // unused without dropout, but the step takes one
        const a = fns.microGrads(tree.ref(params), toDevice(host), key.ref);
        const b = fns.microGrads(tree.ref(params), toDevice(full), key);
        expect(await a.count.jsAsync()).toBe(host.tokens);
        expect(await b.count.jsAsync()).toBe(host.tokens);
        const [sumA, sumB] = [await a.sum.jsAsync(), await b.sum.jsAsync()];
        expect(sumA / host.tokens).toBeGreaterThan(Math.log(tok.vocabSize) - 1);
        expect(Math.abs(sumA - sumB)).toBeLessThan(1e-6 * sumB);
        const [ga, gb] = [tree.leaves(a.grads), tree.leaves(b.grads)];
        let worst = 0;
        let largest = 0;
        for (let i = 0; i < ga.length; i++) {
          const [x, y] = [await ga[i].data(), await gb[i].data()];
          for (let j = 0; j < x.length; j++) {
            worst = Math.max(worst, Math.abs(x[j] - y[j]));
            largest = Math.max(largest, Math.abs(y[j]));
          }
        }
        expect(largest).toBeGreaterThan(1e-3);
        expect(worst).toBeLessThan(1e-5 * largest);
      }
    } finally {
      tree.dispose(params);
      for (const f of Object.values(fns)) f.dispose();
    }
  });

  it("batches by length and replays the same batch for the same step", () => {
    const ex = data.train.slice(0, 200).map((p) => toExample(p, tok, tiny));
    const batches = lengthBatches(ex, 16);
    expect(batches.length).toBe(12);
    for (const b of batches) {
      const lens = b.map((i) => ex[i].src.length);
      expect(Math.max(...lens) - Math.min(...lens)).toBeLessThanOrEqual(16);
    }
    expect(batchIndicesFor(batches, 30, 7)).toEqual(batchIndicesFor(batches, 30, 7));
    const epoch0 = new Set(Array.from({ length: 12 }, (_, s) => batchIndicesFor(batches, s, 7)[0]));
    expect(epoch0.size).toBe(12); // every batch once per epoch
  });

  it("micro-batches give the same update as the whole batch (gradient accumulation)", async () => {
    // Adam's first step is lr·sign(g) with a tiny eps, which rounding flips where g ≈ 0; eps = 1
    // makes the update smooth in g, so this compares the gradients that reach the update
    const smooth: TransformerProfile = { ...tiny, optim: { ...tiny.optim, eps: 1 } };
    const cfg = modelConfig(smooth, "fix", tok.vocabSize);
    const fns = makeStepFns(cfg, smooth);
    const fresh = () => {
      const params = init(prngKey(3), cfg);
      return { params, opt: adam({ lr: profileSchedule(tiny) }).init(params as unknown as Tree) };
    };
    const ex = data.train.slice(0, 16).map((p) => toExample(p, tok, tiny));
    const host = padExamples(ex, tiny, tok.padId);
    const parts = splitRows(host, 4);
    expect(parts.map((h) => h.tokens).reduce((a, b) => a + b)).toBe(host.tokens);
    try {
      const whole = await updateStep(fns, fresh(), [toDevice(host)], [foldIn(0, 0)]);
      const split = await updateStep(
        fns,
        fresh(),
        parts.map(toDevice),
        [0, 1, 2, 3].map((i) => foldIn(0, i)),
      );
      expect(await split.loss.jsAsync()).toBeCloseTo(await whole.loss.jsAsync(), 4);
      const a = tree.leaves(whole.state.params as TransformerParams);
      const b = tree.leaves(split.state.params as TransformerParams);
      let worst = 0;
      let moved = 0;
      const start = tree.leaves(fresh().params);
      for (let i = 0; i < a.length; i++) {
        const [x, y, x0] = [await a[i].ref.data(), await b[i].ref.data(), await start[i].data()];
        for (let j = 0; j < x.length; j++) {
          worst = Math.max(worst, Math.abs(x[j] - y[j]));
          moved = Math.max(moved, Math.abs(x[j] - x0[j]));
        }
      }
      expect(moved).toBeGreaterThan(1e-6); // the update is real
      expect(worst).toBeLessThan(1e-3 * moved);
      tree.dispose([whole.state, split.state]);
    } finally {
      for (const f of Object.values(fns)) f.dispose();
    }
  });

  it("a short run lowers validation loss, and a resumed run continues from its checkpoint", async () => {
    const dir = mkdtempSync(join(tmpdir(), "gt-transformer-"));
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
      const first = await trainScheme({ ...common, steps: 20 });
      tree.dispose(first.params);
      const second = await trainScheme({ ...common, steps: 40 });
      tree.dispose(second.params);
      expect(second.result.resumedFrom).toBe(20);
      const v = second.result.validation;
      expect(v.map((r) => r.step)).toEqual([20, 40]);
      expect(first.result.validation[0].valLoss).toBeCloseTo(v[0].valLoss, 6);
      const start = second.result.train[0].loss;
      expect(start).toBeGreaterThan(Math.log(tok.vocabSize) - 1);
      expect(v[1].valLoss).toBeLessThan(v[0].valLoss);
      expect(v[1].valLoss).toBeLessThan(start - 1.5);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
