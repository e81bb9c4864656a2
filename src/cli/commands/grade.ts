/** `groundtruth grade TRANSCRIPT…`: verdict per part against the answer key, with evidence. */
import type { Command } from "commander";
import { z } from "zod";
import { GRADER_LOGITS_CACHE, KEY_PATH } from "../../results/layout.js";
import { action } from "../action.js";

const Options = z
  .object({
    key: z.string().min(1),
    json: z.boolean().optional(),
    annotated: z.string().min(1).optional(),
    cache: z.union([z.string().min(1), z.literal(false)]),
    explain: z.boolean().optional(),
    expected: z.string().min(1).optional(),
    minAgreement: z.coerce
      .number({ message: "expected a number from 0 to 1" })
      .min(0, "expected a number from 0 to 1")
      .max(1, "expected a number from 0 to 1")
      .optional(),
  })
  .strict()
  .refine((o) => o.minAgreement === undefined || o.expected !== undefined, {
    message: "needs --expected FILE",
    path: ["minAgreement"],
  });

export function registerGrade(program: Command): void {
  program
    .command("grade")
    .description(
      "grade chat transcripts (Markdown, text, or exports: JSON, HTML, CSV/TSV, e-mail) against the answer key; several files give a table of verdicts",
    )
    .argument(
      "<transcripts...>",
      "transcript files, or directories of them (.md, .txt, .json, .html, .csv, .tsv, .eml)",
    )
    .option("--key <file>", "the answer key JSON (written by `groundtruth reproduce`)", KEY_PATH)
    .option(
      "--json",
      'print {"parts": [{id, verdict, answer, evidence}]} to stdout ({"files": [{file, parts | error}]} for several)',
    )
    .option(
      "--annotated <path>",
      "also write each transcript with its verdicts: a .html or .md file for one transcript, a directory (one .html each) for several",
    )
    .option(
      "--cache <file>",
      "keep the real model's initial-logit measurements here, so a std seen before needs no engine",
      GRADER_LOGITS_CACHE,
    )
    .option("--no-cache", "measure every proposed std afresh")
    .option(
      "--explain",
      "print how each transcript was read: every span with its role, the part it answers and the cue that decided it",
    )
    .option(
      "--expected <file>",
      'compare with a careful grader\'s verdicts ({"file": {"2a": "incorrect", …}}, names relative to the directory given): agreement per part and overall, a confusion matrix and each disagreement',
    )
    .option(
      "--min-agreement <fraction>",
      "with --expected: exit with status 1 when the agreement is below this (0–1)",
    )
    .action(
      action("grade", Options, async (o, args: string[]) => {
        const { gradeTranscripts } = await import("../../pipeline/index.js");
        const passed = await gradeTranscripts(args, {
          ...o,
          out: (text) => process.stdout.write(text),
        });
        process.exitCode = passed ? 0 : 1;
      }),
    );
}
