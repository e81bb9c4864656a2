/**
 * A problem set as data: problems (their statement, the words that mark them), parts and their
 * answer types, for choices the described properties of each option, and per part the numbers it
 * quotes, the concepts a full explanation needs, the figures and tables that show it and the
 * derivation that answers it. The key, the report, the site and the grader read this and nothing else about the
 * problems, so a new problem set is a new data file (plus a derivation for a new kind of part).
 */
import { z } from "zod";

/** A way to name something in a transcript: its label and free-text aliases (matched case-insensitively). */
const option = z.object({
  /** The label as printed: "a", "A", "1e-3". */
  label: z.string().min(1),
  /** What the problem says this option shows, in the project's words. */
  description: z.string().min(1),
  /** Described properties, e.g. axis range or shape. */
  properties: z
    .record(z.string(), z.union([z.string(), z.number(), z.array(z.number())]))
    .default({}),
  /** Phrases that name this option without its label ("U-shaped", "broad"). */
  aliases: z.array(z.string()).default([]),
  /** A numeric value the option stands for (β values), recognised in any notation. */
  value: z.number().optional(),
});
export type Option = z.infer<typeof option>;

/** An idea an explanation must contain: any pattern (case-insensitive regex on normalised text) matches it. */
export const conceptSchema = z.object({
  id: z.string(),
  description: z.string(),
  patterns: z
    .array(z.string())
    .min(1)
    .refine(
      (ps) =>
        ps.every((p) => {
          try {
            new RegExp(p, "iu");
            return true;
          } catch {
            return false;
          }
        }),
      { message: "every pattern must be a valid regular expression" },
    ),
  /**
   * Counted: a free explanation is graded by its required concepts (some missing: partial, none:
   * incorrect); beside a right choice, fix or grid a missing one is reported and the verdict
   * stays — unless it is `essential`. (The key clears it where the question asks no reason.)
   */
  required: z.boolean().default(true),
  /**
   * The reason the answer is right, which the question asks for: an explanation without it earns
   * partial credit. Read in the prose only, since code states the fix, not why it works. Only a
   * required concept counts as essential.
   */
  essential: z.boolean().default(false),
});
export type Concept = z.infer<typeof conceptSchema>;

const base = {
  /** Stable id used by the key and the report: "1", "2a", "3d-i". */
  id: z.string().regex(/^[0-9A-Za-z-]+$/),
  /** The problem number this part belongs to. */
  problem: z.number().int().positive(),
  /** Part letter ("a"), or "" for a one-part problem. */
  letter: z.string().default(""),
  /** Sub-part roman numeral ("i", "ii"), or "". */
  sub: z.string().default(""),
  /** The question, restated. */
  prompt: z.string().min(1),
  /**
   * Whether the question asks for a reason ("explain why"). Only then are the key's concepts looked
   * for beside a right choice (and a missing one reported); a bare choice is graded on the choice.
   */
  asksWhy: z.boolean().default(false),
  /** Numbers the problem states (Figure 1's final losses), by name, for the key to set its measurements against. */
  quotes: z.record(z.string(), z.number()).default({}),
  /** The concepts a full explanation needs (the key carries them; the grader looks for them). */
  concepts: z.array(conceptSchema).default([]),
  /** The reproduced figures that show this part, by name (file stem: "vib-figure4-latent"). */
  figures: z.array(z.string().regex(/^[A-Za-z0-9_-]+$/)).default([]),
  /** The result tables that show it, by name (the site's table registry, src/report/tables.ts). */
  tables: z.array(z.string().regex(/^[A-Za-z0-9_-]+$/)).default([]),
  /** Which derivation of the key answers this part from the results (src/key/derive.ts `DERIVATIONS`). */
  derivation: z.string().min(1),
};

