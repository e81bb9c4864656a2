import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkDataSets } from "./check.js";
import { MNIST_FILES } from "./mnist.js";

describe("checkDataSets", () => {
  it("finds the real data sets present and valid, with their counts", () => {
    const [mnist, summ, tok] = checkDataSets();
    expect(mnist).toMatchObject({
      name: "mnist",
      ok: true,
      counts: { train: 60_000, test: 10_000 },
    });
    expect(summ.ok).toBe(true);
    expect(summ.counts.train + summ.counts.validation + summ.counts.test).toBeGreaterThan(50_000);
    expect(tok).toMatchObject({ ok: true, counts: { vocabSize: 8000, padId: 0 } });
  });

  it("reports a truncated MNIST file and missing data by name instead of throwing", () => {
    const dir = mkdtempSync(join(tmpdir(), "gt-check-"));
    for (const f of Object.values(MNIST_FILES))
      writeFileSync(join(dir, f), Uint8Array.from([0, 0, 8, 3, 0]));
    const [mnist, summ, tok] = checkDataSets({
      mnistDir: dir,
      summarizationDir: dir,
      tokenizerPath: join(dir, "tokenizer.json"),
    });
    expect(mnist.ok).toBe(false);
    expect(mnist.detail).toContain(`${join(dir, MNIST_FILES.trainImages)}: truncated IDX header`);
    expect(summ.ok).toBe(false);
    expect(summ.detail).toContain("train.jsonl.gz: cannot read summarization data (ENOENT)");
    expect(tok.ok).toBe(false);
    expect(tok.detail).toContain("tokenizer.json: cannot read tokenizer (ENOENT)");
  });
});
