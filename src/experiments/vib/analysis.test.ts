import { describe, expect, it } from "vitest";
import { createRng } from "../../engine/rng.js";
import {
  answerLatent,
  decideLatent,
  decideSweep,
  FIGURE4_PANELS,
  knnAccuracy,
  type LatentArmData,
  type LatentDesign,
  latentClaim,
  latentContrast,
  latentStats,
  meanRates,
  type SweepArmData,
  type SweepDesign,
  wellSeparatedPanel,
} from "./analysis.js";

const design: SweepDesign = {
  betas: [1e-6, 1e-3, 1e-2, 1e-1, 1],
  reference: 1e-6,
  moderate: [1e-3, 1e-2, 1e-1],
  large: 1,
  seeds: { min: 2, max: 4 },
  alpha: 0.05,
  resamples: 2000,
};

/**
 * Per-digit error rates for the five arms on n digits: a shared difficulty per digit, then each
 * arm's own error probability on easy and hard digits (`easy[k]`, `hard[k]`).
 */
function arms(n: number, easy: number[], hard: number[]): SweepArmData[] {
  const rng = createRng(5);
  const hardDigit = Array.from({ length: n }, () => rng.next() < 0.15);
  return design.betas.map((beta, k) => ({
    beta,
    perSeed: [0, 0],
    rates: hardDigit.map((h) => Number(rng.next() < (h ? hard[k] : easy[k]))),
  }));
}

