import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { SPLITS } from "./debian.js";
import { DataError } from "./errors.js";
import {
  defaultSummarizationDir,
  encodeJsonlGz,
  loadSummarization,
  readSummarizationFile,
  type Summarization,
  splitFile,
} from "./summarization.js";

describe("committed summarization data", () => {
  let data: Summarization;
  let stats: {
    counts: { kept: number };
    splits: Record<string, { examples: number; documentWords: { median: number } }>;
  };
  beforeAll(() => {
    data = loadSummarization();
    stats = JSON.parse(readFileSync(join(defaultSummarizationDir(), "stats.json"), "utf8"));
  });

  it("has the counts its data card states, about 54 000 pairs split 90/5/5", () => {
    for (const s of SPLITS) expect(data[s].length).toBe(stats.splits[s].examples);
    const total = data.train.length + data.validation.length + data.test.length;
    expect(total).toBe(stats.counts.kept);
    expect(total).toBeGreaterThan(50_000);
    expect(data.validation.length / total).toBeGreaterThan(0.04);
    expect(data.test.length / total).toBeGreaterThan(0.04);
  });

  it("holds real, normalised, distinct documents with no exact copy across splits", () => {
    const apt = data.train.find((r) => r.package === "apt");
    expect(apt?.summary).toBe("commandline package manager");
    const owner = new Map<string, string>();
    const problems: string[] = [];
    for (const s of SPLITS) {
      for (const r of data[s]) {
        if (r.document !== r.document.replace(/\s+/gu, " ").trim()) problems.push(`spaces ${r.id}`);
        if (owner.has(r.document)) problems.push(`${r.id} in ${s} and ${owner.get(r.document)}`);
        owner.set(r.document, s);
      }
    }
    expect(problems).toEqual([]);
  });
});

describe("readSummarizationFile", () => {
  const dir = mkdtempSync(join(tmpdir(), "gt-sum-"));
  const good = { id: "a1", package: "p", document: "A document.", summary: "sum" };

  it("round-trips records through encodeJsonlGz", () => {
    const f = join(dir, "ok.jsonl.gz");
    writeFileSync(f, encodeJsonlGz([good, { ...good, id: "a2" }]));
    expect(readSummarizationFile(f)).toEqual([good, { ...good, id: "a2" }]);
  });

  it("names the file and line of a bad record", () => {
    const f = join(dir, "bad.jsonl.gz");
    const lines = [JSON.stringify(good), JSON.stringify({ ...good, summary: 3 })];
    writeFileSync(f, gzipSync(lines.join("\n")));
    expect(() => readSummarizationFile(f)).toThrow(DataError);
    expect(() => readSummarizationFile(f)).toThrow(`${f}:2: bad field "summary"`);
    writeFileSync(f, gzipSync(`${JSON.stringify(good)}\n{"id": "x",`));
    expect(() => readSummarizationFile(f)).toThrow(`${f}:2: not valid JSON`);
    writeFileSync(f, gzipSync(JSON.stringify({ ...good, extra: 1 })));
    expect(() => readSummarizationFile(f)).toThrow(`${f}:1: bad record`);
    writeFileSync(f, "not gzip");
    expect(() => readSummarizationFile(f)).toThrow(`${f}: not a valid gzip file`);
    expect(() => readSummarizationFile(join(dir, "nope.gz"))).toThrow(
      "cannot read summarization data (ENOENT)",
    );
  });

  it("loadSummarization rejects an id used in two splits", () => {
    const d = mkdtempSync(join(tmpdir(), "gt-sum-dup-"));
    writeFileSync(join(d, splitFile("train")), encodeJsonlGz([good]));
    writeFileSync(join(d, splitFile("validation")), encodeJsonlGz([{ ...good, id: "b" }]));
    writeFileSync(join(d, splitFile("test")), encodeJsonlGz([{ ...good, document: "Other." }]));
    expect(() => loadSummarization({ dir: d })).toThrow(
      `${join(d, splitFile("test"))}:1: id a1 already used in train:1`,
    );
  });
});
