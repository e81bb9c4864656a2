/** `groundtruth doctor`: versions, engine backend, worker count, and data-set checks. */
import type { Command } from "commander";

export function registerDoctor(program: Command): void {
  program
    .command("doctor")
    .description("print versions, the engine backend and worker count, and check the data sets")
    .option("--json", "print one JSON object instead of text")
    .action(async (opts: { json?: boolean }) => {
      const { initEngine } = await import("../../engine/index.js");
      const engine = await initEngine();
      const report = {
        node: process.version,
        platform: `${process.platform}-${process.arch}`,
        engine,
      };
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
        return;
      }
      process.stdout.write(
        [
          `node        ${report.node} (${report.platform})`,
          `jax-js      ${engine.jaxVersion}, device ${engine.device}, ${engine.workers} worker thread(s)`,
        ].join("\n") + "\n",
      );
    });
}
