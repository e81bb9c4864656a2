import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { renderSvg } from "../../charts/index.js";
import { homework } from "../../problems/index.js";
import { FIGURES, transformerRunKey } from "../../results/layout.js";
import { configHash } from "../../store/index.js";
import { figure1, figure1References } from "./figures.js";
import { getTransformerProfile } from "./profiles.js";
import type { TrainRunResult } from "./train.js";

describe("Figure 1", () => {
  const course = getTransformerProfile("course");
  const read = async (profile: string, scheme: string) =>
    JSON.parse(
      await readFile(`results/transformer/${profile}/train-${scheme}.json`, "utf8"),
    ) as TrainRunResult;

  it("draws the problem's quoted final losses as labelled lines on the course profile's figure", async () => {
    const quotes = homework.parts.find((p) => p.figures.includes(FIGURES.figure1))
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
    expect(configHash(transformerRunKey(course, "bug", 8000))).toBe("903cebb802f1");
    expect(configHash(transformerRunKey(course, "fix", 8000))).toBe("b00de2d3851a");
  });
});
