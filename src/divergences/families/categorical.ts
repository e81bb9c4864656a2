/**
 * Finite distributions: Cat(values: probabilities) or a probability vector [p₀, p₁, …] on
 * 0, 1, …, k−1; Bernoulli(p) and point masses δ_a are written as their own names.
 */
import { sig } from "../../format/index.js";
import { excerpt } from "../excerpt.js";
import {
  BOUNDED,
  type Family,
  LOC_NAMES,
  NEG_INF,
  PROSE_NUMBER as NUM,
  num,
  pickIndex,
  validated,
} from "./family.js";

/** A finite distribution on the points `values` (default 0, 1, …, k−1). */
export type Categorical = { kind: "categorical"; probs: number[]; values: number[] };

const mean = (d: Categorical) => d.values.reduce((s, v, i) => s + d.probs[i] * v, 0);

export const categoricalFamily: Family<Categorical> = {
  kind: "categorical",
  discrete: true,
  validate(d, c) {
    if (d.probs.length === 0) c.bad("needs at least one probability");
    if (d.values.length !== d.probs.length) c.bad("needs one value per probability");
    for (const p of d.probs)
      if (!(p >= 0) || !Number.isFinite(p)) c.bad(`probabilities must be ≥ 0, got ${p}`);
    const sum = d.probs.reduce((s, p) => s + p, 0);
    if (Math.abs(sum - 1) > 1e-9) c.bad(`probabilities must sum to 1, got ${sum}`);
    if (new Set(d.values).size !== d.values.length) c.bad("values must be distinct");
  },
  logPdf(d, x) {
    const i = d.values.indexOf(x);
    return i < 0 ? NEG_INF : Math.log(d.probs[i]);
  },
  support: (d) => ({ kind: "discrete", points: d.values.filter((_, i) => d.probs[i] > 0) }),
  tails: () => BOUNDED,
  mean,
  variance(d) {
    const m = mean(d);
    return d.values.reduce((s, v, i) => s + d.probs[i] * (v - m) ** 2, 0);
  },
  locationScale(d) {
    const lo = Math.min(...d.values);
    const hi = Math.max(...d.values);
    return { loc: (lo + hi) / 2, scale: Math.max((hi - lo) / 2, 1) };
  },
  breakpoints: (d) => [...d.values],
  sample: (d, rng) => d.values[pickIndex(d.probs, rng)],
  probabilityOn: (d, lo, hi) =>
    d.values.reduce((s, v, i) => (v > lo && v < hi ? s + d.probs[i] : s), 0),
  format(d) {
    const plain = d.values.every((v, i) => v === i);
    return plain
      ? `[${d.probs.map(num).join(", ")}]`
      : `Cat(${d.values.map((v, i) => `${num(v)}: ${num(d.probs[i])}`).join(", ")})`;
  },
  readers: [
    {
      names: ["cat", "categorical"],
      shown: "Cat",
      read(r) {
        const keyed = r.args.filter((a) => a.key);
        if (keyed.length > 0 && keyed.length !== r.args.length) {
          r.fail("either give every outcome as value: probability, or none", r.namePos);
        }
        for (const a of r.args) {
          if (a.name !== null)
            r.fail(
              `a probability vector takes plain numbers, not "${excerpt(a.name)}="`,
              a.namePos,
            );
          if (!(a.value.v >= 0 && a.value.v <= 1))
            r.fail(`a probability must lie in [0, 1], got ${a.value.v}`, a.value.pos);
        }
        const probs = r.args.map((a) => a.value.v);
        const sum = probs.reduce((s, p) => s + p, 0);
        if (Math.abs(sum - 1) > 1e-6)
          r.fail(`probabilities sum to ${sig(sum, 10)}, expected 1`, r.namePos);
        const values = keyed.length > 0 ? r.args.map((a) => a.key!.v) : probs.map((_, i) => i);
        if (new Set(values).size !== values.length)
          r.fail("the outcomes must be distinct", r.namePos);
        return { kind: "categorical", probs: probs.map((p) => p / sum), values };
      },
    },
    {
      names: ["bernoulli", "bern"],
      shown: "Bernoulli",
      read(r) {
        const g = r.pick([{ key: "p", names: ["p", "theta", "pi"] }], 1);
        const p = g.p.value.v;
        if (!(p >= 0 && p <= 1))
          r.fail(`a Bernoulli probability must lie in [0, 1], got ${p}`, g.p.value.pos);
        return { kind: "categorical", probs: [1 - p, p], values: [0, 1] };
      },
    },
    {
      names: ["dirac", "delta"],
      shown: "δ/Dirac",
      subscript: "loc",
      read(r) {
        const g = r.pick([{ key: "loc", names: [...LOC_NAMES, "at", "x"] }], 1);
        return { kind: "categorical", probs: [1], values: [g.loc.value.v] };
      },
    },
  ],
  words: ["bernoulli", "point mass"],
  wordForms: [
    // "a point mass at 0", "a Dirac delta at 1"
    [
      new RegExp(
        String.raw`\b(?:an? |the )?(?:point mass|dirac(?: delta)?|delta)(?: distribution)?\s+at\s+${NUM}`,
        "gi",
      ),
      "Dirac($1)",
    ],
  ],
};

/** The probabilities `probs` on `values` (default 0, 1, …, k−1), validated. */
export const categorical = (probs: number[], values?: number[]): Categorical =>
  validated(categoricalFamily, {
    kind: "categorical",
    probs,
    values: values ?? probs.map((_, i) => i),
  });
