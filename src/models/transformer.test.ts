import { beforeAll, describe, expect, it } from "vitest";
import {
  initEngine,
  jit,
  liveBuffers,
  liveBytes,
  numpy as np,
  trackBuffers,
  tree,
  valueAndGrad,
} from "../engine/index.js";
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
    await trackBuffers();
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

  it("the loss and its gradient match float64 at logits of the bug's scale (exp overflows float32 past 88)", async () => {
    const [B, T, V] = [2, 3, 40];
    const raw = Array.from({ length: B * T * V }, (_, i) => 120 * Math.sin(0.37 * i * i));
    const targets = [
      [7, 0, 39],
      [IGNORE_INDEX, 21, 3],
    ];
    const f = (l: np.Array, t: np.Array) => crossEntropy(l, t).loss;
    const [v, g] = valueAndGrad(f)(
      np.array(Float32Array.from(raw)).reshape([B, T, V]),
      ints(targets),
    );
    // float64 reference from the same float32 logits: mean over counted positions of
    // log Σ exp(x) − x[target], and its gradient (softmax − onehot(target)) / count
    const x = Array.from(Float32Array.from(raw));
    const row = (b: number, t: number) => x.slice((b * T + t) * V, (b * T + t + 1) * V);
    const lse = (r: number[]) => {
      const m = Math.max(...r);
      return m + Math.log(r.reduce((a, xi) => a + Math.exp(xi - m), 0));
    };
    const counted = [0, 1, 2, 4, 5].map((i) => [Math.floor(i / T), i % T]);
    let nll = 0;
    const grad = new Array<number>(B * T * V).fill(0);
    for (const [b, t] of counted) {
      const r = row(b, t);
      const target = targets[b][t];
      nll += lse(r) - r[target];
      r.forEach((xi, k) => {
        grad[(b * T + t) * V + k] =
          (Math.exp(xi - lse(r)) - (k === target ? 1 : 0)) / counted.length;
      });
    }
    const loss = (await v.jsAsync()) as number;
    expect(loss).toBeGreaterThan(50); // far from ln V: the regime where an unshifted exp overflows
    expect(Math.abs(loss - nll / counted.length)).toBeLessThan(1e-6 * loss);
    const gFlat = Array.from((await g.data()) as Float32Array);
    for (let i = 0; i < grad.length; i++) expect(gFlat[i]).toBeCloseTo(grad[i], 6);
  });

  it("a jitted loss and gradient keep no V×V matrix per compiled shape: live memory stays flat", async () => {
    const V = 1024;
    const big: TransformerConfig = { ...cfg, vocabSize: V, maxLen: 16 };
    const p = init(prngKey(1), big);
    const step = jit(valueAndGrad((q: TransformerParams, b: Seq2SeqBatch) => loss(q, b, big)));
    const ids = (B: number, L: number, salt: number) =>
      np.array(Int32Array.from({ length: B * L }, (_, i) => (i * 37 + salt) % V)).reshape([B, L]);
    const run = async (T: number) => {
      const [l, g] = step(tree.ref(p), {
        src: ids(2, 8, 1),
        srcMask: np.ones([2, 8], { dtype: np.float32 }),
        tgtIn: ids(2, T, 2),
        tgtOut: ids(2, T, 3),
      });
      await Promise.all(tree.leaves(g).map((a) => a.blockUntilReady()));
      const value = (await l.jsAsync()) as number;
      tree.dispose(g);
      return { value, buffers: liveBuffers(), bytes: liveBytes() };
    };
    // the first shape also realizes the parameters; every later one should add only its small
    // constants (index vectors such as arange(V)), where the one-hot identity added two V×V
    // float32 matrices (8 MiB here) per shape
    const lengths = [4, 8, 12, 16];
    const compiled = [await run(lengths[0])];
    for (const T of lengths.slice(1)) {
      const c = await run(T);
      expect(c.bytes - compiled[compiled.length - 1].bytes).toBeLessThan(16 * V);
      compiled.push(c);
    }
    for (const c of compiled) {
      // an untrained model: about ln V, a little above it (it leans towards copying its input)
      expect(c.value).toBeGreaterThan(Math.log(V));
      expect(c.value).toBeLessThan(Math.log(V) + 1.5);
    }
    // running the compiled shapes again allocates nothing that stays, and gives the same losses
    const last = compiled[compiled.length - 1];
    for (const [i, T] of lengths.entries()) {
      const again = await run(T);
      expect(again.value).toBe(compiled[i].value);
      expect([again.buffers, again.bytes]).toEqual([last.buffers, last.bytes]);
    }
    step.dispose();
    tree.dispose(p);
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
