import { beforeAll, describe, expect, it } from "vitest";
import { initEngine, jvp, numpy as np, random, tree, valueAndGrad } from "../engine/index.js";
import {
  encode,
  init,
  klToStandardNormal,
  loss,
  lossTerms,
  paramCount,
  predictProbs,
  reparameterize,
  type VibConfig,
  type VibParams,
} from "./vib.js";

const tiny: VibConfig = {
  inputDim: 6,
  hidden: [5],
  zDim: 3,
  numClasses: 4,
  beta: 0.5,
  deterministic: false,
  sigmaShift: 1, // keeps σ near 0.3 so the KL term is not negligible in the check
  evalSamples: 12,
};

/** A fixed batch for the tiny model: x [3, 6], one-hot y [3, 4], v [3, 3]. */
function tinyBatch(dtype = np.float32) {
  // Built as float32 and cast: on Node 20 jax-js cannot take a Float64Array (it probes Float16Array).
  const T = (values: number[], shape: number[]) =>
    np.array(Float32Array.from(values)).reshape(shape).astype(dtype);
  const x = T(
    Array.from({ length: 18 }, (_, i) => Math.sin(1.3 * i + 0.4)),
    [3, 6],
  );
  const y = T([1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1], [3, 4]);
  const v = T([0.3, -1.2, 0.8, 1.5, 0.1, -0.4, -0.9, 0.6, 0.2], [3, 3]);
  return { x, y, v };
}

beforeAll(async () => {
  await initEngine();
});

