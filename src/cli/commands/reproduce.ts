/** `groundtruth reproduce [--profile quick|standard|paper]`: every experiment, the key, the report. */
import type { Command } from "commander";
import { z } from "zod";
import { DEFAULT_PROFILE, profileChoices, profileEnum } from "../../experiments/profiles.js";
import { REPORT_ROOT, RESULTS_ROOT, RUNS_ROOT, SITE_INDEX } from "../../results/layout.js";
import { action, defaultOf } from "../action.js";

const Options = z
  .object({
    profile: z.enum(profileEnum).default(DEFAULT_PROFILE),
    results: z.string().min(1).default(RESULTS_ROOT),
    runs: z.string().min(1).default(RUNS_ROOT),
    out: z.string().min(1).default(REPORT_ROOT),
    site: z.boolean().default(true),
    summaries: z.boolean().default(true),
  })
  .strict();

export function registerReproduce(program: Command): void {
  program
    .command("reproduce")
    .description(
      "run every experiment (reusing finished runs), derive the answer key, and write the report",
    )
    .option("--profile <name>", profileChoices, defaultOf(Options.shape.profile))
    .option("--results <dir>", "results directory", defaultOf(Options.shape.results))
    .option("--runs <dir>", "run directory root for checkpoints", defaultOf(Options.shape.runs))
    .option(
      "--out <dir>",
      "report directory (the report goes to <out>/<profile>/)",
      defaultOf(Options.shape.out),
    )
    .option("--no-site", "skip the static web site")
    .option("--no-summaries", "skip decoding the test split and scoring ROUGE")
    .action(
      action("reproduce", Options, async (o) => {
        const { reproduce } = await import("../../pipeline/index.js");
        const r = await reproduce(o);
        const lines = [`key: ${r.key}`, `report: ${r.markdown}`, `html: ${r.html}`];
        if (r.site) lines.push(`site: ${r.site}/${SITE_INDEX}`);
        process.stdout.write(`${lines.join("\n")}\n`);
      }),
    );
}
