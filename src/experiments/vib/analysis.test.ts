import { describe, expect, it } from "vitest";
import { answerLatent, describeSweep, knnAccuracy, latentStats } from "./analysis.js";

const sweep = (errs: number[]) =>
  errs.map((e, i) => ({ beta: 10 ** (i - 8), validationError: e, testError: e }));

describe("3(c) sweep shape", () => {
  it("recognises curve (b): flat at small β, minimum at a moderate β, shooting up at large β", () => {
    const s = describeSweep(sweep([0.013, 0.0125, 0.013, 0.0125, 0.0125, 0.012, 0.02, 0.05, 0.6]));
    expect(s.argminBeta).toBeCloseTo(1e-3, 12);
    expect(s.left).toBe("flat");
    expect(s.right).toBe("rising");
    expect(s.breakdownBeta).toBeCloseTo(1e-1, 12);
    expect(s.curve).toBe("b");
  });

  it("recognises a steady rise (a), a steady fall (c) and an upside-down U (d)", () => {
    expect(describeSweep(sweep([0.01, 0.02, 0.03, 0.04, 0.05, 0.06, 0.07, 0.08, 0.09])).curve).toBe(
      "a",
    );
    expect(describeSweep(sweep([0.09, 0.08, 0.07, 0.06, 0.05, 0.04, 0.03, 0.02, 0.01])).curve).toBe(
      "c",
    );
    expect(describeSweep(sweep([0.02, 0.05, 0.08, 0.1, 0.1, 0.08, 0.05, 0.03, 0.02])).curve).toBe(
      "d",
    );
  });

  it("refuses a sweep too short to have a shape", () => {
    expect(() => describeSweep(sweep([0.1, 0.2]))).toThrow(/at least 3/);
  });
});

/** Three Gaussian blobs of `n` points each with centre spacing `gap` and spread `spread`. */
function blobs(n: number, gap: number, spread: number) {
  const pts = new Float32Array(6 * n);
  const labels: number[] = [];
  let seed = 1;
  const rnd = () => {
    seed = (seed * 16807) % 2147483647;
    return seed / 2147483647 - 0.5;
  };
  for (let c = 0; c < 3; c++) {
    for (let i = 0; i < n; i++) {
      const k = c * n + i;
      pts[2 * k] = gap * Math.cos((2 * Math.PI * c) / 3) + spread * rnd();
      pts[2 * k + 1] = gap * Math.sin((2 * Math.PI * c) / 3) + spread * rnd();
      labels.push(c);
    }
  }
  return { pts, labels };
}

describe("3(d) latent statistics and answers", () => {
  it("measures extent, Fisher ratio and kNN accuracy of separated vs overlapping classes", () => {
    const sep = blobs(40, 1, 0.3);
    const mixed = blobs(40, 0.01, 0.3);
    const a = latentStats(1e-3, sep.pts, sep.labels, 0.99, 0.01);
    const b = latentStats(1, mixed.pts, mixed.labels, 0.5, 0.5);
    expect(a.fisherRatio).toBeGreaterThan(10 * b.fisherRatio);
    expect(a.knnAccuracy).toBe(1);
    expect(b.knnAccuracy).toBeLessThan(0.7);
    expect(a.halfWidth).toBeGreaterThan(1);
    expect(a.halfWidth).toBeLessThan(1.2);
    expect(knnAccuracy(new Float32Array([0, 0, 0, 1, 5, 5, 5, 6]), [0, 0, 1, 1], 1)).toBe(1);
  });

  it("assigns panels by measured axis scale and picks the best latent space by error", () => {
    const big = blobs(30, 4, 2);
    const mid = blobs(30, 1, 0.2);
    const tiny = blobs(30, 0.02, 0.1);
    const stats = [
      latentStats(1e-6, big.pts, big.labels, 0.97, 0.03),
      latentStats(1e-3, mid.pts, mid.labels, 0.99, 0.01),
      latentStats(1, tiny.pts, tiny.labels, 0.6, 0.4),
    ];
    const ans = answerLatent(stats);
    expect(ans.panelToBeta).toEqual({ a: 1e-3, b: 1e-6, c: 1 });
    expect(ans.bestBeta).toBe(1e-3);
    expect(ans.bestPanel).toBe("a");
  });
});

describe("3(c) flatness is judged on the curve's own scale", () => {
  it("calls a 1 % wiggle flat beside a 40 % jump, but a steady 1 %-per-decade climb (a)", () => {
    const s = describeSweep(sweep([0.062, 0.064, 0.066, 0.07, 0.075, 0.09, 0.45]).slice(0, 7));
    expect(s.left).toBe("none");
    expect(s.curve).toBe("b");
    expect(s.tolerance).toBeCloseTo(0.05 * (0.45 - 0.062), 12);
    const steady = describeSweep(sweep([0.01, 0.03, 0.05, 0.07, 0.09, 0.11, 0.13]));
    expect(steady.curve).toBe("a");
  });
});
