import { describe, expect, it } from "vitest";
import {
  beta,
  categorical,
  cauchy,
  type Distribution,
  exponential,
  formatDistribution,
  gamma,
  laplace,
  mixture,
  normal,
  ParseError,
  parseDistribution,
  parsePair,
  studentT,
  uniform,
} from "./index.js";

const one = (text: string): Distribution => {
  const r = parseDistribution(text).readings;
  expect(r, text).toHaveLength(1);
  return r[0].dist;
};

describe("parseDistribution: notations people write", () => {
  const cases: Array<[string, Distribution]> = [
    ["N(0,1)", normal(0, 1)],
    ["\\mathcal{N}(0, 1)", normal(0, 1)],
    ["\\mathcal N\\left(0, 1\\right)", normal(0, 1)],
    ["\\mathcal{N}(\\mu=0,\\sigma^2=4)", normal(0, 2)],
    ["Normal(mu=0, sigma=2)", normal(0, 2)],
    ["N(μ=1, σ=2)", normal(1, 2)],
    ["N(0, σ²=4)", normal(0, 2)],
    ["N(-2, 0.5^2)", normal(-2, 0.5)],
    ["Gaussian(loc=3, scale=0.1)", normal(3, 0.1)],
    ["P = U(0,2)", uniform(0, 2)],
    ["X ~ N(0, 1)", normal(0, 1)],
    ["x \\sim \\mathcal{N}(0, 1)", normal(0, 1)],
    ["p(x) = Laplace(0, 1)", laplace(0, 1)],
    ["\\mathcal{N}(x; 0, 1)", normal(0, 1)],
    ["\\mathcal{N}(x \\mid \\mu=0, \\sigma^2=4)", normal(0, 2)],
    ["\\mathcal{U}(0, 1)", uniform(0, 1)],
    ["\\text{Exp}(\\lambda = 2)", exponential(2)],
    ["U(0,2)", uniform(0, 2)],
    ["Uniform[0,1]", uniform(0, 1)],
    ["\\text{Uniform}(0,1)", uniform(0, 1)],
    ["U(-\\frac{1}{2}, \\frac12)", uniform(-0.5, 0.5)],
    ["Cauchy(0,1)", cauchy(0, 1)],
    ["Exp(1)", exponential(1)],
    ["Exponential(rate=2)", exponential(2)],
    ["Exp(scale=4)", exponential(0.25)],
    ["Exp(λ=3)", exponential(3)],
    ["Laplace(0,1)", laplace(0, 1)],
    ["t(3)", studentT(3)],
    ["StudentT(3)", studentT(3)],
    ["Student-t(5)", studentT(5)],
    ["t_{4}", studentT(4)],
    ["t(nu=3, mu=1, sigma=2)", studentT(3, 1, 2)],
    ["Gamma(2,1)", gamma(2, 1)],
    ["Gamma(shape=2, scale=4)", gamma(2, 0.25)],
    ["Beta(2,3)", beta(2, 3)],
    ["[0.5, 0.5]", categorical([0.5, 0.5])],
    ["[\\frac{1}{3}, \\frac{2}{3}]", categorical([1 / 3, 2 / 3])],
    ["Bernoulli(0.3)", categorical([0.7, 0.3])],
    ["Cat(1: 0.5, 3: 0.5)", categorical([0.5, 0.5], [1, 3])],
    ["½N(−1,1)+½N(1,1)", mixture([0.5, 0.5], [normal(-1, 1), normal(1, 1)])],
    ["0.3*N(0,1) + 0.7 · Laplace(1, 2)", mixture([0.3, 0.7], [normal(0, 1), laplace(1, 2)])],
    [
      "0.5 \\cdot N(0,1) + \\frac{1}{4} \\times N(1,1) + 0.25 N(2, 1)",
      mixture([0.5, 0.25, 0.25], [normal(0, 1), normal(1, 1), normal(2, 1)]),
    ],
    [
      "\\frac{1}{2}\\mathcal{N}(-2, 0.5^2) + \\frac{1}{2}\\mathcal{N}(2, 0.5^2)",
      mixture([0.5, 0.5], [normal(-2, 0.5), normal(2, 0.5)]),
    ],
  ];
  for (const [text, want] of cases) {
    it(text, () => {
      const got = one(text);
      expect(got.kind).toBe(want.kind);
      expect(formatDistribution(got)).toBe(formatDistribution(want));
    });
  }
});

