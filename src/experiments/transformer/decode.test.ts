import { beforeAll, describe, expect, it } from "vitest";
import { loadTokenizer, wordPieces } from "../../data/tokenizer.js";
import { initEngine, numpy as np, tree } from "../../engine/index.js";
import { prngKey } from "../../engine/rng.js";
import {
  forward,
  init,
  type TransformerConfig,
  type TransformerParams,
} from "../../models/transformer.js";
import {
  chooseHypothesis,
  hasRepeatedNgram,
  makeDecoder,
  rankHypothesis,
  repeatedNgramTokens,
  repeatedWordTokens,
  spelledWords,
} from "./decode.js";
import {
  baselines,
  firstSentence,
  leadSummary,
  typicalSummaryWords,
  withoutSubject,
} from "./evaluate.js";

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

  /** The same model with the head's bias replaced: logits = tiny h·E + bias, so the bias decides. */
  const biased = (bias: Record<number, number>): TransformerParams => {
    const p = init(prngKey(5), cfg);
    const b = new Float32Array(cfg.vocabSize);
    for (const [t, v] of Object.entries(bias)) b[Number(t)] = v;
    p.headBias.dispose();
    p.headBias = np.array(b, { dtype: np.float32 });
    return p;
  };

  it("n-gram blocking: no trigram repeats in greedy or beam outputs", async () => {
    // token 5 is by far the likeliest, 6 the next: unblocked, the output is 5 5 5 5 …
    const p = biased({ 5: 10, 6: 9, 7: 8 });
    const dec = makeDecoder(cfg);
    try {
      const free = await dec.greedy(p, sources, ids);
      expect(free[0]).toEqual([5, 5, 5, 5, 5, 5, 5]);
      expect(hasRepeatedNgram(free[0], 3)).toBe(true);
      const blocked = { ...ids, noRepeatNgram: 3 };
      const greedy = await dec.greedy(p, sources, blocked);
      for (const out of greedy) {
        expect(out.length).toBe(ids.maxNewTokens);
        expect(hasRepeatedNgram(out, 3)).toBe(false);
      }
      expect(greedy[0].slice(0, 4)).toEqual([5, 5, 5, 6]); // "5 5 5" once, then 6
      for (const src of sources) {
        const beam = await dec.beam(p, src, { ...blocked, beamSize: 3, lengthPenalty: 0 });
        expect(hasRepeatedNgram(beam, 3)).toBe(false);
        expect(beam.length).toBeGreaterThan(3);
      }
    } finally {
      dec.dispose();
      tree.dispose(p);
    }
  });

  it("banned next tokens: those that followed an earlier occurrence of the last n − 1 tokens", () => {
    expect([...repeatedNgramTokens([1, 2, 3, 1, 2], 3)]).toEqual([3]);
    expect([...repeatedNgramTokens([5, 5, 5, 6, 5, 5], 3)].sort()).toEqual([5, 6]);
    expect(repeatedNgramTokens([1, 2], 3).size).toBe(0);
    expect([...repeatedNgramTokens([4, 4], 2)]).toEqual([4]);
  });

  /** The test model's 17 tokens as subword pieces: "line" is one token, or "li" + "ne", or "Line". */
  const pieces = [
    "<pad>",
    "<bos>",
    "<eos>",
    "▁line",
    "▁li",
    "ne",
    "▁Line",
    "▁command",
    "▁utility",
    "s",
    "▁for",
    "▁the",
    "▁tool",
    "▁a",
    "▁b",
    "<0x41>",
    "<unk>",
  ];
  const words = wordPieces({
    ...ids,
    unkId: 16,
    vocabSize: pieces.length,
    idToToken: (id) => pieces[id],
  });
  const text = (out: number[]) => spelledWords(out, words).join(" ");

  it("word pieces: a word is the same however the tokens spell it", () => {
    expect(spelledWords([7, 3, 4, 5, 6, 9], words)).toEqual(["command", "line", "line", "lines"]);
    expect(spelledWords([5, 3], words)).toEqual(["ne", "line"]); // the first token starts a word
    expect(spelledWords([13, 15], words)).toEqual(["aa"]); // byte fallback, lower-cased
    const real = loadTokenizer();
    const rw = wordPieces(real);
    // byte-fallback tokens spell æ and ĳ; ASCII letters are compared lower-cased
    const s = "Command-line line LINE for æsir ĳssel";
    const utf8 = (w: string) =>
      new TextDecoder().decode(Uint8Array.from(w, (c) => c.charCodeAt(0)));
    expect(spelledWords(real.encode(s), rw).map(utf8)).toEqual(s.toLowerCase().split(" "));
  });

  it("banned next tokens for words: every spelling of the word that would repeat", () => {
    const rule = { noImmediateWordRepeat: true };
    // after "line": "▁line" and "▁Line" start the same word again; "▁li" may start another word
    expect([...repeatedWordTokens([7, 3], words, rule)].sort()).toEqual([3, 6]);
    // after "line li": "ne" would finish "line"; "▁li" would repeat "li"
    expect([...repeatedWordTokens([7, 3, 4], words, rule)].sort()).toEqual([4, 5]);
    // word trigrams: after "a b a b" another "a" would repeat "a b a"; after "a b a", "b" repeats none
    const tri = { noRepeatWordNgram: 3 };
    expect([...repeatedWordTokens([13, 14, 13, 14], words, tri)]).toEqual([13]);
    expect(repeatedWordTokens([13, 14, 13], words, tri).size).toBe(0);
    expect(repeatedWordTokens([], words, { ...rule, ...tri }).size).toBe(0);
  });

  it("word-level blocking: token n-grams let a word repeat when its tokens differ; word blocking does not", async () => {
    // "line" is by far the likeliest word, spelled "▁line", "▁Line" or "▁li" + "ne"
    const p = biased({ 3: 12, 6: 11.5, 4: 11, 5: 10.5, 7: 8, 8: 7.5, 10: 7, 11: 6.5, 12: 6 });
    const dec = makeDecoder(cfg);
    try {
      const trigram = { ...ids, noRepeatNgram: 3 };
      const [tokenOnly] = await dec.greedy(p, [sources[0]], trigram);
      expect(hasRepeatedNgram(tokenOnly, 3)).toBe(false);
      // no token trigram twice, yet "line" follows itself: "line line line line …"
      expect(text(tokenOnly)).toMatch(/^line line line line/);
      const wordRules = { ...trigram, words, noImmediateWordRepeat: true, noRepeatWordNgram: 2 };
      const [greedy] = await dec.greedy(p, [sources[0]], wordRules);
      const beam = await dec.beam(p, sources[0], { ...wordRules, beamSize: 3, lengthPenalty: 0 });
      for (const out of [greedy, beam]) {
        const w = spelledWords(out, words);
        expect(w.length).toBeGreaterThan(3);
        for (let i = 1; i < w.length; i++) expect(w[i]).not.toBe(w[i - 1]);
        const bigrams = w.slice(1).map((x, i) => `${w[i]} ${x}`);
        expect(new Set(bigrams).size).toBe(bigrams.length);
      }
      expect(text(greedy).startsWith("line li ")).toBe(true); // "li" was not finished as "line"
    } finally {
      dec.dispose();
      tree.dispose(p);
    }
  });

  it("minimum length: EOS is blocked until minNewTokens tokens are out", async () => {
    const p = biased({ [ids.eosId]: 20 });
    const dec = makeDecoder(cfg);
    try {
      expect(await dec.greedy(p, sources, ids)).toEqual([[], [], []]);
      const greedy = await dec.greedy(p, sources, { ...ids, minNewTokens: 3 });
      for (const out of greedy) expect(out.length).toBe(3); // EOS as soon as allowed
      for (const src of sources) {
        const opts = { ...ids, minNewTokens: 4, beamSize: 3, lengthPenalty: 0 };
        expect((await dec.beam(p, src, opts)).length).toBeGreaterThanOrEqual(4);
        for (const h of await dec.beamHypotheses(p, src, opts))
          expect(h.tokens.length).toBeGreaterThanOrEqual(4);
      }
    } finally {
      dec.dispose();
      tree.dispose(p);
    }
  });

  it("the per-token length reward changes the choice in a constructed case", () => {
    const short = { tokens: [3, 4], score: -1 }; // rank with β: −1 + 3β
    const long = { tokens: [3, 4, 5, 6, 7, 8], score: -2 }; // −2 + 7β
    expect(chooseHypothesis([short, long], 0, 0)).toBe(short);
    expect(chooseHypothesis([short, long], 0, 0.5)).toBe(long); // 0.5 vs 1.5
    expect(chooseHypothesis([short, long], 0, 0.25)).toBe(short); // −0.25 vs −0.25: the first
    expect(rankHypothesis(long, 0, 0.5)).toBeCloseTo(1.5, 12);
    expect(rankHypothesis(long, 1, 0)).toBeCloseTo(-2 / 7, 12); // α = 1: the mean per token
    expect(chooseHypothesis([], 0, 1)).toBeNull();
  });

  it("the length reward picks longer beam outputs from the same search", async () => {
    const p = biased({ [ids.eosId]: 1.5 });
    const dec = makeDecoder(cfg);
    try {
      const opts = { ...ids, beamSize: 4, lengthPenalty: 0 };
      const pool = await dec.beamHypotheses(p, sources[0], opts);
      const lengths = new Set(pool.map((h) => h.tokens.length));
      expect(lengths.size).toBeGreaterThan(1);
      const longer = await dec.beam(p, sources[0], { ...opts, lengthReward: 10 });
      const shorter = await dec.beam(p, sources[0], { ...opts, lengthReward: -10 });
      expect(longer.length).toBe(Math.max(...lengths));
      expect(shorter.length).toBe(Math.min(...lengths));
    } finally {
      dec.dispose();
      tree.dispose(p);
    }
  });

  it("baselines: first sentence, and without its subject", () => {
    const d =
      "Actiona is an application that allows you to execute many actions, e.g. clicks. Tasks can be created.";
    expect(firstSentence(d)).toBe(
      "Actiona is an application that allows you to execute many actions, e.g. clicks.",
    );
    expect(withoutSubject(firstSentence(d))).toBe(
      "application that allows you to execute many actions, e.g. clicks.",
    );
    expect(withoutSubject("This package contains the development files for libfoo.")).toBe(
      "development files for libfoo.",
    );
    expect(withoutSubject("The GNU Compiler Collection is a set of compilers.")).toBe(
      "set of compilers.",
    );
    // no "is a" opening: unchanged; a sentence that is only a subject: unchanged
    expect(withoutSubject("Translates ABC files to PostScript.")).toBe(
      "Translates ABC files to PostScript.",
    );
    expect(firstSentence("no stop at all")).toBe("no stop at all");
    expect(firstSentence("Version 2. It works")).toBe("Version 2.");
    const names = baselines.map((b) => b.name);
    expect(names).toEqual([
      "lead-6",
      "lead-8",
      "lead-10",
      "lead-12",
      "first-sentence",
      "first-sentence-no-subject",
      "first-sentence-no-subject-8",
    ]);
    const last = baselines[baselines.length - 1];
    expect(last.summarize(d)).toBe("application that allows you to execute many actions,");
  });
});
