/**
 * Debian's English package descriptions (the DDTP "Translation-en" index) as a summarization
 * data set: the long description is the document, the one-line synopsis its summary.
 * Pure functions: parsing, normalising, deduplicating and splitting; the build script does I/O.
 */
import { createHash } from "node:crypto";

/** One prepared example. `id` is Debian's Description-md5 of the record kept. */
export type SummaryRecord = { id: string; package: string; document: string; summary: string };

/** One record of a Translation-en file, paragraphs already whitespace-normalised. */
export type TranslationRecord = {
  package: string;
  md5: string;
  synopsis: string;
  paragraphs: string[];
  /** 1-based line of `Package:` in the source, for error messages. */
  line: number;
};

export type SplitName = "train" | "validation" | "test";
export const SPLITS: readonly SplitName[] = ["train", "validation", "test"];

/** Strings the tokenizer reserves; documents containing one are dropped. */
export const SPECIAL_TOKENS = ["<pad>", "<bos>", "<eos>", "<unk>"] as const;

/** Collapses every run of whitespace to one space and trims. */
export function normaliseWhitespace(s: string): string {
  return s.replace(/\s+/gu, " ").trim();
}

/**
 * Parses a Translation-en file: stanzas of `Package:`, `Description-md5:`,
 * `Description-en: <synopsis>`, then the long description as lines starting with one space,
 * where a line ` .` is a paragraph break. Throws on a line that fits none of these.
 */
export function parseTranslation(text: string, file = "Translation-en"): TranslationRecord[] {
  const out: TranslationRecord[] = [];
  let cur: (TranslationRecord & { lines: string[][]; hasSynopsis: boolean }) | undefined;
  const flush = () => {
    if (!cur) return;
    if (!cur.hasSynopsis || cur.md5 === "") {
      const missing = cur.md5 === "" ? "Description-md5" : "Description-en";
      throw new Error(`${file}:${cur.line}: record of ${cur.package} has no ${missing} field`);
    }
    const paragraphs = cur.lines.map((p) => normaliseWhitespace(p.join(" "))).filter(Boolean);
    out.push({
      package: cur.package,
      md5: cur.md5,
      synopsis: cur.synopsis,
      paragraphs,
      line: cur.line,
    });
    cur = undefined;
  };
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].replace(/\r$/u, "");
    const n = i + 1;
    if (line === "") {
      flush();
    } else if (line.startsWith("Package:")) {
      flush();
      cur = {
        package: line.slice(8).trim(),
        md5: "",
        synopsis: "",
        paragraphs: [],
        line: n,
        lines: [[]],
        hasSynopsis: false,
      };
    } else if (!cur) {
      throw new Error(
        `${file}:${n}: expected "Package:" to start a record, found ${JSON.stringify(line.slice(0, 60))}`,
      );
    } else if (line.startsWith("Description-md5:")) {
      cur.md5 = line.slice(16).trim();
    } else if (line.startsWith("Description-en:")) {
      cur.synopsis = normaliseWhitespace(line.slice(15));
      cur.hasSynopsis = true;
    } else if (line.startsWith(" ")) {
      if (line.trim() === ".") cur.lines.push([]);
      else cur.lines[cur.lines.length - 1].push(line.slice(1));
    } else {
      throw new Error(
        `${file}:${n}: unexpected line in record of ${cur.package}: ${JSON.stringify(line.slice(0, 60))}`,
      );
    }
  }
  flush();
  return out;
}

/** The document of a record: its paragraphs joined by single spaces. */
export function documentOf(r: TranslationRecord): string {
  return r.paragraphs.join(" ");
}

/** Words in a text (whitespace-separated). */
export function wordCount(s: string): number {
  return s === "" ? 0 : s.split(" ").length;
}

/**
 * The family of a document: its first paragraph, lower-cased with punctuation dropped.
 * Packages of one source (foo, foo-doc, foo-data) share it, so splitting by family keeps
 * near-copies on one side of the train/validation/test boundary.
 */
export function familyKey(r: TranslationRecord): string {
  return (r.paragraphs[0] ?? "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** Split of a family: the first 32 bits of sha256(key) as a fraction in [0, 1). */
export function splitOf(key: string, fractions = { train: 0.9, validation: 0.05 }): SplitName {
  const u = createHash("sha256").update(key, "utf8").digest().readUInt32BE(0) / 2 ** 32;
  if (u < fractions.train) return "train";
  if (u < fractions.train + fractions.validation) return "validation";
  return "test";
}

export type BuildOptions = {
  /** Documents with fewer words are trivial and dropped. */
  minDocumentWords: number;
  /** At most this many distinct documents are kept per family (package order decides). */
  maxPerFamily: number;
  fractions: { train: number; validation: number };
};

export const defaultBuildOptions: BuildOptions = {
  minDocumentWords: 5,
  maxPerFamily: 5,
  fractions: { train: 0.9, validation: 0.05 },
};

export type BuildCounts = {
  records: number;
  droppedTrivial: number;
  droppedDuplicate: number;
  droppedFamilyCap: number;
  families: number;
  kept: number;
  /** The largest families before the cap: first words of the key and number of documents. */
  largestFamilies: Array<{ key: string; documents: number }>;
};

/**
 * Records → train/validation/test. Drops trivial ones (no synopsis, a document shorter than
 * `minDocumentWords`, a document equal to its synopsis, reserved token strings), keeps the
 * first record of each distinct document, at most `maxPerFamily` per family, and splits by
 * the hash of the family key.
 */
export function buildSummarization(
  records: TranslationRecord[],
  opts: BuildOptions = defaultBuildOptions,
): { splits: Record<SplitName, SummaryRecord[]>; counts: BuildCounts } {
  const splits: Record<SplitName, SummaryRecord[]> = { train: [], validation: [], test: [] };
  const seen = new Set<string>();
  const perFamily = new Map<string, number>();
  const counts: BuildCounts = {
    records: records.length,
    droppedTrivial: 0,
    droppedDuplicate: 0,
    droppedFamilyCap: 0,
    families: 0,
    kept: 0,
    largestFamilies: [],
  };
  for (const r of records) {
    const document = documentOf(r);
    const summary = r.synopsis;
    const reserved = SPECIAL_TOKENS.some((t) => document.includes(t) || summary.includes(t));
    if (
      summary === "" ||
      reserved ||
      wordCount(document) < opts.minDocumentWords ||
      document.toLowerCase() === summary.toLowerCase()
    ) {
      counts.droppedTrivial++;
      continue;
    }
    if (seen.has(document)) {
      counts.droppedDuplicate++;
      continue;
    }
    seen.add(document);
    const fam = familyKey(r);
    const k = perFamily.get(fam) ?? 0;
    perFamily.set(fam, k + 1);
    if (k >= opts.maxPerFamily) {
      counts.droppedFamilyCap++;
      continue;
    }
    splits[splitOf(fam, opts.fractions)].push({ id: r.md5, package: r.package, document, summary });
    counts.kept++;
  }
  counts.families = perFamily.size;
  counts.largestFamilies = [...perFamily]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, 3)
    .map(([key, documents]) => ({ key: key.split(" ").slice(0, 8).join(" "), documents }));
  return { splits, counts };
}

/** Median and 90th percentile (nearest rank) of a list of numbers. */
export function medianP90(xs: number[]): { median: number; p90: number; max: number } {
  if (xs.length === 0) return { median: 0, p90: 0, max: 0 };
  const s = [...xs].sort((a, b) => a - b);
  const rank = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
  return { median: rank(0.5), p90: rank(0.9), max: s[s.length - 1] };
}
