/** The real computations behind grading, loaded lazily: the KL toolkit and the init diagnostics. */
import { readFile } from "node:fs/promises";
import { jaxVersion } from "../engine/version.js";
import { writeJsonAtomic } from "../store/atomic.js";
import type { GradeTools, InitialLogits } from "./grade.js";

/**
 * Measurements of the real model are deterministic for given options, so they are kept on disk:
 * grading the next transcript that proposes the same std skips starting the engine (~6 s).
 * The key carries the engine's version and the measurement's; delete the file to measure afresh.
 */
const cacheVersion = () => `@jax-js/jax ${jaxVersion()}, measureInitialLogits v1`;

type Divergences = typeof import("../divergences/index.js");

/**
 * The grader's tools over the KL toolkit, with `measure` run once per distinct request (the
 * grader asks again for every answer that proposes the same std). The CLI and the browser page
 * differ only in how they measure.
 */
export function toolkitTools(
  div: Divergences,
  measure: GradeTools["measureInitialLogits"],
): GradeTools {
  type D = Parameters<Divergences["kl"]>[0];
  const pending = new Map<string, Promise<InitialLogits>>();
  return {
    parseDistribution: (text) => div.parseDistribution(text),
    parsePair: (p, q) => div.parsePair(p, q),
    kl: (p, q, names) => div.kl(p as D, q as D, names),
    measureInitialLogits: (opts) => {
      const k = JSON.stringify(opts);
      let r = pending.get(k);
      if (!r) {
        r = measure(opts);
        pending.set(k, r);
      }
      return r;
    },
  };
}

/**
 * KL toolkit + Transformer initial-logit measurement (loads jax-js only when a code fix is
 * measured and the measurement is not in `cacheFile`).
 */
export async function defaultTools(opts: { cacheFile?: string } = {}): Promise<GradeTools> {
  const stored = opts.cacheFile ? await readCache(opts.cacheFile) : {};
  return toolkitTools(await import("../divergences/index.js"), async (measure) => {
    const k = JSON.stringify(measure);
    const hit = stored[k];
    if (hit) return hit;
    const { initEngine } = await import("../engine/index.js");
    await initEngine();
    const { measureInitialLogits } = await import("../experiments/transformer/init-stats.js");
    const result = await measureInitialLogits(measure);
    if (opts.cacheFile) {
      stored[k] = result;
      await writeJsonAtomic(opts.cacheFile, { version: cacheVersion(), entries: stored });
    }
    return result;
  });
}

/** The cached measurements, or none when the file is missing, unreadable or from other versions. */
async function readCache(file: string): Promise<Record<string, InitialLogits>> {
  try {
    const parsed = JSON.parse(await readFile(file, "utf8")) as {
      version?: string;
      entries?: Record<string, InitialLogits>;
    };
    if (parsed.version !== cacheVersion() || !parsed.entries) return {};
    const fields = ["logitStd", "predictedLogitStd", "initialLoss", "lnVocab", "argmaxMass"];
    const valid = (v: unknown) =>
      typeof v === "object" &&
      v !== null &&
      fields.every((f) => Number.isFinite((v as Record<string, unknown>)[f]));
    return Object.fromEntries(Object.entries(parsed.entries).filter(([, v]) => valid(v)));
  } catch {
    return {};
  }
}
