/** `groundtruth grade TRANSCRIPT`: verdict per part against the answer key, with evidence. */
import type { Command } from "commander";
import { CliError } from "../errors.js";

type GradeOpts = { key: string; json?: boolean; annotated?: string };

export function registerGrade(program: Command): void {
  program
    .command("grade")
    .description("grade a chat transcript (Markdown or text) against the answer key")
    .argument("<transcript>", "the transcript file")
    .option(
      "--key <file>",
      "the answer key JSON (written by `groundtruth reproduce`)",
      "results/key.json",
    )
    .option("--json", 'print {"parts": [{id, verdict, answer, evidence}]} to stdout')
    .option("--annotated <file>", "also write the transcript with verdicts (.html or .md)")
    .action(async (file: string, opts: GradeOpts) => {
      const { readFile, writeFile, rename, stat } = await import("node:fs/promises");
      const { extname } = await import("node:path");
      const { parseAnswerKey } = await import("../../key/types.js");
      const {
        grade,
        reportJson,
        TranscriptError,
        checkTranscriptText,
        MAX_TRANSCRIPT_CHARS,
        defaultTools,
      } = await import("../../grader/index.js");
      const { annotateHtml, annotateMarkdown, formatSummary } = await import(
        "../../grader/annotate.js"
      );

      let keyRaw: string;
      try {
        keyRaw = await readFile(opts.key, "utf8");
      } catch {
        throw new CliError(
          `no answer key at ${opts.key}: run \`groundtruth reproduce\` to derive it (or pass --key FILE)`,
        );
      }
      let key: ReturnType<typeof parseAnswerKey>;
      try {
        key = parseAnswerKey(JSON.parse(keyRaw));
      } catch (err) {
        throw new CliError(`${opts.key}: ${(err as Error).message}`);
      }

      let size: number;
      try {
        size = (await stat(file)).size;
      } catch {
        throw new CliError(`cannot read transcript ${file}: no such file`);
      }
      if (size > MAX_TRANSCRIPT_CHARS * 4) throw new CliError(`${file}: too large (${size} bytes)`);
      const buf = await readFile(file);
      const text = new TextDecoder("utf-8", { fatal: false }).decode(buf);
      try {
        checkTranscriptText(text);
      } catch (err) {
        if (err instanceof TranscriptError) throw new CliError(`${file}: ${err.message}`);
        throw err;
      }
      if (
        opts.annotated &&
        ![".html", ".htm", ".md", ".markdown"].includes(extname(opts.annotated).toLowerCase())
      ) {
        throw new CliError(`--annotated ${opts.annotated}: expected a .html or .md file name`);
      }

      const report = await grade(text, key, await defaultTools());
      if (opts.json) process.stdout.write(`${JSON.stringify(reportJson(report), null, 2)}\n`);
      else process.stdout.write(formatSummary(report));
      if (opts.annotated) {
        const html = /\.html?$/i.test(opts.annotated);
        const out = html
          ? annotateHtml(text, report, `Graded: ${file}`)
          : annotateMarkdown(text, report);
        const tmp = `${opts.annotated}.tmp-${process.pid}`;
        await writeFile(tmp, out);
        await rename(tmp, opts.annotated);
        process.stderr.write(`wrote ${opts.annotated}\n`);
      }
    });
}
