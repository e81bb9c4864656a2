import { describe, expect, it } from "vitest";
import { createRng } from "../engine/rng.js";
import {
  beta,
  categorical,
  cauchy,
  type Distribution,
  exponential,
  formatDistribution,
  gamma,
  kl,
  klClosedForm,
  klMonteCarlo,
  klNumeric,
  laplace,
  logPdf,
  mean,
  mixture,
  normal,
  parseDistribution,
  sample,
  studentT,
  uniform,
  variance,
} from "./index.js";
import { integrate } from "./quadrature.js";
import { digamma, lgamma } from "./special.js";

describe("special functions and quadrature", () => {
  it("lgamma and digamma match known values", () => {
    expect(lgamma(5)).toBeCloseTo(Math.log(24), 13);
    expect(lgamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 13);
    expect(digamma(1)).toBeCloseTo(-0.5772156649015329, 12);
    expect(digamma(0.5)).toBeCloseTo(-0.5772156649015329 - 2 * Math.log(2), 12);
  });
  it("integrates over infinite ranges", () => {
    expect(integrate((x) => Math.exp(-x * x), -Infinity, Infinity).value).toBeCloseTo(
      Math.sqrt(Math.PI),
      12,
    );
    expect(integrate((x) => 1 / (1 + x * x), -Infinity, Infinity).value).toBeCloseTo(Math.PI, 10);
    expect(integrate((x) => Math.exp(-x), 0, Infinity).value).toBeCloseTo(1, 12);
  });
});

/** Pairs with a closed form; numeric quadrature must agree to 1e-6 relative. */
const closedPairs: Array<[Distribution, Distribution]> = [
  [normal(0, 1), normal(1, 2)],
  [normal(-3, 0.2), normal(4, 5)],
  [normal(2, 3), normal(2, 0.5)],
  [uniform(0, 1), uniform(-1, 3)],
  [uniform(0.2, 0.7), uniform(0, 1)],
  [exponential(2), exponential(0.5)],
  [exponential(0.3), exponential(4)],
  [laplace(0, 1), laplace(1, 2)],
  [laplace(-2, 3), laplace(1, 0.5)],
  [gamma(2, 1), gamma(3, 2)],
  [gamma(0.7, 0.5), gamma(2.5, 1.5)],
  [beta(2, 3), beta(1, 1)],
  [beta(0.8, 2.5), beta(3, 4)],
  [cauchy(0, 1), cauchy(1, 2)],
  [cauchy(-1, 0.5), cauchy(2, 3)],
  [uniform(0, 2), normal(1, 1)],
  [uniform(-3, 1), normal(0.5, 0.7)],
  [categorical([0.2, 0.3, 0.5]), categorical([0.4, 0.4, 0.2])],
  [exponential(1), gamma(2, 1)],
  [gamma(0.5, 1), exponential(1)],
  [beta(0.5, 0.5), uniform(0, 1)],
  [uniform(0, 1), beta(2, 2)],
];

describe("kl: closed forms agree with numeric integration", () => {
  for (const [p, q] of closedPairs) {
    it(`${formatDistribution(p)} ‖ ${formatDistribution(q)}`, () => {
      const cf = klClosedForm(p, q);
      expect(cf).not.toBeNull();
      const num = klNumeric(p, q);
      expect(num.converged).toBe(true);
      expect(Math.abs(num.value - cf!)).toBeLessThanOrEqual(1e-6 * Math.abs(cf!));
      const r = kl(p, q);
      expect(r).toMatchObject({ finite: true, method: "closed-form", reason: null });
      expect(r.value).toBe(Math.max(cf!, 0));
    });
  }
});

