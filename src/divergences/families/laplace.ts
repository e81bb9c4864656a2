/** The Laplace family Laplace(μ, b): density e^(−|x−μ|/b)/(2b), exponential tails. */
import {
  around,
  both,
  type Family,
  num,
  REAL_LINE,
  readLocationScale,
  validated,
} from "./family.js";

export type Laplace = { kind: "laplace"; mu: number; b: number };

export const laplaceFamily: Family<Laplace> = {
  kind: "laplace",
  discrete: false,
  validate(d, c) {
    c.finite(d.mu, "μ");
    c.positive(d.b, "b");
  },
  // log 2 + log b, not log(2b): the product overflows for b near the largest double
  logPdf: (d, x) => -Math.abs(x - d.mu) / d.b - Math.LN2 - Math.log(d.b),
  support: () => REAL_LINE,
  tails: (d) => both({ kind: "exponential", rate: 1 / d.b }),
  mean: (d) => d.mu,
  variance: (d) => 2 * d.b * d.b,
  locationScale: (d) => ({ loc: d.mu, scale: d.b }),
  breakpoints: (d) => around(d.mu, d.b),
  sample(d, rng) {
    const u = rng.next() - 0.5;
    return d.mu - d.b * Math.sign(u) * Math.log(1 - 2 * Math.abs(u));
  },
  format: (d) => `Laplace(${num(d.mu)}, ${num(d.b)})`,
  readers: [
    {
      names: ["laplace", "lap", "laplacian"],
      shown: "Laplace",
      read(r) {
        const { loc, scale } = readLocationScale(
          r,
          ["b", "scale", "s", "beta", "lambda"],
          "the scale b",
        );
        return { kind: "laplace", mu: loc, b: scale };
      },
    },
  ],
  words: ["laplace"],
  standard: "Laplace(0, 1)",
  wordForms: [],
  sliders: [
    ["mu", "location μ", -5, 5, 0.1],
    ["b", "scale b", 0.05, 5, 0.05],
  ],
  jaxLogPdf: (jax, d, x) =>
    jax.numpy
      .abs(x.sub(d.mu))
      .mul(-1 / d.b)
      .sub(Math.LN2 + Math.log(d.b)),
};

/** Laplace(μ, b) (validated). */
export const laplace = (mu: number, b: number): Laplace =>
  validated(laplaceFamily, { kind: "laplace", mu, b });
