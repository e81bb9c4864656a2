/** The static web report from the results that exist, with graded transcripts when asked. */
import { existsSync } from "node:fs";
import { basename, join } from "node:path";
import { KEY_FILE } from "../results/index.js";
import { type Log, stderrLog } from "./context.js";
import { MissingFileError } from "./errors.js";
import { readAnswerKey, readTranscript } from "./grade.js";

export type ReportOptions = {
  /** The site's folder. */
  out: string;
  results: string;
  /** Default `<results>/key.json`. */
  key?: string;
  /** An extra folder of `<name>.vl.json` figures. */
  figures?: string;
  /** Transcripts to grade against the key and show. */
  transcripts: string[];
  /** Where warnings go (stderr). */
  log?: Log;
};

/** Grades the transcripts (the key must exist) and builds the site. */
export async function buildReport(o: ReportOptions) {
  if (!existsSync(o.results))
    (o.log ?? stderrLog)(
      `groundtruth: no results directory at ${o.results}; the report will say "not yet run"`,
    );
  if (o.key && !existsSync(o.key)) throw new MissingFileError(`answer key not found: ${o.key}`);
  const { buildSite } = await import("../report/index.js");
  const gradedTranscripts = [];
  if (o.transcripts.length > 0) {
    const { defaultTools, grade } = await import("../grader/index.js");
    const key = await readAnswerKey(o.key ?? join(o.results, KEY_FILE));
    const tools = await defaultTools();
    for (const file of o.transcripts) {
      const transcript = await readTranscript(file);
      const report = await grade(transcript, key, tools);
      gradedTranscripts.push({ name: basename(file), transcript, parts: report.parts });
    }
  }
  return buildSite({
    gradedTranscripts,
    resultsDir: o.results,
    outDir: o.out,
    keyPath: o.key,
    figuresDir: o.figures,
  });
}
