import { beforeAll, describe, expect, it } from "vitest";
import { initEngine, jit, numpy as np, tree, valueAndGrad } from "../engine/index.js";
import { prngKey } from "../engine/rng.js";
import {
  crossEntropy,
  decode,
  decodeStep,
  encode,
  forward,
  IGNORE_INDEX,
  init,
  initCache,
  lmHead,
  loss,
  paramCount,
  type Seq2SeqBatch,
  type TransformerConfig,
  type TransformerParams,
} from "./transformer.js";

const cfg: TransformerConfig = {
  vocabSize: 13,
  dModel: 8,
  nHeads: 2,
  dFfn: 16,
  nLayers: 1,
  maxLen: 6,
  pDrop: 0,
  init: "fix",
};

const ints = (rows: number[][]) => np.array(rows, { dtype: np.int32 });
const floats = (rows: number[][]) => np.array(rows, { dtype: np.float32 });

function tinyBatch(): Seq2SeqBatch {
  return {
    src: ints([
      [3, 4, 5, 6, 0],
      [7, 8, 9, 0, 0],
    ]),
    srcMask: floats([
      [1, 1, 1, 1, 0],
      [1, 1, 1, 0, 0],
    ]),
    tgtIn: ints([
      [1, 5, 6, 7],
      [1, 9, 10, 0],
    ]),
    tgtOut: ints([
      [5, 6, 7, 2],
      [9, 10, 2, IGNORE_INDEX],
    ]),
  };
}

const flat = async (a: np.Array) => Array.from((await a.data()) as Float32Array);

