/** The exponential family Exp(λ) on [0, ∞); its one parameter is read as a rate or a scale. */
import {
  around,
  type Family,
  INF,
  NEG_INF,
  PROSE_NUMBER as NUM,
  num,
  validated,
} from "./family.js";

export type Exponential = { kind: "exponential"; rate: number };

export const exponentialFamily: Family<Exponential> = {
  kind: "exponential",
  discrete: false,
  validate(d, c) {
    c.positive(d.rate, "rate λ");
  },
  logPdf: (d, x) => (x >= 0 ? Math.log(d.rate) - d.rate * x : NEG_INF),
  support: () => ({ kind: "continuous", intervals: [[0, INF]] }),
  tails: (d) => ({ left: { kind: "bounded" }, right: { kind: "exponential", rate: d.rate } }),
  mean: (d) => 1 / d.rate,
  variance: (d) => 1 / (d.rate * d.rate),
  locationScale: (d) => ({ loc: 1 / d.rate, scale: 1 / d.rate }),
  breakpoints: (d) => [0, ...around(0, 1 / d.rate).filter((x) => x > 0)],
  sample: (d, rng) => -Math.log(1 - rng.next()) / d.rate,
  format: (d) => `Exp(rate=${num(d.rate)})`,
  readers: [
    {
      names: [
        "exp",
        "expon",
        "exponential",
        "exponencial",
        "exponentielle",
        "esponenziale",
        "exponentialverteilung",
      ],
      shown: "Exp",
      read(r) {
        const g = r.pick(
          [
            { key: "p", names: [] },
            { key: "rate", names: ["rate", "lambda", "l", "r"] },
            { key: "scale", names: ["scale", "beta", "theta", "mean", "mu", "s"] },
          ],
          1,
        );
        const a = g.p ?? g.rate ?? g.scale;
        if (Object.keys(g).length !== 1)
          r.fail("Exp takes one parameter (a rate or a scale)", r.namePos);
        r.positive(a, "the parameter");
        if (g.rate) return { kind: "exponential", rate: g.rate.value.v };
        if (g.scale) return { kind: "exponential", rate: 1 / g.scale.value.v };
        const v = g.p.value.v;
        if (v === 1) return { kind: "exponential", rate: 1 };
        return {
          convention: {
            axis: "exp",
            choices: [
              ["rate", "Exp(λ): the parameter is the rate λ (mean 1/λ)"],
              ["scale", "Exp(β): the parameter is the scale β (the mean)"],
            ],
          },
          build: (choice) => ({ kind: "exponential", rate: choice === "rate" ? v : 1 / v }),
        };
      },
    },
  ],
  words: ["exponential"],
  wordForms: [
    // "exponential with rate 2" / "… with mean 2"
    [
      new RegExp(
        String.raw`\b(?:an? )?exponential(?: distribution)?\s+with\s+(?:rate|λ|lambda)\s*(?:=|of)?\s*${NUM}`,
        "gi",
      ),
      "Exp(rate=$1)",
    ],
    [
      new RegExp(
        String.raw`\b(?:an? )?exponential(?: distribution)?\s+with\s+(?:mean|scale)\s*(?:=|of)?\s*${NUM}`,
        "gi",
      ),
      "Exp(scale=$1)",
    ],
  ],
  sliders: [["rate", "rate λ", 0.05, 5, 0.05]],
};

/** Exp(λ) from its rate (validated). */
export const exponential = (rate: number): Exponential =>
  validated(exponentialFamily, { kind: "exponential", rate });
