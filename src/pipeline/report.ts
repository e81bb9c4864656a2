/** The static web report from the results that exist, with graded transcripts when asked. */
import { basename, join } from "node:path";
import { KEY_FILE } from "../results/index.js";
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
};

/** Grades the transcripts (the key must exist) and builds the site. */
export async function buildReport(o: ReportOptions) {
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