describe("kl: infinite cases carry the right reason", () => {
  it("a uniform with wider support: U(0,2) ‖ U(0,1) = ∞, U(0,1) ‖ U(0,2) = ln 2", () => {
    const r = kl(uniform(0, 2), uniform(0, 1));
    expect(r.finite).toBe(false);
    expect(r.value).toBeNull();
    expect(r.method).toBe("support");
    expect(r.reason).toContain("U(0, 2) puts mass 0.5 on (1, 2]");
    expect(r.reason).toContain("Q = U(0, 1) has density 0");
    expect(kl(uniform(0, 1), uniform(0, 2)).value).toBeCloseTo(Math.log(2), 14);
  });
  it("a Gaussian against a half-line: mass on (−∞, 0)", () => {
    const r = kl(normal(0, 1), exponential(1));
    expect(r).toMatchObject({ finite: false, method: "support" });
    expect(r.reason).toContain("mass 0.5 on (−∞, 0)");
  });
  it("Cauchy ‖ Normal diverges in the tails (E_P[X²] = ∞); Normal ‖ Cauchy is finite", () => {
    const r = kl(cauchy(0, 1), normal(0, 1));
    expect(r).toMatchObject({ finite: false, method: "tails", value: null });
    expect(r.reason).toContain("E_P[X²] = ∞");
    expect(r.reason).toContain("both tails");
    const back = kl(normal(0, 1), cauchy(0, 1));
    expect(back.finite).toBe(true);
    expect(back.value!).toBeGreaterThan(0.2);
    expect(back.value!).toBeLessThan(0.3);
  });
  it("Student-t: ν ≤ 2 against a Gaussian diverges, ν = 3 is finite; Cauchy ‖ Laplace diverges (E|X| = ∞)", () => {
    expect(kl(studentT(2), normal(0, 1)).finite).toBe(false);
    expect(kl(studentT(3), normal(0, 1)).finite).toBe(true);
    const r = kl(cauchy(0, 1), laplace(0, 1));
    expect(r.finite).toBe(false);
    expect(r.reason).toContain("E_P[|X|] = ∞");
    expect(kl(studentT(1.5), laplace(0, 1)).finite).toBe(true);
  });
  it("categorical with an extra outcome", () => {
    const r = kl(categorical([0.25, 0.25, 0.5]), categorical([0.5, 0.5]));
    expect(r.finite).toBe(false);
    expect(r.reason).toContain("probability 0.5 on x = 2");
    expect(kl(categorical([0.5, 0.5]), categorical([0.25, 0.25, 0.5])).value).toBeCloseTo(
      Math.log(2),
      14,
    );
  });
  it("discrete against continuous is infinite both ways", () => {
    expect(kl(categorical([0.5, 0.5]), normal(0, 1)).finite).toBe(false);
    expect(kl(normal(0, 1), categorical([0.5, 0.5])).finite).toBe(false);
  });
  it("a mixture with a gap in its support", () => {
    const p = uniform(0, 3);
    const q = mixture([0.5, 0.5], [uniform(0, 1), uniform(2, 3)]);
    const r = kl(p, q);
    expect(r.finite).toBe(false);
    expect(r.reason).toContain("(1, 2)");
    expect(kl(q, p).value).toBeCloseTo(Math.log(1.5), 8);
  });
});

describe("kl: two Gaussians are never infinite (seeded property test)", () => {
  it("300 random pairs: finite, ≥ 0, zero only at equality, numeric agrees", () => {
    const rng = createRng(42);
    for (let i = 0; i < 300; i++) {
      const p = normal((rng.next() - 0.5) * 200, Math.exp((rng.next() - 0.5) * 12));
      const q = normal((rng.next() - 0.5) * 200, Math.exp((rng.next() - 0.5) * 12));
      const r = kl(p, q);
      expect(r.finite).toBe(true);
      expect(r.value!).toBeGreaterThan(0);
      expect(Number.isFinite(r.value!)).toBe(true);
      if (i % 30 === 0) {
        const num = klNumeric(p, q).value;
        expect(Math.abs(num - r.value!)).toBeLessThanOrEqual(1e-6 * r.value!);
      }
    }
    expect(kl(normal(1, 2), normal(1, 2)).value).toBe(0);
  });
});

