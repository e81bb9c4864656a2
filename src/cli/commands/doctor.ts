/** `groundtruth doctor`: versions, engine backend, worker count, and data-set checks. */
import type { Command } from "commander";
import { z } from "zod";
import { action, print } from "../action.js";

const Options = z.object({ json: z.boolean().optional() }).strict();

export function registerDoctor(program: Command): void {
  program
    .command("doctor")
    .description("print versions, the engine backend and worker count, and check the data sets")
    .option("--json", "print one JSON object instead of text")
    .action(
      action("doctor", Options, async (o) => {
        const { doctor } = await import("../../pipeline/index.js");
        const report = await doctor();
        // Missing or broken data is a failed check: print everything, then exit 1.
        if (report.data.some((d) => !d.ok)) process.exitCode = 1;
        print(
          o.json,
          report,
          [
            `node        ${report.node} (${report.platform})`,
            `jax-js      ${report.engine.jaxVersion}, device ${report.engine.device}, ${report.engine.workers} worker thread(s)`,
            ...report.data.map(
              (d) =>
                `${(d.name === "summarization" ? "summaries" : d.name).padEnd(11)} ${d.ok ? "ok" : "FAILED"}: ${d.detail}`,
            ),
          ].join("\n"),
        );
      }),
    );
}
