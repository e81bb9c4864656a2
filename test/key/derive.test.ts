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
  type KeyResults,
} from "../../src/key/derive.js";
import { parseAnswerKey } from "../../src/key/types.js";

const sqrt = Math.sqrt;
const initRow = (
  scheme: string,
  dModel: number,
  std: number,
  logitStd: number,
  loss: number,
  mass: number,
) => ({
  scheme,
  dModel,
  embeddingStd: std,
  logitStd,
  initialLoss: loss,
  lnVocab: Math.log(8000),
  argmaxMass: mass,
});

/** Test data: plausible shapes, every number invented for the test. */
function synthetic(): KeyResults {
  return {
    profile: "test-data",
    transformer: {
      initStats: {
        source: "test:init-stats",
        rows: [
          ...[64, 256, 512].map((d) => initRow("bug", d, 1, 1.02 * sqrt(d), 0.5 * d, 0.9)),
          ...[64, 256, 512].map((d) => initRow("fix", d, 1 / sqrt(d), 1.05, 9.5, 0.002)),
        ],
      },
      training: {
        source: "test:train",
        runs: [
          { scheme: "bug", steps: 300, final: { trainLoss: 9.4, valLoss: 9.8 } },
          { scheme: "fix", steps: 300, final: { trainLoss: 5.1, valLoss: 5.4 } },
        ],
      },
    },
    kl: {
      example: {
        source: "test:kl",
        p: "U(0, 1)",
        q: "N(0, 1)",
        forward: { finite: true, value: 1.07 },
        reverse: { finite: false, reason: "Q has mass outside P's support" },
      },
      fits: {
        source: "test:fits",
        target: "0.5 N(-2, 0.5²) + 0.5 N(2, 0.5²)",
        modes: [
          { mu: -2, sigma: 0.5 },
          { mu: 2, sigma: 0.5 },
        ],
        forward: { mu: 0, sigma: 2.06, klNats: 0.9 },
        reverse: { mu: 2, sigma: 0.5, klNats: 0.69 },
      },
    },
    vib: {
      diagram: {
        source: "test:diagram",
        blocks: { multipliers: 1, adders: 1 },
        cases: [
          {
            mu: 0,
            sigma: 1,
            sampleMean: 0.001,
            sampleStd: 1.0004,
            meanZScore: 0.3,
            stdRelErr: 4e-4,
          },
        ],
        maxDerivativeError: { dZdMu: 0, dZdSigma: 2e-8 },
        samples: 1000,
        pass: true,
      },
      gradients: {
        source: "test:gradients",
        grids: [
          {
            when: "init",
            grid: {
              task: {
                encoder: { norm: 2.6, sendsGradient: true },
                decoder: { norm: 0.9, sendsGradient: true },
              },
              klTerm: {
                encoder: { norm: 0.26, sendsGradient: true },
                decoder: { norm: 0, sendsGradient: false },
              },
              threshold: 1e-12,
              beta: 1e-3,
              batchSize: 8,
            },
          },
        ],
      },
      sweep: {
        source: "test:sweep",
        points: [
          { beta: 1e-8, validationError: 0.03, testError: 0.031 },
          { beta: 1e-6, validationError: 0.029, testError: 0.03 },
          { beta: 1e-4, validationError: 0.027, testError: 0.028 },
          { beta: 1e-3, validationError: 0.022, testError: 0.023 },
          { beta: 1e-1, validationError: 0.09, testError: 0.1 },
          { beta: 1, validationError: 0.6, testError: 0.6 },
        ],
      },
      latent: {
        source: "test:latent",
        runs: [
          latentRun(1e-6, 5.2, 2.0, 0.02),
          latentRun(1e-3, 1.4, 6.0, 0.012),
          latentRun(1, 0.13, 0.05, 0.4),
        ],
      },
    },
  };
}

function latentRun(beta: number, half: number, fisher: number, valErr: number) {
  return {
    beta,
    stats: {
      extent: {
        x: [-half, 0.8 * half] as [number, number],
        y: [-0.5 * half, half] as [number, number],
      },
      halfWidth: half,
      fisherRatio: fisher,
      knnAccuracy: 1 - valErr,
      validationError: valErr,
    },
  };
}

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
    expect(p.explanation).toContain(`${(1.02 * sqrt(512)).toFixed(1)}`); // the measured std, in the text
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
    // Scales that do not shrink with β: assignment still by closeness, status contradicted.
    l.runs[1].stats.halfWidth = 7;
    const bad = deriveProblem3di(l);
    expect(bad.status).toBe("contradicted-by-evidence");
    expect((bad.answer as { assignment: Record<string, string> }).assignment.b).toBe("1e-3");
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
