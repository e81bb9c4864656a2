import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { PROFILE_NAMES } from "../experiments/profiles.js";
import { isSummariesFile, resultFiles, transformerFiles, vibFiles, vibPartOf } from "./layout.js";

/** Every file of a profile's layout, as a flat list (functions of a scheme: bug and fix). */
function paths(profile: (typeof PROFILE_NAMES)[number]): string[] {
  const R = resultFiles(profile);
  const T = R.transformer.training;
  return [
    R.problem2.fit,
    R.problem2.fitFigure,
    R.transformer.initStats,
    R.transformer.initFigure,
    R.transformer.acceptance,
    T.train("bug"),
    T.train("fix"),
    T.figure1,
    T.compare,
    ...(["diagram", "gradients", "train", "sweep", "latent"] as const).map(R.vib.part),
    R.vib.diagramFigure,
    R.vib.sweepFigure,
    R.vib.latentFigure,
  ];
}

describe("the results layout", () => {
  it("names the files of the committed quick reproduction", () => {
    const missing = paths("quick").filter((p) => !existsSync(join("results", p)));
    expect(missing).toEqual([]);
  });

  it("puts a problem's folder wherever --out says", () => {
    expect(transformerFiles("/tmp/t").profile("quick").train("fix")).toBe(
      "/tmp/t/quick/train-fix.json",
    );
    expect(vibFiles("paper", "out").part("sweep")).toBe("out/paper/sweep.json");
  });

  it("tells a profile's decoded test split from other files", () => {
    expect(isSummariesFile(resultFiles("quick").transformer.training.summaries)).toBe(true);
    expect(isSummariesFile("transformer/summaries.json")).toBe(false);
    expect(isSummariesFile("transformer/quick/sub/summaries.json")).toBe(false);
    expect(isSummariesFile("vib/quick/summaries.json")).toBe(false);
  });

  it("reads the profile and the part back from a VIB result's path, and only from one", () => {
    expect(vibPartOf(vibFiles("standard").part("latent"))).toEqual({
      profile: "standard",
      part: "latent",
    });
    expect(vibPartOf(vibFiles("quick").part("checkpoint"))).toEqual({
      profile: "quick",
      part: "checkpoint",
    });
    expect(vibPartOf("transformer/quick/train-fix.json")).toBeNull();
    expect(vibPartOf("vib/quick/sub/latent.json")).toBeNull();
    expect(vibPartOf("vib/quick/notes.json")).toBeNull();
  });
});
