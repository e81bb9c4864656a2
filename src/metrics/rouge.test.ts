import { describe, expect, it } from "vitest";
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