const singleChoice = z.object({
  ...base,
  answerType: z.literal("single-choice"),
  options: z.array(option).min(2),
  /** Options may also be named through another (assignment) part: panel (a) → its β. */
  optionsVia: z.string().optional(),
});
const checkboxGrid = z.object({
  ...base,
  answerType: z.literal("checkbox-grid"),
  rows: z.array(option).min(1),
  columns: z.array(option).min(1),
});
const assignment = z.object({
  ...base,
  answerType: z.literal("assignment"),
  /** The things to assign to (panels, plots). */
  items: z.array(option).min(1),
  /** The values to assign (β values, KL directions). */
  values: z.array(option).min(1),
});
const workedExample = z.object({
  ...base,
  answerType: z.literal("worked-example"),
  /** What the example must be: a pair of distributions, named by these symbols. */
  example: z.object({
    kind: z.literal("distribution-pair"),
    symbols: z.tuple([z.string(), z.string()]),
  }),
});
const codeFix = z.object({
  ...base,
  answerType: z.literal("code-fix"),
  language: z.string(),
  /** The lines the problem shows, by line number. */
  lines: z.record(z.string(), z.string()),
  /** The tensor the fix must initialise (the target of the buggy line). */
  target: z.string(),
  /** Other names of the same tensor (a tied output head). */
  equivalentTargets: z.array(z.string()).default([]),
  /** Names the code may use, bound to the problem's sizes. */
  env: z.record(z.string(), z.number()),
  /** The output head's call name; a constant factor on its output is read as an output scale. */
  outputCall: z.string().optional(),
  /** Which env names are the model width and the vocabulary size (a key may measure at other sizes). */
  sizeNames: z.object({ dModel: z.array(z.string()), vocabSize: z.array(z.string()) }),
  /** Tensor shapes as expressions over env names, for fan-based inits. */
  shapes: z.record(z.string(), z.array(z.string())),
});
const freeExplanation = z.object({
  ...base,
  answerType: z.literal("free-explanation"),
  /**
   * The equation the answer should arrive at, checked by evaluation when the answer writes one
   * ("Z = σ(x)·(μ(x) + V)" is wrong whatever words surround it): `symbol = expr`, with each
   * variable of `expr` and the ways answers write it (the first alias is the evaluator's name).
   */
  formula: z
    .object({
      symbol: z.string().min(1),
      expr: z.string().min(1),
      vars: z.record(z.string(), z.array(z.string()).min(1)),
    })
    .optional(),
});

export const partSchema = z.discriminatedUnion("answerType", [
  singleChoice,
  checkboxGrid,
  assignment,
  workedExample,
  codeFix,
  freeExplanation,
]);
export type Part = z.infer<typeof partSchema>;
export type AnswerType = Part["answerType"];
export type PartOf<T extends AnswerType> = Extract<Part, { answerType: T }>;

/** A code-fix part's model width or vocabulary size, read from its env by the size's first name. */
export function sizeOf(part: PartOf<"code-fix">, which: "dModel" | "vocabSize"): number {
  const name = part.sizeNames[which][0];
  const v = name === undefined ? undefined : part.env[name];
  if (v === undefined) throw new Error(`part ${part.id}: env has no ${which} (named ${name})`);
  return v;
}

/** The module whose weight a code-fix part's target is: "emb_word" for "emb_word.weight". */
export function targetModule(part: PartOf<"code-fix">): string {
  return part.target.replace(/\.weight$/, "");
}

/** The number of the shown line that initialises a code-fix part's target: "9". */
export function targetLine(part: PartOf<"code-fix">): string {
  const line = Object.entries(part.lines).find(([, code]) => code.includes(part.target));
  if (!line) throw new Error(`part ${part.id}: no shown line initialises ${part.target}`);
  return line[0];
}

export const problemSchema = z.object({
  number: z.number().int().positive(),
  title: z.string(),
  /** Words that mark text as being about this problem, when a transcript does not say. */
  keywords: z.array(z.string()).default([]),
  /** The problem's setting and questions in the project's words, paragraph by paragraph (plain text). */
  statement: z.array(z.string()).default([]),
  /** The explorable page that goes with this problem (src/report/explorables.ts: "init", "kl", "latent"). */
  explorable: z.string().optional(),
});
export type Problem = z.infer<typeof problemSchema>;

