/** The real computations behind grading, loaded lazily: the KL toolkit and the init diagnostics. */
import type { GradeTools } from "./grade.js";

/** KL toolkit + Transformer initial-logit measurement (loads jax-js only when a code fix is measured). */
export async function defaultTools(): Promise<GradeTools> {
  const div = await import("../divergences/index.js");
  type D = Parameters<typeof div.kl>[0];
  const cache = new Map<string, ReturnType<GradeTools["measureInitialLogits"]>>();
  return {
    parseDistribution: (text) => div.parseDistribution(text),
    parsePair: (p, q) => div.parsePair(p, q),
    kl: (p, q, names) => div.kl(p as D, q as D, names),
    measureInitialLogits: (opts) => {
      const k = JSON.stringify(opts);
      let r = cache.get(k);
      if (!r) {
        r = (async () => {
          const { initEngine } = await import("../engine/index.js");
          await initEngine();
          const { measureInitialLogits } = await import("../experiments/transformer/init-stats.js");
          return measureInitialLogits(opts);
        })();
        cache.set(k, r);
      }
      return r;
    },
  };
}
