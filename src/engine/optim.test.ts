import { beforeAll, describe, expect, it } from "vitest";
import { initEngine, jit, numpy as np, tree } from "./index.js";
import {
  adam,
  constant,
  emaUpdate,
  exponentialStepDecay,
  type Schedule,
  scheduleArray,
  scheduleValue,
  type Tree,
  warmupCosine,
  warmupInverseSqrt,
} from "./optim.js";

beforeAll(async () => {
  await initEngine();
});

/** Adam/AdamW written out with plain JS numbers, one parameter vector, for comparison. */
function adamByHand(
  p0: number[],
  grads: number[][],
  o: { lr: number; b1: number; b2: number; eps: number; wd: number },
): number[] {
  const p = [...p0];
  const m = p.map(() => 0);
  const v = p.map(() => 0);
  grads.forEach((g, k) => {
    const t = k + 1;
    for (let i = 0; i < p.length; i++) {
      m[i] = o.b1 * m[i] + (1 - o.b1) * g[i];
      v[i] = o.b2 * v[i] + (1 - o.b2) * g[i] * g[i];
      const mHat = m[i] / (1 - o.b1 ** t);
      const vHat = v[i] / (1 - o.b2 ** t);
      p[i] -= o.lr * (mHat / (Math.sqrt(vHat) + o.eps) + o.wd * p[i]);
    }
  });
  return p;
}

describe("adam", () => {
  const p0 = [0.5, -1.5, 2.0];
  const grads = [
    [0.1, -0.2, 0.3],
    [-0.4, 0.05, 0.6],
    [0.2, 0.2, -0.1],
  ];
  for (const wd of [0, 0.1]) {
    it(`matches a hand-computed 3-step run (weightDecay ${wd}) inside jit`, async () => {
      const o = { lr: 0.01, b1: 0.8, b2: 0.999, eps: 1e-6, wd };
      const opt = adam({ lr: o.lr, b1: o.b1, b2: o.b2, eps: o.eps, weightDecay: wd });
      const step = jit((g: Tree, s: ReturnType<typeof opt.init>, p: Tree) => opt.update(g, s, p));
      let params: Tree = { w: np.array(p0) };
      let state = opt.init(params);
      for (const g of grads) {
        ({ params, state } = step({ w: np.array(g) }, state, params));
      }
      const got = Array.from(await (params as { w: np.Array }).w.data());
      const want = adamByHand(p0, grads, o);
      for (let i = 0; i < p0.length; i++) expect(got[i]).toBeCloseTo(want[i], 6);
      expect(await state.count.jsAsync()).toBe(3);
      // the weights really moved (≫ the 1e-6 tolerance), so the comparison above is not vacuous
      for (let i = 0; i < p0.length; i++) expect(Math.abs(want[i] - p0[i])).toBeGreaterThan(1e-3);
      step.dispose();
    });
  }

  it("bias-corrects accurately in float32 (first step moves by exactly lr)", async () => {
    const opt = adam({ lr: 1, eps: 0 }); // b2 = 0.999: 1 − b2 is where float32 cancellation bites
    const out = opt.update(np.array([3]), opt.init(np.array([0])), np.array([0]));
    const moved = -(await (out.params as np.Array).jsAsync())[0];
    expect(Math.abs(moved - 1)).toBeLessThan(1e-6);
    tree.dispose(out.state);
  });

  it("uses the schedule's value at the 0-based update count", async () => {
    const opt = adam({ lr: exponentialStepDecay({ lr: 0.1, factor: 0.5, everySteps: 1 }) });
    let params: Tree = np.array([0]);
    let state = opt.init(params);
    const moves: number[] = [];
    let prev = 0;
    for (let k = 0; k < 3; k++) {
      ({ params, state } = opt.update(np.array([1]), state, params));
      const now = (await (params as np.Array).ref.data())[0];
      moves.push(prev - now);
      prev = now;
    }
    // with a constant gradient m̂/√v̂ = 1, so each move is the scheduled lr (up to eps)
    expect(moves[0]).toBeCloseTo(0.1, 6);
    expect(moves[1]).toBeCloseTo(0.05, 6);
    expect(moves[2]).toBeCloseTo(0.025, 6);
  });
});

