/** The Cauchy family Cauchy(x₀, γ): power-law tails of index 1, no mean. */
import {
  around,
  both,
  type Family,
  num,
  REAL_LINE,
  readLocationScale,
  validated,
} from "./family.js";

export type Cauchy = { kind: "cauchy"; x0: number; gamma: number };

export const cauchyFamily: Family<Cauchy> = {
  kind: "cauchy",
  discrete: false,
  validate(d, c) {
    c.finite(d.x0, "x₀");
    c.positive(d.gamma, "γ");
  },
  logPdf(d, x) {
    const z = (x - d.x0) / d.gamma;
    // log π + log γ, not log(π·γ): the product overflows for γ near the largest double
    return -Math.log(Math.PI) - Math.log(d.gamma) - Math.log1p(z * z);
  },
  support: () => REAL_LINE,
  tails: () => both({ kind: "power", index: 1 }),
  mean: () => Number.NaN,
  variance: () => Number.NaN,
  locationScale: (d) => ({ loc: d.x0, scale: d.gamma }),
  breakpoints: (d) => around(d.x0, d.gamma),
  sample: (d, rng) => d.x0 + d.gamma * Math.tan(Math.PI * (rng.next() - 0.5)),
  format: (d) => `Cauchy(${num(d.x0)}, ${num(d.gamma)})`,
  readers: [
    {
      names: ["cauchy"],
      shown: "Cauchy",
      read(r) {
        const { loc, scale } = readLocationScale(
          r,
          ["gamma", "scale", "s", "sigma", "b"],
          "the scale γ",
        );
        return { kind: "cauchy", x0: loc, gamma: scale };
      },
    },
  ],
  words: ["cauchy"],
  standard: "Cauchy(0, 1)",
  wordForms: [],
  half: "HalfCauchy",
  sliders: [
    ["x0", "location x₀", -5, 5, 0.1],
    ["gamma", "scale γ", 0.05, 5, 0.05],
  ],
  jaxLogPdf(jax, d, x) {
    const z = x.sub(d.x0).mul(1 / d.gamma);
    return jax.numpy
      .log1p(z.ref.mul(z))
      .mul(-1)
      .sub(Math.log(Math.PI) + Math.log(d.gamma));
  },
};

/** Cauchy(x₀, γ) (validated). */
export const cauchy = (x0: number, gamma: number): Cauchy =>
  validated(cauchyFamily, { kind: "cauchy", x0, gamma });
