/**
 * The answer key the grader consumes (written by `groundtruth reproduce` to results/key.json).
 * Per part: the correct answer in the form of its answer type, the evidence it was derived from,
 * an explanation, the concepts a full explanation needs, and whether the evidence supports the
 * expected answer.
 */
import { z } from "zod";
import type { SweepStatus } from "../experiments/vib/analysis.js";
import { type Concept, conceptSchema } from "../problems/schema.js";

/** One measured fact behind an answer: a number, a figure, or both. */
export const evidenceSchema = z.object({
  label: z.string(),
  value: z.union([z.number(), z.string(), z.boolean()]).optional(),
  unit: z.string().optional(),
  /** Path of a figure (relative to the results folder). */
  figure: z.string().optional(),
  /** Where it came from: a result file, a run id. */
  source: z.string().optional(),
});
export type Evidence = z.infer<typeof evidenceSchema>;

/** An idea an explanation must contain (stated by the problem set, carried by the key). */
export { type Concept, conceptSchema };

/** The correct answer, in the form of each answer type. */
export const keyAnswerSchema = z.discriminatedUnion("type", [
  /** Which option label is right (3c: "b"; 3d-ii: "1e-3"). */
  z.object({ type: z.literal("single-choice"), option: z.string() }),
  /** cells[row][column] = ticked (3b: task→θe true, ...). */
  z.object({
    type: z.literal("checkbox-grid"),
    cells: z.record(z.string(), z.record(z.string(), z.boolean())),
  }),
  /** item label → value label (3d-i: panel "a" → "1e-3"; 2b: plot "A" → "forward"). */
  z.object({ type: z.literal("assignment"), assignment: z.record(z.string(), z.string()) }),
  /** 2a: the proposed pair must have D(first||second) finite and D(second||first) infinite. */
  z.object({
    type: z.literal("worked-example"),
    criterion: z.object({
      kind: z.literal("kl-asymmetry"),
      forward: z.enum(["finite", "infinite"]),
      reverse: z.enum(["finite", "infinite"]),
    }),
  }),
  /** 1: a fix is accepted iff the initial logit std it gives lies in [minLogitStd, maxLogitStd]. */
  z.object({
    type: z.literal("code-fix"),
    criterion: z.object({
      kind: z.literal("logit-scale"),
      maxLogitStd: z.number().positive(),
      minLogitStd: z.number().nonnegative().default(0),
      /** Where to measure (defaults to the problem's env: d_model, n_words). */
      dModel: z.number().int().positive().optional(),
      vocabSize: z.number().int().positive().optional(),
      seed: z.number().int().default(0),
    }),
  }),
  /** Free explanations are graded by their concepts only. */
  z.object({ type: z.literal("free-explanation") }),
]);
export type KeyAnswer = z.infer<typeof keyAnswerSchema>;

/**
 * What the experiments say of a part's expected property, one record each: they show it
 * (supported), cannot tell it from its absence (unresolved), or show otherwise
 * (contradicted-by-evidence). `word` is for tables and one-line summaries, and is also the status
 * a pre-registered rule gives (`SweepStatus`); `text` is for a part's heading line.
 */
export const KEY_STATUSES = {
  supported: { word: "supported", text: "supported by the experiments" },
  unresolved: {
    word: "unresolved",
    text: "UNRESOLVED: the experiments cannot tell the expected property from its absence",
  },
  "contradicted-by-evidence": {
    word: "contradicted",
    text: "CONTRADICTED by the experiments (the key reports the measurement)",
  },
} as const satisfies Record<string, { word: SweepStatus; text: string }>;
export type KeyStatus = keyof typeof KEY_STATUSES;
const keyStatuses = Object.keys(KEY_STATUSES) as [KeyStatus, ...KeyStatus[]];

/** The key's status for a rule's decision: "contradicted" → "contradicted-by-evidence". */
export function keyStatusOf(rule: SweepStatus): KeyStatus {
  const status = keyStatuses.find((s) => KEY_STATUSES[s].word === rule);
  if (!status) throw new Error(`no key status for the rule's status ${rule}`);
  return status;
}

export const partKeySchema = z.object({
  id: z.string(),
  answer: keyAnswerSchema,
  /** What the experiments say of the expected property (`KEY_STATUSES`). */
  status: z.enum(keyStatuses),
  evidence: z.array(evidenceSchema).default([]),
  /** Written from first principles with the measured numbers. */
  explanation: z.string().default(""),
  concepts: z.array(conceptSchema).default([]),
});
export type PartKey = z.infer<typeof partKeySchema>;

export const answerKeySchema = z.object({
  /** The problem set this key answers (its `id`, e.g. "hw12"). */
  problemSet: z.string(),
  version: z.literal(1),
  /** The experiment profile the evidence comes from. */
  profile: z.string().optional(),
  generatedAt: z.string().optional(),
  parts: z.array(partKeySchema),
});
export type AnswerKey = z.infer<typeof answerKeySchema>;
/** What a key writer produces before defaults are filled in (concepts' `required`, ...). */
export type AnswerKeyInput = z.input<typeof answerKeySchema>;

/** Validate raw JSON as an answer key; the error lists each issue's path. */
export function parseAnswerKey(raw: unknown): AnswerKey {
  const r = answerKeySchema.safeParse(raw);
  if (!r.success) {
    const lines = r.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`);
    throw new Error(`invalid answer key:\n  ${lines.join("\n  ")}`);
  }
  return r.data;
}