describe("adam + weight average against float64", () => {
  // sizes whose kernels run as SIMD (multiples of 4), SIMD with a scalar tail, and scalar
  const shapes = [[7], [4, 9], [33, 65], [256], [1, 1]];
  const cfg = { lr: 0.01, b1: 0.5, b2: 0.999, eps: 1e-8, emaDecay: 0.999 };
  const values = (n: number, seed: number) =>
    Float64Array.from({ length: n }, (_, i) => {
      const u = Math.sin(i * 12.9898 + seed * 78.233);
      return Math.fround(u * 10 ** ((i % 5) - 3)); // magnitudes 1e-3 … 10
    });

  for (const wd of [0, 0.01]) {
    it(`matches a float64 run over 6 steps to float rounding (weightDecay ${wd})`, async () => {
      const opt = adam({ ...cfg, weightDecay: wd });
      const step = jit((g: Tree, s: ReturnType<typeof opt.init>, p: Tree, e: Tree) => {
        const next = opt.update(g, s, p);
        const ema = emaUpdate(e, next.params, next.state.count.ref, cfg.emaDecay);
        return { ...next, ema };
      });
      const sizes = shapes.map((s) => s.reduce((a, b) => a * b, 1));
      const p0 = sizes.map((n, k) => values(n, k));
      const gs = [0, 1, 2, 3, 4, 5].map((t) => sizes.map((n, k) => values(n, 100 + 10 * t + k)));
      const device = (xs: Float64Array[]) =>
        xs.map((x, k) => np.array(Float32Array.from(x)).reshape(shapes[k]));
      let params: Tree = device(p0);
      let ema: Tree = device(p0);
      let state = opt.init(params);
      for (const g of gs) ({ params, state, ema } = step(device(g), state, params, ema));

      // float64: the same updates, and a bound of 8 float32 roundings of every magnitude that
      // entered each element (the weights, and every update step lr·(m̂/(√v̂+ε) + wd·p))
      const p = p0.map((x) => Float64Array.from(x));
      const e = p0.map((x) => Float64Array.from(x));
      const m = sizes.map((n) => new Float64Array(n));
      const v = sizes.map((n) => new Float64Array(n));
      const scale = p0.map((x) => x.map(Math.abs));
      gs.forEach((g, t0) => {
        const t = t0 + 1;
        const d = Math.min(cfg.emaDecay, (1 + t) / (10 + t));
        for (let k = 0; k < sizes.length; k++)
          for (let i = 0; i < sizes[k]; i++) {
            m[k][i] = cfg.b1 * m[k][i] + (1 - cfg.b1) * g[k][i];
            v[k][i] = cfg.b2 * v[k][i] + (1 - cfg.b2) * g[k][i] ** 2;
            const mHat = m[k][i] / (1 - cfg.b1 ** t);
            const vHat = v[k][i] / (1 - cfg.b2 ** t);
            const move = cfg.lr * (mHat / (Math.sqrt(vHat) + cfg.eps) + wd * p[k][i]);
            p[k][i] -= move;
            e[k][i] = d * e[k][i] + (1 - d) * p[k][i];
            scale[k][i] += Math.abs(move) + Math.abs(p[k][i]);
          }
      });
      const worst = async (got: Tree, want: Float64Array[]) => {
        let ratio = 0;
        const arrays = got as np.Array[];
        for (let k = 0; k < sizes.length; k++) {
          const data = await arrays[k].data();
          for (let i = 0; i < sizes[k]; i++) {
            const bound = 8 * 2 ** -24 * scale[k][i];
            ratio = Math.max(ratio, Math.abs(data[i] - want[k][i]) / bound);
          }
        }
        return ratio;
      };
      expect(await worst(params, p)).toBeLessThanOrEqual(1);
      expect(await worst(ema, e)).toBeLessThanOrEqual(1);
      expect(await state.count.jsAsync()).toBe(6);
      // the weights moved by ≫ the bound, so the comparison is not vacuous
      expect(Math.abs(p[3][0] - p0[3][0])).toBeGreaterThan(1e-3);
      tree.dispose([state.mu, state.nu]); // params, ema and count were read (consumed) above
      step.dispose();
    });
  }
});

describe("schedules", () => {
  it("have the documented closed forms", () => {
    expect(scheduleValue(constant(3e-4), 1234)).toBe(3e-4);
    const vib = exponentialStepDecay({ lr: 1e-4, factor: 0.97, everySteps: 1200 });
    expect(scheduleValue(vib, 0)).toBe(1e-4);
    expect(scheduleValue(vib, 1199)).toBe(1e-4);
    expect(scheduleValue(vib, 1200)).toBeCloseTo(0.97e-4, 12);
    expect(scheduleValue(vib, 5 * 1200 + 3)).toBeCloseTo(1e-4 * 0.97 ** 5, 12);
    const noam = warmupInverseSqrt({ lr: 1e-3, warmupSteps: 100 });
    expect(scheduleValue(noam, 0)).toBeCloseTo(1e-5, 12);
    expect(scheduleValue(noam, 99)).toBeCloseTo(1e-3, 12);
    expect(scheduleValue(noam, 399)).toBeCloseTo(5e-4, 12);
    const cos = warmupCosine({ lr: 1e-3, warmupSteps: 10, totalSteps: 110, finalLr: 1e-4 });
    expect(scheduleValue(cos, 4)).toBeCloseTo(5e-4, 12);
    expect(scheduleValue(cos, 10)).toBeCloseTo(1e-3, 12);
    expect(scheduleValue(cos, 60)).toBeCloseTo(5.5e-4, 12);
    expect(scheduleValue(cos, 110)).toBeCloseTo(1e-4, 12);
    expect(scheduleValue(cos, 500)).toBeCloseTo(1e-4, 12);
  });

  it("give the same values as arrays under jit as in plain JS", async () => {
    const schedules: Schedule[] = [
      constant(0.01),
      exponentialStepDecay({ lr: 1e-3, factor: 0.97, everySteps: 7 }),
      warmupInverseSqrt({ lr: 2e-3, warmupSteps: 16 }),
      warmupCosine({ lr: 1e-3, warmupSteps: 10, totalSteps: 50, finalLr: 1e-5 }),
    ];
    for (const s of schedules) {
      const f = jit((step: np.Array) => scheduleArray(s, step));
      for (const step of [0, 1, 6, 7, 9, 10, 15, 16, 30, 49, 50, 80]) {
        const got = await f(np.array(step, { dtype: np.float32 })).jsAsync();
        const want = scheduleValue(s, step);
        expect(Math.abs(got - want)).toBeLessThanOrEqual(1e-6 * Math.abs(want) + 1e-9);
      }
      f.dispose();
    }
  });
});
