import { describe, expect, it } from "vitest";
import { createRng } from "../engine/rng.js";
import {
  cauchy,
  type Distribution,
  exponential,
  formatDistribution,
  kl,
  laplace,
  mean,
  normal,
  ParseError,
  parseDistribution,
  sample,
  studentT,
  tails,
  uniform,
  variance,
} from "./index.js";

const only = (text: string): Distribution => {
  const r = parseDistribution(text).readings;
  expect(r).toHaveLength(1);
  return r[0]!.dist;
};
const value = (p: Distribution, q: Distribution) => {
  const r = kl(p, q);
  expect(r.finite).toBe(true);
  return r.value!;
};

describe("densities written out as formulas", () => {
  const forms: [string, string][] = [
    ["p(x) = 2x on [0,1]", "density 2*x on [0, 1]"],
    ["q(x) = 3x^2 for 0 <= x <= 1 (0 otherwise)", "density 3*x^2 on [0, 1]"],
    ["3x² for 0 ≤ x ≤ 1, and 0 elsewhere.", "density 3*x^2 on [0, 1]"],
    ["f(x) = e^{-x}, x ≥ 0", "density e^(-x) on [0, ∞)"],
    ["p(x) ∝ x(1-x) on [0, 1]", "density ∝ x*(1-x) on [0, 1]"],
    ["p(x) = \\frac{1}{\\pi(1+x^2)}", "density (1/(pi*(1+x^2))) on (−∞, ∞)"],
    ["2x·𝟙[0 ≤ x ≤ 1]", "density 2*x on [0, 1]"],
    ["2x \\mathbb{1}_{[0,1]}(x)", "density 2*x on [0, 1]"],
    ["p(x) = 1/(2√x) on (0, 1]", "density 1/(2*sqrt(x)) on [0, 1]"],
    ["p(y) = 2y, 0 < y < 1", "density 2*x on [0, 1]"],
    ["2x for x in [0,1], 0 otherwise", "density 2*x on [0, 1]"],
    ["x e^{-x} for x > 0", "density x*e^(-x) on [0, ∞)"],
    ["p(x) = 0.5 e^{-|x|} for all x", "density 0.5*e^(-abs(x)) on (−∞, ∞)"],
    ["p(x) = 1/pi on [0, pi]", "U(0, 3.14159265359)"],
  ];
  for (const [text, shown] of forms) {
    it(`reads "${text}"`, () => {
      const d = only(text);
      expect(formatDistribution(d)).toBe(shown);
      // the printed form reads back as the same density
      expect(formatDistribution(only(formatDistribution(d)))).toBe(shown);
    });
  }

  it("gives KL values that match hand integration and the named families", () => {
    const twoX = only("p(x) = 2x on [0, 1]");
    // ∫ log(1/(2x)) dx = 1 − ln 2, and ∫ 2x log(2x) dx = ln 2 − 1/2
    expect(value(uniform(0, 1), twoX)).toBeCloseTo(1 - Math.LN2, 9);
    expect(value(twoX, uniform(0, 1))).toBeCloseTo(Math.LN2 - 0.5, 9);
    // the same density written out or named: KL between them is 0, and against a third agrees
    // [written, named, a third distribution against which KL is finite]
    const cases: [string, Distribution, Distribution][] = [
      ["p(x) = \\frac{1}{\\sqrt{2\\pi}} e^{-x^2/2}", normal(0, 1), normal(0.3, 2)],
      ["p(x) = 2e^{-2x} for x ≥ 0", exponential(2), uniform(0.5, 3)],
      ["p(x) = \\frac{1}{\\pi(1+x^2)}", cauchy(0, 1), normal(0.3, 2)],
      ["p(x) = e^{-|x-1|}/2", laplace(1, 1), normal(0.3, 2)],
    ];
    for (const [text, named, third] of cases) {
      const written = only(text);
      expect(Math.abs(value(written, named)), text).toBeLessThan(1e-8);
      expect(value(third, written), text).toBeCloseTo(value(third, named), 7);
    }
  });

  it("classifies infinite tails the way the families are classified", () => {
    expect(tails(only("p(x) = \\frac{1}{\\sqrt{2\\pi}} e^{-x^2/2}")).right).toMatchObject({
      kind: "gaussian",
    });
    expect((tails(only("e^{-x^2/2}/sqrt(2pi)")).left as { c: number }).c).toBeCloseTo(0.5, 6);
    expect((tails(only("p(x) = e^{-|x|}/2")).left as { rate: number }).rate).toBeCloseTo(1, 6);
    // Student-t with ν = 3: 6√3 / (π (3 + x²)²), a power tail of index 3
    const t3 = only("p(x) = 6 sqrt(3) / (pi (3 + x^2)^2)");
    expect(tails(t3).right.kind).toBe("power");
    expect((tails(t3).right as { index: number }).index).toBeCloseTo(3, 3);
    expect(value(t3, studentT(3))).toBeLessThan(1e-8);
    // the tail analysis then decides infinite KL without integrating: E_Cauchy[x²] = ∞
    const r = kl(only("p(x) = \\frac{1}{\\pi(1+x^2)}"), normal(0, 1));
    expect(r.finite).toBe(false);
    expect(r.method).toBe("tails");
  });

  it("finds the support mismatch that makes one direction infinite", () => {
    const r = kl(uniform(0, 2), only("p(x) = 2x on [0, 1]"));
    expect(r.finite).toBe(false);
    expect(r.reason).toMatch(/puts mass 0\.5 on \(1, 2\]/);
  });

  it("has the moments of the formula and samples from it", () => {
    const d = only("q(x) = 3x^2 on [0, 1]");
    expect(mean(d)).toBeCloseTo(3 / 4, 9);
    expect(variance(d)).toBeCloseTo(3 / 5 - 9 / 16, 9);
    const xs = sample(d, createRng(7), 20_000);
    const m = xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(Math.abs(m - 0.75)).toBeLessThan(0.01); // sd of the mean 0.0014
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThanOrEqual(1);
  });

  it("normalizes a formula written with ∝", () => {
    const d = only("p(x) ∝ x on [0, 2]");
    expect(mean(d)).toBeCloseTo(4 / 3, 9);
  });

  const refused: [string, RegExp][] = [
    ["p(x) = x on [0, 1]", /integrates to 0\.5 on \[0, 1\], not 1/],
    ["p(x) = 2x on [-1, 1]", /negative at x = -1/],
    ["p(x) = λ e^{-λx}, x ≥ 0", /unknown symbol "λ"/],
    ["p(x) = 1/x for x ≥ 1", /no finite integral/],
  ];
  for (const [text, why] of refused) {
    it(`refuses "${text}" with the reason`, () => {
      expect(() => parseDistribution(text)).toThrow(why);
    });
  }

  it("leaves named families and their errors to the family parser", () => {
    expect(formatDistribution(only("Exp(rate=2)"))).toBe("Exp(rate=2)");
    expect(() => parseDistribution("N(0, 1")).toThrow(/closing bracket/);
  });
});

