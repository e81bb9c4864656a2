/**
 * The geometric family on {from, from + 1, …}: from = 1 counts the trials up to the first
 * success, from = 0 the failures before it (Geometric(p) alone reads both ways).
 */
import { type ArgReader, BOUNDED, type Family, NEG_INF, num, validated } from "./family.js";

export type Geometric = { kind: "geometric"; p: number; from: 0 | 1 };

const mean = (d: Geometric) => d.from + (1 - d.p) / d.p;
const variance = (d: Geometric) => (1 - d.p) / (d.p * d.p);

export const geometricFamily: Family<Geometric> = {
  kind: "geometric",
  discrete: true,
  validate(d, c) {
    if (!(d.p > 0 && d.p <= 1)) c.bad(`p must lie in (0, 1], got ${d.p}`);
    if (d.from !== 0 && d.from !== 1) c.bad(`the support starts at 0 or 1, got ${d.from}`);
  },
  logPdf(d, x) {
    if (!Number.isInteger(x) || x < d.from) return NEG_INF;
    const failures = x - d.from;
    return Math.log(d.p) + (failures === 0 ? 0 : failures * Math.log1p(-d.p));
  },
  support: (d) =>
    d.p === 1 ? { kind: "discrete", points: [d.from] } : { kind: "integers", from: d.from },
  tails: () => BOUNDED,
  mean,
  variance,
  locationScale: (d) => ({ loc: mean(d), scale: Math.max(Math.sqrt(variance(d)), 1) }),
  breakpoints: () => [],
  sample: (d, rng) =>
    d.p === 1 ? d.from : d.from + Math.floor(Math.log(1 - rng.next()) / Math.log1p(-d.p)),
  format: (d) => `Geometric(p=${num(d.p)}, from=${d.from})`,
  readers: [
    {
      names: ["geometric", "geom", "geo"],
      shown: "Geometric",
      read(r: ArgReader) {
        const g = r.pick(
          [
            { key: "p", names: ["p", "theta", "prob"] },
            { key: "from", names: ["from", "start"] },
          ],
          1,
        );
        const p = g.p.value.v;
        if (g.from) {
          const from = g.from.value.v;
          if (from !== 0 && from !== 1)
            r.fail(`a geometric distribution starts at 0 or 1, got ${from}`, g.from.value.pos);
          return { kind: "geometric", p, from };
        }
        return {
          convention: {
            axis: "geometric",
            choices: [
              ["trials", "Geometric(p) on {1, 2, …}: the number of trials up to the first success"],
              [
                "failures",
                "Geometric(p) on {0, 1, …}: the number of failures before the first success",
              ],
            ],
          },
          build: (choice) => ({ kind: "geometric", p, from: choice === "trials" ? 1 : 0 }),
        };
      },
    },
  ],
  words: ["geometric"],
  wordForms: [],
  sliders: [["p", "success probability p", 0.02, 1, 0.01]],
};

/** Geometric(p) starting at `from` (validated). */
export const geometric = (p: number, from: 0 | 1 = 1): Geometric =>
  validated(geometricFamily, { kind: "geometric", p, from });
