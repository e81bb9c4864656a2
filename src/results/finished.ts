/**
 * Finished runs are reused, never redone. A run saves its result in its run directory
 * (`runs/<experiment>/<hash of its run key>/`, src/store openRunDir); a later request for the
 * same run reads it back, provided it still answers the request (`accept`: e.g. the same number
 * of steps, or the same decoding settings). The one reuse mechanism: VIB and Transformer
 * trainings, a trained model's decoded test split, the init diagnostics, the acceptance runs
 * and the KL fits.
 */
import { join } from "node:path";
import { openRunDir, readJson, writeJsonAtomic } from "../store/index.js";
import { RUN_RESULT_FILE } from "./layout.js";

/** Where a finished result is kept: a run directory, the file in it, and what it must answer. */
export type FinishedAt<T> = {
  dir: string;
  /** Defaults to `result.json`. */
  file?: string;
  /** Whether the saved result answers this request; default: any saved result does. */
  accept?: (saved: T) => boolean;
};

/** The saved result, or null when there is none or it does not answer the request. */
export async function readFinished<T>(at: FinishedAt<T>): Promise<T | null> {
  let saved: T;
  try {
    saved = (await readJson(join(at.dir, at.file ?? RUN_RESULT_FILE))) as T;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw err;
  }
  return !at.accept || at.accept(saved) ? saved : null;
}

/** Saves a finished result in its run directory (atomically). */
export async function saveFinished<T>(at: FinishedAt<T>, result: T): Promise<void> {
  await writeJsonAtomic(join(at.dir, at.file ?? RUN_RESULT_FILE), result);
}

/** The saved result if it answers the request; otherwise `run()`'s, saved for next time. */
export async function reuseOrRun<T>(
  at: FinishedAt<T>,
  run: () => Promise<T>,
): Promise<{ result: T; reused: boolean }> {
  const saved = await readFinished(at);
  if (saved !== null) return { result: saved, reused: true };
  const result = await run();
  await saveFinished(at, result);
  return { result, reused: false };
}

/** `reuseOrRun` in the run directory of `key` under `<runs>/<experiment>/`. */
export async function reuseOrRunByKey<T>(
  runs: string,
  experiment: string,
  key: unknown,
  run: () => Promise<T>,
): Promise<{ result: T; reused: boolean; dir: string }> {
  const { dir } = await openRunDir(runs, experiment, key);
  return { ...(await reuseOrRun({ dir }, run)), dir };
}
