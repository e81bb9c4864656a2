import { describe, expect, it } from "vitest";
import {
  buildSummarization,
  defaultBuildOptions,
  familyKey,
  medianP90,
  normaliseWhitespace,
  parseTranslation,
  splitOf,
  type TranslationRecord,
} from "./debian.js";

// Three records in the exact Translation-en layout (the first two from Debian's real index).
const FIXTURE = `Package: 0ad
Description-md5: d943033bedada21853d2ae54a2578a7b
Description-en: Real-time strategy game of ancient warfare
 0 A.D. (pronounced "zero ey-dee") is a free, open-source, cross-platform
 real-time strategy (RTS) game of ancient warfare.

Package: 0xffff
Description-md5: 183c49f6505eb3432d1b069800f1f5b6
Description-en: Open Free Fiasco  Firmware Flasher
 The utility implements a free userspace handler.
 .
 Supported operations currently include:
  * generating and unpacking FIASCO images
  * editing Maemo firmware packages

Package: tiny
Description-md5: 00000000000000000000000000000000
Description-en: tiny
`;

describe("parseTranslation", () => {
  it("reads packages, synopses and paragraphs with whitespace normalised", () => {
    const recs = parseTranslation(FIXTURE);
    expect(recs.map((r) => r.package)).toEqual(["0ad", "0xffff", "tiny"]);
    expect(recs[0].md5).toBe("d943033bedada21853d2ae54a2578a7b");
    expect(recs[0].paragraphs).toEqual([
      '0 A.D. (pronounced "zero ey-dee") is a free, open-source, cross-platform real-time strategy (RTS) game of ancient warfare.',
    ]);
    expect(recs[1].synopsis).toBe("Open Free Fiasco Firmware Flasher");
    expect(recs[1].paragraphs).toEqual([
      "The utility implements a free userspace handler.",
      "Supported operations currently include: * generating and unpacking FIASCO images * editing Maemo firmware packages",
    ]);
    expect(recs[1].line).toBe(7);
    expect(recs[2].paragraphs).toEqual([]);
  });

  it("names file and line for malformed input", () => {
    expect(() => parseTranslation("Description-en: x\n", "T")).toThrow(
      'T:1: expected "Package:" to start a record',
    );
    expect(() => parseTranslation("Package: a\nDescription-md5: 1\nBogus: 2\n", "T")).toThrow(
      "T:3: unexpected line in record of a",
    );
    expect(() => parseTranslation("Package: a\nDescription-md5: 1\n", "T")).toThrow(
      "T:1: record of a has no Description-en field",
    );
  });

  it("normalises whitespace runs, tabs and newlines", () => {
    expect(normaliseWhitespace("  a \t b\n\nc  ")).toBe("a b c");
  });
});

const rec = (pkg: string, synopsis: string, ...paragraphs: string[]): TranslationRecord => ({
  package: pkg,
  md5: `md5-${pkg}`,
  synopsis,
  paragraphs,
  line: 1,
});

describe("buildSummarization", () => {
  const lead = "Foo is a library for parsing frobnicated widgets quickly.";
  const records = [
    rec("foo", "widget parser", lead, "This package contains the runtime library."),
    rec("foo-dev", "widget parser (development files)", lead, "This package contains headers."),
    rec("foo-bin", "widget parser (tools)", lead, "This package contains the runtime library."), // duplicate doc
    rec("bar", "bar", "bar"), // trivial
    rec("baz", "", "Baz has a long enough description here to keep."), // no synopsis
    rec("qux", "a tool", "Qux mentions <eos> in its text, which is reserved."),
    ...Array.from({ length: 7 }, (_, i) =>
      rec(`lib${i}`, `part ${i}`, "LibX is a suite of parts.", `Part number ${i} is here.`),
    ),
  ];

  it("drops trivial and duplicate documents, caps families, splits by family", () => {
    const { splits, counts } = buildSummarization(records, {
      ...defaultBuildOptions,
      maxPerFamily: 5,
    });
    expect(counts).toMatchObject({
      records: 13,
      droppedTrivial: 3,
      droppedDuplicate: 1,
      droppedFamilyCap: 2,
      families: 2,
      kept: 7,
    });
    expect(counts.largestFamilies[0]).toEqual({ key: "libx is a suite of parts", documents: 7 });
    const all = [...splits.train, ...splits.validation, ...splits.test];
    expect(all.map((r) => r.package).sort()).toEqual(
      ["foo", "foo-dev", "lib0", "lib1", "lib2", "lib3", "lib4"].sort(),
    );
    const foo = all.find((r) => r.package === "foo")!;
    expect(foo).toEqual({
      id: "md5-foo",
      package: "foo",
      document: `${lead} This package contains the runtime library.`,
      summary: "widget parser",
    });
    // Both members of a family land in the same split.
    const where = (p: string) =>
      (["train", "validation", "test"] as const).find((s) =>
        splits[s].some((r) => r.package === p),
      );
    expect(where("foo-dev")).toBe(where("foo"));
    expect(new Set(["lib0", "lib1", "lib2", "lib3", "lib4"].map(where)).size).toBe(1);
  });

  it("family keys ignore case and punctuation; splits follow the hash in 90/5/5 proportions", () => {
    expect(familyKey(rec("a", "s", "Hello, World!  Again."))).toBe("hello world again");
    expect(splitOf("hello world again")).toBe(splitOf("hello world again"));
    const n = 20_000;
    const c = { train: 0, validation: 0, test: 0 };
    for (let i = 0; i < n; i++) c[splitOf(`family ${i}`)]++;
    // Binomial sd for 5 % of 20 000 is ~31; allow 5 sd.
    expect(Math.abs(c.validation - 1000)).toBeLessThan(160);
    expect(Math.abs(c.test - 1000)).toBeLessThan(160);
  });

  it("medianP90 uses nearest rank", () => {
    expect(medianP90([5, 1, 3, 2, 4, 6, 7, 8, 9, 10])).toEqual({ median: 5, p90: 9, max: 10 });
    expect(medianP90([])).toEqual({ median: 0, p90: 0, max: 0 });
  });
});