describe("linear time on hostile input", () => {
  const MB = 1_000_000;
  // each took quadratic time or worse before: 300 spaces before "on [0, 1" took 40 s
  const patterns: Record<string, (n: number) => string> = {
    "spaces before a domain": (n) => `p(x) = 2x${" ".repeat(n)}on [0, 1`,
    "digits before an inequality": (n) => `p(x) = x ${"1".repeat(n)}`,
    "indicator openings": (n) => `p(x) = ${"1_[".repeat(n / 3)}`,
    "spaces after a heading word": (n) => `density${" ".repeat(n)}X`,
    "separators before 'zero'": (n) => `p(x) = x${" , ".repeat(n / 3)}zero`,
  };
  it.each(Object.entries(patterns))(
    "%s: 2 MB read within a bound, and ~linearly",
    (_, make) => {
      const time = (n: number) => {
        const text = make(n);
        const t0 = performance.now();
        expect(() => parseDistribution(text)).toThrow(ParseError);
        return performance.now() - t0;
      };
      const half = time(MB);
      const full = time(2 * MB);
      expect(full).toBeLessThan(10_000);
      // doubling the input must not quadruple the time (allowing for noise on small times)
      expect(full).toBeLessThan(3 * half + 300);
    },
    60_000,
  );

  it("refuses a formula too long to be a density instead of evaluating it thousands of times", () => {
    expect(() => parseDistribution(`p(x) = ${"x*".repeat(2000)}1 on [0, 1]`)).toThrow(
      /has 4001 characters, more than a density needs \(at most 2000\)/,
    );
  });
});
