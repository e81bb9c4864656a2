import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { renderSvg } from "../../charts/index.js";
import { getTransformerProfile } from "../../experiments/transformer/profiles.js";
import type { TrainRunResult } from "../../experiments/transformer/train.js";
import { homework } from "../../problems/index.js";
import { configHash } from "../../store/index.js";
import { figure1, figure1References, runKey, runTransformerCompare } from "./transformer.js";

describe("Figure 1", () => {
  const course = getTransformerProfile("course");
  const read = async (profile: string, scheme: string) =>
    JSON.parse(
      await readFile(`results/transformer/${profile}/train-${scheme}.json`, "utf8"),
    ) as TrainRunResult;

  it("draws the problem's quoted final losses as labelled lines on the course profile's figure", async () => {
    const quotes = homework.parts.find((p) => p.figures.includes("transformer-figure1-loss"))
      ?.quotes as Record<string, number>;
    const refs = figure1References(course);
    expect(refs.map((r) => r.value)).toEqual([quotes.stalledLoss, quotes.correctLoss]);
    expect(refs.map((r) => r.label)).toEqual([
      `the problem's bug ends near ${quotes.stalledLoss}`,
      `the problem's fix ends near ${quotes.correctLoss}`,
    ]);
    // from the course run's own result files, as `compare` writes them
    const fig = figure1(course, [await read("course", "bug"), await read("course", "fix")]);
    const layers = (fig.spec as { layer: { mark: { type: string } }[] }).layer;
    expect(layers.map((l) => l.mark.type)).toEqual(["line", "rule", "text"]);
    const svg = await renderSvg(fig.spec);
    for (const r of refs) expect(svg).toContain(r.label);
  });

  it("draws no reference lines for models other than the problem's", async () => {
    for (const name of ["quick", "standard", "summarizer", "summarizer-copy"])
      expect(figure1References(getTransformerProfile(name))).toEqual([]);
    const fig = figure1(getTransformerProfile("quick"), [await read("quick", "fix")]);
    expect((fig.spec as { mark?: unknown }).mark).toBeDefined();
    expect((fig.spec as { layer?: unknown }).layer).toBeUndefined();
  });

  it("keeps the course runs' directories: their run keys hash as when they were trained", () => {
    // editing a profile's record moves its runs to a new directory (and trains from scratch)
    expect(configHash(runKey(course, "bug", 8000))).toBe("903cebb802f1");
    expect(configHash(runKey(course, "fix", 8000))).toBe("b00de2d3851a");
  });
});

describe("groundtruth transformer compare", () => {
  it("decodes the test split once per trained model and reuses it on a rerun", async () => {
    const dir = await mkdtemp(join(tmpdir(), "transformer-cli-"));
    try {
      const opts = { schemes: ["fix" as const], steps: 2, out: join(dir, "out"), runsRoot: dir };
      const first: string[] = [];
      const a = await runTransformerCompare("quick", { ...opts, log: (l) => first.push(l) });
      const again: string[] = [];
      const b = await runTransformerCompare("quick", { ...opts, log: (l) => again.push(l) });
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
      await runTransformerCompare("quick", {
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
      await expect(runTransformerCompare("quick", { ...opts, log: () => {} })).rejects.toThrow(
        /already holds step 3, past the 2 steps asked for/,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