describe("transformer model", () => {
  let params: TransformerParams;
  beforeAll(async () => {
    await initEngine();
    params = init(prngKey(0), cfg);
  });

  it("counts its parameters like the tree it builds (tied matrix once)", () => {
    const n = tree.leaves(params).reduce((a, p) => a + p.size, 0);
    expect(paramCount(cfg)).toBe(n);
  });

  it("decoder cannot peek: changing a later target token leaves earlier logits unchanged", async () => {
    const b = tinyBatch();
    const run = (tgt: number[][]) => forward(params, b.src.ref, b.srcMask.ref, ints(tgt), cfg);
    const a = await run([[1, 5, 6, 7]].concat([[1, 9, 10, 0]])).jsAsync();
    const c = await run([[1, 5, 11, 3]].concat([[1, 9, 10, 0]])).jsAsync();
    tree.dispose(b);
    // positions 0 and 1 see tokens 0..1 only: identical; position 2 sees the changed token
    for (const t of [0, 1]) expect(c[0][t]).toEqual(a[0][t]);
    expect(
      Math.max(...a[0][2].map((x: number, i: number) => Math.abs(x - c[0][2][i]))),
    ).toBeGreaterThan(1e-4);
    expect(c[1]).toEqual(a[1]);
  });

  it("encoder ignores padded source positions", async () => {
    const b = tinyBatch();
    const srcChanged = ints([
      [3, 4, 5, 6, 12],
      [7, 8, 9, 11, 4],
    ]);
    const a = await forward(params, b.src, b.srcMask.ref, b.tgtIn.ref, cfg).data();
    const c = await forward(params, srcChanged, b.srcMask, b.tgtIn, cfg).data();
    b.tgtOut.dispose();
    for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - c[i])).toBeLessThan(1e-5);
  });

  it("ignored targets (−100) contribute nothing to the loss or its gradient", async () => {
    const logits = np
      .array(
        Array.from({ length: 2 * 3 * 5 }, (_, i) => Math.sin(i)),
        { dtype: np.float32 },
      )
      .reshape([2, 3, 5]);
    const f = (l: np.Array, t: np.Array) => crossEntropy(l, t).loss;
    const [v, g] = valueAndGrad(f)(
      logits.ref,
      ints([
        [0, IGNORE_INDEX, 4],
        [IGNORE_INDEX, IGNORE_INDEX, 2],
      ]),
    );
    const L = (await logits.jsAsync()) as number[][][];
    const nll = (row: number[], t: number) =>
      Math.log(row.reduce((a, x) => a + Math.exp(x), 0)) - row[t];
    const expected = (nll(L[0][0], 0) + nll(L[0][2], 4) + nll(L[1][2], 2)) / 3;
    expect(await v.jsAsync()).toBeCloseTo(expected, 5);
    const grads = (await g.jsAsync()) as number[][][];
    for (const [b, t] of [
      [0, 1],
      [1, 0],
      [1, 1],
    ]) {
      expect(grads[b][t].every((x) => x === 0)).toBe(true);
    }
    expect(grads[0][0].some((x) => x !== 0)).toBe(true);
  });

  it("ties lm_head to emb_word: the shared gradient is the sum of both uses", async () => {
    const b = tinyBatch();
    const untied = (wEmb: np.Array, wHead: np.Array, p: TransformerParams, batch: Seq2SeqBatch) => {
      p.embWord.dispose(); // replaced by the two copies
      const pe = { ...p, embWord: wEmb };
      const ph = { ...p, embWord: wHead };
      const memory = encode(pe, batch.src, batch.srcMask.ref, cfg, null);
      const h = decode(pe, batch.tgtIn, memory, batch.srcMask, cfg, null);
      const out = crossEntropy(lmHead(ph, h, cfg), batch.tgtOut);
      out.count.dispose();
      pe.embWord.dispose();
      ph.embWord.dispose();
      return out.loss;
    };
    const gUntied = jit(valueAndGrad(untied, { argnums: [0, 1] }));
    const [, [gEmb, gHead]] = gUntied(
      params.embWord.ref,
      params.embWord.ref,
      tree.ref(params),
      tree.ref(b),
    );
    const gTied = jit(
      valueAndGrad((p: TransformerParams, batch: Seq2SeqBatch) => loss(p, batch, cfg)),
    );
    const [, gp] = gTied(tree.ref(params), b);
    const e = await flat(gEmb);
    const h = await flat(gHead);
    const t = await flat(gp.embWord.ref);
    tree.dispose(gp);
    // both uses contribute, and the tied gradient is exactly their sum
    expect(Math.max(...e.map(Math.abs))).toBeGreaterThan(1e-4);
    expect(Math.max(...h.map(Math.abs))).toBeGreaterThan(1e-4);
    for (let i = 0; i < t.length; i++) expect(t[i]).toBeCloseTo(e[i] + h[i], 5);
    // one SGD update of the single matrix changes both the embedding and the head
    const before = await flat(params.embWord.ref);
    const stepped = {
      ...tree.ref(params),
      embWord: params.embWord.ref.sub(np.array(t).reshape([13, 8]).mul(0.1)),
    };
    const after = await flat(stepped.embWord.ref);
    expect(after.some((x, i) => x !== before[i])).toBe(true);
    tree.dispose(stepped);
  });

  it("matches finite differences on a tiny model", async () => {
    const f = (p: TransformerParams, batch: Seq2SeqBatch) => loss(p, batch, cfg);
    const [, g] = jit(valueAndGrad(f))(tree.ref(params), tinyBatch());
    // probe a few coordinates of several parameters with central differences
    const probes: [
      string,
      (p: TransformerParams) => np.Array,
      (p: TransformerParams, a: np.Array) => void,
    ][] = [
      [
        "embWord",
        (p) => p.embWord,
        (p, a) => {
          p.embWord = a;
        },
      ],
      [
        "embPos",
        (p) => p.embPos,
        (p, a) => {
          p.embPos = a;
        },
      ],
      [
        "enc.ffn.fc1.w",
        (p) => p.encoder[0].ffn.fc1.w,
        (p, a) => {
          p.encoder[0].ffn.fc1.w = a;
        },
      ],
      [
        "dec.cross.kv.w",
        (p) => p.decoder[0].cross.kv.w,
        (p, a) => {
          p.decoder[0].cross.kv.w = a;
        },
      ],
      [
        "dec.self.qkv.w",
        (p) => p.decoder[0].self.qkv.w,
        (p, a) => {
          p.decoder[0].self.qkv.w = a;
        },
      ],
      [
        "headBias",
        (p) => p.headBias,
        (p, a) => {
          p.headBias = a;
        },
      ],
    ];
    const evalLoss = jit(f);
    const eps = 1e-2;
    for (const [name, get, set] of probes) {
      const analytic = await flat(get(g).ref);
      const base = await flat(get(params).ref);
      const shape = get(params).shape;
      for (const idx of [1, Math.floor(base.length / 2), base.length - 2]) {
        const at = (delta: number) => {
          const v = base.slice();
          v[idx] += delta;
          const p = tree.ref(params);
          get(p).dispose();
          set(p, np.array(Float32Array.from(v)).reshape(shape));
          return evalLoss(p, tinyBatch()).jsAsync() as Promise<number>;
        };
        const numeric = ((await at(eps)) - (await at(-eps))) / (2 * eps);
        const tol = 2e-3 + 0.03 * Math.abs(numeric);
        expect(Math.abs(analytic[idx] - numeric), `${name}[${idx}]`).toBeLessThan(tol);
      }
    }
    tree.dispose(g);
  });

  it("the cached decoder step equals the full causal decoder at every position", async () => {
    const b = tinyBatch();
    const full = await forward(params, b.src.ref, b.srcMask.ref, b.tgtIn.ref, cfg).jsAsync();
    let cache = initCache(params, encode(params, b.src, b.srcMask.ref, cfg, null), b.srcMask, cfg);
    const tgt = (await b.tgtIn.jsAsync()) as number[][];
    b.tgtOut.dispose();
    for (let t = 0; t < 4; t++) {
      const out = decodeStep(
        params,
        ints([[tgt[0][t], tgt[1][t]]]).reshape([2]),
        np.array(t, { dtype: np.int32 }),
        cache,
        cfg,
      );
      cache = out.cache;
      const lp = (await out.logProbs.jsAsync()) as number[][];
      for (let bi = 0; bi < 2; bi++) {
        const row = full[bi][t] as number[];
        const lse = Math.log(row.reduce((a, x) => a + Math.exp(x), 0));
        for (let v = 0; v < row.length; v++) expect(lp[bi][v]).toBeCloseTo(row[v] - lse, 4);
      }
    }
    tree.dispose(cache);
  });
});