describe("3(c) decision rule", () => {
  it("supports curve (b) when a moderate β is lower than β = 1e-6 and β = 1 shoots up", () => {
    // errors ≈ 9.3 %, 8.8, 8.3, 10.4, 68 %: the shape measured on the quick profile
    const d = decideSweep(
      design,
      arms(10_000, [0.03, 0.025, 0.02, 0.04, 0.6], [0.45, 0.45, 0.44, 0.47, 0.95]),
    );
    expect(d.status).toBe("supported");
    expect(d.confidence).toBeCloseTo(1 - 0.05 / (6 * 3), 12);
    const c = d.contrasts.find((x) => x.minus === 1e-2 && x.test === "moderate-beats-reference")!;
    expect(c.interval.low).toBeGreaterThan(0);
    expect(d.bestModerate).toBe(1e-2);
    expect(d.reason).toMatch(/β = 1e-2 lowers/);
  });

  it("is unresolved when the moderate β are no better (a flat start) and contradicted when all are worse", () => {
    const flat = decideSweep(
      design,
      arms(10_000, [0.03, 0.03, 0.03, 0.03, 0.6], [0.45, 0.45, 0.45, 0.45, 0.95]),
    );
    expect(flat.status).toBe("unresolved");
    const rising = decideSweep(
      design,
      arms(10_000, [0.03, 0.05, 0.07, 0.1, 0.6], [0.45, 0.5, 0.55, 0.6, 0.95]),
    );
    expect(rising.status).toBe("contradicted");
    expect(rising.reason).toMatch(/no moderate β can be the minimum/);
  });

  it("is deterministic and averages seeds per digit", () => {
    const a = arms(2000, [0.03, 0.02, 0.02, 0.04, 0.6], [0.4, 0.4, 0.4, 0.4, 0.9]);
    expect(decideSweep(design, a, 1)).toEqual(decideSweep(design, a, 1));
    expect(
      meanRates([
        [0, 1, 0.5],
        [1, 1, 0],
      ]),
    ).toEqual([0.5, 1, 0.25]);
    expect(() => meanRates([[0], [0, 1]])).toThrow(/differ/);
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

  it("assigns panels by measured axis scale, the panels as the problem set describes them", () => {
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
    expect(FIGURE4_PANELS.map((p) => p.panel)).toEqual(["a", "b", "c"]);
    expect(wellSeparatedPanel().panel).toBe("a");
  });
});

const latentDesign: LatentDesign = {
  betas: [1e-6, 1e-3, 1],
  seeds: { min: 3, max: 6 },
  alpha: 0.05,
  resamples: 2000,
};

/**
 * Per-digit cross-entropy and error of the three β on n digits over several seeds: a shared
 * difficulty per digit; `ce[seed][k]` is arm k's mean cross-entropy on that seed.
 */
function latentArms(n: number, ce: number[][]): LatentArmData[] {
  const rng = createRng(9);
  const hard = Array.from({ length: n }, () => rng.next() < 0.05);
  return latentDesign.betas.map((beta, k) => ({
    beta,
    crossEntropy: ce.map((row) => hard.map((h) => row[k] * (h ? 10 : 0.526) * (0.5 + rng.next()))),
    error: ce.map((row) => hard.map((h) => (h && rng.next() < Math.min(1, 3 * row[k]) ? 1 : 0))),
  }));
}

describe("3(d)(ii) the rule over seeds and validation digits", () => {
  const claimed = 1e-3;

  it("a β lower on every seed is resolved best: the claim is supported", () => {
    const d = decideLatent(
      latentDesign,
      latentArms(3000, [
        [0.06, 0.04, 0.5],
        [0.06, 0.04, 0.6],
        [0.07, 0.04, 0.4],
      ]),
    );
    expect(d.best).toBe(1e-3);
    expect(d.decided).toBe(true);
    expect(d.seeds).toBe(3);
    expect(d.confidence).toBeCloseTo(1 - 0.05 / (3 * 4), 12);
    expect(latentContrast(d, 1e-3, 1e-6).crossEntropy.low).toBeGreaterThan(0);
    expect(latentContrast(d, 1e-6, 1e-3).crossEntropy.high).toBeLessThan(0);
    expect(d.reason).toMatch(
      /β = 1e-3 has the lowest validation cross-entropy, resolved against each other β \(β = 1e-6 minus β = 1e-3: 0\.0\d+ nats \[/,
    );
    expect(latentClaim(d, claimed)).toMatchObject({ beta: 1e-3, status: "supported" });
  });

  it("a tie leaves it unresolved; another β resolved better contradicts it", () => {
    const tie = decideLatent(
      latentDesign,
      latentArms(3000, [
        [0.04, 0.04, 0.5],
        [0.04, 0.04, 0.5],
        [0.04, 0.04, 0.5],
      ]),
    );
    expect(tie.best).toBeNull();
    expect(latentClaim(tie, claimed).status).toBe("unresolved");
    expect(tie.reason).toMatch(/no β is resolved below both others/);
    const worse = decideLatent(
      latentDesign,
      latentArms(3000, [
        [0.03, 0.05, 0.5],
        [0.03, 0.05, 0.5],
        [0.03, 0.05, 0.5],
      ]),
    );
    expect(worse.best).toBe(1e-6);
    const c = latentClaim(worse, claimed);
    expect(c.status).toBe("contradicted");
    expect(c.reason).toMatch(
      /^β = 1e-6 predicts better than β = 1e-3 \(β = 1e-3 minus β = 1e-6: 0\.0\d+ nats/,
    );
  });

  it("seeds that disagree are not resolved, though their mean favours one β", () => {
    // Two seeds favour 1e-3 clearly, the third reverses it: the digits alone would resolve the
    // seed-averaged difference, the rule does not.
    const d = decideLatent(
      latentDesign,
      latentArms(3000, [
        [0.08, 0.04, 0.5],
        [0.08, 0.04, 0.5],
        [0.03, 0.07, 0.5],
      ]),
    );
    expect(d.leader).toBe(1e-3);
    expect(d.best).toBeNull();
    expect(latentClaim(d, claimed).status).toBe("unresolved");
    expect(() => decideLatent(latentDesign, latentArms(10, [[1, 1, 1]]).reverse())).toThrow(
      /not the design's/,
    );
  });
});
