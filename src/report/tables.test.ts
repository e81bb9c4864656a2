import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { pointsInterval } from "../format/index.js";
import { homework } from "../problems/index.js";
import { esc } from "./html.js";
import { loadResults } from "./results.js";
import { buildSite } from "./site.js";
import { TABLES } from "./tables.js";

const rouge = TABLES.find((t) => t.name === "transformer-rouge")!;
const read = (profile: string) =>
  JSON.parse(readFileSync(`results/transformer/${profile}/summaries.json`, "utf8"));

describe("result tables", () => {
  it("every table the problem set names is one the site can build", () => {
    const names = TABLES.map((t) => t.name);
    for (const part of homework.parts) for (const t of part.tables) expect(names).toContain(t);
  });

  it("sets the summarizers' ROUGE with intervals beside every baseline's, on the same test pairs", () => {
    const html = rouge.html(loadResults({ resultsDir: "results" })) ?? "";
    const copy = read("summarizer-copy");
    const plain = read("summarizer");
    // one table per set of test pairs, the largest first
    expect([...html.matchAll(/<caption>([^<]*)<\/caption>/g)].map((m) => m[1])).toEqual([
      "The first 2,000 test pairs",
      "The first 500 test pairs",
      "The first 200 test pairs",
      "The first 50 test pairs",
    ]);
    const [t2000, t500] = html.split("<caption>").slice(1);
    for (const b of copy.baselines) {
      expect(t2000).toContain(`${b.name}<br>`);
      expect(t2000).toContain(pointsInterval(b.test.rouge1));
    }
    for (const b of plain.baselines) expect(t500).toContain(pointsInterval(b.beamSubset.rougeL));
    expect(t2000).toContain(pointsInterval(copy.greedy.rouge1));
    expect(t2000).toContain(pointsInterval(plain.greedy.rouge2));
    // each beam run sits in the table of the pairs it decoded
    const copyBeam = copy.beam.examples === 2000 ? t2000 : t500;
    expect(copyBeam).toContain(
      `summarizer-copy, beam 4, length reward β = ${copy.lengthReward.chosen}`,
    );
    expect(copyBeam).toContain(pointsInterval(copy.beam.rouge1));
    expect(t500).toContain(pointsInterval(plain.beam.rouge1));
    // the best baseline per metric in bold, and each model's paired difference from it
    const best = copy.versusBestBaseline.beam.rouge1.baseline;
    const bestTest = copy.baselines.find((b: { name: string }) => b.name === best);
    expect(t2000).toContain(`<strong>${pointsInterval(bestTest.test.rouge1)}</strong>`);
    expect(copyBeam).toContain(
      `ROUGE-1 ${pointsInterval(copy.versusBestBaseline.beam.rouge1.modelMinusBaseline, { signed: true })} (vs ${best})`,
    );
    // the verdict follows the intervals: apart where the model's lower end clears the baseline's
    const apart = (["rouge1", "rouge2", "rougeL"] as const)
      .filter((m) => copy.versusBestBaseline.beam[m].beatsWithoutOverlap)
      .map((m) => ({ rouge1: "ROUGE-1", rouge2: "ROUGE-2", rougeL: "ROUGE-L" })[m]);
    expect(copyBeam).toContain(
      apart.length
        ? `Above it with intervals apart on ${apart.join(", ")}.`
        : "Not above it with intervals apart on any metric.",
    );
    expect(t500).toContain("Not above it with intervals apart on any metric.");
  });

  it("shows each summarizer's test pairs beside their references, saying how they were chosen", () => {
    const examples = TABLES.find((t) => t.name === "transformer-examples")!;
    const html = examples.html(loadResults({ resultsDir: "results" })) ?? "";
    const copy = read("summarizer-copy");
    expect(copy.examplesChosen.how).toBe("random");
    expect(html).toContain(
      `summarizer-copy: ${copy.examples.length} test pairs, chosen at random (seed ${copy.examplesChosen.seed}), not picked`,
    );
    for (const e of copy.examples) {
      expect(html).toContain(`<td>${esc(e.reference)}</td><td>${esc(e.greedy)}</td>`);
      expect(html).toContain(esc(e.beam));
    }
    // a file without the random draw says its pairs are the first ones
    expect(html).toMatch(/quick: \d+ test pairs, the first pairs of the test split/);
    expect(
      examples.html(loadResults({ resultsDir: mkdtempSync(join(tmpdir(), "gt-ex-")) })),
    ).toBeNull();
  });

  it("is on Problem 1's page, or says it has not been run", async () => {
    const out = mkdtempSync(join(tmpdir(), "gt-tables-"));
    const empty = mkdtempSync(join(tmpdir(), "gt-tables-"));
    try {
      await buildSite({ resultsDir: empty, outDir: out });
      const p1 = readFileSync(join(out, "problem-1.html"), "utf8");
      expect(p1).toContain('id="table-transformer-rouge"');
      expect(p1).toContain('id="table-transformer-examples"');
      expect(p1).toContain("Not yet run:");
      expect(readFileSync(join(out, "problem-2.html"), "utf8")).not.toContain("table-");
    } finally {
      rmSync(out, { recursive: true, force: true });
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