describe("distributions: sampling matches moments, densities integrate to 1", () => {
  const cases: Distribution[] = [
    normal(1, 2),
    uniform(-1, 3),
    laplace(0.5, 1.5),
    exponential(2),
    studentT(5, 1, 2),
    gamma(2.5, 2),
    gamma(0.5, 1),
    beta(2, 3),
    mixture([0.3, 0.7], [normal(-2, 0.5), laplace(2, 1)]),
    categorical([0.2, 0.5, 0.3], [1, 4, 9]),
  ];
  for (const d of cases) {
    it(formatDistribution(d), () => {
      const n = 40_000;
      const xs = sample(d, createRng(7), n);
      const m = xs.reduce((s, x) => s + x, 0) / n;
      const v = xs.reduce((s, x) => s + (x - m) ** 2, 0) / (n - 1);
      const se = Math.sqrt(variance(d) / n);
      expect(Math.abs(m - mean(d))).toBeLessThan(5 * se);
      expect(Math.abs(v / variance(d) - 1)).toBeLessThan(0.06);
      if (d.kind !== "categorical") {
        const total = integrate((x) => Math.exp(logPdf(d, x)), -Infinity, Infinity, { scale: 1 });
        expect(total.value).toBeCloseTo(1, 6);
      }
    });
  }
});

describe("kl agrees with a seeded Monte Carlo estimate", () => {
  it("klMonteCarlo brackets closed forms and reports q = 0 draws", () => {
    for (const [p, q] of [
      [normal(0, 1), normal(1, 2)],
      [gamma(2, 1), gamma(3, 2)],
      [laplace(0, 1), laplace(1, 2)],
    ] as const) {
      const mc = klMonteCarlo(p, q, createRng(11), 50_000);
      expect(Math.abs(mc.estimate - klClosedForm(p, q)!)).toBeLessThan(4 * mc.stderr + 1e-12);
    }
    const inf = klMonteCarlo(uniform(0, 2), uniform(0, 1), createRng(1), 100);
    expect(inf.estimate).toBe(Infinity);
    expect(inf.reason).toMatch(/q\(x\) = 0/);
  });

  it("narrow modes far from the origin are not stepped over by the quadrature", () => {
    const p = mixture([0.5, 0.5], [normal(-100, 0.01), normal(100, 0.01)]);
    const q = normal(0, 100);
    // closed form: E_P[log p] ≈ −ln 2 − H(N(0, 0.01²)) (modes do not overlap); E_P[−log q] is Gaussian
    const entropy = 0.5 * Math.log(2 * Math.PI * Math.E * 1e-4);
    const cross =
      Math.log(100) + 0.5 * Math.log(2 * Math.PI) + (100 * 100 + 1e-4) / (2 * 100 * 100);
    expect(kl(p, q).value!).toBeCloseTo(-Math.LN2 - entropy + cross, 8);
  });

  it("a scale near the largest double neither overflows the density nor the quadrature's pieces", () => {
    // E_P[−log q] for N(0, 1) against a scale s → ∞: log(c·s) + O(1/s) (c = π for Cauchy, 2 for Laplace)
    const entropy = 0.5 * Math.log(2 * Math.PI * Math.E);
    const s = 1e308;
    expect(kl(normal(0, 1), cauchy(0, s)).value!).toBeCloseTo(
      Math.log(Math.PI) + Math.log(s) - entropy,
      8,
    );
    expect(kl(normal(0, 1), laplace(0, s)).value!).toBeCloseTo(Math.LN2 + Math.log(s) - entropy, 8);
  });

  it("bimodal mixture ‖ moment-matched Gaussian", () => {
    const p = parseDistribution("0.5 N(-2, 0.5^2) + 0.5 N(2, 0.5^2)").readings[0].dist;
    const q = normal(0, Math.sqrt(4.25));
    const xs = sample(p, createRng(3), 100_000);
    const ls = Array.from(xs, (x) => logPdf(p, x) - logPdf(q, x));
    const m = ls.reduce((s, x) => s + x, 0) / ls.length;
    const sd = Math.sqrt(ls.reduce((s, x) => s + (x - m) ** 2, 0) / ls.length);
    const r = kl(p, q);
    expect(r.method).toBe("numeric");
    expect(Math.abs(r.value! - m)).toBeLessThan(4 * (sd / Math.sqrt(ls.length)));
  });
});
