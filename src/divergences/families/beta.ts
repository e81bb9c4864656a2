/** The Beta family Beta(α, β) on [0, 1]. */
import { lbeta } from "../special.js";
import { around, BOUNDED, type Family, INF, NEG_INF, num, validated } from "./family.js";
import { sampleGamma } from "./gamma.js";

export type Beta = { kind: "beta"; a: number; b: number };

const mean = (d: Beta) => d.a / (d.a + d.b);
const variance = (d: Beta) => (d.a * d.b) / ((d.a + d.b) ** 2 * (d.a + d.b + 1));

export const betaFamily: Family<Beta> = {
  kind: "beta",
  discrete: false,
  validate(d, c) {
    c.positive(d.a, "α");
    c.positive(d.b, "β");
  },
  logPdf(d, x) {
    if (x < 0 || x > 1) return NEG_INF;
    if (x === 0) return d.a < 1 ? INF : d.a === 1 ? -lbeta(d.a, d.b) : NEG_INF;
    if (x === 1) return d.b < 1 ? INF : d.b === 1 ? -lbeta(d.a, d.b) : NEG_INF;
    return (d.a - 1) * Math.log(x) + (d.b - 1) * Math.log1p(-x) - lbeta(d.a, d.b);
  },
  support: () => ({ kind: "continuous", intervals: [[0, 1]] }),
  tails: () => BOUNDED,
  mean,
  variance,
  locationScale: (d) => ({ loc: mean(d), scale: 0.5 }),
  breakpoints: (d) => [
    0,
    1,
    ...around(mean(d), Math.sqrt(variance(d))).filter((x) => x > 0 && x < 1),
  ],
  sample(d, rng) {
    const x = sampleGamma(d.a, rng);
    const y = sampleGamma(d.b, rng);
    return x / (x + y);
  },
  format: (d) => `Beta(${num(d.a)}, ${num(d.b)})`,
  readers: [
    {
      names: ["beta"],
      shown: "Beta",
      read(r) {
        const g = r.pick(
          [
            { key: "a", names: ["a", "alpha"] },
            { key: "b", names: ["b", "beta"] },
          ],
          2,
        );
        r.positive(g.a, "α");
        r.positive(g.b, "β");
        return { kind: "beta", a: g.a.value.v, b: g.b.value.v };
      },
    },
  ],
  words: ["beta"],
  wordForms: [],
  sliders: [
    ["a", "α", 0.1, 10, 0.1],
    ["b", "β", 0.1, 10, 0.1],
  ],
};

/** Beta(α, β) (validated). */
export const beta = (a: number, b: number): Beta => validated(betaFamily, { kind: "beta", a, b });
