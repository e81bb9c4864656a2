import { describe, expect, it } from "vitest";
import { bootstrapMean, pairedBootstrapDiff } from "./bootstrap.js";
import { lcsLength, rouge, rougeN, rougeTokens } from "./rouge.js";

describe("ROUGE", () => {
  it("tokenizes to lower-case letter/digit runs", () => {
    expect(rougeTokens("GNU C++ library (v2.1) — Dev-files!")).toEqual([
      "gnu",
      "c",
      "library",
      "v2",
      "1",
      "dev",
      "files",
    ]);
  });

  it("matches hand-computed ROUGE-1/2/L", () => {
    // cand: the cat sat on the mat (6) / ref: the cat is on the mat (6)
    const s = rouge("the cat sat on the mat", "the cat is on the mat");
    expect(s.rouge1).toBeCloseTo(5 / 6, 12); // the×2, cat, on, mat
    expect(s.rouge2).toBeCloseTo(3 / 5, 12); // "the cat", "on the", "the mat"
    expect(s.rougeL).toBeCloseTo(5 / 6, 12); // LCS: the cat on the mat
  });

  it("clips repeated n-grams and handles empty texts", () => {
    const r = rougeN(["a", "a", "a"], ["a", "b"], 1);
    expect(r.precision).toBeCloseTo(1 / 3, 12);
    expect(r.recall).toBeCloseTo(1 / 2, 12);
    expect(rouge("", "a b").rouge1).toBe(0);
    expect(rouge("a", "").rougeL).toBe(0);
    expect(lcsLength(["a", "b", "c", "d"], ["b", "d", "a"])).toBe(2);
  });
});

describe("bootstrap", () => {
  it("brackets the mean and shrinks with n", () => {
    const small = Array.from({ length: 20 }, (_, i) => i % 2);
    const big = Array.from({ length: 2000 }, (_, i) => i % 2);
    const a = bootstrapMean(small, { seed: 1 });
    const b = bootstrapMean(big, { seed: 1 });
    expect(a.mean).toBeCloseTo(0.5, 12);
    expect(a.low).toBeLessThan(0.5);
    expect(a.high).toBeGreaterThan(0.5);
    // a Bernoulli(½) mean has sd 0.5/√n: the 95 % width is about 3.92·0.5/√n
    expect(b.high - b.low).toBeGreaterThan((0.7 * (3.92 * 0.5)) / Math.sqrt(2000));
    expect(b.high - b.low).toBeLessThan((1.3 * (3.92 * 0.5)) / Math.sqrt(2000));
    expect(bootstrapMean(small, { seed: 1 })).toEqual(a);
  });

  it("pairs differences", () => {
    const a = [1, 2, 3, 4, 5];
    const d = pairedBootstrapDiff(
      a,
      a.map((x) => x - 1),
      { seed: 2 },
    );
    expect(d.mean).toBe(1);
    expect(d.low).toBe(1);
    expect(d.high).toBe(1);
    expect(() => pairedBootstrapDiff([1], [1, 2])).toThrow(/differ/);
  });
});
