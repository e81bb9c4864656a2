/** What every pipeline step shares: where its log lines go and the engine it runs on. */

/** One line of progress for a person (never a result: results are files and return values). */
export type Log = (line: string) => void;

/** Logs go to stderr, one line each: stdout is the commands' results. */
export const stderrLog: Log = (line) => process.stderr.write(`${line}\n`);

/** Starts the engine; returns the device as result files record it. */
export async function startEngine(): Promise<string> {
  const { initEngine } = await import("../engine/index.js");
  const e = await initEngine();
  return `${e.device} (${e.workers} workers, jax-js ${e.jaxVersion})`;
}

/** A result as written to results/: with the time it was written. */
export function stamped<T extends object>(result: T): T & { generatedAt: string } {
  return { ...result, generatedAt: new Date().toISOString() };
}
