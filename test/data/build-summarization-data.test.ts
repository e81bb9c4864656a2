// End to end: the rebuild script on a small Translation-en made from committed records.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadSummarization, loadTokenizer } from "../../src/data/index.js";

/** Writes records back in Translation-en layout, wrapping the document at ~70 columns. */
function toTranslationEn(
  records: Array<{ id: string; package: string; document: string; summary: string }>,
) {
  return records
    .map((r) => {
      const lines: string[] = [];
      let line = "";
      for (const w of r.document.split(" ")) {
        if (line && line.length + w.length > 70) {
          lines.push(` ${line}`);
          line = w;
        } else line = line ? `${line} ${w}` : w;
      }
      lines.push(` ${line}`);
      return [
        `Package: ${r.package}`,
        `Description-md5: ${r.id}`,
        `Description-en: ${r.summary}`,
        ...lines,
      ].join("\n");
    })
    .join("\n\n");
}

describe("scripts/build-summarization-data.ts", () => {
  it("rebuilds splits, tokenizer, stats and data card from a Translation-en file", () => {
    const dir = mkdtempSync(join(tmpdir(), "gt-build-"));
    const source = loadSummarization().train.slice(0, 400);
    // Plus one exact duplicate document and one trivial record, which must be dropped.
    const extra = [
      { ...source[0], id: "dup", package: "zz-duplicate" },
      { id: "triv", package: "zz-trivial", document: "too short", summary: "s" },
    ];
    const input = join(dir, "Translation-en");
    writeFileSync(input, `${toTranslationEn([...source, ...extra])}\n`);
    const out = join(dir, "out");
    execFileSync(
      process.execPath,
      [
        "--import",
        "tsx",
        "scripts/build-summarization-data.ts",
        "--input",
        input,
        "--out",
        out,
        "--vocab-size",
        "420",
      ],
      { stdio: "pipe", cwd: fileURLToPath(new URL("../..", import.meta.url)) },
    );
    const data = loadSummarization({ dir: out });
    const all = [...data.train, ...data.validation, ...data.test];
    const stats = JSON.parse(readFileSync(join(out, "stats.json"), "utf8"));
    expect(stats.counts).toMatchObject({ records: 402, droppedTrivial: 1, droppedDuplicate: 1 });
    expect(all.length).toBe(stats.counts.kept);
    expect(all.length).toBe(400 - stats.counts.droppedFamilyCap);
    // Records survive the round trip through the Debian layout unchanged.
    const byId = new Map(source.map((r) => [r.id, r]));
    for (const r of all) expect(r).toEqual(byId.get(r.id));
    const tok = loadTokenizer({ path: join(out, "tokenizer.json") });
    expect(tok.vocabSize).toBe(420);
    expect(stats.source.releaseDate).toBeNull();
    const card = readFileSync(join(out, "README.md"), "utf8");
    expect(card).toContain(`| train | ${data.train.length} |`);
    expect(card).toContain("Vocabulary 420");
  });
});
