import { beforeAll, describe, expect, it } from "vitest";
import { logSoftplus, softplus, softplusAndLog } from "./activations.js";
import { grad, initEngine, jit, numpy as np } from "./index.js";

beforeAll(async () => {
  await initEngine();
});

/** float64 references. */
const softplus64 = (x: number) => (x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x)));
const sigmoid64 = (x: number) => 1 / (1 + Math.exp(-x));

/** Spacing of float32's subnormals, 2^−149: the most a subnormal result can be off by rounding. */
const SUBNORMAL_STEP = 2 ** -149;
/** Smallest normal float32. */
const FLOAT32_NORMAL_MIN = 2 ** -126;
// jax-js's log is a 4-term atanh series: up to 1.2e-5 absolute for a mantissa near 2, so
// log1p(e^−|x|) near x = 0 is off by 1.8e-5 relative (measured; nn.softplus shares it).
const RELATIVE_TOLERANCE = 2e-5;

/** |got − want| within rounding to float32: one subnormal step, else RELATIVE_TOLERANCE. */
function expectFloat32Close(got: number, want: number) {
  const tolerance =
    Math.abs(want) < FLOAT32_NORMAL_MIN ? SUBNORMAL_STEP : RELATIVE_TOLERANCE * Math.abs(want);
  expect(Math.abs(got - want), `got ${got}, want ${want}`).toBeLessThanOrEqual(tolerance);
}

const POINTS = [-100, -30, -17, -1e-3, 0, 1e-3, 20, 100];

describe("softplus", () => {
  it("matches float64 at every magnitude, and is > 0 wherever float32 can hold the true value", () => {
    const eager = softplus(np.array(POINTS)).js() as number[];
    const jitted = jit(softplus)(np.array(POINTS)).js() as number[];
    for (const [i, x] of POINTS.entries()) {
      const want = Math.fround(softplus64(x));
      expectFloat32Close(eager[i], want);
      expect(jitted[i]).toBe(eager[i]);
    }
    // softplus(−100) ≈ 3.7e-44 is a float32 subnormal: σ must not become 0 there.
    expect(Math.fround(softplus64(-100))).toBeGreaterThan(0);
    expect(eager[0]).toBeGreaterThan(0);
    // The float32 range ends at x ≈ −103.97, where the true value rounds to 0.
    expect(softplus(np.array([-105])).item()).toBe(0);
  });

  it("has gradient sigmoid(x), which central differences of softplus itself confirm", () => {
    const grads = jit(grad((x: np.Array) => softplus(x).sum()))(np.array(POINTS)).js() as number[];
    for (const [i, x] of POINTS.entries()) expectFloat32Close(grads[i], Math.fround(sigmoid64(x)));
    // Central differences in float32 with h = 1e-2: truncation ≈ h²/6 relative (2e-5) plus
    // rounding ≈ 6e-8·|softplus(x)|/h (6e-4 at x = 100). At x = −100 the differences fall below
    // one subnormal step, so that point is checked against float64 above only.
    const h = 1e-2;
    const f = (xs: number[]) => softplus(np.array(xs)).js() as number[];
    const normalRange = POINTS.filter((x) => x > -100);
    const up = f(normalRange.map((x) => x + h));
    const down = f(normalRange.map((x) => x - h));
    for (const [i, x] of normalRange.entries()) {
      const fd = (up[i] - down[i]) / (2 * h);
      const g = grads[POINTS.indexOf(x)];
      expect(Math.abs(fd - g), `x = ${x}: fd ${fd}, grad ${g}`).toBeLessThanOrEqual(
        5e-5 * g + (1.2e-7 * Math.abs(softplus64(x))) / h,
      );
    }
  });
});

describe("logSoftplus", () => {
  it("is log softplus(x) and stays finite (≈ x) far below where softplus is 0", () => {
    const xs = [-1e4, -1000, ...POINTS];
    const got = jit(logSoftplus)(np.array(xs)).js() as number[];
    for (const [i, x] of xs.entries()) {
      // x + log(softplus(x)/eˣ), which is x − eˣ/2 + … for very negative x
      const want = x < -30 ? x : Math.log(softplus64(x));
      // absolute: log turns softplus's 2e-5 relative error into 2e-5 absolute, plus jax-js's own
      expect(Math.abs(got[i] - want), `x = ${x}`).toBeLessThanOrEqual(4e-5 + 6e-8 * Math.abs(want));
    }
    const grads = jit(grad((x: np.Array) => logSoftplus(x).sum()))(np.array(xs)).js() as number[];
    for (const [i, x] of xs.entries()) {
      // d/dx log softplus(x) = sigmoid(x)/softplus(x) → 1 as x → −∞
      const want = x < -30 ? 1 : sigmoid64(x) / softplus64(x);
      expect(Math.abs(grads[i] - want), `x = ${x}`).toBeLessThanOrEqual(5e-5 * want);
    }
  });
});

describe("softplusAndLog", () => {
  const xs = Array.from({ length: 801 }, (_, i) => -120 + i * 0.3).concat([
    -20, -20.000002, -19.999998, 0, -1e4,
  ]);

  it("gives softplus and logSoftplus bit for bit", () => {
    const both = jit((x: np.Array) => {
      const { softplus: s, logSoftplus: l } = softplusAndLog(x);
      return [s, l];
    });
    const [s, l] = both(np.array(xs)).map((a) => a.js() as number[]);
    expect(s).toEqual(jit(softplus)(np.array(xs)).js());
    expect(l).toEqual(jit(logSoftplus)(np.array(xs)).js());
    both.dispose();
  });

  it("has the gradients of the two functions it replaces", () => {
    // a·softplus(x) + b·log softplus(x), the way σ and log σ enter the VIB loss
    const objective = (pair: (x: np.Array) => [np.Array, np.Array]) =>
      jit(
        grad((x: np.Array) => {
          const [s, l] = pair(x);
          return s.mul(0.7).sum().add(l.mul(-1.3).sum());
        }),
      );
    const separate = objective((x) => [softplus(x.ref), logSoftplus(x)]);
    const shared = objective((x) => {
      const r = softplusAndLog(x);
      return [r.softplus, r.logSoftplus];
    });
    const want = separate(np.array(xs)).js() as number[];
    const got = shared(np.array(xs)).js() as number[];
    for (const [i, x] of xs.entries())
      expect(Math.abs(got[i] - want[i]), `x = ${x}`).toBeLessThanOrEqual(
        2 ** -22 *
          (0.7 * sigmoid64(x) + 1.3 * Math.abs(x < -30 ? 1 : sigmoid64(x) / softplus64(x))),
      );
    separate.dispose();
    shared.dispose();
  });
});
