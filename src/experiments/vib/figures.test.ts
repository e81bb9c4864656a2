import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { FIGURE_FILES, vibFiles } from "../../results/layout.js";
import { latentFigure, sweepFigure } from "./figures.js";

/** A committed result of the quick profile, and the spec file its figure was written to. */
const files = vibFiles("quick", "results/vib");
const read = (path: string) => readFileSync(path, "utf8");
const specFile = (svg: string) => svg.replace(FIGURE_FILES.svg, FIGURE_FILES.spec);

describe("VIB figures", () => {
  // the titles' words come from the problem set and the results: a figure re-drawn from its
  // committed result is the committed spec, byte for byte (as writeFigure writes it)
  it("re-draws Figures 3 and 4 of the quick profile from their results as committed", () => {
    const sweep = sweepFigure(JSON.parse(read(files.part("sweep"))), "quick");
    const latent = latentFigure(JSON.parse(read(files.part("latent"))), "quick");
    expect(`${JSON.stringify(sweep.spec, null, 1)}\n`).toBe(read(specFile(files.sweepFigure)));
    expect(`${JSON.stringify(latent.spec, null, 1)}\n`).toBe(read(specFile(files.latentFigure)));
    const title = (s: unknown) => (s as { title: { text: string } }).title.text;
    expect(title(sweep.spec)).toMatch(/: 3\(c\) supported$/);
    expect(title(latent.spec)).toBe(
      "VIB latent means of held-out digits 0, 1, 2 (K = 2, profile quick): 3(d)(ii) supported",
    );
  });
});