describe("VIB model", () => {
  it("has the paper's parameter count and the right output shapes", () => {
    const paper: VibConfig = { ...tiny, inputDim: 784, hidden: [1024, 1024], zDim: 256 };
    paper.numClasses = 10;
    expect(paramCount(paper)).toBe(785 * 1024 + 1025 * 1024 + 1025 * 512 + 257 * 10);
    const params = init(random.key(0), tiny);
    const { x } = tinyBatch();
    const probs = predictProbs(params, x, random.normal(random.key(1), [7, 3, 3]), tiny);
    expect(probs.shape).toEqual([3, 4]);
    const rows = probs.sum(-1).js() as number[];
    for (const r of rows) expect(r).toBeCloseTo(1, 5);
    tree.dispose(params);
  });

  it("matches central finite differences on every parameter (float32, h = 1e-2)", () => {
    // float32 throughout: jax-js's float64 exp/log are only float32-accurate (measured:
    // exp(1) = 2.71828174…), so float64 would not buy precision. Central-difference error here:
    // truncation ~h²·|f‴| ≈ 1e-4 plus rounding ~ε·|f|/h ≈ 2e-5, hence the 2e-3 tolerance.
    const params = init(random.key(3), tiny);
    const { x, y, v } = tinyBatch();
    const f = (p: VibParams) => loss(p, x.ref, y.ref, v.ref, tiny);
    const [, g] = valueAndGrad(f)(tree.ref(params));
    const [flatP, def] = tree.flatten(params);
    const [flatG] = tree.flatten(g);
    const h = 1e-2;
    let checked = 0;
    let worst = 0;
    for (let leaf = 0; leaf < flatP.length; leaf++) {
      const grad = flatG[leaf].ref.dataSync() as Float32Array;
      for (let i = 0; i < grad.length; i++) {
        const shifted = (delta: number) => {
          const bump = (a: np.Array) =>
            np.where(np.equal(np.arange(a.size).reshape(a.shape), i), delta, 0);
          const leaves = flatP.map((a, j) => (j === leaf ? a.ref.add(bump(a)) : a.ref));
          return f(tree.unflatten(def, leaves) as VibParams).item();
        };
        const fd = (shifted(h) - shifted(-h)) / (2 * h);
        worst = Math.max(worst, Math.abs(fd - grad[i]));
        checked++;
      }
    }
    expect(checked).toBe(paramCount(tiny));
    expect(worst).toBeLessThan(2e-3);
    // The gradient is not trivially small, so the check has teeth.
    const gmax = Math.max(...flatG.map((a) => Math.max(...Array.from(a.dataSync(), Math.abs))));
    expect(gmax).toBeGreaterThan(0.05);
    tree.dispose(params);
    x.dispose();
    y.dispose();
    v.dispose();
  });

  it("computes the closed-form KL that a Monte-Carlo estimate agrees with", () => {
    // KL(q‖p) = E_q[log q(z) − log p(z)], estimated with 200 000 samples of z ~ N(μ, σ²).
    const mu = [0.5, -1.0, 0.0];
    const sigma = [0.3, 1.7, 1.0];
    const closed = klToStandardNormal(
      np.array([mu]),
      np.array([sigma]),
      np.log(np.array([sigma])),
    ).item();
    const expected = mu.reduce(
      (s, m, k) => s + 0.5 * (m * m + sigma[k] ** 2 - 1 - 2 * Math.log(sigma[k])),
      0,
    );
    expect(closed).toBeCloseTo(expected, 5);
    const n = 200_000;
    const v = random.normal(random.key(7), [n, 3]).dataSync() as Float32Array;
    let sum = 0;
    let sumSq = 0;
    for (let i = 0; i < n; i++) {
      let logRatio = 0;
      for (let k = 0; k < 3; k++) {
        const e = v[i * 3 + k];
        const z = mu[k] + sigma[k] * e;
        logRatio += -Math.log(sigma[k]) - 0.5 * e * e + 0.5 * z * z;
      }
      sum += logRatio;
      sumSq += logRatio * logRatio;
    }
    const mc = sum / n;
    const stderr = Math.sqrt((sumSq / n - mc * mc) / n);
    expect(Math.abs(mc - closed)).toBeLessThan(4 * stderr);
    expect(stderr).toBeLessThan(0.01);
  });

  it("samples z with mean μ and std σ, and autodiff gives ∂z/∂μ = 1, ∂z/∂σ = v", () => {
    const params = init(random.key(5), tiny);
    const { x } = tinyBatch();
    const { mu, sigma } = encode(params, x.slice([0, 1]), tiny);
    const muV = mu.ref.dataSync() as Float32Array;
    const sigmaV = sigma!.ref.dataSync() as Float32Array;
    const n = 100_000;
    const v = random.normal(random.key(6), [n, 1, 3]);
    const z = reparameterize(mu.ref, sigma!.ref, v).dataSync() as Float32Array; // [n, 1, 3]
    for (let k = 0; k < 3; k++) {
      let s = 0;
      let s2 = 0;
      for (let i = 0; i < n; i++) s += z[i * 3 + k];
      const m = s / n;
      for (let i = 0; i < n; i++) s2 += (z[i * 3 + k] - m) ** 2;
      const sd = Math.sqrt(s2 / (n - 1));
      expect(Math.abs(m - muV[k])).toBeLessThan((4 * sigmaV[k]) / Math.sqrt(n));
      expect(Math.abs(sd / sigmaV[k] - 1)).toBeLessThan(4 / Math.sqrt(2 * n));
    }
    const vFixed = np.array([[0.7, -1.3, 2.1]]);
    const f = (m: np.Array, s: np.Array) => reparameterize(m, s, vFixed.ref);
    const [, dzdmu] = jvp(f, [mu.ref, sigma!.ref], [np.ones([1, 3]), np.zeros([1, 3])]);
    const [, dzdsigma] = jvp(f, [mu, sigma!], [np.zeros([1, 3]), np.ones([1, 3])]);
    expect(dzdmu.js()).toEqual([[1, 1, 1]]);
    const dz = (dzdsigma.js() as number[][])[0];
    const vv = vFixed.js() as number[][];
    for (const [k, d] of dz.entries()) expect(d).toBeCloseTo(vv[0][k], 6);
    tree.dispose(params);
  });

  it("keeps σ > 0 and the KL finite, with finite gradients, at very negative ρ", () => {
    // The encoder head set by hand: μ = (0.5, −1, 0) and ρ = −95 for every input, so
    // ρ − shift = −96 (σ ≈ e^−96, a float32 subnormal), then ρ = −995 (σ rounds to 0).
    const mu = [0.5, -1, 0];
    for (const rho of [-95, -995]) {
      const params = init(random.key(9), tiny);
      params.encoder.head.w.dispose();
      params.encoder.head.b.dispose();
      params.encoder.head = { w: np.zeros([6, 5]), b: np.array([...mu, rho, rho, rho]) };
      const { x, y, v } = tinyBatch();
      const { mu: m, sigma, logSigma } = encode(params, x.ref, tiny);
      m.dispose();
      const sigmaV = sigma!.dataSync() as Float32Array;
      if (rho === -95) for (const s of sigmaV) expect(s).toBeGreaterThan(0);
      expect(logSigma!.js()).toEqual(Array(3).fill([rho - 1, rho - 1, rho - 1]));
      // ½ Σ_k (μ² + σ² − 1 − 2 log σ) with σ² ≈ 0 and log σ = ρ − shift (error < e^−96)
      const expected = mu.reduce((s, mk) => s + 0.5 * (mk * mk - 1 - 2 * (rho - 1)), 0);
      const { kl, task } = lossTerms(params, x.ref, y.ref, v.ref, tiny);
      task.dispose();
      expect(kl.item()).toBeCloseTo(expected, 3);
      const [value, g] = valueAndGrad((p: VibParams) => loss(p, x.ref, y.ref, v.ref, tiny))(
        tree.ref(params),
      );
      expect(Number.isFinite(value.item())).toBe(true);
      // ∂L/∂ρ_k = β · mean_n (σ² − 1) σ'/σ → −β, as σ'/σ → 1; the task's part is ∝ σ' ≈ 0.
      const dRho = (g.encoder.head.b.ref.js() as number[]).slice(3);
      for (const d of dRho) expect(d).toBeCloseTo(-tiny.beta, 5);
      const [flatG] = tree.flatten(g);
      for (const leaf of flatG)
        expect(Array.from(leaf.dataSync()).every(Number.isFinite)).toBe(true);
      tree.dispose(params);
      x.dispose();
      y.dispose();
      v.dispose();
    }
  });

  it("the deterministic baseline has no KL and ignores the noise", () => {
    const cfg: VibConfig = { ...tiny, deterministic: true };
    const params = init(random.key(8), cfg);
    const { x, y, v } = tinyBatch();
    const a = lossTerms(params, x.ref, y.ref, v, cfg);
    const b = lossTerms(params, x, y, np.full([3, 3], 5), cfg);
    expect(a.kl.item()).toBe(0);
    expect(a.task.item()).toBeCloseTo(b.task.item(), 6);
    b.kl.dispose();
    tree.dispose(params);
  });
});
