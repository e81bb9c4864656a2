/** `groundtruth report`: builds the static web report from the results that exist. */
import type { Command } from "commander";
import { CliError } from "../errors.js";

export function registerReport(program: Command): void {
  program
    .command("report")
    .description("build the static web report (HTML, charts, explorables) from the results")
    .option("--out <dir>", "output directory", "site")
    .option("--results <dir>", "results directory", "results")
    .option("--key <file>", "answer key (default: <results>/key.json)")
    .option("--figures <dir>", "extra directory with <name>.vl.json figures")
    .action(async (opts: { out: string; results: string; key?: string; figures?: string }) => {
      const { existsSync } = await import("node:fs");
      const { resolve } = await import("node:path");
      const { buildSite } = await import("../../report/index.js");
      if (!existsSync(opts.results)) {
        process.stderr.write(
          `groundtruth: no results directory at ${opts.results}; the report will say "not yet run"\n`,
        );
      }
      if (opts.key && !existsSync(opts.key))
        throw new CliError(`answer key not found: ${opts.key}`);
      const started = Date.now();
      const site = await buildSite({
        resultsDir: opts.results,
        outDir: opts.out,
        keyPath: opts.key,
        figuresDir: opts.figures,
      });
      const index = resolve(site.outDir, "index.html");
      process.stderr.write(
        `groundtruth: wrote ${site.pages.length} pages to ${site.outDir} in ${Date.now() - started} ms\n` +
          `  open file://${index}\n  or run: groundtruth serve --dir ${site.outDir}\n`,
      );
      process.stdout.write(
        `${JSON.stringify({ outDir: site.outDir, pages: site.pages, bytes: site.bytes })}\n`,
      );
    });
}