export const problemSetSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    problems: z.array(problemSchema).min(1),
    parts: z.array(partSchema).min(1),
    /**
     * What the problem set calls the figures of its own that a reproduced figure redraws
     * ("Figure 1"), by the reproduced figure's name; the key, the logs and the site cite them so.
     */
    figureLabels: z.record(z.string(), z.string().min(1)).default({}),
  })
  .superRefine((set, ctx) => {
    for (const name of Object.keys(set.figureLabels))
      if (!set.parts.some((p) => p.figures.includes(name)))
        ctx.addIssue({
          code: "custom",
          path: ["figureLabels", name],
          message: `no part shows figure ${name}`,
        });
    const ids = new Set<string>();
    const derivations = new Set<string>();
    for (const [i, p] of set.parts.entries()) {
      if (derivations.has(p.derivation))
        ctx.addIssue({
          code: "custom",
          path: ["parts", i, "derivation"],
          message: `two parts name derivation ${p.derivation}`,
        });
      derivations.add(p.derivation);
      if (ids.has(p.id))
        ctx.addIssue({
          code: "custom",
          path: ["parts", i, "id"],
          message: `duplicate part id ${p.id}`,
        });
      ids.add(p.id);
      if (!set.problems.some((q) => q.number === p.problem)) {
        ctx.addIssue({
          code: "custom",
          path: ["parts", i, "problem"],
          message: `no problem ${p.problem}`,
        });
      }
      if (
        p.answerType === "single-choice" &&
        p.optionsVia &&
        !set.parts.some((q) => q.id === p.optionsVia)
      ) {
        ctx.addIssue({
          code: "custom",
          path: ["parts", i, "optionsVia"],
          message: `no part ${p.optionsVia}`,
        });
      }
    }
  });
export type ProblemSet = z.infer<typeof problemSetSchema>;

/** What the problem set calls a reproduced figure ("Figure 1"); throws when it gives it no name. */
export function figureLabel(set: ProblemSet, figure: string): string {
  const label = set.figureLabels[figure];
  if (label === undefined) throw new Error(`the problem set names no figure ${figure}`);
  return label;
}

/**
 * How a label writes a sub-part: as the problem set numbers it ("3(d) i"), nested as the VIB
 * figures' titles and logs have it ("3(d)(i)"), or not at all ("3(d)", for all of a letter's parts).
 */
export type SubPartStyle = "spaced" | "nested" | "none";

/** A part as the problem set numbers it: "3(d) i", "2(a)", or "1" for a problem of one part. */
export function partLabel(part: Part, sub: SubPartStyle = "spaced"): string {
  if (!part.letter) return `${part.problem}`;
  const letter = `${part.problem}(${part.letter})`;
  if (!part.sub || sub === "none") return letter;
  return sub === "nested" ? `${letter}(${part.sub})` : `${letter} ${part.sub}`;
}

/** The part of `set` that the key's derivation `name` answers (its `derivation`). */
export function partDerivedBy(set: ProblemSet, derivation: string): Part {
  const p = set.parts.find((x) => x.derivation === derivation);
  if (!p) throw new Error(`the problem set has no part derived by ${derivation}`);
  return p;
}

/** The label of the part that the key's derivation answers ("3(c)"), its sub-part written as `sub` says. */
export function derivedPartLabel(
  set: ProblemSet,
  derivation: string,
  sub: SubPartStyle = "spaced",
): string {
  return partLabel(partDerivedBy(set, derivation), sub);
}

/** The problem a part belongs to (the schema checks that every part's problem exists). */
export function problemOf(set: ProblemSet, part: Part): Problem {
  const q = set.problems.find((x) => x.number === part.problem);
  if (!q) throw new Error(`part ${part.id}: the problem set has no problem ${part.problem}`);
  return q;
}

/** Validate raw data as a problem set; throws with every issue's path on failure. */
export function parseProblemSet(raw: unknown): ProblemSet {
  const r = problemSetSchema.safeParse(raw);
  if (!r.success) {
    const lines = r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    throw new Error(`invalid problem set:\n  ${lines.join("\n  ")}`);
  }
  return r.data;
}
