import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runTransformerCompare } from "./transformer.js";

describe("groundtruth transformer compare", () => {
  it("decodes the test split once per trained model and reuses it on a rerun", async () => {
    const dir = await mkdtemp(join(tmpdir(), "transformer-cli-"));
    try {
      const opts = { schemes: ["fix" as const], steps: 2, out: join(dir, "out"), runsRoot: dir };
      const first: string[] = [];
      const a = await runTransformerCompare("quick", { ...opts, log: (l) => first.push(l) });
      const again: string[] = [];
      const b = await runTransformerCompare("quick", { ...opts, log: (l) => again.push(l) });

      expect(first.join("\n")).not.toContain("reusing the decoded test summaries");
      expect(again.join("\n")).toContain("reusing the decoded test summaries");
      expect(a.summaries?.greedy.examples).toBe(500);
      // the same decoding, timing included: nothing was decoded the second time
      expect(b.summaries).toEqual(a.summaries);
      const written = JSON.parse(
        await readFile(join(dir, "out", "quick", "summaries.json"), "utf8"),
      );
      expect(written.seconds).toEqual(a.summaries?.seconds);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
