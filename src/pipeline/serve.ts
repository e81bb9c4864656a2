/** The built site served on 127.0.0.1 (src/report/serve.ts), once it is there to serve. */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { SITE_INDEX } from "../results/index.js";
import { PipelineError } from "./errors.js";

/** Serves `dir` on `port` (0: any free port); a missing site or a taken port is a PipelineError. */
export async function serveSite(dir: string, port: number) {
  if (!existsSync(join(dir, SITE_INDEX)))
    throw new PipelineError(
      `no site in ${dir} (${SITE_INDEX} missing); run: groundtruth report --out ${dir}`,
    );
  const { serveStatic } = await import("../report/serve.js");
  try {
    return await serveStatic(dir, port);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "EADDRINUSE") throw new PipelineError(`port ${port} is in use; try --port 0`);
    throw err;
  }
}
