/** The uniform family U(a, b): density 1/(b − a) on [a, b]. */
import { BOUNDED, type Family, NEG_INF, PROSE_NUMBER as NUM, num, validated } from "./family.js";

/** "uniform" in the languages answers come in, as a word's start ("gleichverteilt", "равномерное"). */
const UNIFORM_WORDS =
  "uniform|uniforme|gleichverteilung|gelijkverdeling|jednostajn|равномерн|rovnoměrn|tasainen|düzgün|đều";

export type Uniform = { kind: "uniform"; a: number; b: number };

export const uniformFamily: Family<Uniform> = {
  kind: "uniform",
  discrete: false,
  validate(d, c) {
    c.finite(d.a, "a");
    c.finite(d.b, "b");
    if (!(d.b > d.a)) c.bad(`needs a < b, got a = ${d.a}, b = ${d.b}`);
    // its density 1/(b − a) and every closed form need the width
    c.finite(d.b - d.a, "the width b − a");
  },
  logPdf: (d, x) => (x >= d.a && x <= d.b ? -Math.log(d.b - d.a) : NEG_INF),
  support: (d) => ({ kind: "continuous", intervals: [[d.a, d.b]] }),
  tails: () => BOUNDED,
  mean: (d) => (d.a + d.b) / 2,
  variance: (d) => (d.b - d.a) ** 2 / 12,
  locationScale: (d) => ({ loc: (d.a + d.b) / 2, scale: (d.b - d.a) / 2 }),
  breakpoints: (d) => [d.a, d.b],
  sample: (d, rng) => d.a + (d.b - d.a) * rng.next(),
  format: (d) => `U(${num(d.a)}, ${num(d.b)})`,
  readers: [
    {
      names: [
        "u",
        "unif",
        "uniform",
        "uniforme",
        "gleichverteilung",
        "gelijkverdeling",
        "jednostajny",
      ],
      shown: "U/Uniform",
      read(r) {
        const g = r.pick(
          [
            { key: "a", names: ["a", "low", "lo", "min", "lower", "l"] },
            { key: "b", names: ["b", "high", "hi", "max", "upper", "h"] },
          ],
          2,
        );
        if (!(g.b.value.v > g.a.value.v))
          r.fail(`a uniform needs a < b, got U(${g.a.value.v}, ${g.b.value.v})`, g.b.value.pos);
        return { kind: "uniform", a: g.a.value.v, b: g.b.value.v };
      },
    },
  ],
  words: ["uniform"],
  wordForms: [
    // named in the answer's own language, then its interval: "Gleichverteilung auf [0, 1]",
    // "uniforme su [0, 1]", "равномерное распределение на [0, 2]" (up to three words between)
    [
      new RegExp(
        String.raw`(?<!\p{L})(?:${UNIFORM_WORDS})\p{L}*(?:\s+[^\s\d[(]{1,16}){0,3}?\s+\[\s*${NUM}\s*[,;]\s*${NUM}\s*\]`,
        "giu",
      ),
      "U($1, $2)",
    ],
    // and a set instead of the interval, the discrete uniform: "uniforme su {1, 2}" → "U{1, 2}"
    [
      new RegExp(
        String.raw`(?<!\p{L})(?:${UNIFORM_WORDS})\p{L}*(?:\s+[^\s\d[({]{1,16}){0,3}?\s+(\{[^{}]{1,200}\})`,
        "giu",
      ),
      "U$1",
    ],
    // "uniform between 0 and 2", "uniform from 0 to 2"
    [
      new RegExp(
        String.raw`\b(?:an? |the )?(?:continuous )?uniform(?: distribution)?\s+(?:between|from)\s+${NUM}\s+(?:and|to)\s+${NUM}`,
        "gi",
      ),
      "U($1, $2)",
    ],
  ],
  jumps: (d) => [d.a, d.b],
  sliders: [
    ["a", "lower a", -5, 5, 0.1],
    ["b", "upper b", -5, 5, 0.1],
  ],
};

/** U(a, b) (validated). */
export const uniform = (a: number, b: number): Uniform =>
  validated(uniformFamily, { kind: "uniform", a, b });
