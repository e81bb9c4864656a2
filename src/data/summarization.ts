/**
 * The prepared Debian description → synopsis data set committed in data/summarization/
 * (built by scripts/build-summarization-data.ts): one gzipped JSON-lines file per split.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync, gzipSync } from "node:zlib";
import { z } from "zod";
import { SPLITS, type SplitName, type SummaryRecord } from "./debian.js";
import { DataError } from "./errors.js";

export type Summarization = Record<SplitName, SummaryRecord[]>;

const recordSchema = z.strictObject({
  id: z.string().min(1),
  package: z.string().min(1),
  document: z.string().min(1),
  summary: z.string().min(1),
});

/** Folder of the committed data set. */
export function defaultSummarizationDir(): string {
  return fileURLToPath(new URL("../../data/summarization/", import.meta.url));
}

/** File name of a split. */
export const splitFile = (split: SplitName): string => `${split}.jsonl.gz`;

/** Records → gzipped JSON lines (deterministic bytes: gzip header has no time stamp). */
export function encodeJsonlGz(records: SummaryRecord[]): Uint8Array {
  const text = records.map((r) => JSON.stringify(r)).join("\n");
  return gzipSync(`${text}\n`, { level: 9 });
}

/** Reads one gzipped JSON-lines split; a bad record is a `DataError` naming file and line. */
export function readSummarizationFile(path: string): SummaryRecord[] {
  let gz: Buffer;
  try {
    gz = readFileSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? String(err);
    throw new DataError(
      `${path}: cannot read summarization data (${code}); rebuild it with npm run data:summarization`,
      path,
    );
  }
  let text: string;
  try {
    text = gunzipSync(gz).toString("utf8");
  } catch (err) {
    throw new DataError(`${path}: not a valid gzip file (${(err as Error).message})`, path);
  }
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  const out: SummaryRecord[] = [];
  for (let i = 0; i < lines.length; i++) {
    const where = `${path}:${i + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(lines[i]);
    } catch (err) {
      throw new DataError(`${where}: not valid JSON (${(err as Error).message})`, path);
    }
    const parsed = recordSchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue.path.length ? `field "${issue.path.join(".")}"` : "record";
      throw new DataError(
        `${where}: bad ${field}: ${issue.message} (expected {id, package, document, summary}, all non-empty strings)`,
        path,
      );
    }
    out.push(parsed.data);
  }
  if (out.length === 0) throw new DataError(`${path}: no records`, path);
  return out;
}

/** Loads train/validation/test, checking every record and that ids are unique across splits. */
export function loadSummarization(opts: { dir?: string } = {}): Summarization {
  const dir = opts.dir ?? defaultSummarizationDir();
  const seen = new Map<string, string>();
  const result = {} as Summarization;
  for (const split of SPLITS) {
    const file = join(dir, splitFile(split));
    const records = readSummarizationFile(file);
    for (const [i, r] of records.entries()) {
      const other = seen.get(r.id);
      if (other !== undefined) {
        throw new DataError(`${file}:${i + 1}: id ${r.id} already used in ${other}`, file);
      }
      seen.set(r.id, `${split}:${i + 1}`);
    }
    result[split] = records;
  }
  return result;
}
