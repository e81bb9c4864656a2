/** The normal family N(μ, σ²): Gaussian tails, the 2nd parameter read as a variance or a std. */
import { LOG_2PI } from "../special.js";
import {
  around,
  both,
  type Family,
  LOC_NAMES,
  PROSE_NUMBER as NUM,
  num,
  REAL_LINE,
  validated,
} from "./family.js";

export type Normal = { kind: "normal"; mu: number; sigma: number };

export const normalFamily: Family<Normal> = {
  kind: "normal",
  discrete: false,
  validate(d, c) {
    c.finite(d.mu, "μ");
    c.positive(d.sigma, "σ");
  },
  logPdf(d, x) {
    const z = (x - d.mu) / d.sigma;
    return -0.5 * z * z - Math.log(d.sigma) - 0.5 * LOG_2PI;
  },
  support: () => REAL_LINE,
  tails: (d) => both({ kind: "gaussian", c: 1 / (2 * d.sigma * d.sigma) }),
  mean: (d) => d.mu,
  variance: (d) => d.sigma * d.sigma,
  locationScale: (d) => ({ loc: d.mu, scale: d.sigma }),
  breakpoints: (d) => around(d.mu, d.sigma),
  sample: (d, rng) => d.mu + d.sigma * rng.normal(),
  format: (d) => `N(mu=${num(d.mu)}, sigma=${num(d.sigma)})`,
  readers: [
    {
      names: [
        "n",
        "normal",
        "gaussian",
        "gauss",
        "normale",
        "gaussiana",
        "gaussienne",
        "normalverteilung",
        "normaal",
      ],
      shown: "N/Normal",
      read(a) {
        const g = a.pick(
          [
            { key: "mu", names: LOC_NAMES },
            { key: "second", names: [] },
            { key: "sigma", names: ["sigma", "std", "sd", "scale", "s", "stddev", "stdev"] },
            {
              key: "var",
              names: ["sigma^2", "var", "variance", "v", "s^2", "sigma2", "s2", "std^2", "sd^2"],
            },
          ],
          2,
        );
        const mu = g.mu?.value.v;
        if (mu === undefined) a.fail("N needs a mean", a.namePos);
        const given = [g.second, g.sigma, g.var].filter(Boolean);
        if (given.length !== 1)
          a.fail("N needs exactly one of σ, σ² (or a 2nd positional parameter)", a.namePos);
        a.positive(
          g.second ?? g.sigma ?? g.var,
          g.var ? "the variance σ²" : g.sigma ? "σ" : "the 2nd parameter of N (σ or σ²)",
        );
        if (g.sigma) return { kind: "normal", mu, sigma: g.sigma.value.v };
        if (g.var) return { kind: "normal", mu, sigma: Math.sqrt(g.var.value.v) };
        const s = g.second.value;
        if (s.squared) return { kind: "normal", mu, sigma: Math.sqrt(s.v) }; // N(0, 0.5^2)
        if (s.v === 1) return { kind: "normal", mu, sigma: 1 };
        return {
          convention: {
            axis: "normal2",
            choices: [
              ["variance", "N(μ, σ²): the 2nd parameter of N is the variance"],
              ["std", "N(μ, σ): the 2nd parameter of N is the standard deviation"],
            ],
          },
          build: (choice) => ({
            kind: "normal",
            mu,
            sigma: choice === "variance" ? Math.sqrt(s.v) : s.v,
          }),
        };
      },
    },
  ],
  words: ["normal", "gaussian"],
  standard: "N(0, 1)",
  wordForms: [
    // "normal with mean 0 and variance 4" / "… and standard deviation 2"
    [
      new RegExp(
        String.raw`\b(?:an? )?(?:normal|gaussian)(?: distribution)?\s+with\s+mean\s*(?:=|of)?\s*${NUM}\s*(?:,|and|,\s*and)\s*variance\s*(?:=|of)?\s*${NUM}`,
        "gi",
      ),
      "N(mu=$1, sigma^2=$2)",
    ],
    [
      new RegExp(
        String.raw`\b(?:an? )?(?:normal|gaussian)(?: distribution)?\s+with\s+mean\s*(?:=|of)?\s*${NUM}\s*(?:,|and|,\s*and)\s*(?:standard deviation|std|sd)\s*(?:=|of)?\s*${NUM}`,
        "gi",
      ),
      "N(mu=$1, sigma=$2)",
    ],
  ],
  half: "HalfNormal",
  sliders: [
    ["mu", "mean μ", -5, 5, 0.1],
    ["sigma", "std σ", 0.05, 5, 0.05],
  ],
  jaxLogPdf(_jax, d, x) {
    const z = x.sub(d.mu).mul(1 / d.sigma);
    return z.ref
      .mul(z)
      .mul(-0.5)
      .sub(Math.log(d.sigma) + 0.5 * LOG_2PI);
  },
};

/** N(μ, σ²) from its mean and standard deviation (validated). */
export const normal = (mu: number, sigma: number): Normal =>
  validated(normalFamily, { kind: "normal", mu, sigma });
