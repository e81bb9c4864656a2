/** The Poisson family Poisson(λ) on {0, 1, 2, …}. */
import { lgamma } from "../special.js";
import { BOUNDED, type Family, INF, invertPmf, NEG_INF, num, validated } from "./family.js";

export type Poisson = { kind: "poisson"; rate: number };

function logPdf(d: Poisson, k: number): number {
  if (!Number.isInteger(k) || k < 0) return NEG_INF;
  return k * Math.log(d.rate) - d.rate - lgamma(k + 1);
}

export const poissonFamily: Family<Poisson> = {
  kind: "poisson",
  discrete: true,
  validate(d, c) {
    c.positive(d.rate, "rate λ");
    if (d.rate > 1e6) c.bad(`rate λ must be at most 10⁶, got ${d.rate}`);
  },
  logPdf,
  support: () => ({ kind: "integers", from: 0 }),
  tails: () => BOUNDED,
  mean: (d) => d.rate,
  variance: (d) => d.rate,
  locationScale: (d) => ({ loc: d.rate, scale: Math.max(Math.sqrt(d.rate), 1) }),
  breakpoints: () => [],
  sample: (d, rng) => invertPmf(rng.next(), logPdf(d, 0), (k) => Math.log(d.rate / k), INF, d.rate),
  format: (d) => `Poisson(${num(d.rate)})`,
  readers: [
    {
      names: ["poisson", "pois", "poi"],
      shown: "Poisson",
      read(r) {
        const g = r.pick([{ key: "rate", names: ["lambda", "rate", "mu", "mean", "l"] }], 1);
        return { kind: "poisson", rate: g.rate.value.v };
      },
    },
  ],
  words: ["poisson"],
  wordForms: [],
  sliders: [["rate", "rate λ", 0.1, 30, 0.1]],
};

/** Poisson(λ) (validated). */
export const poisson = (rate: number): Poisson =>
  validated(poissonFamily, { kind: "poisson", rate });
