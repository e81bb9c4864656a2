/** `groundtruth doctor`: versions, engine backend, worker count, and data-set checks. */
import type { Command } from "commander";

export function registerDoctor(program: Command): void {
  program
    .command("doctor")
    .description("print versions, the engine backend and worker count, and check the data sets")
    .option("--json", "print one JSON object instead of text")
    .action(async (opts: { json?: boolean }) => {
      const { initEngine } = await import("../../engine/index.js");
      const { checkDataSets } = await import("../../data/check.js");
      const engine = await initEngine();
      const data = checkDataSets();
      const report = {
        node: process.version,
        platform: `${process.platform}-${process.arch}`,
        engine,
        data,
      };
      // Missing or broken data is a failed check: print everything, then exit 1.
      if (data.some((d) => !d.ok)) process.exitCode = 1;
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
        return;
      }
      process.stdout.write(
        [
          `node        ${report.node} (${report.platform})`,
          `jax-js      ${engine.jaxVersion}, device ${engine.device}, ${engine.workers} worker thread(s)`,
          ...data.map(
            (d) =>
              `${(d.name === "summarization" ? "summaries" : d.name).padEnd(11)} ${d.ok ? "ok" : "FAILED"}: ${d.detail}`,
          ),
        ].join("\n") + "\n",
      );
    });
}
