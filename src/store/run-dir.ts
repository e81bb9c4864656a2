/** Run directories: `<root>/<experiment>/<hash>/`, one per validated config, with its config.json. */
import { createHash } from "node:crypto";
import { promises as fs } from "node:fs";
import { join } from "node:path";
import { readJson, stableStringify, writeJsonAtomic } from "./atomic.js";

/** A short, stable hash of a config (sha256 of its key-sorted JSON, 12 hex digits). */
export function configHash(config: unknown): string {
  return createHash("sha256").update(stableStringify(config)).digest("hex").slice(0, 12);
}

/** Where one configuration of one experiment keeps its config, checkpoints and results. */
export type RunDir = { dir: string; hash: string; experiment: string };

/** Where the run directory for `config` is, without creating it. */
export function runDirOf(root: string, experiment: string, config: unknown): RunDir {
  if (!/^[\w.-]+$/.test(experiment))
    throw new Error(`experiment name "${experiment}" must be [A-Za-z0-9_.-]`);
  const hash = configHash(config);
  return { dir: join(root, experiment, hash), hash, experiment };
}

/**
 * Opens (creating if new) the run directory for `config`. If config.json already exists it
 * must match: a hash collision or a hand-edited file is an error, not a silent resume.
 */
export async function openRunDir(
  root: string,
  experiment: string,
  config: unknown,
): Promise<RunDir> {
  const run = runDirOf(root, experiment, config);
  const { dir, hash } = run;
  const configPath = join(dir, "config.json");
  await fs.mkdir(dir, { recursive: true });
  let existing: unknown;
  try {
    existing = await readJson(configPath);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
    await writeJsonAtomic(configPath, config);
    return run;
  }
  if (stableStringify(existing) !== stableStringify(config)) {
    throw new Error(`${configPath} holds a different config than the one hashed to ${hash}`);
  }
  return run;
}
