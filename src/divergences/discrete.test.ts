import { describe, expect, it } from "vitest";
import { createRng } from "../engine/rng.js";
import {
  binomial,
  categorical,
  type Distribution,
  formatDistribution,
  geometric,
  kl,
  klClosedForm,
  klNumeric,
  mean,
  normal,
  parseDistribution,
  poisson,
  sample,
  variance,
} from "./index.js";

/** Binomial pmf by the multiplicative recursion, independent of the log-gamma formula. */
function binomialPmf(n: number, p: number): number[] {
  const out = [(1 - p) ** n];
  for (let k = 1; k <= n; k++) out.push((out[k - 1] * (n - k + 1) * p) / (k * (1 - p)));
  return out;
}

describe("countable and binomial distributions", () => {
  it("Poisson–Poisson: the term-by-term sum equals the closed form λ log(λ/μ) + μ − λ", () => {
    for (const [a, b] of [
      [2, 3],
      [0.5, 40],
      [500, 510],
    ]) {
      const closed = a * Math.log(a / b) + b - a;
      expect(klClosedForm(poisson(a), poisson(b))).toBeCloseTo(closed, 12);
      expect(klNumeric(poisson(a), poisson(b)).value).toBeCloseTo(closed, 9);
    }
  });

  it("Binomial(n, p) ‖ Poisson(np) matches a sum over an independently computed pmf", () => {
    const [n, p] = [12, 0.3];
    const pmf = binomialPmf(n, p);
    const lam = n * p;
    let logFact = 0;
    let want = 0;
    pmf.forEach((pk, k) => {
      if (k > 0) logFact += Math.log(k);
      want += pk * (Math.log(pk) - (k * Math.log(lam) - lam - logFact));
    });
    const r = kl(binomial(n, p), poisson(lam));
    expect(r.finite).toBe(true);
    expect(r.value).toBeCloseTo(want, 12);
    // the other way the Poisson puts mass on 13, 14, …, which the binomial cannot produce
    const back = kl(poisson(lam), binomial(n, p));
    expect(back.finite).toBe(false);
    const beyond = 1 - pmf.reduce((s, _, k) => s + Math.exp(k * Math.log(lam) - lam - lfact(k)), 0);
    expect(back.reason).toContain(`on x ≥ 13`);
    expect(back.reason).toContain(String(Number(beyond.toPrecision(6))));
  });

  it("Geometric–Geometric on the same support: the closed form log(p/q) + (1−p)/p·log((1−p)/(1−q))", () => {
    const [p, q] = [0.3, 0.6];
    const want = Math.log(p / q) + ((1 - p) / p) * Math.log((1 - p) / (1 - q));
    for (const from of [0, 1] as const)
      expect(kl(geometric(p, from), geometric(q, from)).value).toBeCloseTo(want, 12);
    // trials (from 1) against failures (from 0): 0 is missing on one side only
    expect(kl(geometric(p, 1), geometric(q, 0)).finite).toBe(true);
    const r = kl(geometric(p, 0), geometric(q, 1));
    expect(r.finite).toBe(false);
    expect(r.reason).toContain("probability 0.3 on x = 0");
  });

  it("a finite P against a countable Q and back", () => {
    const bern = categorical([0.5, 0.5]);
    expect(kl(bern, poisson(1)).value).toBeCloseTo(Math.log(0.5) + 1, 12);
    const back = kl(poisson(1), bern);
    expect(back.finite).toBe(false);
    expect(back.reason).toContain(`${Number((1 - 2 * Math.exp(-1)).toPrecision(6))} on x ≥ 2`);
    expect(kl(poisson(1), normal(0, 1)).finite).toBe(false);
    expect(kl(normal(0, 1), poisson(1)).finite).toBe(false);
  });

  it("samples have the stated mean and variance", () => {
    const cases: Distribution[] = [
      poisson(3.5),
      poisson(800),
      geometric(0.3, 0),
      geometric(0.3, 1),
      binomial(20, 0.3),
    ];
    for (const d of cases) {
      const n = 40_000;
      const xs = sample(d, createRng(11), n);
      const m = xs.reduce((s, x) => s + x, 0) / n;
      const v = xs.reduce((s, x) => s + (x - m) ** 2, 0) / (n - 1);
      expect(xs.every(Number.isInteger), formatDistribution(d)).toBe(true);
      expect(Math.abs(m - mean(d)), formatDistribution(d)).toBeLessThan(
        5 * Math.sqrt(variance(d) / n),
      );
      expect(v / variance(d), formatDistribution(d)).toBeGreaterThan(0.95);
      expect(v / variance(d), formatDistribution(d)).toBeLessThan(1.05);
    }
  });
});

function lfact(k: number): number {
  let s = 0;
  for (let i = 2; i <= k; i++) s += Math.log(i);
  return s;
}

describe("reading discrete families", () => {
  const texts = (t: string) => parseDistribution(t).readings.map((r) => formatDistribution(r.dist));

  it("spellings of Poisson, binomial and geometric", () => {
    expect(texts("Poisson(λ=3)")).toEqual(["Poisson(3)"]);
    expect(texts("\\text{Pois}(3)")).toEqual(["Poisson(3)"]);
    expect(texts("Bin(n=10, p=0.5)")).toEqual(["Binomial(10, 0.5)"]);
    expect(texts("Geometric(p=0.3, from=0)")).toEqual(["Geometric(p=0.3, from=0)"]);
    // trials or failures: both readings, labelled
    const geo = parseDistribution("Geom(0.3)").readings;
    expect(geo.map((r) => formatDistribution(r.dist)).sort()).toEqual([
      "Geometric(p=0.3, from=0)",
      "Geometric(p=0.3, from=1)",
    ]);
    expect(geo.map((r) => r.label).join(" ")).toMatch(/trials.*failures|failures.*trials/);
    for (const d of [poisson(2.5), binomial(7, 0.25), geometric(0.4, 0)])
      expect(texts(formatDistribution(d))).toEqual([formatDistribution(d)]);
  });

  it("point masses: δ_0, \\delta_{1}, Dirac(2), δ(x0=3)", () => {
    expect(texts("δ_0")).toEqual(["[1]"]);
    expect(texts("\\delta_{1}")).toEqual(["Cat(1: 1)"]);
    expect(texts("Dirac(2)")).toEqual(["Cat(2: 1)"]);
    expect(texts("δ(x0=3)")).toEqual(["Cat(3: 1)"]);
    // a point mass at 1 against Bernoulli(0.3): −log 0.3 one way, infinite the other
    const [p] = parseDistribution("δ_1").readings;
    expect(kl(p.dist, categorical([0.7, 0.3])).value).toBeCloseTo(-Math.log(0.3), 12);
    expect(kl(categorical([0.7, 0.3]), p.dist).finite).toBe(false);
  });

  it("rejects impossible parameters and discrete mixture components", () => {
    expect(() => parseDistribution("Binomial(2.5, 0.3)")).toThrow(/whole number/);
    expect(() => parseDistribution("Poisson(0)")).toThrow(/rate/);
    expect(() => parseDistribution("Geometric(1.5)")).toThrow(/\(0, 1\]/);
    expect(() => parseDistribution("Geometric(p=0.5, from=2)")).toThrow(/starts at 0 or 1/);
    expect(() => parseDistribution("0.5 Poisson(1) + 0.5 N(0, 1)")).toThrow(/discrete component/);
  });
});
