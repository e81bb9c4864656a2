import { describe, expect, it } from "vitest";
import { createRng } from "../engine/rng.js";
import {
  categorical,
  cauchy,
  type Distribution,
  formatDistribution,
  kl,
  klMonteCarlo,
  laplace,
  mean,
  normal,
  parseDistribution,
  probabilityOn,
  sample,
  truncated,
  variance,
} from "./index.js";

// Standard-normal values from tables (not from this code): Φ and φ at −1 and 2, upper tails at 5, 6.
const PHI_M1 = 0.15865525393145707;
const PHI_2 = 0.9772498680518208;
const DENS_M1 = 0.24197072451914337;
const DENS_2 = 0.05399096651318806;
const UPPER_5 = 2.866515718791939e-7;
const UPPER_6 = 9.865876450376946e-10;

const only = (text: string): Distribution => {
  const r = parseDistribution(text).readings;
  expect(r).toHaveLength(1);
  return r[0].dist;
};

describe("truncated densities", () => {
  it("a truncated normal has the textbook normalizer, mean and variance", () => {
    const d = truncated(normal(0, 1), -1, 2);
    const Z = PHI_2 - PHI_M1;
    expect(d.mass).toBeCloseTo(Z, 10);
    const m = (DENS_M1 - DENS_2) / Z;
    expect(mean(d)).toBeCloseTo(m, 8);
    expect(variance(d)).toBeCloseTo(1 + (-1 * DENS_M1 - 2 * DENS_2) / Z - m * m, 8);
  });

  it("KL(Q restricted to A ‖ Q) = −log Q(A), for light and heavy tails", () => {
    // the restricted density is q/Q(A) on A, so the log-ratio is the constant −log Q(A)
    const cases: Array<[Distribution, number]> = [
      [truncated(normal(0, 1), 0, Number.POSITIVE_INFINITY), Math.LN2],
      [truncated(normal(0, 1), 5, 6), -Math.log(UPPER_5 - UPPER_6)],
      [truncated(cauchy(0, 1), 0, Number.POSITIVE_INFINITY), Math.LN2],
      [truncated(laplace(1, 2), -1, 3), -Math.log(1 - Math.exp(-1))],
    ];
    for (const [p, want] of cases) {
      const base = (p as { base: Distribution }).base;
      const r = kl(p, base);
      expect(r.finite, formatDistribution(p)).toBe(true);
      expect(r.value).toBeCloseTo(want, 6);
      // the other way Q has mass outside A, so the KL is infinite, with the mass named
      const back = kl(base, p);
      expect(back.finite).toBe(false);
      expect(back.method).toBe("support");
    }
  });

  it("the numeric KL of a truncated density agrees with Monte Carlo", () => {
    const p = truncated(normal(0, 1), -1, 2);
    const q = normal(0.5, 1.5);
    const exact = kl(p, q);
    const mc = klMonteCarlo(p, q, createRng(3), 200_000);
    expect(Math.abs(mc.estimate - (exact.value ?? Number.NaN))).toBeLessThan(4 * mc.stderr);
    const xs = sample(p, createRng(4), 20_000);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(-1);
    expect(Math.max(...xs)).toBeLessThanOrEqual(2);
  });

  it("the support analysis reports where the truncated side has no density", () => {
    const r = kl(normal(0, 1), truncated(normal(0, 1), 0, Number.POSITIVE_INFINITY));
    expect(r.finite).toBe(false);
    expect(r.reason).toMatch(/mass 0\.5 on \(−∞, 0\)/);
    expect(probabilityOn(normal(0, 1), 0, Number.POSITIVE_INFINITY)).toBeCloseTo(0.5, 12);
    expect(probabilityOn(categorical([0.2, 0.3, 0.5]), 0.5, 5)).toBeCloseTo(0.8, 15);
  });

  it("nested truncations intersect; an interval without mass is an error", () => {
    const d = truncated(truncated(normal(0, 1), 0, Number.POSITIVE_INFINITY), -3, 1);
    expect([d.lo, d.hi]).toEqual([0, 1]);
    expect(() => truncated(normal(0, 1), 50, 60)).toThrow(/puts no mass/);
  });
});

describe("reading truncations and half-families", () => {
  it("half-normal and half-Cauchy in their usual spellings", () => {
    const halfN = formatDistribution(truncated(normal(0, 2), 0, Number.POSITIVE_INFINITY));
    for (const text of [
      "HalfNormal(2)",
      "half-normal(2)",
      "Half Normal(sigma=2)",
      "N(0, 2^2) truncated to [0, ∞)",
      "\\mathcal{N}(0, 4) restricted to [0, \\infty)",
      "N(mu=0, sigma=2) truncated to (0, inf)",
    ]) {
      const readings = parseDistribution(text).readings.map((r) => formatDistribution(r.dist));
      expect(readings, text).toContain(halfN);
    }
    expect(formatDistribution(only("HalfCauchy(1)"))).toBe(
      formatDistribution(truncated(cauchy(0, 1), 0, Number.POSITIVE_INFINITY)),
    );
  });

  it("a half-family named alone is the standard one (scale 1), as 'a half-normal' is meant", () => {
    expect(only("half-normal")).toEqual(truncated(normal(0, 1), 0, Number.POSITIVE_INFINITY));
    expect(only("HalfCauchy")).toEqual(truncated(cauchy(0, 1), 0, Number.POSITIVE_INFINITY));
    expect(() => parseDistribution("half")).toThrow(/expected "normal" or "cauchy"/);
  });

  it("keeps the variance-or-std ambiguity of N inside a truncation", () => {
    expect(parseDistribution("N(0, 4) truncated to [0, ∞)").readings).toHaveLength(2);
    expect(parseDistribution("HalfNormal(4)").readings).toHaveLength(1); // a scale, never a variance
  });

  it("formats every truncation so that it parses back to itself", () => {
    for (const d of [
      truncated(normal(1, 0.5), -2, 3.5),
      truncated(cauchy(0, 1), Number.NEGATIVE_INFINITY, 0),
      truncated(laplace(0, 1), 0, Number.POSITIVE_INFINITY),
    ]) {
      expect(only(formatDistribution(d))).toEqual(d);
    }
  });

  it("rejects truncations that make no sense, pointing at them", () => {
    expect(() => parseDistribution("N(0,1) truncated to [2, 1]")).toThrow(/empty interval/);
    expect(() => parseDistribution("Bernoulli(0.5) truncated to [0, 1]")).toThrow(/only densities/);
    expect(() => parseDistribution("HalfNormal(1, 2)")).toThrow(/takes one parameter/);
    expect(() => parseDistribution("N(0,1) truncated to 0")).toThrow(/expected an interval/);
  });
});
