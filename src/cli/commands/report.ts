/** `groundtruth report`: builds the static web report from the results that exist. */
import type { Command } from "commander";
import { z } from "zod";
import { RESULTS_ROOT, SITE_DIR, SITE_INDEX } from "../../results/layout.js";
import { action, defaultOf } from "../action.js";

const Options = z
  .object({
    out: z.string().min(1).default(SITE_DIR),
    results: z.string().min(1).default(RESULTS_ROOT),
    key: z.string().min(1).optional(),
    figures: z.string().min(1).optional(),
    transcript: z.array(z.string().min(1)),
  })
  .strict();

export function registerReport(program: Command): void {
  program
    .command("report")
    .description("build the static web report (HTML, charts, explorables) from the results")
    .option("--out <dir>", "output directory", defaultOf(Options.shape.out))
    .option("--results <dir>", "results directory", defaultOf(Options.shape.results))
    .option("--key <file>", "answer key (default: <results>/key.json)")
    .option("--figures <dir>", "extra directory with <name>.vl.json figures")
    .option(
      "--transcript <file>",
      "grade this transcript against the key and show it (repeatable)",
      (v: string, prev: string[]) => [...prev, v],
      [] as string[],
    )
    .action(
      action("report", Options, async (o) => {
        const { resolve } = await import("node:path");
        const started = Date.now();
        const { buildReport } = await import("../../pipeline/index.js");
        const site = await buildReport({ ...o, transcripts: o.transcript });
        const index = resolve(site.outDir, SITE_INDEX);
        process.stderr.write(
          `groundtruth: wrote ${site.pages.length} pages to ${site.outDir} in ${Date.now() - started} ms\n` +
            `  open file://${index}\n  or run: groundtruth serve --dir ${site.outDir}\n`,
        );
        process.stdout.write(
          `${JSON.stringify({ outDir: site.outDir, pages: site.pages, bytes: site.bytes })}\n`,
        );
      }),
    );
}
