/**
 * Grading transcript files against the answer key: the files named (directories expanded to the
 * transcripts inside them), each read through its export format and graded, optionally written
 * back annotated; with a careful grader's verdicts, the agreement with them.
 */
import { mkdir, open, readdir, readFile, stat } from "node:fs/promises";
import { basename, dirname, extname, join, relative } from "node:path";
import type { Agreement } from "../grader/corpus.js";
import type { Report } from "../grader/index.js";
import type { AnswerKey } from "../key/types.js";
import { type Log, stderrLog } from "./context.js";
import { PipelineError } from "./errors.js";

/** One transcript's outcome: its report, or why it could not be read. */
export type GradedFile = { file: string; report?: Report; error?: string };

export type GradeFilesOptions = {
  /** The answer key file. */
  key: string;
  /** Where the real model's initial-logit measurements are kept; false: measure afresh. */
  cache: string | false;
  /** Also write each transcript with its verdicts: a .html/.md file for one, a folder for several. */
  annotated?: string;
  /** A careful grader's verdicts to compare with (annotations are then not written). */
  expected?: string;
  /** Told about each transcript as soon as it is graded (in file order), and how many files there are. */
  onGraded?: (g: {
    file: string;
    text: string;
    report: Report;
    files: number;
  }) => void | Promise<void>;
  log?: Log;
};

const ANNOTATED_EXTENSIONS = [".html", ".htm", ".md", ".markdown"];

/** Grades every transcript named; with `expected`, also the agreement with those verdicts. */
async function gradeFiles(
  args: string[],
  o: GradeFilesOptions,
): Promise<{ results: GradedFile[]; agreement: Agreement | null }> {
  const { annotateHtml, annotateMarkdown, defaultTools, grade } = await import(
    "../grader/index.js"
  );
  const { writeFileAtomic } = await import("../store/index.js");
  const log = o.log ?? stderrLog;
  const { files, root } = await transcriptFiles(args);
  const expected = o.expected ? await readExpected(o.expected) : undefined;
  const several = files.length > 1;
  if (
    o.annotated &&
    !several &&
    !ANNOTATED_EXTENSIONS.includes(extname(o.annotated).toLowerCase())
  ) {
    throw new PipelineError(`--annotated ${o.annotated}: expected a .html or .md file name`);
  }
  const key = await readAnswerKey(o.key);
  const tools = await defaultTools(o.cache ? { cacheFile: o.cache } : {});
  const results: GradedFile[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = await readTranscript(file);
    } catch (err) {
      // one unreadable file among several is reported, not fatal for the others
      if (!several || !(err instanceof PipelineError)) throw err;
      results.push({ file, error: err.message });
      log(`groundtruth: ${err.message}`);
      continue;
    }
    const report = await grade(text, key, tools);
    results.push({ file, report });
    await o.onGraded?.({ file, text, report, files: files.length });
    if (expected || !o.annotated) continue;
    const target = several
      ? join(o.annotated, `${basename(file, extname(file))}.html`)
      : o.annotated;
    if (several) await mkdir(o.annotated, { recursive: true });
    await writeFileAtomic(
      target,
      /\.html?$/i.test(target)
        ? annotateHtml(text, report, `Graded: ${file}`)
        : annotateMarkdown(text, report),
    );
    log(`wrote ${target}`);
  }
  if (!expected) return { results, agreement: null };
  const { agreement } = await import("../grader/corpus.js");
  const reports = new Map(
    results.flatMap((r) =>
      r.report ? [[relative(root, r.file).split("\\").join("/"), r.report] as const] : [],
    ),
  );
  return { results, agreement: agreement(reports, expected) };
}

export type GradeTranscriptsOptions = Omit<GradeFilesOptions, "onGraded"> & {
  /** JSON instead of text: one report, `{files}` for several, or the agreement. */
  json?: boolean;
  /** Also print how each transcript was read. */
  explain?: boolean;
  /** With `expected`: fail below this share of parts agreeing with it (0–1). */
  minAgreement?: number;
  /** Where the results go, as they are ready (stdout). */
  out: (text: string) => void;
};

/**
 * `grade` from start to end: each transcript's summary as soon as it is graded, then the
 * agreement with the expected verdicts, the JSON, or a table of several files. Returns whether
 * it passed: false when the agreement is below `minAgreement` or a file could not be read.
 */
