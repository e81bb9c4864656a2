/** `groundtruth grade TRANSCRIPT…`: verdict per part against the answer key, with evidence. */
import type { Command } from "commander";
import type { Report } from "../../grader/index.js";
import { CliError } from "../errors.js";

type GradeOpts = { key: string; json?: boolean; annotated?: string; cache: string | false };

const ANNOTATED_EXTENSIONS = [".html", ".htm", ".md", ".markdown"];

export function registerGrade(program: Command): void {
  program
    .command("grade")
    .description(
      "grade chat transcripts (Markdown or text) against the answer key; several files give a table of verdicts",
    )
    .argument("<transcripts...>", "one or more transcript files")
    .option(
      "--key <file>",
      "the answer key JSON (written by `groundtruth reproduce`)",
      "results/key.json",
    )
    .option(
      "--json",
      'print {"parts": [{id, verdict, answer, evidence}]} to stdout ({"files": [{file, parts | error}]} for several)',
    )
    .option(
      "--annotated <path>",
      "also write each transcript with its verdicts: a .html or .md file for one transcript, a directory (one .html each) for several",
    )
    .option(
      "--cache <file>",
      "keep the real model's initial-logit measurements here, so a std seen before needs no engine",
      "runs/grader/initial-logits.json",
    )
    .option("--no-cache", "measure every proposed std afresh")
    .action(async (files: string[], opts: GradeOpts) => {
      const { writeFile, rename, mkdir } = await import("node:fs/promises");
      const { basename, extname, join } = await import("node:path");
      const { annotateHtml, annotateMarkdown, formatSummary, grade, reportJson, defaultTools } =
        await import("../../grader/index.js");

      const several = files.length > 1;
      if (
        opts.annotated &&
        !several &&
        !ANNOTATED_EXTENSIONS.includes(extname(opts.annotated).toLowerCase())
      ) {
        throw new CliError(`--annotated ${opts.annotated}: expected a .html or .md file name`);
      }
      const key = await readKey(opts.key);
      const tools = await defaultTools(opts.cache ? { cacheFile: opts.cache } : {});
      const results: Array<{ file: string; report?: Report; error?: string }> = [];
      for (const file of files) {
        let text: string;
        try {
          text = await readTranscript(file);
        } catch (err) {
          // one unreadable file among several is reported, not fatal for the others
          if (!several || !(err instanceof CliError)) throw err;
          results.push({ file, error: err.message });
          process.stderr.write(`groundtruth: ${err.message}\n`);
          continue;
        }
        const report = await grade(text, key, tools);
        results.push({ file, report });
        if (!opts.json) {
          if (several) process.stdout.write(`\n== ${file}\n`);
          process.stdout.write(formatSummary(report));
        }
        if (opts.annotated) {
          const target = several
            ? join(opts.annotated, `${basename(file, extname(file))}.html`)
            : opts.annotated;
          if (several) await mkdir(opts.annotated, { recursive: true });
          const out = /\.html?$/i.test(target)
            ? annotateHtml(text, report, `Graded: ${file}`)
            : annotateMarkdown(text, report);
          const tmp = `${target}.tmp-${process.pid}`;
          await writeFile(tmp, out);
          await rename(tmp, target);
          process.stderr.write(`wrote ${target}\n`);
        }
      }
      if (opts.json) {
        const json = several
          ? {
              files: results.map((r) =>
                r.report
                  ? { file: r.file, ...reportJson(r.report) }
                  : { file: r.file, error: r.error },
              ),
            }
          : reportJson(results[0]!.report!);
        process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
      } else if (several) {
        process.stdout.write(`\n${verdictTable(results)}`);
      }
      if (results.some((r) => r.error)) process.exitCode = 1;
    });
}

async function readKey(path: string) {
  const { readFile } = await import("node:fs/promises");
  const { parseAnswerKey } = await import("../../key/types.js");
  let raw: string;
  try {
    raw = await readFile(path, "utf8");
  } catch {
    throw new CliError(
      `no answer key at ${path}: run \`groundtruth reproduce\` to derive it (or pass --key FILE)`,
    );
  }
  try {
    return parseAnswerKey(JSON.parse(raw));
  } catch (err) {
    throw new CliError(`${path}: ${(err as Error).message}`);
  }
}

/** The transcript's text, or a CliError naming the file and what is wrong with it. */
async function readTranscript(file: string): Promise<string> {
  const { readFile, stat } = await import("node:fs/promises");
  const { TranscriptError, checkTranscriptText, MAX_TRANSCRIPT_CHARS } = await import(
    "../../grader/index.js"
  );
  let size: number;
  try {
    const s = await stat(file);
    if (!s.isFile()) throw new CliError(`cannot read transcript ${file}: not a file`);
    size = s.size;
  } catch (err) {
    if (err instanceof CliError) throw err;
    throw new CliError(`cannot read transcript ${file}: no such file`);
  }
  if (size > MAX_TRANSCRIPT_CHARS * 4) throw new CliError(`${file}: too large (${size} bytes)`);
  const text = new TextDecoder("utf-8", { fatal: false }).decode(await readFile(file));
  try {
    checkTranscriptText(text);
  } catch (err) {
    if (err instanceof TranscriptError) throw new CliError(`${file}: ${err.message}`);
    throw err;
  }
  return text;
}

/** One row per transcript, one column per part: ✓ correct, ~ partial, ✗ incorrect, ? not gradable. */
function verdictTable(results: Array<{ file: string; report?: Report; error?: string }>): string {
  const mark = { correct: "✓", partial: "~", incorrect: "✗", ungradable: "?" } as const;
  const ids = [...new Set(results.flatMap((r) => r.report?.parts.map((p) => p.id) ?? []))];
  const width = Math.max(10, ...results.map((r) => r.file.length));
  const lines = [
    `${"transcript".padEnd(width)}  ${ids.map((id) => id.padEnd(5)).join(" ")}  score`,
  ];
  for (const r of results) {
    if (!r.report) {
      lines.push(`${r.file.padEnd(width)}  ${r.error}`);
      continue;
    }
    const byId = new Map(r.report.parts.map((p) => [p.id, p.verdict]));
    const cells = ids.map((id) => {
      const v = byId.get(id);
      return (v ? mark[v] : "-").padEnd(5);
    });
    const correct = r.report.parts.filter((p) => p.verdict === "correct").length;
    lines.push(`${r.file.padEnd(width)}  ${cells.join(" ")}  ${correct}/${r.report.parts.length}`);
  }
  lines.push("✓ correct  ~ partial  ✗ incorrect  ? not gradable");
  return `${lines.join("\n")}\n`;
}
