/**
 * The answer key of a profile, derived from its result files and written atomically to
 * `<results>/key.json` (what `groundtruth grade` reads). A missing or invalid input is a
 * KeyInputError naming the file and the command that produces it.
 */
import { join } from "node:path";
import type { ProfileName } from "../experiments/profiles.js";
import type { AnswerKey } from "../key/types.js";
import { KEY_FILE, RESULTS_ROOT } from "../results/index.js";
import { type Log, stderrLog } from "./context.js";

/** Derives the key from `<results>` for a profile and writes it to `out` (default `<results>/key.json`). */
export async function writeKey(
  profile: ProfileName,
  opts: { results?: string; out?: string; log?: Log } = {},
): Promise<{ key: AnswerKey; path: string; warnings: string[] }> {
  const { deriveKey, loadKeyResults } = await import("../key/index.js");
  const { writeResultJson } = await import("../store/index.js");
  const log = opts.log ?? stderrLog;
  const root = opts.results ?? RESULTS_ROOT;
  const { results, warnings } = await loadKeyResults(root, profile);
  const key = deriveKey(results, { generatedAt: new Date().toISOString() });
  for (const w of warnings) log(`key: warning: ${w}`);
  const path = opts.out ?? join(root, KEY_FILE);
  await writeResultJson(path, key);
  return { key, path, warnings };
}