export async function gradeTranscripts(
  args: string[],
  o: GradeTranscriptsOptions,
): Promise<boolean> {
  const { formatSummary, reportJson } = await import("../grader/index.js");
  const { formatAgreement } = await import("../grader/corpus.js");
  const { explainTranscript } = await import("../grader/explain.js");
  const { out } = o;
  const { results, agreement } = await gradeFiles(args, {
    ...o,
    onGraded: ({ file, text, report, files }) => {
      if (o.explain) out(`\n== ${file}: how it was read\n${explainTranscript(text)}`);
      if (o.expected || o.json) return;
      if (files > 1) out(`\n== ${file}\n`);
      out(formatSummary(report));
    },
  });
  if (agreement) {
    out(o.json ? `${JSON.stringify(agreement, null, 2)}\n` : formatAgreement(agreement));
    const share = agreement.total > 0 ? agreement.agreed / agreement.total : 1;
    if (o.minAgreement === undefined || share >= o.minAgreement) return true;
    (o.log ?? stderrLog)(
      `groundtruth: agreement ${share.toFixed(3)} is below --min-agreement ${o.minAgreement}`,
    );
    return false;
  }
  if (o.json) {
    const json =
      results.length > 1
        ? {
            files: results.map((r) =>
              r.report
                ? { file: r.file, ...reportJson(r.report) }
                : { file: r.file, error: r.error },
            ),
          }
        : reportJson(results[0]!.report!);
    out(`${JSON.stringify(json, null, 2)}\n`);
  } else if (results.length > 1) out(`\n${await verdictTable(results)}`);
  return !results.some((r) => r.error);
}

/** The answer key at `path`, or a PipelineError saying how to get one. */
export async function readAnswerKey(path: string): Promise<AnswerKey> {
  const { parseAnswerKey } = await import("../key/types.js");
  let raw: string;
  try {
    raw = await readFile(path, "utf8");
  } catch {
    throw new PipelineError(
      `no answer key at ${path}: run \`groundtruth reproduce\` to derive it (or pass --key FILE)`,
    );
  }
  try {
    return parseAnswerKey(JSON.parse(raw));
  } catch (err) {
    throw new PipelineError(`${path}: ${(err as Error).message}`);
  }
}

/** The transcript's text, or a PipelineError naming the file and what is wrong with it. */
export async function readTranscript(file: string): Promise<string> {
  const {
    TranscriptError,
    checkTranscriptText,
    decodeTranscript,
    fromExport,
    normalizeTranscript,
    MAX_TRANSCRIPT_CHARS,
  } = await import("../grader/index.js");
  let size: number;
  try {
    const s = await stat(file);
    if (!s.isFile()) throw new PipelineError(`cannot read transcript ${file}: not a file`);
    size = s.size;
  } catch (err) {
    if (err instanceof PipelineError) throw err;
    throw new PipelineError(`cannot read transcript ${file}: no such file`);
  }
  if (size > MAX_TRANSCRIPT_CHARS * 4)
    throw new PipelineError(`${file}: too large (${size} bytes)`);
  const exported = await fromExport(decodeTranscript(await readFile(file)), file);
  const text = normalizeTranscript(exported.text);
  try {
    checkTranscriptText(text);
  } catch (err) {
    if (err instanceof TranscriptError) throw new PipelineError(`${file}: ${err.message}`);
    throw err;
  }
  return text;
}

/**
 * The files named, with directories expanded to the transcripts inside them (sorted), and the
 * directory that expected verdicts name files relative to.
 */
async function transcriptFiles(args: string[]): Promise<{ files: string[]; root: string }> {
  const { TRANSCRIPT_EXTENSIONS } = await import("../grader/index.js");
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
    const entries = await readdir(arg, { recursive: true, withFileTypes: true });
    const found: string[] = [];
    for (const e of entries) {
      const path = join(e.parentPath, e.name);
      if (!e.isFile() || e.name.startsWith(".") || /^(README\.md|expected\.json)$/i.test(e.name))
        continue;
      // a transcript by its name, or any other file whose content is text: exports come as .log,
      // .adoc, .rst or no extension at all
      if (TRANSCRIPT_EXTENSIONS.includes(extname(e.name).toLowerCase()) || (await isText(path)))
        found.push(path);
    }
    found.sort();
    if (!found.length)
      throw new PipelineError(`${arg}: no transcripts (files of text) in this directory`);
    files.push(...found);
  }
  return { files, root };
}

/** Whether a file's first 64 KiB read as text (not an image, archive or other binary). */
async function isText(path: string): Promise<boolean> {
  const { checkTranscriptText, decodeTranscript } = await import("../grader/index.js");
  const file = await open(path, "r");
  try {
    const head = new Uint8Array(65536);
    const { bytesRead } = await file.read(head, 0, head.length, 0);
    checkTranscriptText(decodeTranscript(head.subarray(0, bytesRead)));
    return true;
  } catch {
    return false;
  } finally {
    await file.close();
  }
}

/** A careful grader's verdicts per file and part. */
async function readExpected(path: string) {
  const { expectedSchema } = await import("../grader/corpus.js");
  let raw: string;
  try {
    raw = await readFile(path, "utf8");
  } catch {
    throw new PipelineError(`cannot read expected verdicts ${path}: no such file`);
  }
  try {
    return expectedSchema.parse(JSON.parse(raw));
  } catch (err) {
    throw new PipelineError(
      `${path}: not an expected-verdicts file (${(err as Error).message.slice(0, 200)})`,
    );
  }
}

/** One row per transcript, one column per part: ✓ correct, ~ partial, ✗ incorrect, ? not gradable. */
async function verdictTable(results: GradedFile[]): Promise<string> {
  const { VERDICTS } = await import("../grader/index.js");
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
