/**
 * The logistic family Logistic(μ, s): density e^(−z)/(s(1 + e^(−z))²) with z = (x − μ)/s, a
 * bell like N's with exponential tails (rate 1/s); variance s²π²/3.
 */
import {
  around,
  both,
  type Family,
  num,
  REAL_LINE,
  readLocationScale,
  validated,
} from "./family.js";

export type Logistic = { kind: "logistic"; mu: number; s: number };

export const logisticFamily: Family<Logistic> = {
  kind: "logistic",
  discrete: false,
  validate(d, c) {
    c.finite(d.mu, "μ");
    c.positive(d.s, "s");
  },
  logPdf(d, x) {
    // in |z|, so e^(−|z|) never overflows
    const a = Math.abs((x - d.mu) / d.s);
    return -a - 2 * Math.log1p(Math.exp(-a)) - Math.log(d.s);
  },
  support: () => REAL_LINE,
  tails: (d) => both({ kind: "exponential", rate: 1 / d.s }),
  mean: (d) => d.mu,
  variance: (d) => (d.s * d.s * Math.PI * Math.PI) / 3,
  locationScale: (d) => ({ loc: d.mu, scale: d.s }),
  breakpoints: (d) => around(d.mu, d.s),
  sample(d, rng) {
    const u = 1 - rng.next(); // in (0, 1]
    return d.mu + d.s * (Math.log(u) - Math.log1p(-u));
  },
  format: (d) => `Logistic(${num(d.mu)}, ${num(d.s)})`,
  readers: [
    {
      names: ["logistic", "logis"],
      shown: "Logistic",
      read(r) {
        const { loc, scale } = readLocationScale(r, ["s", "scale", "b", "beta"], "the scale s");
        return { kind: "logistic", mu: loc, s: scale };
      },
    },
  ],
  words: ["logistic"],
  standard: "Logistic(0, 1)",
  wordForms: [],
  sliders: [
    ["mu", "location μ", -5, 5, 0.1],
    ["s", "scale s", 0.05, 5, 0.05],
  ],
  jaxLogPdf(jax, d, x) {
    const { numpy: np } = jax;
    const a = np.abs(x.sub(d.mu).mul(1 / d.s));
    return np
      .log1p(np.exp(a.ref.mul(-1)))
      .mul(-2)
      .sub(a)
      .sub(Math.log(d.s));
  },
};

/** Logistic(μ, s) (validated). */
export const logistic = (mu: number, s: number): Logistic =>
  validated(logisticFamily, { kind: "logistic", mu, s });
