import { beforeAll, describe, expect, it } from "vitest";
import { type FitResult, fitGaussian } from "../divergences/index.js";
import { answer2a, answer2b, judge2a } from "./problem2.js";

describe("2(a) from computation", () => {
  it("answer2a gives a pair with KL(P‖Q) finite and KL(Q‖P) infinite, verified both ways", () => {
    const a = answer2a();
    expect(a.verified).toBe(true);
    expect(a.pq.finite).toBe(true);
    expect(a.qp.finite).toBe(false);
    expect(a.qp.reason).toBeTruthy();
    // the verification is recomputed by the judge from the text alone
    const j = judge2a(a.p, a.q);
    expect(j.overall).toBe("correct");
    expect(j.readings[0].pq.value).toBeCloseTo(a.pq.value!, 12);
    for (const alt of a.alternatives) expect(judge2a(alt.p, alt.q).overall).toBe("correct");
    expect(a.explanation).toContain(a.p);
    expect(a.explanation).toContain("∞");
  });

  it("judge2a: correct, reversed, both finite, both infinite, unreadable", () => {
    expect(judge2a("U(0,1)", "U(0,2)").overall).toBe("correct");
    const rev = judge2a("U(0,2)", "U(0,1)");
    expect(rev.overall).toBe("reversed");
    expect(rev.readings[0].note).toMatch(/swapping P and Q/);
    const fin = judge2a("N(0, 4)", "N(1, 1)");
    expect(fin.readings).toHaveLength(2);
    expect(fin.readings.every((r) => r.verdict === "both-finite")).toBe(true);
    expect(fin.overall).toBe("incorrect");
    expect(judge2a("U(0,1)", "U(2,3)").readings[0].verdict).toBe("both-infinite");
    const bad = judge2a("N(0,", "N(0,1)");
    expect(bad.overall).toBe("unreadable");
    expect(bad.error).toMatch(/column 5/);
  });

  it("judge2a computes every reading of ambiguous notation: N(0, 4) vs Cauchy(0, 1)", () => {
    const j = judge2a("N(0, 4)", "Cauchy(0, 1)");
    expect(j.readings.map((r) => r.p)).toEqual(["N(mu=0, sigma=2)", "N(mu=0, sigma=4)"]);
    expect(j.readings.every((r) => r.satisfies)).toBe(true);
    expect(j.readings[0].qp.method).toBe("tails");
    expect(j.overall).toBe("correct");
  });
});

describe("2(b) from measured fits", () => {
  let fit: FitResult;
  beforeAll(async () => {
    fit = await fitGaussian("0.5 N(-2, 0.5^2) + 0.5 N(2, 0.5^2)", { starts: 4, steps: 500 });
  });

  it("plot A (broad) is forward, plot B (narrow) is reverse, with the measured σ in the explanation", () => {
    const b = answer2b(fit);
    expect(b.assignment).toEqual({ A: "forward", B: "reverse" });
    expect(b.consistent).toBe(true);
    expect(b.forward.sigma).toBeCloseTo(2.0616, 2);
    expect(b.reverse.sigma).toBeCloseTo(0.5, 2);
    expect(b.reverse.klNats).toBeCloseTo(Math.LN2, 2);
    expect(b.explanation).toContain(`σ = ${b.forward.sigma.toFixed(3)}`);
    expect(b.explanation).toContain(`σ = ${b.reverse.sigma.toFixed(3)}`);
    expect(b.explanation).toMatch(/mass-covering/);
    expect(b.explanation).toMatch(/mode-seeking/);
    expect(b.explanation).toMatch(/zero-forcing/);
    // each fit is worse under the other direction's objective
    expect(b.crossCosts.forwardKlOfReverseFit!).toBeGreaterThan(10 * b.forward.klNats);
    expect(b.crossCosts.reverseKlOfForwardFit!).toBeGreaterThan(2 * b.reverse.klNats);
  });

  it("follows the measurements: swapped fits swap the assignment and are flagged", () => {
    const b = answer2b({ ...fit, forward: fit.reverse, reverse: fit.forward });
    expect(b.assignment).toEqual({ A: "reverse", B: "forward" });
    expect(b.consistent).toBe(false);
  });
});
