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
        const { gradeFiles, verdictTable } = await import("../../pipeline/index.js");
        const { formatSummary, reportJson } = await import("../../grader/index.js");
        const { formatAgreement } = await import("../../grader/corpus.js");
        const { explainTranscript } = await import("../../grader/explain.js");
        const out = (text: string) => process.stdout.write(text);
        const { results, agreement } = await gradeFiles(args, {
          ...o,
          onGraded: ({ file, text, report, files }) => {
            if (o.explain) out(`\n== ${file}: how it was read\n${explainTranscript(text)}`);
            if (o.expected || o.json) return;
            if (files > 1) out(`\n== ${file}\n`);
            out(formatSummary(report));
          },
        });
        const several = results.length > 1;
        if (agreement) {
          out(o.json ? `${JSON.stringify(agreement, null, 2)}\n` : formatAgreement(agreement));
          const share = agreement.total > 0 ? agreement.agreed / agreement.total : 1;
          if (o.minAgreement !== undefined && share < o.minAgreement) {
            process.stderr.write(
              `groundtruth: agreement ${share.toFixed(3)} is below --min-agreement ${o.minAgreement}\n`,
            );
            process.exitCode = 1;
          }
          return;
        }
        if (o.json) {
          const json = several
            ? {
                files: results.map((r) =>
                  r.report
                    ? { file: r.file, ...reportJson(r.report) }
                    : { file: r.file, error: r.error },
                ),
              }
            : reportJson(results[0]!.report!);
          out(`${JSON.stringify(json, null, 2)}\n`);
        } else if (several) out(`\n${await verdictTable(results)}`);
        if (results.some((r) => r.error)) process.exitCode = 1;
      }),
    );
}
