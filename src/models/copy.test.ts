import { beforeAll, describe, expect, it } from "vitest";
import { initEngine, jit, numpy as np, tree, valueAndGrad } from "../engine/index.js";
import { prngKey } from "../engine/rng.js";
import {
  decode,
  decodeStep,
  encode,
  init,
  initCache,
  lmHead,
  paramCount,
  pointerAttention,
  type Seq2SeqBatch,
  type TransformerConfig,
  type TransformerParams,
  tokenLoss,
} from "./transformer.js";

// a tiny pointer-generator: V = 13, d = 8
const cfg: TransformerConfig = {
  vocabSize: 13,
  dModel: 8,
  nHeads: 2,
  dFfn: 16,
  nLayers: 1,
  maxLen: 6,
  pDrop: 0,
  init: "fix",
  copy: true,
};

const batch = (): Seq2SeqBatch => ({
  src: np.array(
    [
      [3, 4, 5, 6, 0],
      [7, 8, 9, 0, 0],
    ],
    { dtype: np.int32 },
  ),
  srcMask: np.array(
    [
      [1, 1, 1, 1, 0],
      [1, 1, 1, 0, 0],
    ],
    { dtype: np.float32 },
  ),
  tgtIn: np.array(
    [
      [1, 5, 6, 11],
      [1, 9, 12, 0],
    ],
    { dtype: np.int32 },
  ),
  // 5, 6, 9 appear in the sources (copyable); 11, 12 do not; 2 = EOS
  tgtOut: np.array(
    [
      [5, 6, 11, 2],
      [9, 12, 2, -100],
    ],
    { dtype: np.int32 },
  ),
});

beforeAll(async () => {
  await initEngine();
});

