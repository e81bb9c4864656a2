/** The Gamma family Gamma(k, β) on [0, ∞) with shape k and rate β (the 2nd parameter may be a scale). */
import { lgamma } from "../special.js";
import { around, type Family, INF, NEG_INF, num, type RandomSource, validated } from "./family.js";

export type Gamma = { kind: "gamma"; shape: number; rate: number };

/** One draw of Gamma(shape, 1): Marsaglia–Tsang; shape < 1 via the boost Γ(k) = Γ(k+1)·U^{1/k}. */
export function sampleGamma(shape: number, rng: RandomSource): number {
  if (shape < 1) return sampleGamma(shape + 1, rng) * (1 - rng.next()) ** (1 / shape);
  const dd = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * dd);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = rng.normal();
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - rng.next();
    if (Math.log(u) < 0.5 * x * x + dd - dd * v + dd * Math.log(v)) return dd * v;
  }
}

export const gammaFamily: Family<Gamma> = {
  kind: "gamma",
  discrete: false,
  validate(d, c) {
    c.positive(d.shape, "shape k");
    c.positive(d.rate, "rate β");
  },
  logPdf(d, x) {
    if (x < 0) return NEG_INF;
    if (x === 0) return d.shape < 1 ? INF : d.shape === 1 ? Math.log(d.rate) : NEG_INF;
    return d.shape * Math.log(d.rate) - lgamma(d.shape) + (d.shape - 1) * Math.log(x) - d.rate * x;
  },
  support: () => ({ kind: "continuous", intervals: [[0, INF]] }),
  tails: (d) => ({ left: { kind: "bounded" }, right: { kind: "exponential", rate: d.rate } }),
  mean: (d) => d.shape / d.rate,
  variance: (d) => d.shape / (d.rate * d.rate),
  locationScale: (d) => ({ loc: d.shape / d.rate, scale: Math.sqrt(d.shape) / d.rate }),
  breakpoints(d) {
    const mode = Math.max(0, (d.shape - 1) / d.rate);
    return [0, ...around(mode, Math.sqrt(d.shape) / d.rate).filter((x) => x > 0)];
  },
  sample: (d, rng) => sampleGamma(d.shape, rng) / d.rate,
  format: (d) => `Gamma(shape=${num(d.shape)}, rate=${num(d.rate)})`,
  readers: [
    {
      names: ["gamma"],
      shown: "Gamma",
      read(r) {
        const g = r.pick(
          [
            { key: "shape", names: ["shape", "k", "alpha", "a"] },
            { key: "second", names: [] },
            { key: "rate", names: ["rate", "beta", "lambda", "b"] },
            { key: "scale", names: ["scale", "theta", "s"] },
          ],
          2,
        );
        const second = g.second ?? g.rate ?? g.scale;
        if ([g.second, g.rate, g.scale].filter(Boolean).length !== 1)
          r.fail("Gamma needs a shape and one of rate/scale", r.namePos);
        r.positive(g.shape, "the shape k");
        r.positive(second, "the rate/scale");
        const k = g.shape.value.v;
        if (g.rate) return { kind: "gamma", shape: k, rate: g.rate.value.v };
        if (g.scale) return { kind: "gamma", shape: k, rate: 1 / g.scale.value.v };
        const v = g.second.value.v;
        if (v === 1) return { kind: "gamma", shape: k, rate: 1 };
        return {
          convention: {
            axis: "gamma2",
            choices: [
              ["rate", "Gamma(k, β): the 2nd parameter is the rate"],
              ["scale", "Gamma(k, θ): the 2nd parameter is the scale"],
            ],
          },
          build: (choice) => ({ kind: "gamma", shape: k, rate: choice === "rate" ? v : 1 / v }),
        };
      },
    },
  ],
  words: ["gamma"],
  wordForms: [],
  sliders: [
    ["shape", "shape k", 0.1, 10, 0.1],
    ["rate", "rate β", 0.05, 5, 0.05],
  ],
};

/** Gamma(k, β) from its shape and rate (validated). */
export const gamma = (shape: number, rate: number): Gamma =>
  validated(gammaFamily, { kind: "gamma", shape, rate });
