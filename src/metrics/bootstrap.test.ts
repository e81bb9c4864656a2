import { describe, expect, it } from "vitest";
import { createRng } from "../engine/rng.js";
import {
  bonferroniConfidence,
  bootstrapArms,
  bootstrapMean,
  bootstrapSeedsAndExamples,
  pairedBootstrapDiff,
  spread,
} from "./bootstrap.js";

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

  it("covers the true mean of a known distribution about 95 % of the time", () => {
    // 200 samples of 40 draws from Exp(1) (true mean 1, skewed): the percentile interval of a
    // skewed mean at n = 40 under-covers a little; the binomial sd of the rate over 200 trials is 1.5 %.
    const rng = createRng(7);
    let covered = 0;
    const trials = 200;
    for (let t = 0; t < trials; t++) {
      const xs = Array.from({ length: 40 }, () => -Math.log(1 - rng.next()));
      const iv = bootstrapMean(xs, { seed: t, resamples: 400 });
      if (iv.low <= 1 && 1 <= iv.high) covered++;
    }
    expect(covered / trials).toBeGreaterThan(0.88);
    expect(covered / trials).toBeLessThan(0.99);
  });

  it("a joint paired bootstrap finds a planted effect and not a null one", () => {
    // Three arms on the same 2000 "digits": a shared per-example difficulty, arm 1 = arm 0 with
    // a planted 2-point lower error, arm 2 = arm 0 with independent noise of the same rate.
    const rng = createRng(11);
    const n = 2000;
    const base: number[] = [];
    const better: number[] = [];
    const same: number[] = [];
    for (let i = 0; i < n; i++) {
      const hard = rng.next() < 0.1;
      const e0 = hard ? Number(rng.next() < 0.8) : Number(rng.next() < 0.02);
      base.push(e0);
      // remove the error on a quarter of the erring examples: about 2 points lower
      better.push(e0 && rng.next() < 0.25 ? 0 : e0);
      same.push(hard ? Number(rng.next() < 0.8) : Number(rng.next() < 0.02));
    }
    const r = bootstrapArms(
      [base, better, same],
      [
        [0, 1],
        [0, 2],
      ],
      { seed: 3, resamples: 2000, confidence: bonferroniConfidence(0.05, 2) },
    );
    const [planted, nullDiff] = r.contrasts;
    expect(planted.mean).toBeGreaterThan(0.015);
    expect(planted.low).toBeGreaterThan(0); // detected
    expect(nullDiff.low).toBeLessThan(0); // not detected
    expect(nullDiff.high).toBeGreaterThan(0);
    expect(r.arms[0].mean).toBeCloseTo(base.reduce((a, b) => a + b, 0) / n, 12);
    // joint resampling: the paired interval is narrower than the unpaired difference of arms
    const width = planted.high - planted.low;
    const unpaired = r.arms[0].high - r.arms[0].low + (r.arms[1].high - r.arms[1].low);
    expect(width).toBeLessThan(unpaired / 2);
    // deterministic
    expect(bootstrapArms([base, better], [[0, 1]], { seed: 3 })).toEqual(
      bootstrapArms([base, better], [[0, 1]], { seed: 3 }),
    );
  });

  it("over seeds and examples: seeds that disagree widen the interval, seeds that agree do not", () => {
    // Two arms, 4 seeds, the same 3000 examples. Arm 1 is arm 0 shifted by a per-seed effect.
    const rng = createRng(5);
    const n = 3000;
    const base = Array.from({ length: 4 }, () => Array.from({ length: n }, () => rng.next()));
    const shifted = (effects: number[]) => base.map((v, s) => v.map((x) => x - effects[s]));
    const opts = { seed: 1, resamples: 2000, confidence: 0.99 };
    // Every seed 0.05 lower: resolved.
    const agree = bootstrapSeedsAndExamples(
      [base, shifted([0.05, 0.05, 0.05, 0.05])],
      [[0, 1]],
      opts,
    ).contrasts[0];
    expect(agree.mean).toBeCloseTo(0.05, 12);
    expect(agree.low).toBeGreaterThan(0.03);
    // The same mean effect carried by two seeds and reversed on a third: the examples alone
    // would resolve it (the seed-averaged difference is the same 0.05 on every example)…
    const effects = [0.2, 0.2, -0.2, 0];
    const mixed = shifted(effects);
    const perExample = (arm: number[][]) =>
      arm[0].map((_, i) => arm.reduce((a, v) => a + v[i], 0) / arm.length);
    expect(
      bootstrapArms([perExample(base), perExample(mixed)], [[0, 1]], opts).contrasts[0].low,
    ).toBeGreaterThan(0.04);
    // …but not once the seeds are resampled too.
    const both = bootstrapSeedsAndExamples([base, mixed], [[0, 1]], opts);
    expect(both.contrasts[0].mean).toBeCloseTo(0.05, 12);
    expect(both.contrasts[0].low).toBeLessThan(0);
    expect(both.arms[0].mean).toBeCloseTo(base.flat().reduce((a, b) => a + b, 0) / (4 * n), 12);
    expect(bootstrapSeedsAndExamples([base, mixed], [[0, 1]], opts)).toEqual(both);
    expect(() => bootstrapSeedsAndExamples([base, mixed.slice(1)], [], opts)).toThrow(/seeds/);
  });

  it("Bonferroni and spread", () => {
    expect(bonferroniConfidence(0.05, 3)).toBeCloseTo(1 - 0.05 / 3, 15);
    expect(() => bonferroniConfidence(0.05, 0)).toThrow(/tests/);
    const s = spread([1, 2, 3, 4]);
    expect(s.mean).toBe(2.5);
    expect(s.sd).toBeCloseTo(Math.sqrt(5 / 3), 12);
    expect(spread([3]).sd).toBe(0);
  });
});
