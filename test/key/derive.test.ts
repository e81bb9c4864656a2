/**
 * The key's derivation on SMALL synthetic result objects built here (clearly test data, not
 * measurements): answers must follow the numbers, including when they contradict the textbook.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { grade } from "../../src/grader/grade.js";
import { defaultTools } from "../../src/grader/tools.js";
import {
  classifySweep,
  deriveKey,
  deriveProblem1,
  deriveProblem3c,
  deriveProblem3di,
  deriveProblem3dii,
} from "../../src/key/derive.js";
import { parseAnswerKey } from "../../src/key/types.js";
import { synthetic } from "./synthetic.js";

const sqrt = Math.sqrt;

describe("deriveKey", () => {
  it("derives a schema-valid key whose answers follow the synthetic evidence", () => {
    const key = deriveKey(synthetic());
    expect(parseAnswerKey(JSON.parse(JSON.stringify(key)))).toEqual(key);
    const by = Object.fromEntries(key.parts.map((p) => [p.id, p]));
    expect(Object.keys(by)).toEqual(["1", "2a", "2b", "3a", "3b", "3c", "3d-i", "3d-ii"]);
    expect(by["2b"].answer).toEqual({
      type: "assignment",
      assignment: { A: "forward", B: "reverse" },
    });
    expect(by["3b"].answer).toEqual({
      type: "checkbox-grid",
      cells: { task: { θe: true, θd: true }, regularizer: { θe: true, θd: false } },
    });
    expect(by["3c"]).toMatchObject({ answer: { option: "b" }, status: "supported" });
    expect(by["3d-i"].answer).toEqual({
      type: "assignment",
      assignment: { a: "1e-3", b: "1e-6", c: "1e0" },
    });
    expect(by["3d-ii"]).toMatchObject({ answer: { option: "1e-3" }, status: "supported" });
    for (const p of key.parts) {
      expect(p.status, p.id).toBe("supported");
      expect(p.explanation.length, p.id).toBeGreaterThan(100);
      expect(p.evidence.length, p.id).toBeGreaterThan(0);
    }
  });

  it("Problem 1: the accepted logit range comes from the measured stds at the problem's d_model", () => {
    const r = synthetic().transformer;
    const p = deriveProblem1(r);
    const bug = 1.02 * sqrt(512);
    expect(p.answer).toMatchObject({
      type: "code-fix",
      criterion: { kind: "logit-scale", dModel: 512, vocabSize: 32000 },
    });
    const crit = (p.answer as { criterion: { maxLogitStd: number } }).criterion;
    expect(crit.maxLogitStd).toBeCloseTo(sqrt(bug * 1.05), 10);
    expect(p.explanation).toContain(`${(1.02 * sqrt(512)).toPrecision(4)} under the bug`); // the measured std, in the text
    expect(p.explanation).toMatch(/√d_model = 22\.6/);
    expect(p.status).toBe("supported");
    // If the bug trains as well as the fix, the key says the evidence contradicts the story.
    r.training!.runs[0].final = { trainLoss: 5.0, valLoss: 5.3 };
    const q = deriveProblem1(r);
    expect(q.status).toBe("contradicted-by-evidence");
    expect(q.explanation).toMatch(
      /contradict.*validation loss \(5\.3\) is not above the fix's \(5\.4\)/s,
    );
  });

  it("3(c): a monotone β sweep is reported as such — the option matching the measured shape, status contradicted", () => {
    const sweep = {
      source: "test:sweep-monotone",
      points: [1e-8, 1e-6, 1e-4, 1e-2, 1].map((beta, i) => ({
        beta,
        validationError: 0.02 + 0.05 * i,
        testError: 0.02 + 0.05 * i,
      })),
    };
    expect(classifySweep(sweep.points).shape).toBe("increasing");
    const p = deriveProblem3c(sweep);
    expect(p.answer).toEqual({ type: "single-choice", option: "a" });
    expect(p.status).toBe("contradicted-by-evidence");
    expect(p.explanation).toMatch(/contradicts the expected u-shaped curve \(option \(b\)\)/);
    // Falling sweep → option (c), inverted U → option (d): read from the options' described shapes.
    const falling = sweep.points.map((x, i) => ({ ...x, validationError: 0.3 - 0.05 * i }));
    expect(deriveProblem3c({ ...sweep, points: falling }).answer).toMatchObject({ option: "c" });
    // Flat at small β then shooting up, lowest at the smallest β: closest to (b), but the dip is not there.
    const flatRise = sweep.points.map((x, i) => ({
      ...x,
      validationError: [0.063, 0.0635, 0.065, 0.16, 0.83][i],
    }));
    expect(classifySweep(flatRise).shape).toBe("flat-then-rising");
    const fr = deriveProblem3c({ ...sweep, points: flatRise });
    expect(fr).toMatchObject({ answer: { option: "b" }, status: "contradicted-by-evidence" });
    expect(fr.explanation).toMatch(/no dip at a moderate β is resolved/);
    const hump = sweep.points.map((x, i) => ({
      ...x,
      validationError: [0.02, 0.1, 0.3, 0.1, 0.03][i],
    }));
    expect(deriveProblem3c({ ...sweep, points: hump }).answer).toMatchObject({ option: "d" });
  });

  it("3(d): panels follow the measured axis scales; the best β is the measured one even against the textbook", () => {
    const l = synthetic().vib.latent;
    // Swap which run is best: β = 1e-6 now has the lowest validation error.
    l.runs[0].stats.validationError = 0.005;
    const di = deriveProblem3di(l);
    const assignment = (di.answer as { assignment: Record<string, string> }).assignment;
    expect(assignment).toEqual({ a: "1e-3", b: "1e-6", c: "1e0" });
    const dii = deriveProblem3dii(l, assignment);
    expect(dii).toMatchObject({ answer: { option: "1e-6" }, status: "contradicted-by-evidence" });
    // Errors within TIE_ERROR of each other are a tie: the better-separated latent (Fisher ratio) wins.
    l.runs[0].stats.validationError = 0.011;
    const tied = deriveProblem3dii(l, assignment);
    expect(tied.answer).toMatchObject({ option: "1e-3" });
    expect(tied.explanation).toMatch(/within 0\.20 % of each other.*Fisher ratio 6 vs 2\) decides/);
    // Scales that do not shrink with β: assignment still by closeness, status contradicted.
    l.runs[1].stats.halfWidth = 7;
    const bad = deriveProblem3di(l);
    expect(bad.status).toBe("contradicted-by-evidence");
    expect((bad.answer as { assignment: Record<string, string> }).assignment.b).toBe("1e-3");
  });

  it("concepts decide the verdict only where the question asks why (or is itself an explanation)", () => {
    const key = deriveKey(synthetic());
    const required = (id: string) =>
      key.parts.find((p) => p.id === id)!.concepts.filter((c) => c.required).length;
    expect(required("1")).toBeGreaterThan(0); // "explain why the fix works"
    expect(required("2b")).toBeGreaterThan(0); // "say which plot is which, and why"
    expect(required("3a")).toBeGreaterThan(0); // the diagram is the explanation
    for (const bare of ["3b", "3c", "3d-i", "3d-ii"]) expect(required(bare), bare).toBe(0);
  });

  it("the derived key grades the correct fixture transcript as correct and a wrong one as incorrect", async () => {
    const key = deriveKey(synthetic());
    const fixture = (n: string) =>
      readFileSync(new URL(`../fixtures/transcripts/${n}`, import.meta.url), "utf8");
    const tools = await defaultTools(); // the real KL toolkit and the real init measurement
    const r = await grade(fixture("correct-claude.md"), key, tools);
    expect(r.parts.map((p) => p.id)).toEqual(key.parts.map((p) => p.id));
    for (const p of r.parts) expect(`${p.id}: ${p.verdict}`, p.evidence).toBe(`${p.id}: correct`);
    const w = await grade(fixture("wrong-plain.txt"), key, tools);
    expect(w.parts.find((p) => p.id === "1")?.verdict).toBe("incorrect");
    expect(w.parts.find((p) => p.id === "3c")?.verdict).toBe("incorrect");
  }, 120_000);
});
