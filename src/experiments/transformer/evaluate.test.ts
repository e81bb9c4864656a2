import { beforeAll, describe, expect, it } from "vitest";
import { loadSummarization } from "../../data/summarization.js";
import { loadTokenizer } from "../../data/tokenizer.js";
import { initEngine, prngKey, tree } from "../../engine/index.js";
import type { TransformerParams } from "../../models/transformer.js";
import { init } from "../../models/transformer.js";
import type { Decoder, Hypothesis } from "./decode.js";
import { evaluateSummaries, tuneLengthReward } from "./evaluate.js";
import { getTransformerProfile, modelConfig, type TransformerProfile } from "./profiles.js";

beforeAll(async () => {
  await initEngine();
});

describe("evaluation with a decoding recipe", () => {
  it("tunes the length reward on the given pairs from one search per pair", async () => {
    // pair 0's reference is long, pair 1's short; each pool holds a short and a long hypothesis
    const pools: Hypothesis[][] = [
      [
        { tokens: [1], score: -1 },
        { tokens: [1, 2, 3, 4], score: -3 },
      ],
      [
        { tokens: [1], score: -1 },
        { tokens: [1, 2, 3, 4], score: -3 },
      ],
    ];
    let searches = 0;
    const decoder = {
      beamHypotheses: async (_p: unknown, src: number[]) => {
        searches++;
        return pools[src[0]];
      },
    } as unknown as Decoder;
    const words = ["", "a", "b", "c", "d"];
    const t = await tuneLengthReward({
      decoder,
      params: {} as TransformerParams,
      sources: [[0], [1]],
      references: ["a b c d", "a b c d"],
      decode: (ids) => ids.map((i) => words[i]).join(" "),
      beam: { padId: 0, bosId: 0, eosId: 0, maxNewTokens: 5, beamSize: 2, lengthPenalty: 0 },
      grid: [0, 1],
    });
    expect(searches).toBe(2); // not once per grid point
    expect(t.grid.map((g) => g.meanTokens)).toEqual([1, 4]); // β = 1: −3 + 5 > −1 + 2
    expect(t.chosen).toBe(1); // the long hypothesis matches the references
    expect(t.grid[1].rouge1).toBeCloseTo(1, 12);
    expect(t.split).toBe("validation");
  });

  it("scores every baseline on the same pairs, draws examples at random with a seed, tunes on validation", async () => {
    const data = loadSummarization();
    const tok = loadTokenizer();
    const base = getTransformerProfile("summarizer");
    const p: TransformerProfile = {
      ...base,
      model: { dModel: 16, nHeads: 2, dFfn: 32, nLayers: 1, pDrop: 0 },
      data: { ...base.data, maxSrcTokens: 16, maxTgtTokens: 8, srcBuckets: [16] },
      evaluation: {
        ...base.evaluation,
        testExamples: 12,
        beamExamples: 6,
        beamSize: 2,
        maxNewTokens: 5,
        examplesShown: 4,
        bootstrapResamples: 50,
        decoding: { noRepeatNgram: 3, minNewTokens: 2, lengthRewardGrid: [0, 1], tuneExamples: 3 },
      },
    };
    const cfg = modelConfig(p, "gpt2", tok.vocabSize);
    const params: TransformerParams = init(prngKey(1), cfg);
    try {
      const run = () =>
        evaluateSummaries({
          profile: p,
          cfg,
          params,
          tokenizer: tok,
          test: data.test,
          trainSummaries: data.train.slice(0, 500).map((x) => x.summary),
          validation: data.validation,
        });
      const r = await run();
      expect(r.baselines?.map((b) => b.name)).toContain("first-sentence-no-subject");
      for (const b of r.baselines ?? []) {
        expect(b.test.examples).toBe(12);
        expect(b.beamSubset.examples).toBe(6);
      }
      // the old Lead-k row is the baseline of the same k
      const leadK = r.baselines?.find((b) => b.name === `lead-${r.leadWords}`);
      if (leadK) expect(leadK.test.rouge1.mean).toBeCloseTo(r.lead.rouge1.mean, 12);
      expect(r.lengthReward?.examples).toBe(3);
      expect([0, 1]).toContain(r.decoding.lengthReward);
      expect(r.decoding.noRepeatNgram).toBe(3);
      const idx = r.examplesChosen?.indices ?? [];
      expect(r.examplesChosen?.how).toBe("random");
      expect(new Set(idx).size).toBe(4);
      expect(idx.every((i) => i >= 0 && i < 6)).toBe(true);
      expect(idx).not.toEqual([0, 1, 2, 3]);
      r.examples.forEach((e, k) => {
        expect(e.id).toBe(data.test[idx[k]].id);
        expect(Object.keys(e.baselines ?? {})).toHaveLength(7);
      });
      for (const m of ["rouge1", "rouge2", "rougeL"] as const) {
        const c = r.versusBestBaseline?.beam[m];
        expect(c?.baseline).toBeDefined();
        // a random model does not beat any baseline
        expect(c?.beatsWithoutOverlap).toBe(false);
      }
      // the same seed draws the same examples
      const again = await run();
      expect(again.examplesChosen?.indices).toEqual(idx);
    } finally {
      tree.dispose(params);
    }
  }, 120_000);
});
