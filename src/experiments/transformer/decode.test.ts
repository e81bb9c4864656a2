import { beforeAll, describe, expect, it } from "vitest";
import { initEngine, numpy as np } from "../../engine/index.js";
import { prngKey } from "../../engine/rng.js";
import {
  forward,
  init,
  type TransformerConfig,
  type TransformerParams,
} from "../../models/transformer.js";
import { makeDecoder } from "./decode.js";
import { leadSummary, typicalSummaryWords } from "./evaluate.js";

// "gpt2" init keeps the logits small, so greedy paths are long and not trivially EOS
const cfg: TransformerConfig = {
  vocabSize: 17,
  dModel: 16,
  nHeads: 2,
  dFfn: 32,
  nLayers: 2,
  maxLen: 10,
  pDrop: 0,
  init: "gpt2",
};
const ids = { padId: 0, bosId: 1, eosId: 2, maxNewTokens: 7 };
const sources = [
  [3, 4, 5, 6, 7],
  [8, 9, 10],
  [11, 12, 13, 14, 15, 16, 3],
];

describe("decoding", () => {
  let params: TransformerParams;
  beforeAll(async () => {
    await initEngine();
    params = init(prngKey(5), cfg);
  });

  it("cached greedy decoding equals argmax over the full (uncached) model, step by step", async () => {
    const dec = makeDecoder(cfg);
    const out = await dec.greedy(params, sources, ids);
    dec.dispose();
    for (let b = 0; b < sources.length; b++) {
      const prefix = [ids.bosId];
      const expected: number[] = [];
      for (let t = 0; t < ids.maxNewTokens; t++) {
        const src = np.array([sources[b]], { dtype: np.int32 });
        const mask = np.ones([1, sources[b].length], { dtype: np.float32 });
        const logits = (await forward(
          params,
          src,
          mask,
          np.array([prefix], { dtype: np.int32 }),
          cfg,
        ).jsAsync()) as number[][][];
        const row = logits[0][t];
        const best = row.indexOf(Math.max(...row));
        if (best === ids.eosId) break;
        expected.push(best);
        prefix.push(best);
      }
      expect(out[b]).toEqual(expected);
    }
    expect(out.some((o) => o.length > 0)).toBe(true);
  });

  it("beam search with beam 1 equals greedy", async () => {
    const dec = makeDecoder(cfg);
    const greedy = await dec.greedy(params, sources, ids);
    for (let b = 0; b < sources.length; b++) {
      const beam = await dec.beam(params, sources[b], { ...ids, beamSize: 1, lengthPenalty: 0 });
      expect(beam).toEqual(greedy[b]);
    }
    dec.dispose();
  });

  it("Lead baseline: the first k words, k the median synopsis length", () => {
    expect(leadSummary("  GNU   compiler collection for C ", 3)).toBe("GNU compiler collection");
    expect(typicalSummaryWords(["a b", "a b c", "a b c d e"])).toBe(3);
  });
});