describe("parseDistribution: ambiguous notation gives every reading", () => {
  it("N(0, 4): variance 4 (σ = 2) and standard deviation 4", () => {
    const r = parseDistribution("N(0, 4)").readings;
    expect(r.map((x) => (x.dist as { sigma: number }).sigma)).toEqual([2, 4]);
    expect(r[0].label).toMatch(/variance/);
    expect(r[1].label).toMatch(/standard deviation/);
  });
  it("the bimodal mixture with bare second parameters: σ = √0.5 or σ = 0.5 in both components", () => {
    const r = parseDistribution("0.5 N(-2,0.5) + 0.5 N(2,0.5)").readings;
    expect(r).toHaveLength(2);
    const sig = r.map((x) =>
      (x.dist as { components: Array<{ sigma: number }> }).components.map((c) => c.sigma),
    );
    expect(sig[0][0]).toBeCloseTo(Math.SQRT1_2, 15);
    expect(sig[0][1]).toBeCloseTo(Math.SQRT1_2, 15);
    expect(sig[1]).toEqual([0.5, 0.5]);
  });
  it("Exp(2) rate or scale; Gamma(2, 3) rate or scale; Exp(1) and N(0, 1) unambiguous", () => {
    expect(
      parseDistribution("Exp(2)").readings.map((r) => (r.dist as { rate: number }).rate),
    ).toEqual([2, 0.5]);
    expect(parseDistribution("Gamma(2, 3)").readings).toHaveLength(2);
    expect(parseDistribution("Exp(1)").readings[0].label).toBe("unambiguous");
    expect(parseDistribution("N(0, 1)").readings[0].label).toBe("unambiguous");
  });
  it("parsePair reads P and Q under one shared convention", () => {
    const r = parsePair("N(0, 4)", "N(1, 2)");
    expect(r).toHaveLength(2);
    expect([(r[0].p as { sigma: number }).sigma, (r[0].q as { sigma: number }).sigma]).toEqual([
      2,
      Math.SQRT2,
    ]);
    expect([(r[1].p as { sigma: number }).sigma, (r[1].q as { sigma: number }).sigma]).toEqual([
      4, 2,
    ]);
    expect(parsePair("U(0,1)", "U(0,2)")).toHaveLength(1);
  });
});

describe("formatDistribution round-trips through the parser", () => {
  const ds: Distribution[] = [
    normal(-1.25, 0.3),
    uniform(-2, 5.5),
    laplace(0.1, 2),
    exponential(3.5),
    cauchy(-1, 0.25),
    studentT(3),
    studentT(2.5, -1, 3),
    gamma(0.5, 7),
    beta(0.5, 4),
    mixture([0.25, 0.75], [normal(-2, 0.5), cauchy(3, 1)]),
    categorical([0.1, 0.2, 0.7]),
    categorical([0.5, 0.5], [-1, 2.5]),
  ];
  for (const d of ds) {
    it(formatDistribution(d), () => {
      expect(one(formatDistribution(d))).toEqual(d);
    });
  }
});

describe("parse errors point at the offending character", () => {
  const cases: Array<[string, number, RegExp]> = [
    ["N(0 1)", 5, /expected "," or a closing bracket/],
    ["N(0,", 5, /expected a number, found the end/],
    ["Foo(1)", 1, /unknown distribution "Foo"/],
    ["N(0,-1)", 5, /must be > 0/],
    ["U(2,1)", 5, /a < b/],
    ["N(0,1) $", 8, /unexpected character "\$"/],
    ["0.5 N(0,1) + 0.4 N(1,1)", 1, /weights sum to 0.9/],
    ["[0.5, 0.6]", 1, /sum to 1.1/],
    ["N(mu=0, tau=1)", 9, /no parameter "tau"/],
    ["N(0,1) N(1,1)", 8, /expected "\+" or the end/],
    ["N(0,1) + N(1,1)", 1, /needs a weight/],
    ["", 1, /found nothing/],
  ];
  for (const [text, col, re] of cases) {
    it(JSON.stringify(text), () => {
      let err: unknown;
      try {
        parseDistribution(text);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(ParseError);
      const pe = err as ParseError;
      expect(pe.message).toMatch(re);
      expect(pe.column).toBe(col);
      const lines = pe.message.split("\n");
      expect(lines[0]).toContain(`at column ${col}`);
      expect(lines[1]).toBe(`  ${text}`);
      expect(lines[2]).toBe(`  ${" ".repeat(col - 1)}^`);
    });
  }
});

describe("family names in other languages", () => {
  it.each([
    ["Uniforme(0, 1)", { kind: "uniform", a: 0, b: 1 }],
    ["Gleichverteilung(0, 2)", { kind: "uniform", a: 0, b: 2 }],
    ["normale(0, 1)", { kind: "normal", mu: 0 }],
    ["Gaussiana(1, 1)", { kind: "normal", mu: 1 }],
  ])("%s", (text, want) => {
    expect(one(text)).toMatchObject(want);
  });
});
