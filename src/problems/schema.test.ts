import { describe, expect, it } from "vitest";
import { answerKeySchema, parseAnswerKey } from "../key/types.js";
import { FIGURES } from "../results/layout.js";
import { homework } from "./homework.js";
import {
  derivedPartLabel,
  figureLabel,
  type PartOf,
  parseProblemSet,
  partDerivedBy,
  partLabel,
  problemOf,
  targetLine,
} from "./schema.js";

describe("problem set data", () => {
  it("has the eight graded parts with their answer types", () => {
    expect(homework.parts.map((p) => `${p.id}:${p.answerType}`)).toEqual([
      "1:code-fix",
      "2a:worked-example",
      "2b:assignment",
      "3a:free-explanation",
      "3b:checkbox-grid",
      "3c:single-choice",
      "3d-i:assignment",
      "3d-ii:single-choice",
    ]);
    const c = homework.parts.find((p) => p.id === "3d-i");
    expect(c?.answerType === "assignment" && c.items.map((i) => i.properties["axisRange"])).toEqual(
      [
        [-1.5, 1.5],
        [-3, 7],
        [-0.15, 0.15],
      ],
    );
  });

  it("cites every figure the results layout names, and no other", () => {
    const written = Object.values(FIGURES)
      .flatMap((f) => (typeof f === "string" ? [f] : [f("forward"), f("reverse")]))
      .sort();
    const cited = [...new Set(homework.parts.flatMap((p) => p.figures))].sort();
    expect(cited).toEqual(written);
  });

  it("labels its parts and the figures of its own, and nothing else", () => {
    expect(homework.parts.map((p) => partLabel(p))).toEqual([
      "1",
      "2(a)",
      "2(b)",
      "3(a)",
      "3(b)",
      "3(c)",
      "3(d) i",
      "3(d) ii",
    ]);
    const best = partDerivedBy(homework, "latent-best");
    expect([partLabel(best, "nested"), partLabel(best, "none")]).toEqual(["3(d)(ii)", "3(d)"]);
    expect(derivedPartLabel(homework, "beta-sweep", "nested")).toBe("3(c)");
    expect(problemOf(homework, best).title).toBe("Variational Information Bottleneck");
    expect(figureLabel(homework, FIGURES.latent)).toBe("Figure 4");
    expect(() => figureLabel(homework, FIGURES.fitBoth)).toThrow(/names no figure fit-both/);
    const raw = structuredClone(homework);
    raw.figureLabels["kl-fits"] = "Figure 2";
    expect(() => parseProblemSet(raw)).toThrow(
      /figureLabels\.kl-fits: no part shows figure kl-fits/,
    );
  });

  it("finds the shown line that initialises the code-fix target", () => {
    const p = homework.parts.find((x) => x.answerType === "code-fix") as PartOf<"code-fix">;
    expect(targetLine(p)).toBe("9");
    expect(() => targetLine({ ...p, target: "emb_type.weight" })).toThrow(/emb_type\.weight/);
  });

  it("rejects an invalid problem set with the path of each problem", () => {
    const raw = structuredClone(homework) as unknown as { parts: Record<string, unknown>[] };
    raw.parts.push({ ...raw.parts[0]!, problem: 9 });
    raw.parts[2]!["answerType"] = "essay";
    expect(() => parseProblemSet(raw)).toThrow(/parts\.2\.answerType/);
    const dup = structuredClone(homework) as unknown as { parts: Record<string, unknown>[] };
    dup.parts.push({ ...dup.parts[0]!, problem: 9 });
    expect(() => parseProblemSet(dup)).toThrow(/duplicate part id 1[\s\S]*no problem 9/);
  });
});

describe("2(b)'s reason, the essential concept", () => {
  const concept = (
    homework.parts.find((p) => p.id === "2b") as PartOf<"assignment">
  ).concepts!.find((c) => c.id === "covering")!;
  const says = (text: string) =>
    concept.patterns.some((p) => new RegExp(p, "iu").test(text.toLowerCase()));
  it("is read in the reason's words, not in the plot's shape restated", () => {
    expect(says("Q has to cover every mode of P, or −log Q blows up where it is near zero")).toBe(
      true,
    );
    expect(says("the forward KL averages over P, so Q must cover all of P's mass")).toBe(true);
    expect(says("if Q leaves a mode uncovered, the loss is infinite there")).toBe(true);
    expect(says("A: broad, covers both modes → forward KL")).toBe(false);
    expect(says("minimising the forward KL gives a wider, more averaged Gaussian")).toBe(false);
  });
});

describe("answer key schema", () => {
  it("fills defaults and rejects bad regexes and unknown answer types", () => {
    const k = parseAnswerKey({
      problemSet: "hw12",
      version: 1,
      parts: [{ id: "3c", status: "supported", answer: { type: "single-choice", option: "b" } }],
    });
    expect(k.parts[0]).toMatchObject({ evidence: [], explanation: "", concepts: [] });
    const bad = answerKeySchema.safeParse({
      problemSet: "hw12",
      version: 1,
      parts: [
        {
          id: "3a",
          status: "supported",
          answer: { type: "free-explanation" },
          concepts: [{ id: "x", description: "x", patterns: ["(unclosed"] }],
        },
      ],
    });
    expect(bad.success).toBe(false);
    expect(() =>
      parseAnswerKey({
        problemSet: "hw12",
        version: 1,
        parts: [{ id: "3c", status: "maybe", answer: { type: "essay" } }],
      }),
    ).toThrow(/parts\.0\.answer[\s\S]*parts\.0\.status/);
  });
});
