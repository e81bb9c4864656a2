/** Student's t family t(ν, μ, σ): power-law tails of index ν. */
import { lgamma } from "../special.js";
import {
  around,
  both,
  type Family,
  INF,
  LOC_NAMES,
  PROSE_NUMBER as NUM,
  num,
  REAL_LINE,
  validated,
} from "./family.js";
import { sampleGamma } from "./gamma.js";

export type StudentT = { kind: "studentT"; nu: number; mu: number; sigma: number };

/** log Γ((ν+1)/2) − log Γ(ν/2) − ½ log(νπ) − log σ: the log density at the centre. */
const logNorm = (d: StudentT) =>
  lgamma((d.nu + 1) / 2) -
  lgamma(d.nu / 2) -
  0.5 * (Math.log(d.nu) + Math.log(Math.PI)) -
  Math.log(d.sigma);

export const studentTFamily: Family<StudentT> = {
  kind: "studentT",
  discrete: false,
  validate(d, c) {
    c.positive(d.nu, "ν");
    c.finite(d.mu, "μ");
    c.positive(d.sigma, "σ");
  },
  logPdf(d, x) {
    const z = (x - d.mu) / d.sigma;
    return logNorm(d) - ((d.nu + 1) / 2) * Math.log1p((z * z) / d.nu);
  },
  support: () => REAL_LINE,
  tails: (d) => both({ kind: "power", index: d.nu }),
  mean: (d) => (d.nu > 1 ? d.mu : Number.NaN),
  variance: (d) =>
    d.nu > 2 ? (d.sigma * d.sigma * d.nu) / (d.nu - 2) : d.nu > 1 ? INF : Number.NaN,
  locationScale: (d) => ({ loc: d.mu, scale: d.sigma }),
  breakpoints: (d) => around(d.mu, d.sigma),
  sample(d, rng) {
    const chi2 = 2 * sampleGamma(d.nu / 2, rng);
    return d.mu + (d.sigma * rng.normal()) / Math.sqrt(chi2 / d.nu);
  },
  format: (d) =>
    d.mu === 0 && d.sigma === 1
      ? `t(${num(d.nu)})`
      : `t(nu=${num(d.nu)}, mu=${num(d.mu)}, sigma=${num(d.sigma)})`,
  readers: [
    {
      names: ["t", "student", "studentt"],
      shown: "t/StudentT",
      subscript: "nu",
      suffix: { after: "student", word: "t" },
      read(r) {
        const g = r.pick(
          [
            { key: "nu", names: ["nu", "df", "dof", "n", "k"] },
            { key: "mu", names: LOC_NAMES },
            { key: "sigma", names: ["sigma", "scale", "s"] },
          ],
          1,
        );
        r.positive(g.nu, "the degrees of freedom ν");
        r.positive(g.sigma, "the scale σ");
        return {
          kind: "studentT",
          nu: g.nu.value.v,
          mu: g.mu?.value.v ?? 0,
          sigma: g.sigma?.value.v ?? 1,
        };
      },
    },
  ],
  words: [],
  wordForms: [
    // "a t-distribution with 1 degree of freedom", "Student's t with ν = 3"
    [
      new RegExp(
        String.raw`\b(?:an? |the )?(?:student'?s?[\s-]+)?t[\s-]distribution\s+with\s+(?:ν\s*=\s*|nu\s*=\s*)?${NUM}(?:\s+degrees?\s+of\s+freedom)?`,
        "gi",
      ),
      "StudentT($1)",
    ],
    [
      new RegExp(
        String.raw`\b(?:an? |the )?student'?s?[\s-]+t\s+with\s+(?:ν\s*=\s*|nu\s*=\s*)?${NUM}(?:\s+degrees?\s+of\s+freedom)?`,
        "gi",
      ),
      "StudentT($1)",
    ],
  ],
  sliders: [
    ["nu", "degrees of freedom ν", 0.5, 30, 0.5],
    ["mu", "location μ", -5, 5, 0.1],
    ["sigma", "scale σ", 0.05, 5, 0.05],
  ],
  jaxLogPdf(jax, d, x) {
    const z = x.sub(d.mu).mul(1 / d.sigma);
    return jax.numpy
      .log1p(z.ref.mul(z).mul(1 / d.nu))
      .mul(-(d.nu + 1) / 2)
      .add(logNorm(d));
  },
};

/** t(ν) with location μ and scale σ (validated). */
export const studentT = (nu: number, mu = 0, sigma = 1): StudentT =>
  validated(studentTFamily, { kind: "studentT", nu, mu, sigma });
