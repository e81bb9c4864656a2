/**
 * `groundtruth key [--profile P] [--json]`: derives the answer key from the result files of a
 * profile and writes it atomically to `<results>/key.json` (what `groundtruth grade` reads).
 */
import { join } from "node:path";
import type { Command } from "commander";
import { z } from "zod";
import { profileChoices, profileEnum } from "../../experiments/profiles.js";
import type { AnswerKey } from "../../key/types.js";
import { CliError } from "../errors.js";

const OptionsSchema = z
  .object({
    profile: z.enum(profileEnum).default("quick"),
    json: z.boolean().optional(),
    results: z.string().min(1).default("results"),
    out: z.string().min(1).optional(),
  })
  .strict();
export type KeyProfileName = z.infer<typeof OptionsSchema>["profile"];

/**
 * Derives the key from `<results>` for a profile and writes it to `out` (default
 * `<results>/key.json`). Missing or invalid inputs become one-line CliErrors naming the file and
 * the command that produces it. Callable from other commands (`groundtruth reproduce`).
 */
export async function writeKey(
  profile: KeyProfileName,
  opts: { results?: string; out?: string; log?: (line: string) => void } = {},
): Promise<{ key: AnswerKey; path: string; warnings: string[] }> {
  const { deriveKey, KeyInputError, loadKeyResults } = await import("../../key/index.js");
  const { writeResultJson } = await import("../../store/index.js");
  const log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const root = opts.results ?? "results";
  let key: AnswerKey;
  let warnings: string[];
  try {
    const loaded = await loadKeyResults(root, profile);
    warnings = loaded.warnings;
    key = deriveKey(loaded.results, { generatedAt: new Date().toISOString() });
  } catch (err) {
    if (err instanceof KeyInputError) throw new CliError(`key: ${err.message}`);
    throw err;
  }
  for (const w of warnings) log(`key: warning: ${w}`);
  const path = opts.out ?? join(root, "key.json");
  await writeResultJson(path, key);
  return { key, path, warnings };
}

export function registerKey(program: Command): void {
  program
    .command("key")
    .description("derive the answer key from the experiment results and write results/key.json")
    .option("--profile <name>", profileChoices, "quick")
    .option("--json", "print the key as JSON on stdout")
    .option("--results <dir>", "results directory", "results")
    .option("--out <file>", "where the key goes (default <results>/key.json)")
    .action(async (raw: Record<string, unknown>) => {
      const parsed = OptionsSchema.safeParse(raw);
      if (!parsed.success) {
        const i = parsed.error.issues[0];
        throw new CliError(`key: --${i.path.join(".")}: ${i.message}`, 2);
      }
      const o = parsed.data;
      const { key, path } = await writeKey(o.profile, { results: o.results, out: o.out });
      if (o.json) process.stdout.write(`${JSON.stringify(key, null, 2)}\n`);
      else {
        const { keySummary } = await import("../../key/format.js");
        process.stdout.write(keySummary(key));
        process.stderr.write(`wrote ${path}\n`);
      }
    });
}
