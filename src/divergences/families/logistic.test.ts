import { describe, expect, it } from "vitest";
import { createRng } from "../../engine/rng.js";
import {
  cauchy,
  type Distribution,
  formatDistribution,
  integrate,
  kl,
  laplace,
  logistic,
  logPdf,
  mean,
  normal,
  parseDistribution,
  sample,
  variance,
} from "../index.js";

/** log densities written out here, independent of the library's */
const logLogistic = (mu: number, s: number) => (x: number) => {
  const e = Math.exp(-(x - mu) / s);
  return Math.log(e / (s * (1 + e) ** 2));
};
const logNormal = (mu: number, sigma: number) => (x: number) =>
  -0.5 * ((x - mu) / sigma) ** 2 - Math.log(sigma * Math.sqrt(2 * Math.PI));

/** ∫ p (log p − log q) by composite Simpson on [−L, L] with n (even) panels. */
function simpsonKl(lp: (x: number) => number, lq: (x: number) => number, L: number, n: number) {
  const h = (2 * L) / n;
  let acc = 0;
  for (let i = 0; i <= n; i++) {
    const x = -L + i * h;
    const w = i === 0 || i === n ? 1 : i % 2 === 1 ? 4 : 2;
    acc += w * Math.exp(lp(x)) * (lp(x) - lq(x));
  }
  return (acc * h) / 3;
}

describe("the logistic family", () => {
  it("reads Logistic(μ, s) written several ways, and prints what it reads", () => {
    for (const text of [
      "Logistic(0.5, 1.5)",
      "logistic(mu=0.5, s=1.5)",
      "Logis(loc=0.5, scale=1.5)",
    ]) {
      const r = parseDistribution(text).readings;
      expect(r, text).toHaveLength(1);
      expect(r[0].dist).toEqual({ kind: "logistic", mu: 0.5, s: 1.5 });
    }
    expect(formatDistribution(logistic(0.5, 1.5))).toBe("Logistic(0.5, 1.5)");
    expect(() => parseDistribution("Logistic(0, -1)")).toThrow(/the scale s must be > 0, got -1/);
  });

  it("has mean μ and variance s²π²/3 in samples, and a density that integrates to 1", () => {
    const d = logistic(0.5, 1.5);
    expect(mean(d)).toBe(0.5);
    expect(variance(d)).toBeCloseTo((2.25 * Math.PI ** 2) / 3, 12);
    const n = 40_000;
    const xs = sample(d, createRng(7), n);
    const m = xs.reduce((s, x) => s + x, 0) / n;
    const v = xs.reduce((s, x) => s + (x - m) ** 2, 0) / (n - 1);
    expect(Math.abs(m - 0.5)).toBeLessThan(5 * Math.sqrt(variance(d) / n));
    expect(Math.abs(v / variance(d) - 1)).toBeLessThan(0.05);
    const total = integrate((x) => Math.exp(logPdf(d, x)), -Infinity, Infinity, { scale: 1.5 });
    expect(total.value).toBeCloseTo(1, 9);
    // far in a tail the log density is −|z| − log s, not an e^(−z) overflow
    expect(logPdf(d, -2000)).toBeCloseTo(-2000.5 / 1.5 - Math.log(1.5), 9);
  });

  const pairs: Array<
    [Distribution, Distribution, (x: number) => number, (x: number) => number, string]
  > = [
    [logistic(0.5, 1.5), normal(-1, 2), logLogistic(0.5, 1.5), logNormal(-1, 2), "closed-form"],
    [logistic(0, 1), normal(0, 1), logLogistic(0, 1), logNormal(0, 1), "closed-form"],
    [normal(-1, 2), logistic(0.5, 1.5), logNormal(-1, 2), logLogistic(0.5, 1.5), "numeric"],
    [logistic(0.5, 1.5), logistic(-1, 0.8), logLogistic(0.5, 1.5), logLogistic(-1, 0.8), "numeric"],
    [logistic(-1, 0.8), logistic(0.5, 1.5), logLogistic(-1, 0.8), logLogistic(0.5, 1.5), "numeric"],
  ];
  for (const [p, q, lp, lq, method] of pairs) {
    it(`KL(${formatDistribution(p)} ‖ ${formatDistribution(q)}) agrees with Simpson quadrature`, () => {
      const want = simpsonKl(lp, lq, 80, 400_000);
      const r = kl(p, q);
      expect(r.method).toBe(method);
      expect(r.value).toBeGreaterThan(0.01);
      expect(Math.abs(r.value! - want)).toBeLessThan(1e-8);
    });
  }

  it("KL(Logistic(0, 1) ‖ N(0, 1)) = ½ log 2π + π²/6 − 2", () => {
    expect(kl(logistic(0, 1), normal(0, 1)).value).toBeCloseTo(
      0.5 * Math.log(2 * Math.PI) + Math.PI ** 2 / 6 - 2,
      14,
    );
  });

  it("has exponential tails: finite against Laplace, infinite from a Cauchy P", () => {
    expect(kl(logistic(0, 1), laplace(0, 1))).toMatchObject({ finite: true, method: "numeric" });
    const r = kl(cauchy(0, 1), logistic(0, 1));
    expect(r).toMatchObject({ finite: false, method: "tails" });
    expect(r.reason).toMatch(/an exponential tail \(density ≈ e\^\(−1\|x\|\)\)/);
  });
});
