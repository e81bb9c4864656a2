/** `groundtruth report`: builds the static web report from the results that exist. */
import type { Command } from "commander";
import { CliError } from "../errors.js";

type ReportOptions = {
  out: string;
  results: string;
  key?: string;
  figures?: string;
  transcript: string[];
};

/** Grades each `--transcript` file with src/grader against the key (which must exist). */
async function gradeAll(opts: ReportOptions) {
  if (opts.transcript.length === 0) return [];
  const { existsSync, readFileSync } = await import("node:fs");
  const { basename, join } = await import("node:path");
  const keyPath = opts.key ?? join(opts.results, "key.json");
  if (!existsSync(keyPath))
    throw new CliError(
      `grading a transcript needs the answer key, and ${keyPath} does not exist; run groundtruth reproduce`,
    );
  const { parseAnswerKey } = await import("../../key/types.js");
  const { defaultTools, grade } = await import("../../grader/index.js");
  let key: ReturnType<typeof parseAnswerKey>;
  try {
    key = parseAnswerKey(JSON.parse(readFileSync(keyPath, "utf8")));
  } catch (err) {
    throw new CliError(`${keyPath}: ${(err as Error).message}`);
  }
  const tools = await defaultTools();
  const out = [];
  for (const file of opts.transcript) {
    if (!existsSync(file)) throw new CliError(`transcript not found: ${file}`);
    const transcript = readFileSync(file, "utf8");
    const report = await grade(transcript, key, tools);
    out.push({ name: basename(file), transcript, parts: report.parts });
  }
  return out;
}

export function registerReport(program: Command): void {
  program
    .command("report")
    .description("build the static web report (HTML, charts, explorables) from the results")
    .option("--out <dir>", "output directory", "site")
    .option("--results <dir>", "results directory", "results")
    .option("--key <file>", "answer key (default: <results>/key.json)")
    .option("--figures <dir>", "extra directory with <name>.vl.json figures")
    .option(
      "--transcript <file>",
      "grade this transcript against the key and show it (repeatable)",
      (v: string, prev: string[]) => [...prev, v],
      [] as string[],
    )
    .action(async (opts: ReportOptions) => {
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
      const gradedTranscripts = await gradeAll(opts);
      const site = await buildSite({
        gradedTranscripts,
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
