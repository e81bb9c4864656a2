/**
 * The key's derivation on SMALL synthetic result objects built here (clearly test data, not
 * measurements): answers must follow the numbers, including when they contradict the textbook.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { grade } from "../../src/grader/grade.js";
import { defaultTools } from "../../src/grader/tools.js";
import {
  deriveKey,
  deriveProblem1,
  deriveProblem3c,
  deriveProblem3di,
  deriveProblem3dii,
} from "../../src/key/derive.js";
import { parseAnswerKey } from "../../src/key/types.js";
import { homework, parseProblemSet } from "../../src/problems/index.js";
import { FIGURES } from "../../src/results/layout.js";
import { latentDecision, sweepResults, synthetic } from "./synthetic.js";

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

  it("reads parts, ids, labels, concepts, quoted numbers and figure names from the problem set, not from code", () => {
    // Renumber every part and restate a concept, Figure 1's numbers, the figures' names and 3(d)'s
    // sub-parts: the key follows the data.
    const raw = structuredClone(homework) as unknown as {
      parts: Array<
        Record<string, unknown> & { id: string; sub: string; concepts: Array<{ id: string }> }
      >;
      figureLabels: Record<string, string>;
    };
    for (const p of raw.parts) p.id = `q${p.id}`;
    const via = raw.parts.find((p) => p.optionsVia);
    if (via) via.optionsVia = `q${via.optionsVia}`;
    raw.parts[0].quotes = { stalledLoss: 9.9, correctLoss: 1.1 };
    raw.parts[0].concepts = [{ ...raw.parts[0].concepts[0], id: "shared-head" }];
    for (const p of raw.parts) if (p.sub) p.sub = p.sub === "i" ? "1" : "2";
    raw.figureLabels[FIGURES.figure1] = "Abb. 1";
    raw.figureLabels[FIGURES.latent] = "Abb. 4";
    const results = synthetic();
    results.transformer.training!.figure = "transformer/test/figure1.svg";
    results.vib.latent.figure = "vib/test/latent.svg";
    const key = deriveKey(results, { set: parseProblemSet(raw) });
    expect(key.parts.map((p) => p.id)).toEqual(homework.parts.map((p) => `q${p.id}`));
    expect(key.parts[0].concepts.map((c) => c.id)).toEqual(["shared-head"]);
    expect(key.parts[0].explanation).toContain("Abb. 1's 9.9 against 1.1");
    expect(key.parts[0].evidence.map((e) => e.label)).toContain(
      "training loss, bug vs fix (Abb. 1)",
    );
    const latent = key.parts.filter((p) => p.id.startsWith("q3d"));
    expect(latent[0]!.evidence.map((e) => e.label)).toContain("latent means per β (Abb. 4)");
    expect(latent[1]!.explanation).toContain(" Abb. 4 (under 3(d) 1) states this decision");
    raw.parts[1].derivation = "no-such-derivation";
    expect(() => deriveKey(synthetic(), { set: parseProblemSet(raw) })).toThrow(
      /part q2a: no derivation named no-such-derivation/,
    );
  });

  it("Problem 1: the accepted logit range is the band the short runs accepted, carried to the problem's d_model", () => {
    const r = synthetic().transformer;
    const p = deriveProblem1(r);
    expect(p.answer).toMatchObject({
      type: "code-fix",
      criterion: { kind: "logit-scale", dModel: 512, vocabSize: 32000 },
    });
    const crit = (p.answer as { criterion: { minLogitStd: number; maxLogitStd: number } })
      .criterion;
    // band [0.3, 3] in units of the fix's logit std at d_model 512 (1.05)
    expect(crit.minLogitStd).toBeCloseTo(0.3 * 1.05, 10);
    expect(crit.maxLogitStd).toBeCloseTo(3 * 1.05, 10);
    expect(p.explanation).toMatch(/scale 0: 9 → 8\.6 \(rejected\)/);
    expect(p.explanation).toMatch(/lies in \[0\.315, 3\.15\]/);
    expect(p.explanation).toContain(`${(1.02 * sqrt(512)).toPrecision(4)} under the bug`); // the measured std, in the text
    expect(p.explanation).toMatch(/√d_model = 22\.6/);
    expect(p.status).toBe("supported");
    // Per-example validation losses: the gap gets a paired interval and decides the check.
    const tokens = Array.from({ length: 200 }, (_, i) => 5 + (i % 7));
    const ex = (perToken: (i: number) => number) => ({
      lossSum: tokens.map((t, i) => t * perToken(i)),
      tokens,
    });
    r.training!.runs[0].finalValidationExamples = ex((i) => 7 + (i % 5) * 0.1);
    r.training!.runs[1].finalValidationExamples = ex((i) => 5 + (i % 3) * 0.1);
    const withGap = deriveProblem1(r);
    expect(withGap.explanation).toMatch(
      /bug's loss is higher by 2\.\d+ nats per token \(paired bootstrap over the examples, 95 % interval \[2\.\d+, 2\.\d+\]\)/,
    );
    expect(withGap.status).toBe("supported");
    r.training!.runs[0].finalValidationExamples = ex(
      (i) => 5 + (i % 3) * 0.1 + (i % 2 ? 0.3 : -0.3),
    );
    expect(deriveProblem1(r).status).toBe("contradicted-by-evidence");
    delete r.training!.runs[0].finalValidationExamples;
    // If the bug trains as well as the fix, the key says the evidence contradicts the story.
    r.training!.runs[0].final = { trainLoss: 5.0, valLoss: 5.3 };
    const q = deriveProblem1(r);
    expect(q.status).toBe("contradicted-by-evidence");
    expect(q.explanation).toMatch(
      /contradict.*validation loss \(5\.3\) is not above the fix's \(5\.4\)/s,
    );
  });

  it("3(c): the answer and status follow the designed comparison's decision", () => {
    const ok = deriveProblem3c(sweepResults("supported", [0.093, 0.088, 0.085, 0.104, 0.68]));
    expect(ok).toMatchObject({ answer: { option: "b" }, status: "supported" });
    expect(ok.explanation).toMatch(/2 seeds paired across β/);
    expect(ok.explanation).toMatch(
      /training error at most 0\.00 % while its validation error is 9\.30 %/,
    );
    expect(ok.explanation).toMatch(/β = 1e-6 minus β = 1e-2: 0\.80 \[0\.50, 1\.10\] points/);
    // Not resolved: (b) stays the closest description, the status says so.
    const flat = deriveProblem3c(sweepResults("unresolved", [0.093, 0.093, 0.092, 0.1, 0.68]));
    expect(flat).toMatchObject({ answer: { option: "b" }, status: "unresolved" });
    expect(flat.explanation).toMatch(/No dip at a moderate β is resolved/);
    // Every moderate β worse than the tiny β: a steady rise, option (a), contradicted.
    const rise = deriveProblem3c(sweepResults("contradicted", [0.02, 0.07, 0.12, 0.17, 0.6]));
    expect(rise).toMatchObject({ answer: { option: "a" }, status: "contradicted-by-evidence" });
    expect(rise.explanation).toMatch(/contradicts the expected curve \(b\).*option \(a\)/s);
  });

  it("3(d)-i: panels follow the measured axis scales, even when they do not shrink with β", () => {
    const l = synthetic().vib.latent;
    const di = deriveProblem3di(l);
    const assignment = (di.answer as { assignment: Record<string, string> }).assignment;
    expect(assignment).toEqual({ a: "1e-3", b: "1e-6", c: "1e0" });
    // Scales that do not shrink with β: assignment still by closeness, status contradicted.
    l.runs[1].stats.halfWidth = 7;
    const bad = deriveProblem3di(l);
    expect(bad.status).toBe("contradicted-by-evidence");
    expect((bad.answer as { assignment: Record<string, string> }).assignment.b).toBe("1e-3");
  });

  it("3(d)-ii: the status follows the rule over seeds, read against the well-separated panel", () => {
    const l = synthetic().vib.latent;
    const assignment = { a: "1e-3", b: "1e-6", c: "1e0" };
    const ok = deriveProblem3dii(l, assignment);
    expect(ok).toMatchObject({ answer: { option: "1e-3" }, status: "supported" });
    expect(ok.explanation).toMatch(/3 seeds paired across β/);
    expect(ok.explanation).toMatch(/Rule, fixed before the runs: .*validation cross-entropy/);
    expect(ok.explanation).toMatch(/resamples both the seeds and the validation digits/);
    expect(ok.explanation).toMatch(
      /β = 1e-6 minus β = 1e-3: cross-entropy 0\.0200 \[0\.0150, 0\.0250\] nats/,
    );
    expect(ok.explanation).toMatch(/Supported: .*panel \(a\): the well-separated one/);
    expect(ok.evidence.map((e) => e.label)).toContain("decision of the pre-registered rule");
    l.runs[0].seeds = [0, 1, 2].map((seed) => ({
      seed,
      trainError: 0.001 * seed,
      validationError: 0.02,
    }));
    expect(deriveProblem3dii(l, assignment).explanation).toMatch(
      /At β = 1e-6 the training error \(fixed training digits, last epoch\) is at most 0\.20 % over the seeds and the validation error averages 2\.00 %: the model overfits/,
    );
    delete l.runs[0].seeds;
    // Not resolved: the well-separated panel's β stays the answer, the status says so.
    const tie = deriveProblem3dii({ ...l, ...latentDecision([0.041, 0.04, 0.9]) }, assignment);
    expect(tie).toMatchObject({ answer: { option: "1e-3" }, status: "unresolved" });
    expect(tie.explanation).toMatch(
      /Unresolved: β = 1e-3 is not resolved better than every other β/,
    );
    // Another β resolved better: contradicted, the measured best named; the graded answer stays
    // the well-separated panel's β.
    const worse = deriveProblem3dii({ ...l, ...latentDecision([0.02, 0.04, 0.9]) }, assignment);
    expect(worse).toMatchObject({ answer: { option: "1e-3" }, status: "contradicted-by-evidence" });
    expect(worse.explanation).toMatch(/Contradicted: β = 1e-6 predicts better than β = 1e-3/);
    expect(worse.explanation).toMatch(
      /the measured best is β = 1e-6, not the well-separated panel \(a\)/,
    );
    // The expected β follows 3(d)-i's assignment, not a fixed value.
    const swapped = deriveProblem3dii(
      { ...l, ...latentDecision([0.02, 0.04, 0.9]) },
      { a: "1e-6", b: "1e-3", c: "1e0" },
    );
    expect(swapped).toMatchObject({ answer: { option: "1e-6" }, status: "supported" });
  });

  it("3(d)-i over seeds: the spread is stated, and seeds that disagree leave it unresolved", () => {
    const l = synthetic().vib.latent;
    const sp = (mean: number) => ({ mean, sd: mean / 10, n: 3 });
    for (const r of l.runs)
      r.overSeeds = {
        halfWidth: sp(r.stats.halfWidth),
        fisherRatio: sp(r.stats.fisherRatio),
        validationError: sp(r.stats.validationError),
      };
    const panels = { a: 1e-3, b: 1e-6, c: 1 };
    l.seedAnswers = [0, 1, 2].map((seed) => ({ seed, panelToBeta: panels }));
    const di = deriveProblem3di(l);
    expect(di.status).toBe("supported");
    expect(di.explanation).toMatch(
      /Over 3 training seeds the half-widths are β = 1e-6: 5\.2 ± 0\.52/,
    );
    expect(di.explanation).toMatch(/3 of 3 seeds order the scales/);
    l.seedAnswers[2] = { seed: 2, panelToBeta: { a: 1e-6, b: 1e-3, c: 1 } };
    expect(deriveProblem3di(l).status).toBe("unresolved");
    expect(deriveProblem3dii(l, { a: "1e-3", b: "1e-6", c: "1e0" }).explanation).toMatch(
      /Fisher ratio \(between- over within-class scatter of the latent means\) 6 ± 0\.6/,
    );
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
