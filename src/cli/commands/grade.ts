/** `groundtruth grade TRANSCRIPT…`: verdict per part against the answer key, with evidence. */
import type { Command } from "commander";
import type { Report } from "../../grader/index.js";
import { CliError } from "../errors.js";

type GradeOpts = {
  key: string;
  json?: boolean;
  annotated?: string;
  cache: string | false;
  explain?: boolean;
  expected?: string;
  minAgreement?: string;
};

const ANNOTATED_EXTENSIONS = [".html", ".htm", ".md", ".markdown"];

export function registerGrade(program: Command): void {
  program
    .command("grade")
    .description(
      "grade chat transcripts (Markdown, text, or exports: JSON, HTML, CSV/TSV, e-mail) against the answer key; several files give a table of verdicts",
    )
    .argument(
      "<transcripts...>",
      "transcript files, or directories of them (.md, .txt, .json, .html, .csv, .tsv, .eml)",
    )
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
    .option(
      "--explain",
      "print how each transcript was read: every span with its role, the part it answers and the cue that decided it",
    )
    .option(
      "--expected <file>",
      'compare with a careful grader\'s verdicts ({"file": {"2a": "incorrect", …}}, names relative to the directory given): agreement per part and overall, a confusion matrix and each disagreement',
    )
    .option(
      "--min-agreement <fraction>",
      "with --expected: exit with status 1 when the agreement is below this (0–1)",
    )
    .action(async (args: string[], opts: GradeOpts) => {
      const { writeFile, rename, mkdir } = await import("node:fs/promises");
      const { basename, extname, join } = await import("node:path");
      const { annotateHtml, annotateMarkdown, formatSummary, grade, reportJson, defaultTools } =
        await import("../../grader/index.js");

      const minAgreement = opts.minAgreement === undefined ? undefined : Number(opts.minAgreement);
      if (minAgreement !== undefined && !(minAgreement >= 0 && minAgreement <= 1))
        throw new CliError(`--min-agreement ${opts.minAgreement}: expected a number from 0 to 1`);
      if (minAgreement !== undefined && !opts.expected)
        throw new CliError("--min-agreement needs --expected FILE");
      const { files, root } = await transcriptFiles(args);
      const expected = opts.expected ? await readExpected(opts.expected) : undefined;
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
        if (opts.explain) process.stdout.write(await explainText(file, text));
        if (expected) continue;
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
      if (expected) {
        const { agreement, formatAgreement } = await import("../../grader/corpus.js");
        const { relative } = await import("node:path");
        const reports = new Map(
          results.flatMap((r) =>
            r.report ? [[relative(root, r.file).split("\\").join("/"), r.report] as const] : [],
          ),
        );
        const a = agreement(reports, expected);
        if (opts.json) process.stdout.write(`${JSON.stringify(a, null, 2)}\n`);
        else process.stdout.write(formatAgreement(a));
        if (minAgreement !== undefined && a.total > 0 && a.agreed / a.total < minAgreement) {
          process.stderr.write(
            `groundtruth: agreement ${(a.agreed / a.total).toFixed(3)} is below --min-agreement ${minAgreement}\n`,
          );
          process.exitCode = 1;
        }
        return;
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
        process.stdout.write(`\n${await verdictTable(results)}`);
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
  const {
    TranscriptError,
    checkTranscriptText,
    decodeTranscript,
    normalizeTranscript,
    MAX_TRANSCRIPT_CHARS,
  } = await import("../../grader/index.js");
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
  const { fromExport } = await import("../../grader/formats/index.js");
  const exported = await fromExport(decodeTranscript(await readFile(file)), file);
  const text = normalizeTranscript(exported.text);
  try {
    checkTranscriptText(text);
  } catch (err) {
    if (err instanceof TranscriptError) throw new CliError(`${file}: ${err.message}`);
    throw err;
  }
  return text;
}

/** The files named, with directories expanded to the transcripts inside them (sorted), and the
 * directory that --expected names files relative to. */
async function transcriptFiles(args: string[]): Promise<{ files: string[]; root: string }> {
  const { readdir, stat } = await import("node:fs/promises");
  const { join, extname, dirname } = await import("node:path");
  const files: string[] = [];
  let root = args.length === 1 ? dirname(args[0]!) : ".";
  for (const arg of args) {
    let isDir = false;
    try {
      isDir = (await stat(arg)).isDirectory();
    } catch {
      files.push(arg); // reported as missing when read
      continue;
    }
    if (!isDir) {
      files.push(arg);
      continue;
    }
    if (args.length === 1) root = arg;
    const { TRANSCRIPT_EXTENSIONS } = await import("../../grader/formats/index.js");
    const entries = await readdir(arg, { recursive: true, withFileTypes: true });
    const found = entries
      .filter((e) => e.isFile() && TRANSCRIPT_EXTENSIONS.includes(extname(e.name).toLowerCase()))
      .map((e) => join(e.parentPath, e.name))
      .filter((f) => !/(^|\/)README\.md$/i.test(f) && !/(^|\/)expected\.json$/i.test(f))
      .sort();
    if (!found.length)
      throw new CliError(
        `${arg}: no transcripts (${TRANSCRIPT_EXTENSIONS.join(", ")}) in this directory`,
      );
    files.push(...found);
  }
  return { files, root };
}

async function readExpected(path: string) {
  const { readFile } = await import("node:fs/promises");
  const { expectedSchema } = await import("../../grader/corpus.js");
  let raw: string;
  try {
    raw = await readFile(path, "utf8");
  } catch {
    throw new CliError(`cannot read expected verdicts ${path}: no such file`);
  }
  try {
    return expectedSchema.parse(JSON.parse(raw));
  } catch (err) {
    throw new CliError(
      `${path}: not an expected-verdicts file (${(err as Error).message.slice(0, 200)})`,
    );
  }
}

/** The segmentation and the part stretches, one line per span, for --explain. */
async function explainText(file: string, text: string): Promise<string> {
  const { explainTranscript } = await import("../../grader/explain.js");
  return `\n== ${file}: how it was read\n${explainTranscript(text)}`;
}

/** One row per transcript, one column per part: ✓ correct, ~ partial, ✗ incorrect, ? not gradable. */
async function verdictTable(
  results: Array<{ file: string; report?: Report; error?: string }>,
): Promise<string> {
  const { VERDICTS } = await import("../../grader/verdicts.js");
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
      return (v ? VERDICTS[v].mark : " ").padEnd(5);
    });
    const correct = r.report.parts.filter((p) => p.verdict === "correct").length;
    lines.push(`${r.file.padEnd(width)}  ${cells.join(" ")}  ${correct}/${r.report.parts.length}`);
  }
  lines.push(
    Object.entries(VERDICTS)
      .map(([v, d]) => `${d.mark} ${v}`)
      .join("  "),
  );
  return `${lines.join("\n")}\n`;
}
