import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { transformerCompare } from "./transformer.js";

describe("transformerCompare", () => {
  it("decodes the test split once per trained model and reuses it on a rerun", async () => {
    const dir = await mkdtemp(join(tmpdir(), "transformer-cli-"));
    try {
      const opts = { schemes: ["fix" as const], steps: 2, out: join(dir, "out"), runs: dir };
      const first: string[] = [];
      const a = await transformerCompare("quick", { ...opts, log: (l) => first.push(l) });
      const again: string[] = [];
      const b = await transformerCompare("quick", { ...opts, log: (l) => again.push(l) });
      const firstRows = JSON.parse(
        await readFile(join(dir, "out", "quick", "train-fix.json"), "utf8"),
      ).train;

      expect(first.join("\n")).not.toContain("reusing the decoded test summaries");
      expect(again.join("\n")).toContain("reusing the decoded test summaries");
      expect(a.summaries?.greedy.examples).toBe(500);
      // the same decoding, timing included: nothing was decoded the second time
      expect(b.summaries).toEqual(a.summaries);
      const written = JSON.parse(
        await readFile(join(dir, "out", "quick", "summaries.json"), "utf8"),
      );
      expect(written.seconds).toEqual(a.summaries?.seconds);

      // a larger --steps continues the same run; a smaller one is refused, not answered with it
      await transformerCompare("quick", {
        ...opts,
        steps: 3,
        skipSummaries: true,
        log: () => {},
      });
      const longer = JSON.parse(
        await readFile(join(dir, "out", "quick", "train-fix.json"), "utf8"),
      );
      expect(longer.resumedFrom).toBe(2);
      expect(longer.train.slice(0, 2)).toEqual(firstRows);
      await expect(transformerCompare("quick", { ...opts, log: () => {} })).rejects.toThrow(
        /already holds step 3, past the 2 steps asked for/,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
