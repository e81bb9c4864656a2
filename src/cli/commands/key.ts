/** `groundtruth key [--profile P] [--json]`: the answer key from a profile's result files. */
import type { Command } from "commander";
import { z } from "zod";
import { DEFAULT_PROFILE, profileChoices, profileEnum } from "../../experiments/profiles.js";
import { KEY_PATH, RESULTS_ROOT } from "../../results/layout.js";
import { action, defaultOf } from "../action.js";

const Options = z
  .object({
    profile: z.enum(profileEnum).default(DEFAULT_PROFILE),
    json: z.boolean().optional(),
    results: z.string().min(1).default(RESULTS_ROOT),
    out: z.string().min(1).optional(),
  })
  .strict();

export function registerKey(program: Command): void {
  program
    .command("key")
    .description(`derive the answer key from the experiment results and write ${KEY_PATH}`)
    .option("--profile <name>", profileChoices, defaultOf(Options.shape.profile))
    .option("--json", "print the key as JSON on stdout")
    .option("--results <dir>", "results directory", defaultOf(Options.shape.results))
    .option("--out <file>", "where the key goes (default <results>/key.json)")
    .action(
      action("key", Options, async (o) => {
        const { writeKey } = await import("../../pipeline/index.js");
        const { key, path } = await writeKey(o.profile, { results: o.results, out: o.out });
        if (o.json) process.stdout.write(`${JSON.stringify(key, null, 2)}\n`);
        else {
          const { keySummary } = await import("../../key/format.js");
          process.stdout.write(keySummary(key));
          process.stderr.write(`wrote ${path}\n`);
        }
      }),
    );
}
