/** The binomial family Binomial(n, p) on {0, …, n}. */
import { lgamma } from "../special.js";
import { BOUNDED, type Family, invertPmf, NEG_INF, num, validated } from "./family.js";

export type Binomial = { kind: "binomial"; n: number; p: number };

function logPdf(d: Binomial, k: number): number {
  if (!Number.isInteger(k) || k < 0 || k > d.n) return NEG_INF;
  const choose = lgamma(d.n + 1) - lgamma(k + 1) - lgamma(d.n - k + 1);
  const success = k === 0 ? 0 : k * Math.log(d.p); // 0·log 0 = 0
  const failure = k === d.n ? 0 : (d.n - k) * Math.log1p(-d.p);
  return choose + success + failure;
}
const mean = (d: Binomial) => d.n * d.p;
const variance = (d: Binomial) => d.n * d.p * (1 - d.p);

export const binomialFamily: Family<Binomial> = {
  kind: "binomial",
  discrete: true,
  validate(d, c) {
    if (!Number.isInteger(d.n) || d.n < 1 || d.n > 1e6)
      c.bad(`n must be a whole number of trials in 1 … 10⁶, got ${d.n}`);
    if (!(d.p >= 0 && d.p <= 1)) c.bad(`p must lie in [0, 1], got ${d.p}`);
  },
  logPdf,
  support(d) {
    const all = Array.from({ length: d.n + 1 }, (_, k) => k);
    return { kind: "discrete", points: all.filter((k) => logPdf(d, k) > NEG_INF) };
  },
  // a pmf's tail never makes E_P[−log q] diverge against another pmf here (both sides are
  // summed term by term); tail classes are a density notion
  tails: () => BOUNDED,
  mean,
  variance,
  locationScale: (d) => ({ loc: mean(d), scale: Math.max(Math.sqrt(variance(d)), 1) }),
  breakpoints: () => [], // only densities are integrated
  sample(d, rng) {
    if (d.p === 1) return d.n; // the ratio below would divide by 0
    const logRatio = (k: number) => Math.log(((d.n - k + 1) * d.p) / (k * (1 - d.p)));
    return invertPmf(rng.next(), logPdf(d, 0), logRatio, d.n, mean(d));
  },
  format: (d) => `Binomial(${num(d.n)}, ${num(d.p)})`,
  readers: [
    {
      names: ["binomial", "binom", "bin"],
      shown: "Binomial",
      read(r) {
        const g = r.pick(
          [
            { key: "n", names: ["n", "trials"] },
            { key: "p", names: ["p", "theta", "pi", "prob"] },
          ],
          2,
        );
        return { kind: "binomial", n: g.n.value.v, p: g.p.value.v };
      },
    },
  ],
  words: ["binomial"],
  wordForms: [],
  sliders: [
    ["n", "trials n", 1, 50, 1],
    ["p", "success probability p", 0, 1, 0.01],
  ],
};

/** Binomial(n, p) (validated). */
export const binomial = (n: number, p: number): Binomial =>
  validated(binomialFamily, { kind: "binomial", n, p });