describe("pointer-generator copying", () => {
  it("adds only the pointer's parameters and leaves the others as drawn without it", async () => {
    const plain = init(prngKey(1), { ...cfg, copy: undefined });
    const copy = init(prngKey(1), cfg);
    try {
      expect(paramCount(cfg) - paramCount({ ...cfg, copy: undefined })).toBe(
        2 * (8 + 1) * 8 + (16 + 1),
      );
      expect(Array.from(await copy.embWord.ref.data())).toEqual(
        Array.from(await plain.embWord.ref.data()),
      );
      expect(plain.pointer).toBeUndefined();
      expect(copy.pointer?.gate.w.shape).toEqual([1, 16]);
    } finally {
      tree.dispose([plain, copy]);
    }
  });

  it("the loss is −log(g·p_vocab + (1 − g)·p_copy), checked by hand", async () => {
    const params = init(prngKey(2), cfg);
    try {
      const b = batch();
      const memory = encode(params, b.src.ref, b.srcMask.ref, cfg, null);
      const h = decode(params, b.tgtIn.ref, memory.ref, b.srcMask.ref, cfg, null);
      const { attn, gate } = pointerAttention(params, h.ref, memory, b.srcMask.ref);
      const logits = (await lmHead(params, h, cfg).jsAsync()) as number[][][];
      const a = (await attn.jsAsync()) as number[][][];
      const g = (await gate.jsAsync()) as number[][][];
      const src = (await b.src.ref.jsAsync()) as number[][];
      const tgt = (await b.tgtOut.ref.jsAsync()) as number[][];
      let sum = 0;
      let count = 0;
      for (let i = 0; i < 2; i++)
        for (let t = 0; t < 4; t++) {
          const y = tgt[i][t];
          if (y === -100) continue;
          const z = logits[i][t];
          const m = Math.max(...z);
          const pv = Math.exp(z[y] - m) / z.reduce((s, v) => s + Math.exp(v - m), 0);
          const pc = src[i].reduce((s, tok, j) => s + (tok === y ? a[i][t][j] : 0), 0);
          sum += -Math.log(g[i][t][0] * pv + (1 - g[i][t][0]) * pc);
          count++;
        }
      const out = tokenLoss(params, b, cfg, null, 0);
      expect(await out.count.jsAsync()).toBe(count);
      expect(await out.loss.jsAsync()).toBeCloseTo(sum / count, 5);
      // attention never lands on source padding
      expect(a[1][0][3] + a[1][0][4]).toBeLessThan(1e-6);
    } finally {
      tree.dispose(params);
    }
  });

  it("gradient check: the jitted gradient matches central differences (label smoothing on)", async () => {
    const params = init(prngKey(3), cfg);
    const lossOf = (p: TransformerParams, b: Seq2SeqBatch) => tokenLoss(p, b, cfg, null, 0.1);
    const f = jit((p: TransformerParams, b: Seq2SeqBatch) => {
      const { loss, count } = lossOf(p, b);
      count.dispose();
      return loss;
    });
    const g = jit((p: TransformerParams, b: Seq2SeqBatch) =>
      valueAndGrad((q: TransformerParams, c: Seq2SeqBatch) => {
        const { loss, count } = lossOf(q, c);
        count.dispose();
        return loss;
      })(p, b),
    );
    try {
      const [, grads] = g(tree.ref(params), batch()) as [np.Array, TransformerParams];
      // directions: the gate, the pointer query, and an embedding (used by both paths)
      const picks: [string, (t: TransformerParams) => np.Array][] = [
        ["pointer.gate.w", (t) => t.pointer!.gate.w],
        ["pointer.gate.b", (t) => t.pointer!.gate.b],
        ["pointer.q.w", (t) => t.pointer!.q.w],
        ["pointer.k.w", (t) => t.pointer!.k.w],
        ["embWord", (t) => t.embWord],
      ];
      for (const [name, leaf] of picks) {
        const analytic = Array.from(await leaf(grads).ref.data());
        const base = Array.from(await leaf(params).ref.data());
        const shape = leaf(params).shape;
        // a fixed pseudo-random direction v, and ⟨∇L, v⟩ against (L(θ + εv) − L(θ − εv)) / 2ε
        const v = base.map((_, i) => Math.sin(17 * i + 3));
        const at = async (eps: number) => {
          const p = tree.map((x: np.Array) => x.ref, params) as TransformerParams;
          const moved = np
            .array(Float32Array.from(base.map((x, i) => x + eps * v[i])), { dtype: np.float32 })
            .reshape(shape);
          const set = (t: TransformerParams, x: np.Array) => {
            const old = leaf(t);
            const path = name.split(".");
            let node = t as unknown as Record<string, unknown>;
            for (const k of path.slice(0, -1)) node = node[k] as Record<string, unknown>;
            node[path[path.length - 1]] = x;
            old.dispose();
          };
          set(p, moved);
          return (await f(p, batch()).jsAsync()) as number; // f consumes p
        };
        const eps = 1e-2;
        const numeric = ((await at(eps)) - (await at(-eps))) / (2 * eps);
        const dot = analytic.reduce((s, x, i) => s + x * v[i], 0);
        expect(Math.abs(dot), name).toBeGreaterThan(1e-3);
        expect(Math.abs(numeric - dot) / Math.abs(dot), name).toBeLessThan(2e-2);
      }
      tree.dispose(grads);
    } finally {
      f.dispose();
      g.dispose();
      tree.dispose(params);
    }
  });

  it("the cached decoder step gives the same copy-mixed log-probabilities as the full model", async () => {
    const params = init(prngKey(4), cfg);
    try {
      const b = batch();
      b.tgtOut.dispose();
      const memory = encode(params, b.src.ref, b.srcMask.ref, cfg, null);
      let cache = initCache(params, memory.ref, b.srcMask.ref, cfg, b.src.ref);
      const h = decode(params, b.tgtIn.ref, memory.ref, b.srcMask.ref, cfg, null);
      const { attn, gate } = pointerAttention(params, h.ref, memory, b.srcMask);
      const logits = (await lmHead(params, h, cfg).jsAsync()) as number[][][];
      const a = (await attn.jsAsync()) as number[][][];
      const g = (await gate.jsAsync()) as number[][][];
      const src = (await b.src.jsAsync()) as number[][];
      const tgtIn = (await b.tgtIn.jsAsync()) as number[][];
      for (let t = 0; t < 4; t++) {
        const step = decodeStep(
          params,
          np.array(
            tgtIn.map((r) => r[t]),
            { dtype: np.int32 },
          ),
          np.array(t, { dtype: np.int32 }),
          cache,
          cfg,
        );
        cache = step.cache;
        const lp = (await step.logProbs.jsAsync()) as number[][];
        for (let i = 0; i < 2; i++) {
          const z = logits[i][t];
          const m = Math.max(...z);
          const zs = z.reduce((s, v) => s + Math.exp(v - m), 0);
          for (let y = 0; y < cfg.vocabSize; y++) {
            const pv = Math.exp(z[y] - m) / zs;
            const pc = src[i].reduce((s, tok, j) => s + (tok === y ? a[i][t][j] : 0), 0);
            const p = g[i][t][0] * pv + (1 - g[i][t][0]) * pc;
            expect(lp[i][y]).toBeCloseTo(Math.log(p), 4);
          }
        }
      }
      tree.dispose(cache);
    } finally {
      tree.dispose(params);
    }
  });
});
