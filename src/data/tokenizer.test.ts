import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as hf from "tokenizers";
import { beforeAll, describe, expect, it } from "vitest";
import { loadSummarization, type Summarization } from "./summarization.js";
import { defaultTokenizerPath, loadTokenizer, type TextTokenizer } from "./tokenizer.js";
import { trainTokenizer } from "./tokenizer-train.js";

describe("committed tokenizer", () => {
  let tok: TextTokenizer;
  let data: Summarization;
  beforeAll(() => {
    tok = loadTokenizer();
    data = loadSummarization();
  });

  it("has 8000 tokens with <pad>=0, <bos>=1, <eos>=2, <unk>=3", () => {
    expect(tok.vocabSize).toBe(8000);
    expect([tok.padId, tok.bosId, tok.eosId, tok.unkId]).toEqual([0, 1, 2, 3]);
    expect(["<pad>", "<bos>", "<eos>", "<unk>"].map((_, i) => tok.idToToken(i))).toEqual([
      "<pad>",
      "<bos>",
      "<eos>",
      "<unk>",
    ]);
    expect(tok.idToToken(4 + 0x0a)).toBe("<0x0A>");
  });

  it("round-trips real held-out descriptions and synopses exactly", () => {
    const texts = [...data.validation, ...data.test].flatMap((r) => [r.document, r.summary]);
    const failures = texts.filter((t) => tok.decode(tok.encode(t)) !== t);
    expect(failures).toEqual([]);
    // Compression: a held-out document is ~1.4 tokens per word, far below characters.
    const words = data.validation.reduce((n, r) => n + r.document.split(" ").length, 0);
    const tokens = data.validation.reduce((n, r) => n + tok.encode(r.document).length, 0);
    expect(tokens / words).toBeGreaterThan(1);
    expect(tokens / words).toBeLessThan(2);
  });

  it("encodes unseen characters as bytes and never emits special ids", () => {
    const text = "Zürich 東京 naïve ☃ tab\there";
    const ids = tok.encode(text);
    expect(ids.some((id) => id >= 4 && id < 260)).toBe(true);
    expect(ids.every((id) => id > 3 && id < tok.vocabSize)).toBe(true);
    expect(tok.decode(ids)).toBe(text);
    // Special ids are skipped when decoding.
    expect(tok.decode([tok.bosId, ...tok.encode("a package"), tok.eosId, tok.padId])).toBe(
      "a package",
    );
    expect(tok.encode("")).toEqual([]);
  });

  it("gives the same ids and text as the Rust tokenizers library", async () => {
    const rust = hf.Tokenizer.fromFile(defaultTokenizerPath());
    const texts = data.test
      .slice(0, 300)
      .flatMap((r) => [r.document, r.summary])
      .concat(["Zürich 東京 ☃", "a  double  space"]);
    for (const t of texts) {
      const enc = await rust.encode(t);
      const ids = tok.encode(t);
      expect(ids).toEqual(enc.getIds());
      expect(tok.decode(ids)).toBe(await rust.decode(ids, true));
    }
  });
});

describe("trainTokenizer", () => {
  it("trains a small vocabulary of the requested size that round-trips", () => {
    const dir = mkdtempSync(join(tmpdir(), "gt-tok-"));
    const texts = loadSummarization()
      .train.slice(0, 300)
      .flatMap((r) => [r.document, r.summary]);
    const path = join(dir, "tokenizer.json");
    const info = trainTokenizer(texts, path, { vocabSize: 500, minCharCount: 3, workDir: dir });
    expect(info.vocabSize).toBe(500);
    expect(4 + 256 + info.characters + info.merges).toBe(500);
    const tok = loadTokenizer({ path });
    expect(tok.vocabSize).toBe(500);
    expect(tok.padId).toBe(0);
    for (const t of texts.slice(0, 50)) expect(tok.decode(tok.encode(t))).toBe(t);
    // Merges shorten text: fewer tokens than characters.
    const chars = texts[0].length;
    expect(tok.encode(texts[0]).length).toBeLessThan(0.7 * chars);
  });
});
