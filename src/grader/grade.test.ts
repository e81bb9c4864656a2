import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { closedFormTools } from "../../test/fixtures/transcripts/closed-form-tools.js";
import { exampleKey } from "../../test/fixtures/transcripts/example-key.js";
import { homework } from "../problems/homework.js";
import type { PartOf } from "../problems/schema.js";
import { findMentions, lostMarksRow } from "./extract.js";
import { fromExport } from "./formats/index.js";
import { type GradeTools, grade, type Report, reportJson } from "./grade.js";
import { partRefs } from "./parts.js";
import { isTimestamp } from "./speakers.js";
import { normalizeTranscript, parseTranscript } from "./transcript.js";

const measured: number[] = [];
/** Real KL toolkit; the logit measurement is its closed form σ·√d_model. */
const tools: GradeTools = closedFormTools((s) => measured.push(s));

const fixture = (name: string) =>
  readFileSync(new URL(`../../test/fixtures/transcripts/${name}`, import.meta.url), "utf8");
const verdicts = (r: Report) => Object.fromEntries(r.parts.map((p) => [p.id, p.verdict]));
const part = (r: Report, id: string) => r.parts.find((p) => p.id === id)!;
/** One message of a Telegram Desktop export (result.json), with any media fields. */
const telegramMessage = (
  id: number,
  from: string,
  text: string,
  media: Record<string, unknown> = {},
) => ({
  id,
  type: "message",
  date: `2025-12-07T21:${String(id).padStart(2, "0")}:00`,
  from,
  from_id: `user${from.length}`,
  text,
  ...media,
});

describe("grade", () => {
  it("grades a correct Claude-style transcript (timestamps, thought process, LaTeX, ☒/☐) as correct", async () => {
    const r = await grade(fixture("correct-claude.md"), exampleKey, tools);
    expect(verdicts(r)).toEqual({
      "1": "correct",
      "2a": "correct",
      "2b": "correct",
      "3a": "correct",
      "3b": "correct",
      "3c": "correct",
      "3d-i": "correct",
      "3d-ii": "correct",
    });
    expect(part(r, "1").evidence).toMatch(/std = 0\.04419 .*logit std 1 /);
    expect(part(r, "2a").evidence).toMatch(/KL\(P\|\|Q\) = 1\.086, KL\(Q\|\|P\) = ∞/);
    // The reason for the infinite direction names the transcript's own roles: there Q is first.
    expect(part(r, "2a").evidence).toMatch(/KL\(Q\|\|P\) = ∞ \(Q = .* where P = /);
    // The person's closing remark "(c) ... should be (a)" is commentary, not the model's answer.
    expect(part(r, "3c").answer).toBe("(b)");
    expect(part(r, "3d-ii").evidence).toMatch(/contradicted-by-evidence/);
    // a key entry the experiments could not decide says so beside the verdict
    const undecided = {
      ...exampleKey,
      parts: exampleKey.parts.map((p) =>
        p.id === "3c" ? { ...p, status: "unresolved" as const } : p,
      ),
    };
    const r2 = await grade(fixture("correct-claude.md"), undecided, tools);
    expect(part(r2, "3c").evidence).toMatch(/could not decide .* \(key status: unresolved\)/);
  });

  it("grades wrong answers (two Gaussians for 2(a), std √d_model) as incorrect with computed evidence", async () => {
    const r = await grade(fixture("wrong-plain.txt"), exampleKey, tools);
    expect(verdicts(r)).toEqual({
      "1": "incorrect",
      "2a": "incorrect",
      "2b": "incorrect",
      "3a": "incorrect",
      "3b": "incorrect",
      "3c": "incorrect",
      "3d-i": "incorrect",
      "3d-ii": "incorrect",
    });
    // Both readings of N(1, 2) give finite KL both ways.
    expect(part(r, "2a").evidence).toMatch(
      /variance\] KL\(P\|\|Q\) = 0\.3466, KL\(Q\|\|P\) = 0\.6534; .*standard deviation\] KL\(P\|\|Q\) = 0\.4431, KL\(Q\|\|P\) = 1\.307/,
    );
    expect(part(r, "1").evidence).toMatch(/std = 22\.63.*logit std 512.*still broken/);
    expect(part(r, "3b").evidence).toMatch(/regularizer→θd should be unticked/);
    expect(part(r, "3d-i").answer).toBe("a → β = 1e-6, b → β = 1e0, c → β = 1e-3");
  });

  it("counts the last answer of a revised part and ignores the person's commentary", async () => {
    const r = await grade(fixture("revised.md"), exampleKey, tools);
    expect(part(r, "3c").verdict).toBe("correct");
    expect(part(r, "3c").answer).toBe("(b)");
    for (const id of ["1", "2a", "2b", "3a", "3b", "3d-i", "3d-ii"]) {
      expect(part(r, id)).toMatchObject({
        verdict: "not answered",
        evidence: "no answer to this part found in the transcript",
      });
    }
    const r2 = await grade(fixture("revised-2b-swapped.md"), exampleKey, tools);
    expect(part(r2, "2b").verdict).toBe("correct");
    expect(part(r2, "2a").verdict).toBe("incorrect");
    expect(part(r2, "2a").evidence).toMatch(/swapped/);
  });

  it("marks unanswered parts not answered and grades the answered one", async () => {
    const r = await grade(fixture("unanswered.md"), exampleKey, tools);
    expect(part(r, "2a").verdict).toBe("correct");
    expect(r.parts.filter((p) => p.verdict === "not answered")).toHaveLength(7);
  });

  it("a part holding only a placeholder, or a reply declining for want of the figure, is not answered", async () => {
    const t = [
      "User: problem 3, parts (c) and (d)",
      "Assistant:",
      "(c) TODO, will come back to it",
      "(d) Não consigo ver a Figura 4: se você descrever os painéis, eu faço a atribuição.",
    ].join("\n");
    const r = await grade(t, exampleKey, tools);
    expect(part(r, "3c")).toMatchObject({ verdict: "not answered" });
    expect(part(r, "3c").evidence).toMatch(/placeholder.*TODO/);
    expect(part(r, "3d-i")).toMatchObject({ verdict: "not answered" });
    expect(part(r, "3d-ii").evidence).toMatch(/Não consigo ver/);
    // an answer beside the same words is still read
    const r2 = await grade(
      "User: 3(c)?\nAssistant:\nThe answer is (b). TODO: add a plot later.",
      exampleKey,
      tools,
    );
    expect(part(r2, "3c").verdict).toBe("correct");
  });

  it("text at a part that says nothing of the kind it asks for is not answered; a reading that fails is unreadable", async () => {
    const t = [
      "User: 3(c)?",
      "Assistant: For small β, the",
      "User: 3(b)?",
      "Assistant: The gradients are the interesting part here.",
      "User: And problem 1?",
      "Assistant: Good question, let me think about the tied head.",
    ].join("\n");
    const r = await grade(t, exampleKey, tools);
    expect(part(r, "3c")).toMatchObject({ verdict: "not answered" });
    expect(part(r, "3c").evidence).toMatch(
      /line 2\) says nothing it asks for: it names none of the options/,
    );
    expect(part(r, "3b")).toMatchObject({ verdict: "not answered" });
    expect(part(r, "1")).toMatchObject({ verdict: "not answered" });
    // several options with no choice among them: the model did not commit
    const r2 = await grade(
      "User: 3(c)?\nAssistant:\n(c) Curves (b) and (d) both rise.",
      exampleKey,
      tools,
    );
    expect(part(r2, "3c").verdict).toBe("ambiguous");
    expect(part(r2, "3c").evidence).toMatch(/without committing: the answer names several options/);
  });

  it("a PDF's text layer: flattened superscripts, indented prose, a row of boxes, a shifted grid", async () => {
    const t = [
      "Problem 3",
      "",
      "(b)                      θe        θd",
      "     task loss           ⊠         ⊠",
      "     latent regularizer  ⊠         ☐",
      "",
      "(c)   ☐ (a)      ■ (b)      ☐ (c)      ☐ (d)",
      "",
      "(d) i.   panel (a): β = 10 −3     panel (b): β = 10 −6     panel (c): β = 10 0",
      "",
      "    ii. Panel (a), the β = 10 −3 run: its classes form compact and well separated",
      "    clusters, which is what a classifier on Z needs.",
    ].join("\n");
    const r = await grade(normalizeTranscript(t), exampleKey, tools);
    expect(part(r, "3b").answer).toBe("task→θe ☒, task→θd ☒, regularizer→θe ☒, regularizer→θd ☐");
    expect(part(r, "3c")).toMatchObject({ verdict: "correct", answer: "(b)" });
    expect(part(r, "3d-i").answer).toBe("a → β = 1e-3, b → β = 1e-6, c → β = 1e0");
    // the indented paragraph is text, not code: (ii) is found and read
    expect(part(r, "3d-ii").answer).toMatch(/1e-3/);
    // a row of boxes before whole assignments: only the ticked one counts
    const rows = "2(b): ☐ A: reverse, B: forward ☒ A: forward, B: reverse — A covers both modes.";
    const r2 = await grade(rows, exampleKey, tools);
    expect(part(r2, "2b")).toMatchObject({
      verdict: "correct",
      answer: "A → forward, B → reverse",
    });
  });

  it("a turn's final-answers table outweighs its worked answers; an 'Answer:' line is not such a heading", async () => {
    const t = [
      "User: 2(b) and 3(c) please",
      "Assistant:",
      "## 2(b)",
      "Plot A is the forward KL and plot B the reverse KL.",
      "## 3(c)",
      "**Answer: (b)**",
      "",
      "## Final answers",
      "",
      "| Part | Answer |",
      "|---|---|",
      "| 2(b) | A = reverse KL, B = forward KL |",
    ].join("\n");
    const r = await grade(t, exampleKey, tools);
    expect(part(r, "2b")).toMatchObject({
      verdict: "incorrect",
      answer: "A → reverse, B → forward",
    });
    expect(part(r, "3c")).toMatchObject({ verdict: "correct", answer: "(b)" });
  });

  it("push-back that names no part is about the last one: the reply's revision counts, a partial restatement does not", async () => {
    const t = [
      "User: 2(a)?",
      "Assistant: P = N(0, 1) and Q = N(0, 4).",
      "User: hm, two normals always give finite KL both ways, no?",
      "Assistant: Right, my mistake. Revised answer: P = U(0, 1) and Q = N(0, 1).",
      "User: and 3(b)?",
      "Assistant: Task loss → θe ✓, θd ✓; regularizer → θe ✓, θd ✗.",
      "User: are you sure?",
      "Assistant: Yes: the regularizer has no θd in it, so regularizer → θd stays unticked.",
    ].join("\n");
    const r = await grade(t, exampleKey, tools);
    expect(part(r, "2a")).toMatchObject({ verdict: "correct", answer: "P = U(0, 1); Q = N(0, 1)" });
    expect(part(r, "3b").verdict).toBe("correct");
  });

  it("hard-wrapped prose is read across its line breaks, and struck-out text is taken back", async () => {
    const t = [
      "Problem 2",
      "",
      "(b) Both fits are shown: the broad plot A covers both modes and is the",
      "forward KL; the narrow plot B sits on one of the modes and is the rev-",
      "erse KL, which avoids the valley between them.",
      "",
      "Problem 3",
      "",
      "(c) ~~(a), since more β always hurts~~ (b): lowest error at a moderate β.",
    ].join("\n");
    const r = await grade(t, exampleKey, tools);
    expect(part(r, "2b")).toMatchObject({ verdict: "correct", answer: "A → forward, B → reverse" });
    expect(part(r, "3c")).toMatchObject({ verdict: "correct", answer: "(b)" });
  });

  it("reads tables, words, 10^{-3} and prose fixes such as N(0, 1/d_model)", async () => {
    const r = await grade(fixture("tables-latex.md"), exampleKey, tools);
    expect(part(r, "3b").verdict).toBe("correct");
    expect(part(r, "3d-i").verdict).toBe("correct");
    expect(part(r, "3d-ii").verdict).toBe("correct");
    expect(part(r, "1").verdict).toBe("correct");
    expect(part(r, "1").evidence).toMatch(/N\(0, 1\/d_model\) \(a variance\)/);
  });

  it("keeps a right fix correct when its explanation misses a key concept, and says which", async () => {
    const t = [
      "User: problem 1 please",
      "Assistant:",
      "## Problem 1",
      "```python",
      "nn.init.normal_(emb_word.weight, mean=0, std=1/math.sqrt(d_model))",
      "```",
      "That fixes it.",
    ].join("\n");
    const r = await grade(t, exampleKey, tools);
    expect(part(r, "1").verdict).toBe("correct");
    expect(part(r, "1").evidence).toMatch(/does not state: the head is tied to the embedding/);
  });

  it("gives a right fix with the wrong reason partial credit: the reason is read in the prose, not in the fix's code", async () => {
    // the problem set's own concepts, where the logit scale is the essential reason
    const concepts = homework.parts.find((p) => p.id === "1")!.concepts;
    const key = {
      ...exampleKey,
      parts: exampleKey.parts.map((p) => (p.id === "1" ? { ...p, concepts } : p)),
    };
    const answer = (why: string) =>
      [
        "User: Problem 1: find the bug in the initialization, give the corrected line, explain why it works.",
        "Assistant:",
        "## Problem 1",
        "The bug is line 9: the tied embedding is drawn from N(0, 1).",
        "```python",
        "nn.init.normal_(emb_word.weight, mean=0.0, std=1 / math.sqrt(d_model))",
        "```",
        why,
      ].join("\n");
    const wrong = await grade(
      answer(
        "Why: with unit variance the LayerNorm after the embeddings saturates and its gradients explode; std = 1/√d_model keeps the activations stable, as Xavier does.",
      ),
      key,
      tools,
    );
    expect(part(wrong, "1").verdict).toBe("partial");
    expect(part(wrong, "1").evidence).toMatch(
      /does not give the reason it is right: the logit std/,
    );
    for (const why of [
      "Why: each logit sums d_model products, so its std grows like √d_model ≈ 22.6; the fix brings it to 1.",
      "Why: the head shares this matrix, so the initial logits are huge and the softmax is one-hot.",
    ]) {
      const right = await grade(answer(why), key, tools);
      expect(part(right, "1").verdict, why).toBe("correct");
    }
  });

  it("prefers the fix to the quoted bug, and rejects fixes that miss line 9", async () => {
    const t = (code: string) =>
      `Assistant:\n## Problem 1\nThe tied head scales logits by sqrt(d_model).\n\`\`\`python\n${code}\n\`\`\``;
    const before = measured.length;
    const r1 = await grade(
      t(
        "# was: nn.init.normal_(emb_word.weight, std=1)\nnn.init.normal_(emb_word.weight, std=0.02)",
      ),
      exampleKey,
      tools,
    );
    expect(part(r1, "1").verdict).toBe("correct");
    expect(measured.slice(before)).toEqual([0.02]);
    const r2 = await grade(t("nn.init.normal_(emb_pos.weight, std=0.02)"), exampleKey, tools);
    expect(part(r2, "1").verdict).toBe("incorrect");
    expect(part(r2, "1").evidence).toMatch(/not emb_word.weight/);
    const r3 = await grade(
      t("nn.init.normal_(emb_word.weight, std=os.getenv(1))"),
      exampleKey,
      tools,
    );
    expect(part(r3, "1").verdict).toBe("unreadable");
    expect(part(r3, "1").evidence).toMatch(
      /not gradable: could not parse the unsupported function "os.getenv"/,
    );
  });

  it.each([
    [
      "checkbox words",
      "### Part (b)\n**θ_e:** task loss — yes, latent regularizer — yes\n**θ_d:** task loss — yes, latent regularizer — no",
      "3b",
      "correct",
    ],
    [
      "checkbox prose",
      "### Part (b)\nBoth terms send gradient to θe. θd receives gradient only from the task loss.",
      "3b",
      "correct",
    ],
    [
      "prose naming both columns, the terms first",
      "### Part (b)\nThe task loss sends gradients to both the encoder θe and the decoder θd. The KL regularizer depends only on the encoder's output, so it sends gradient only to θe, not to θd.",
      "3b",
      "correct",
    ],
    [
      "prose naming both columns, each opening a clause",
      "### Part (b)\nθe receives gradient from both terms, while θd receives only the task loss.",
      "3b",
      "correct",
    ],
    [
      "prose with a wrong cell",
      "### Part (b)\nThe task loss reaches θe and θd. The regularizer also reaches both θe and θd.",
      "3b",
      "incorrect",
    ],
    [
      "(checked) words",
      "### Part (b)\n- Task loss: θe (checked), θd (checked)\n- Latent regularizer: θe (checked), θd (checked)",
      "3b",
      "incorrect",
    ],
    [
      "panel named via 3(d)(i)",
      "### (d)\n(i) (a) is 1e-3, (b) is 1e-6, (c) is 1.\n(ii) Panel (a) gives the better latent space.",
      "3d-ii",
      "correct",
    ],
    ["β as a decimal", "**3(d)(ii)** The middle setting, β = 0.001.", "3d-ii", "correct"],
    [
      "inline part reference",
      "For 3(c) the answer is b, since the error is U-shaped.",
      "3c",
      "correct",
    ],
    [
      "a Gaussian and a Laplace",
      "**(a)** Let $P = \\mathcal{N}(0, 1)$ and $Q = \\text{Laplace}(0, 1)$.",
      "2a",
      "incorrect",
    ],
    [
      "an example corrected later on the same line (the last one counts)",
      "**(a)** P = N(0, 1), Q = N(0, 4). Both are finite, so... actually let me use P = Uniform[0,1] and Q = N(0,1) instead.",
      "2a",
      "correct",
    ],
    ["uniform inside an exponential", "## 2(a)\nP ~ Uniform(0, 1), Q ~ Exp(1)", "2a", "correct"],
    [
      "diff-style fix",
      "## Problem 1\nTied: logits ~ sqrt(d_model).\n```diff\n- nn.init.normal_(emb_word.weight, std=1)\n+ nn.init.normal_(emb_word.weight, std=d_model**-0.5)\n```",
      "1",
      "correct",
    ],
  ])("reads %s", async (_name, body, id, verdict) => {
    const r = await grade(`Assistant:\n## Problem ${id[0]}\n${body}`, exampleKey, tools);
    expect(part(r, id).verdict).toBe(verdict);
  });

  it("reads an answer left only in the model's reasoning, and says so", async () => {
    const t =
      "## QUESTION 3\nPart (c) please.\n1/1/2026, 1:00 PM\nThought process: curves\n\nLet me see: the U-shaped one, so the answer is (b).\n1/1/2026, 1:01 PM";
    const r = await grade(t, exampleKey, tools);
    expect(part(r, "3c").verdict).toBe("correct");
    expect(part(r, "3c").evidence).toMatch(/read from the model's reasoning/);
  });

  it("emits exactly the --json shape", async () => {
    const r = await grade(fixture("correct-claude.md"), exampleKey, tools);
    const j = reportJson(r);
    expect(Object.keys(j)).toEqual(["parts"]);
    expect(j.parts.map((p) => p.id)).toEqual(["1", "2a", "2b", "3a", "3b", "3c", "3d-i", "3d-ii"]);
    for (const p of j.parts)
      expect(Object.keys(p)).toEqual(["id", "verdict", "answer", "evidence"]);
  });

  it("never throws on bad input: empty, binary, garbage", async () => {
    for (const [t, why] of [
      ["", /empty/],
      ["   \n\n", /empty/],
      ["\u0000\u0001PK\u0003\u0004binary", /binary/],
      ["\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008".repeat(100), /binary/],
    ] as const) {
      const r = await grade(t, exampleKey, tools);
      expect(r.parts.every((p) => p.verdict === "unreadable" && why.test(p.evidence))).toBe(true);
    }
    const garbage = Array.from(
      { length: 2000 },
      (_, i) => `(${"abcd"[i % 4]}) ## Part ((( **Answer: ${i}** [x] ☒ \`\`\` $\\frac{`,
    ).join("\n");
    const r = await grade(garbage, exampleKey, tools);
    expect(r.parts).toHaveLength(8);
  });
});

describe("numbers as other languages write them", () => {
  it("decimal commas in a semicolon-separated probability vector (Polish, German, French …)", async () => {
    const t = "**Zadanie 2**\n\n(a) P = [0,5; 0,5; 0], Q = [0,25; 0,25; 0,5].\n";
    const r = await grade(t, exampleKey, tools);
    expect(part(r, "2a").verdict).toBe("correct");
    expect(part(r, "2a").evidence).toMatch(/KL\(P\|\|Q\) = 0\.693/);
  });
});

describe("a conclusion that offers two options", () => {
  it("'(b) or (d) could be right', in any language, is ambiguous; '(b), not (d)' and '(b) or maybe (d)' choose (b)", async () => {
    const verdict = async (answer: string) =>
      part(await grade(`User: 3(c)?\n\nAssistant: ${answer}\n`, exampleKey, tools), "3c").verdict;
    expect(await verdict("Depending on the details, (b) or (d) could be correct.")).toBe(
      "ambiguous",
    );
    expect(await verdict("Deney ayrıntılarına bağlı olarak (b) veya (d) doğru olabilir.")).toBe(
      "ambiguous",
    );
    expect(await verdict("The answer is (b), not (d).")).toBe("correct");
    expect(await verdict("I would go with (b) or maybe (d).")).toBe("correct");
  });
});

describe("a plot's capital letter inside 2(b)", () => {
  it("'B: reverse KL' on its own line is plot B, not a label of part (b)", async () => {
    const t =
      "User: 2(b)?\n\nAssistant: **2(b)**\n\n**A: forward KL** D(P‖Q), mass-covering.\n\n**B: reverse KL** D(Q‖P), mode-seeking.\n";
    const r = await grade(t, exampleKey, tools);
    expect(part(r, "2b").verdict).toBe("correct");
    expect(part(r, "2b").answer).toBe("A → forward, B → reverse");
  });
});

describe("a part left for later", () => {
  it("'not yet, doing the VIB stuff tomorrow' answers nothing, though it names the problem's words", async () => {
    const t =
      "User: anyone got 3a? the block diagram\n\nAssistant: not yet, doing the VIB stuff tmrw morning\n";
    expect(part(await grade(t, exampleKey, tools), "3a").verdict).toBe("not answered");
  });

  it("a note that puts the part off, wherever in it the words stand, holds no answer", async () => {
    const later = "User: and 3(c)?\n\nAssistant: Good question. We'll take that one next time.\n";
    expect(part(await grade(later, exampleKey, tools), "3c").verdict).toBe("not answered");
    const swedish = "User: och 3(c)?\n\nAssistant: Bra fråga. Den tar vi nästa gång.\n";
    expect(part(await grade(swedish, exampleKey, tools), "3c").verdict).toBe("not answered");
    // the same words beside an answer leave it an answer
    const answered = "User: and 3(c)?\n\nAssistant: (b) — more on that next time.\n";
    expect(part(await grade(answered, exampleKey, tools), "3c").verdict).toBe("correct");
  });
});

describe("panels paired with values around decimal-comma intervals", () => {
  it("'[−1,5; 1,5]' inside an item's line ends no clause", async () => {
    const t = [
      "User: 3(d)(i)?",
      "",
      "Assistant: Painel (a), eixos ≈ [−1,5; 1,5] → β = 10⁻³; painel (b), eixos ≈ [−3; 7] → β = 10⁻⁶; painel (c) → β = 1.",
    ].join("\n");
    expect(part(await grade(t, exampleKey, tools), "3d-i").verdict).toBe("correct");
  });
});

describe("a table row is one record", () => {
  it("an abbreviation's period inside a cell ('approx. [−1.5, 1.5]') does not split the row", async () => {
    const t = [
      "User: 3(d)(i)?",
      "",
      "Assistant:",
      "",
      "| Panel | Axes | β |",
      "| --- | --- | --- |",
      "| (a) | approx. [−1.5, 1.5] | $10^{-3}$ |",
      "| (b) | approx. [−3, 7] | $10^{-6}$ |",
      "| (c) | approx. [−0.15, 0.15] | $10^{0} = 1$ |",
    ].join("\n");
    expect(part(await grade(t, exampleKey, tools), "3d-i").verdict).toBe("correct");
  });
});

describe("an answer longer than the reading budget", () => {
  it("is read at both ends: a fix stated before a long pasted log, and a choice stated after it", async () => {
    const log = Array.from({ length: 4000 }, (_, i) => `step ${i} loss 23.${i % 10} lr 1e-4`);
    const first = [
      "User: Problem 1: what is the bug?",
      "",
      "Assistant: Line 9: use `nn.init.normal_(emb_word.weight, mean=0.0, std=d_model ** -0.5)`.",
      "```",
      ...log,
      "```",
    ].join("\n");
    const r1 = part(await grade(first, exampleKey, tools), "1");
    expect(r1.verdict).toBe("correct");
    expect(r1.evidence).toMatch(/answer of \d+ characters: only its first and last 50000 read/);
    const last = [
      "User: 3(c)?",
      "",
      "Assistant: Here is my log.",
      "```",
      ...log,
      "```",
      "Curve (b).",
    ];
    expect(part(await grade(last.join("\n"), exampleKey, tools), "3c").verdict).toBe("correct");
  });
});

describe("a request that points back", () => {
  it("'for (b) I doubt it … that is what the diagram in (a) is for' asks about (b) only", async () => {
    const t = [
      "User: 3(b)?",
      "",
      "Assistant:",
      "| | θe | θd |",
      "|---|---|---|",
      "| Task loss | ✗ | ✓ |",
      "| Latent regularizer | ✓ | ✗ |",
      "",
      "User: for (b) I doubt it. Since V is an external input the task loss reaches θe through μ and σ? That is what the diagram in (a) is for.",
      "",
      "Assistant: You are right, I was wrong.",
      "| | θe | θd |",
      "|---|---|---|",
      "| Task loss | ✓ | ✓ |",
      "| Latent regularizer | ✓ | ✗ |",
    ].join("\n");
    const r = await grade(t, exampleKey, tools);
    expect(part(r, "3b").verdict).toBe("correct");
    expect(part(r, "3a").verdict).toBe("not answered");
  });
});

describe("a scanned sheet read by OCR", () => {
  it("the letter O for zero and misread names ('N(O,1)', 'mean=O', 'd_mode1') are put back", async () => {
    const t = [
      "Aufgabe 1",
      "",
      "Korrektur (Zeile 9):",
      "",
      "nn.init.normal_(emb_word.weight, mean=O, std=1/d_mode1)",
      "",
      "Aufgabe 2",
      "",
      "a) P = U(O,1), Q = U(O,2): DKL(P||Q) = ln 2, DKL(Q||P) = ∞.",
    ].join("\n");
    // as the CLI reads a file: normalized first
    const r = await grade(normalizeTranscript(t), exampleKey, tools);
    expect(part(r, "1").verdict).toBe("correct");
    expect(part(r, "1").evidence).toMatch(
      /`nn\.init\.normal_\(emb_word\.weight, mean=0, std=1\/d_model\)`/,
    );
    expect(part(r, "2a").answer).toBe("P = U(0,1); Q = U(0,2)");
    // a word that only looks like a misread name stays as it is
    expect(normalizeTranscript("OK: O(n) steps, Ostrava")).toBe("OK: O(n) steps, Ostrava");
  });

  it("a chat page copied as text: the code under its 'python' / 'Copy code' header is code, its comment no heading", async () => {
    const t = [
      "You said:",
      "Problem 1: find the bug in the initialization, give the corrected line, explain why.",
      "",
      "ChatGPT said:",
      "The bug is line 9: the tied head makes each logit's std grow like √d_model.",
      "",
      "python",
      "Copy code",
      "# line 9 (fixed)",
      "nn.init.normal_(emb_word.weight, mean=0.0, std=d_model ** -0.5)",
      "",
      "Now each logit has unit variance. Before the fix it was N(0, 1).",
    ].join("\n");
    const r = await grade(normalizeTranscript(t), exampleKey, tools);
    expect(part(r, "1").verdict).toBe("correct");
    expect(part(r, "1").answer).toMatch(/std = 0\.04419/);
    // a language name and a button in running text are left as they are
    const prose = "python\nCopy that, thanks\nx = 1\n";
    expect(normalizeTranscript(prose)).toBe(prose);
    expect(normalizeTranscript("python\nCopy codeEdit\nx = 1\n")).toBe("\n```python\nx = 1\n```\n");
  });
});

describe("a numbered write-up in an inflected language", () => {
  it("'1.<tab>Inicijalizacija transformera' opens problem 1; '(½, ½, 0)' is a probability vector", async () => {
    const t = [
      "1.\tInicijalizacija transformera",
      "Ispravak (redak 9):",
      "nn.init.normal_(self.emb_word.weight, mean=0.0, std=d_model ** -0.5)",
      "",
      "2.\tKL divergencija",
      "a)\tP = (½, ½, 0), Q = (⅓, ⅓, ⅓): D(P‖Q) = ln(3/2), D(Q‖P) = ∞.",
    ].join("\n");
    const r = await grade(normalizeTranscript(t), exampleKey, tools);
    expect(part(r, "1").verdict).toBe("correct");
    expect(part(r, "2a")).toMatchObject({
      verdict: "correct",
      answer: "P = [1/2, 1/2, 0]; Q = [1/3, 1/3, 1/3]",
    });
  });
});

describe("a problem word the lexicon does not know, after the number", () => {
  it("'1 uždavinys. Transformerio …' opens problem 1 because its text is about it; 'Step 1' does not", async () => {
    const t = [
      "1 uždavinys. Transformerio inicializacijos klaida",
      "",
      "nn.init.normal_(self.emb_word.weight, mean=0.0, std=d_model ** -0.5)",
      "",
      "2 uždavinys. KL divergencija",
      "",
      "(a) P = U(0, 1), Q = U(0, 2).",
    ].join("\n");
    const r = await grade(t, exampleKey, tools);
    expect(part(r, "1").verdict).toBe("correct");
    expect(part(r, "2a").verdict).toBe("correct");
    // the word first: "Zadatak 1 – inicijalizacija Transformera"
    const wordFirst = [
      "## Zadatak 1 – inicijalizacija Transformera",
      "",
      "nn.init.normal_(self.emb_word.weight, mean=0.0, std=d_model ** -0.5)",
    ].join("\n");
    expect(part(await grade(wordFirst, exampleKey, tools), "1").verdict).toBe("correct");
    const steps = ["User: 3(c)?", "", "Assistant: 2 steps. Curve (b)."].join("\n");
    expect(part(await grade(steps, exampleKey, tools), "3c").verdict).toBe("correct");
  });
});

describe("a part's own letter beside its options", () => {
  it("'the corrected answer for (c) is curve (b)' chooses (b)", async () => {
    const t = [
      "User: 3(c)?",
      "",
      "Assistant: Curve (c).",
      "",
      "User: are you sure? what happens when beta is huge?",
      "",
      "Assistant: Good point. The corrected answer for (c) is curve (b): best at a moderate beta.",
    ].join("\n");
    expect(part(await grade(t, exampleKey, tools), "3c")).toMatchObject({
      verdict: "correct",
      answer: "(b)",
    });
  });
});

describe("a pull request copied as Markdown", () => {
  it("a diff reads as the text after the change: removed lines go; a Markdown file's diff is prose", async () => {
    const t = [
      "Fixes problem 1 and adds my answers.",
      "",
      "**[p1/model.py](https://example/files)**",
      "",
      "```diff",
      "@@ -6,3 +6,3 @@",
      "-        nn.init.normal_(self.emb_word.weight, mean=0.0, std=1.0)",
      "+        nn.init.normal_(self.emb_word.weight, mean=0.0, std=d_model ** -0.5)",
      "         nn.init.normal_(self.emb_pos.weight, mean=0.0, std=1.0)",
      "```",
      "",
      "**[answers/hw12.md](https://example/files)**",
      "",
      "```diff",
      "@@ -0,0 +1,4 @@",
      "+## 3(b)",
      "+",
      "+| | θe | θd |",
      "+|---|---|---|",
      "+| task loss | ✓ | ✓ |",
      "+| latent reg. | ✓ | ✗ |",
      "```",
    ].join("\n");
    const r = await grade(normalizeTranscript(t), exampleKey, tools);
    expect(part(r, "1").verdict).toBe("correct");
    expect(part(r, "3b").verdict).toBe("correct");
    expect(normalizeTranscript(t)).not.toMatch(/std=1\.0\)\n.*d_model \*\* -0\.5/);
  });
});

describe("an exporter's edit line", () => {
  it("'Edited 48 seconds later: …' replaces the line before it", async () => {
    const t = [
      "User: 3(c)?",
      "",
      "Assistant:",
      "Curve (d).",
      "Edited 48 seconds later: no wait, curve (b).",
    ].join("\n");
    expect(normalizeTranscript(t)).toContain("~~Curve (d).~~\nno wait, curve (b).");
    expect(part(await grade(normalizeTranscript(t), exampleKey, tools), "3c").answer).toBe("(b)");
  });
});

describe("a line that restates an earlier part", () => {
  it("'My answer to 3(c) stays (b)' after a revised 3(d)(ii) is 3(c)'s, not 3(d)(ii)'s", async () => {
    const t = [
      "User: 3(c) and 3(d)?",
      "",
      "Assistant: 3(c): (b). 3(d) i: (a) = 1e-3, (b) = 1e-6, (c) = 1. ii: β = 1e-6.",
      "",
      "User: are you sure about (d) ii?",
      "",
      "Assistant: (d) ii: panel (a), β = 1e-3: the classes are separated relative to their spread.",
      "",
      "My answer to 3(c) stays **(b)**.",
    ].join("\n");
    const r = await grade(t, exampleKey, tools);
    expect(part(r, "3d-ii").verdict).toBe("correct");
    expect(part(r, "3c").verdict).toBe("correct");
  });
});

describe("an assignment table whose header names the items", () => {
  it("is read by columns; two rows, two readings of equal standing, offer two answers", async () => {
    const t = (rows: string[]) =>
      [
        "User: 3(d) i?",
        "",
        "Assistant:",
        "| | Panel (a) | Panel (b) | Panel (c) |",
        "|---|---|---|---|",
        ...rows,
      ].join("\n");
    const one = part(await grade(t(["| β | 1e-3 | 1e-6 | 1e0 |"]), exampleKey, tools), "3d-i");
    expect(one.verdict).toBe("correct");
    expect(one.answer).toBe("a → β = 1e-3, b → β = 1e-6, c → β = 1e0");
    const two = part(
      await grade(
        t(["| by axis scale | 1e-3 | 1e-6 | 1e0 |", "| by cluster quality | 1e-6 | 1e-3 | 1e0 |"]),
        exampleKey,
        tools,
      ),
      "3d-i",
    );
    expect(two.verdict).toBe("ambiguous");
    expect(two.evidence).toContain("two assignments stated with equal weight");
  });
  it("a header cell that glosses its letter ('A (wide Q)'), tab-separated and in Turkish, still names the item", async () => {
    const t = [
      "User: 2(b) hangisi?",
      "",
      "Assistant:",
      "İki okuma var:",
      "",
      "Okuma\tA (geniş Q)\tB (dar Q)",
      "Ders notları\tileri KL\tters KL",
      "Bazı bloglar\tters KL\tileri KL",
    ].join("\n");
    const r = part(await grade(t, exampleKey, tools), "2b");
    expect(r.verdict).toBe("ambiguous");
    expect(r.evidence).toContain("A is given as forward and as reverse");
  });
});

describe("sentences of languages without spaces, and verb-final ones", () => {
  it("a sentence-final negation (合いません) rules out what its sentence named; an arrow inside 「」 chooses nothing", async () => {
    const t = [
      "User: 3(c)?",
      "",
      "Assistant:",
      "答え：(b)",
      "",
      "(a) や (c) のような単調な曲線や、(d) の逆U字は「小さい β で改善 → 大きい β で破綻」という挙動と合いません。",
    ].join("\n");
    const r = part(await grade(t, exampleKey, tools), "3c");
    expect(r).toMatchObject({ verdict: "correct", answer: "(b)" });
  });
  it("'(c) 的结论' names part (c)'s answer, not panel (c); '；' normalized to ';' still ends a sentence", async () => {
    const t = [
      "User: 3(d) ii?",
      "",
      "Assistant:",
      "**答案：β = 10⁻³ 的实验。**",
      "",
      "这与 (c) 的结论一致：中等强度的瓶颈泛化最好；β = 1 的隐空间各类重叠，显然最差。",
    ].join("\n");
    const r = part(await grade(t, exampleKey, tools), "3d-ii");
    expect(r).toMatchObject({ verdict: "correct", answer: "β = 1e-3" });
  });
});

describe("a β named beside a panel", () => {
  it("is the choice: the panel is the writer's own pairing ('β = 1e-6 (panel (a))' chose 1e-6)", async () => {
    for (const [line, verdict] of [
      ["ii. The β = 1e-6 experiment (panel (a)) gives the better latent space.", "incorrect"],
      ["ii. 子图 (a)，即 β = 1e-6 的实验：三个簇分得最开。", "incorrect"],
      ["ii. Panel (a): its clusters are compact and well separated.", "correct"],
    ] as const) {
      const t = ["User: 3(d) ii?", "", `Assistant: ${line}`].join("\n");
      expect(part(await grade(t, exampleKey, tools), "3d-ii").verdict, line).toBe(verdict);
    }
  });
});

describe("requests by a bare letter", () => {
  it("'y el c?' and 'y el ii?' ask parts; the options listed after are the part's; 'o sea' concludes", async () => {
    const t = [
      "User: problema 3 inciso b: cuáles términos mandan gradiente a θe y cuáles a θd?",
      "",
      "Tutor: Tarea → θe ✔ θd ✔; Regularizador → θe ✔ θd ✘",
      "",
      "User: y el c? (a) sube, (b) mínimo en β moderado y luego se dispara, (c) baja, (d) U al revés",
      "",
      "Tutor: La (b).",
      "",
      "User: el d i: asignar β a los paneles",
      "",
      "User: y el ii?",
      "",
      "Tutor: El del panel (a), bien separados. O sea el de β = 1e-3.",
    ].join("\n");
    const r = await grade(t, exampleKey, tools);
    expect(part(r, "3c").verdict).toBe("correct");
    expect(part(r, "3d-ii").verdict).toBe("correct");
    expect(part(r, "3d-ii").answer).toBe("β = 1e-3");
    // a question about an option is not a request for a part
    const pushBack = [
      "User: 3(c)?",
      "",
      "Tutor: (d).",
      "",
      "User: is it b?",
      "",
      "Tutor: yes, (b).",
    ];
    expect(part(await grade(pushBack.join("\n"), exampleKey, tools), "3b").verdict).toBe(
      "not answered",
    );
  });
});

describe("a subscript is not a part label", () => {
  it("'decoder (theta_d)' in a request for 3(b) asks for no part (d)", async () => {
    const t = [
      "**You:** problem 3(b). X -> encoder (theta_e) -> Z -> decoder (theta_d) -> Y. Which terms send gradient where?",
      "",
      "**Assistant:**",
      "| | θe | θd |",
      "|---|---|---|",
      "| Task loss | ✓ | ✓ |",
      "| Latent regularizer | ✓ | ✗ |",
    ].join("\n");
    expect(part(await grade(t, exampleKey, tools), "3b").verdict).toBe("correct");
  });
});

describe("a grid term in words the part does not know", () => {
  it("the one unnamed row of marks is the one term not yet read, in a table or on a line", async () => {
    const table = [
      "User: 3(b)?",
      "",
      "Assistant:",
      "| Člen | θe | θd | Poznámka |",
      "| --- | --- | --- | --- |",
      "| Task loss | Yes | Yes | θd priamo |",
      "| Latentný regularizér | Yes | No | iba θe |",
    ].join("\n");
    expect(part(await grade(table, exampleKey, tools), "3b").verdict).toBe("correct");
    const lines = [
      "User: 3(b)?",
      "",
      "Assistant:",
      "Task loss → θe ✅, θd ✅",
      "Латентті регуляризатор → θe ✅, θd ❌",
    ].join("\n");
    expect(part(await grade(lines, exampleKey, tools), "3b").verdict).toBe("correct");
    // two unnamed rows are the grid's two terms in the problem's order, as answers copy it
    const both = [
      "User: 3(b)?",
      "",
      "Assistant:",
      "Член А → θe ✅, θd ❌",
      "Член Б → θe ✅, θd ✅",
    ];
    expect(part(await grade(both.join("\n"), exampleKey, tools), "3b")).toMatchObject({
      verdict: "incorrect",
      answer: "task→θe ☒, task→θd ☐, regularizer→θe ☒, regularizer→θd ☒",
    });
  });
  it("a request that names no part but the grid's own columns (θe, θd) asks for that grid", async () => {
    const t = [
      "Sen:",
      "VIB sorusu: hangi terimler θe'ye, hangileri θd'ye gradyan gönderir?",
      "",
      "ChatGPT:",
      "Görev kaybı: θe ✔, θd ✔",
      "Düzenleyici: θe ✔, θd ✘",
    ].join("\n");
    expect(part(await grade(t, exampleKey, tools), "3b")).toMatchObject({
      verdict: "correct",
      answer: "task→θe ☒, task→θd ☒, regularizer→θe ☒, regularizer→θd ☐",
    });
  });
  it("a plain-text grid (a table copied as tab-separated text) under terms the part does not know", async () => {
    for (const sep of ["\t", "     "]) {
      const t = [
        "User: 3(b)?",
        "",
        "Assistant:",
        `${sep}θe${sep}θd`,
        `Член А${sep}✔${sep}✔`,
        `Член Б${sep}✔${sep}✘`,
      ].join("\n");
      expect(part(await grade(t, exampleKey, tools), "3b"), JSON.stringify(sep)).toMatchObject({
        verdict: "correct",
        answer: "task→θe ☒, task→θd ☒, regularizer→θe ☒, regularizer→θd ☐",
      });
    }
  });
  it("a table's unnamed rows are the grid, whatever lines of prose walked through its cells before it", async () => {
    const t = [
      "User: 3(b)?",
      "",
      "Assistant:",
      "Člen A závisí na θd → gradient do θd ✅",
      "Člen A závisí na θe přes z → gradient do θe ✅",
      "Člen B závisí jen na μ, σ → gradient do θe ✅",
      "",
      "| | θe | θd |",
      "|---|---|---|",
      "| Člen A | ☑ | ☑ |",
      "| Člen B | ☑ | ☐ |",
    ].join("\n");
    expect(part(await grade(t, exampleKey, tools), "3b")).toMatchObject({
      verdict: "correct",
      answer: "task→θe ☒, task→θd ☒, regularizer→θe ☒, regularizer→θd ☐",
    });
  });
});

describe("readers of text copied from chat pages", () => {
  it("under a section's title, an answer opening with one option chose it; the others after it are discussed, and empty boxes offer", async () => {
    const reply = (body: string[]) =>
      ["User: 3(d) ii?", "", "Assistant:", "ii. 予測に良い潜在空間", "", ...body].join("\n");
    const opened = reply([
      "β = 10⁻³ の実験(パネル (a))です。",
      "β = 10⁻⁶(パネル b)はクラス内のばらつきが大きい。β = 1(パネル c)はクラスが重なります。",
    ]);
    expect(part(await grade(opened, exampleKey, tools), "3d-ii").answer).toBe("β = 1e-3");
    const boxes = reply([
      "[ ] β = 1e-6",
      "[ ] β = 1e-3",
      "[ ] β = 1",
      "TODO: ask before picking one",
    ]);
    expect(part(await grade(boxes, exampleKey, tools), "3d-ii").verdict).not.toBe("correct");
    expect(part(await grade(boxes, exampleKey, tools), "3d-ii").verdict).not.toBe("incorrect");
  });
  it("a distribution defined in prose of another script is read by the notation in its first clause ('区間 [0, 1] 上の一様分布 U(0,1)'), not by one inside an aside", async () => {
    const t = (p: string) =>
      [
        "User: 2(a)?",
        "",
        "Assistant:",
        `**P**: ${p}`,
        "**Q**: 区間 [0, 2] 上の一様分布 U(0,2)",
        "D_KL(P‖Q) = log 2 は有限、D_KL(Q‖P) = ∞。",
      ].join("\n");
    expect(
      part(await grade(t("区間 [0, 1] 上の一様分布 U(0,1)"), exampleKey, tools), "2a").verdict,
    ).toBe("correct");
    // a notation inside the aside's brackets describes something else
    const aside = part(await grade(t("半正規分布 (|X|、X ~ N(0,1))"), exampleKey, tools), "2a");
    expect(aside.answer).not.toContain("N(");
  });
  it("a uniform named in the answer's own language, then its interval, is read ('für P eine Gleichverteilung auf [0, 1]', 'P uniforme su [0, 1]', 'P — равномерное распределение на [0, 1]')", async () => {
    const t = (p: string, q: string) =>
      ["User: 2(a)?", "", "Assistant:", `${p} ${q}`, "D_KL(P‖Q) = log 2, D_KL(Q‖P) = ∞."].join(
        "\n",
      );
    for (const [p, q] of [
      [
        "Nimm für P eine Gleichverteilung auf [0, 1]",
        "und für Q eine Gleichverteilung auf [0, 2].",
      ],
      ["Prendiamo P uniforme su [0, 1]", "e Q uniforme su [0, 2]."],
      ["P — равномерное распределение на [0, 1],", "Q — равномерное распределение на [0, 2]."],
    ]) {
      const g = part(await grade(t(p!, q!), exampleKey, tools), "2a");
      expect(g.verdict, p).toBe("correct");
      expect(g.answer, p).toBe("P = U(0, 1); Q = U(0, 2)");
    }
  });
  it("a table copied as tab-separated text pairs each row's item with its value ('A<TAB>幅広く…<TAB>順方向 KL')", async () => {
    const t = [
      "User: 2(b)?",
      "",
      "Assistant:",
      "プロット\tQ の形\t最小化したもの",
      "A\t幅広く両方の山を覆う\t順方向 KL D_KL(P‖Q)",
      "B\t細く片方の山に乗る\t逆方向 KL D_KL(Q‖P)",
    ].join("\n");
    expect(part(await grade(t, exampleKey, tools), "2b").answer).toBe("A → forward, B → reverse");
  });
});

describe("grid lines that pair a term and a column with an arrow", () => {
  it("'☒ latent regularizer → θe ☐ latent regularizer → θd': each mark goes to its arrow's column", async () => {
    const t = [
      "User: 3(b)?",
      "",
      "Assistant:",
      "☒ task loss → θe ☒ task loss → θd",
      "☒ latent regularizer → θe ☐ latent regularizer → θd",
    ].join("\n");
    const r = part(await grade(t, exampleKey, tools), "3b");
    expect(r.verdict).toBe("correct");
    expect(r.answer).toBe("task→θe ☒, task→θd ☒, regularizer→θe ☒, regularizer→θd ☐");
  });
});

describe("discrete distributions given as tables", () => {
  const ask = ["User: 2(a)?", "", "Assistant: discrete, on {1, 2, 3}:", ""];
  it("a row per distribution or a column per distribution reads as Cat(…)", async () => {
    const rows = [
      ...ask,
      "| x | 1 | 2 | 3 |",
      "|---|---|---|---|",
      "| P(x) | 1/2 | 1/2 | 0 |",
      "| Q(x) | 1/3 | 1/3 | 1/3 |",
      "",
      "D(P||Q) = log(3/2) is finite; D(Q||P) = ∞ because Q(3) > 0 = P(3).",
    ].join("\n");
    const a = part(await grade(rows, exampleKey, tools), "2a");
    expect(a.verdict).toBe("correct");
    expect(a.answer).toContain("P = Cat(1: 1/2, 2: 1/2, 3: 0)");
    const columns = [
      ...ask,
      "| x | $P(x)$ | $Q(x)$ |",
      "|---|---|---|",
      "| 1 | 0.5 | 0.25 |",
      "| 2 | 0.5 | 0.25 |",
      "| 3 | 0 | 0.5 |",
    ].join("\n");
    const b = part(await grade(columns, exampleKey, tools), "2a");
    expect(b.verdict).toBe("correct");
    expect(b.evidence).toMatch(/KL\(P\|\|Q\) = 0\.6931/);
  });
  it("value by value on a line, chains included: 'P(X=1)=1, P(X=0)=0', 'Q(X=1)=Q(X=0)=\\tfrac12'", async () => {
    const t = [
      ...ask,
      "$P$: $P(X=1)=1,\\ P(X=0)=0$ (a point mass)",
      "$Q$: $Q(X=1)=Q(X=0)=\\tfrac12$ (a fair coin)",
      "",
      "D(P||Q) = log 2; D(Q||P) = ∞ since Q puts mass on 0 where P has none.",
    ].join("\n");
    const a = part(await grade(t, exampleKey, tools), "2a");
    expect(a).toMatchObject({
      verdict: "correct",
      answer: "P = Cat(1: 1, 0: 0); Q = Cat(1: 1/2, 0: 1/2)",
    });
  });
  it("value by value without 'X =' ('P(0) = 1, P(1) = 0'), two values at least: 'P(3) = 0' alone is a remark", async () => {
    const t = [
      ...ask,
      "P: P(0) = 1, P(1) = 0",
      "Q: Q(0) = 1/2, Q(1) = 1/2",
      "",
      "D(Q||P) = ∞.",
    ].join("\n");
    expect(part(await grade(t, exampleKey, tools), "2a").answer).toBe(
      "P = Cat(0: 1, 1: 0); Q = Cat(0: 1/2, 1: 1/2)",
    );
    const remark = [
      ...ask,
      "P = (1/2, 1/2, 0), Q = (1/3, 1/3, 1/3) on {1, 2, 3}; note P(3) = 0.",
      "D(P||Q) = log(3/2); D(Q||P) = ∞.",
    ].join("\n");
    expect(part(await grade(remark, exampleKey, tools), "2a").verdict).toBe("correct");
  });
});

describe("'Final answer:' lines", () => {
  it("a bold 'Final answer:' followed by text answers the part it stands in, not a summary", async () => {
    const t = [
      "# My answers",
      "",
      "## Problem 2(a)",
      "",
      "**Final answer:** discrete, on {1, 2, 3}:",
      "",
      "| x | 1 | 2 | 3 |",
      "|---|---|---|---|",
      "| P(x) | 1/2 | 1/2 | 0 |",
      "| Q(x) | 1/3 | 1/3 | 1/3 |",
      "",
      "## 3(a)",
      "",
      "**Final answer:**",
      "",
      "Z = μ(x) + σ(x)·V: a multiplier forms σ(x)·V, an adder adds μ(x).",
    ].join("\n");
    const r = await grade(t, exampleKey, tools);
    expect(part(r, "2a").verdict).toBe("correct");
    expect(part(r, "3a").verdict).toBe("correct");
    expect(part(r, "3a").answer).toMatch(/^Z = μ\(x\)/);
  });
});

describe("options named by a noun and a letter", () => {
  it("a noun that ends in a letter is set apart from its label: 'diagrama', 'figura' name no option (a)", async () => {
    const declined = "User: 3(c)?\nAssistant: Não consigo ver o diagrama nem a figura.\n";
    expect(part(await grade(declined, exampleKey, tools), "3c").verdict).toBe("not answered");
    for (const named of ["curve (b)", "curve(b)", "curve b", "图(b)"]) {
      const t = `User: 3(c)?\nAssistant: The answer is ${named}.\n`;
      expect(part(await grade(t, exampleKey, tools), "3c").answer).toBe("(b)");
    }
  });
});

describe("gradients written as equations", () => {
  it("a loss named by a word before its subscript ('∂loss_task/∂θe', '∂Verlust_KL/∂θd')", async () => {
    for (const loss of ["L", "loss", "Verlust"]) {
      const t = `3(b)\n∂${loss}_task/∂θe ≠ 0, ∂${loss}_task/∂θd ≠ 0, ∂${loss}_KL/∂θe ≠ 0, ∂${loss}_KL/∂θd = 0\n`;
      expect(part(await grade(t, exampleKey, tools), "3b").verdict).toBe("correct");
    }
  });
});

describe("the chosen option among several named", () => {
  it("the one option in bold is the answer; the Devanagari danda ends a sentence", async () => {
    const bold =
      "3(d)(ii) Of the three, the clusters of **β = 1e-3** (panel (a)) are the most separated. β = 1e-6 spreads wide. β = 1 overlaps.\n";
    const r = await grade(bold, exampleKey, tools);
    expect(part(r, "3d-ii").verdict).toBe("correct");
    expect(part(r, "3d-ii").evidence).toMatch(/the only option in bold/);
    const hindi =
      "3(d)(ii) β = 1e-3 वाला experiment। β = 1e-6 में फैलाव ज़्यादा है, और β = 1 में overlap है।\n";
    const h = await grade(hindi, exampleKey, tools);
    expect(part(h, "3d-ii").verdict).toBe("correct");
  });
});

describe("pleasantries are not answers", () => {
  it("a reply of small talk after a request for a part leaves it not answered, not unreadable", async () => {
    const t =
      "User: and 3(d)(ii)? actually I'll do that one myself\n\nAssistant: Sounds good, good luck with the lab!\n";
    const r = await grade(t, exampleKey, tools);
    expect(part(r, "3d-ii").verdict).toBe("not answered");
    // a short reply with an answer in it is read
    const u = "User: and 3(d)(ii)?\n\nAssistant: β = 1e-3, I think.\n";
    expect(part(await grade(u, exampleKey, tools), "3d-ii").verdict).toBe("correct");
  });
});

describe("a marked answer sheet", () => {
  it("'Student answer:' labels the answering side; the student's name field is no turn", async () => {
    const t = [
      "Student: Jonah Okafor      ID: 2231907",
      "",
      "PROBLEM 3",
      "",
      "(c) Student answer:",
      "  Curve (b): lowest error at a moderate β, then it shoots up.",
      "",
      "(d) Student answer:",
      "  ii. β = 1e-6, the clusters are widest.",
    ].join("\n");
    const r = await grade(t, exampleKey, tools);
    expect(part(r, "3c").verdict).toBe("correct");
    expect(part(r, "3d-ii").verdict).toBe("incorrect");
  });
});

describe("a distribution named in another script before its notation", () => {
  it("'P = 一様分布 U(0, 1)' reads as U(0, 1)", async () => {
    const t = "問題2\n\n(a) P = 一様分布 U(0, 1), Q = 一様分布 U(0, 2).\n";
    const r = await grade(t, exampleKey, tools);
    expect(part(r, "2a").verdict).toBe("correct");
  });
});

describe("requests that paraphrase a part instead of naming it", () => {
  it("an answer page whose headings are the queries: each answer goes to the part its query paraphrases", async () => {
    const t = [
      "# why does my tied-embedding transformer start with a huge loss",
      "",
      "**Sources**",
      "",
      "[1] some blog",
      "",
      "Scale line 9 down: `nn.init.normal_(self.emb_word.weight, std=d_model ** -0.5)`.",
      "",
      "## Which validation error curve against increasing beta do you expect for the VIB on MNIST?",
      "",
      "**Sources**",
      "",
      "[1] a paper",
      "",
      "**Curve (d).** It rises and then falls.",
      "",
      "## VIB: draw Z from mu, sigma and the noise V",
      "",
      "**Sources**",
      "",
      "**(a)** Z = μ(x) + σ(x)·V: V and σ(x) into a multiplier, its output and μ(x) into an adder.",
    ].join("\n");
    const r = await grade(t, exampleKey, tools);
    expect(part(r, "1").verdict).toBe("correct");
    // the query names no part: its words are 3(c)'s, so the reply's choice is 3(c)'s
    expect(part(r, "3c").answer).toBe("(d)");
    expect(part(r, "3c").verdict).toBe("incorrect");
    // a query about another problem is a new request, not a follow-up on 3(c)
    expect(part(r, "3a").verdict).toBe("correct");
  });

  it("a keyword counts as a whole word only ('Klopt' does not name the KL problem)", async () => {
    const t = [
      "Jij zei:",
      "3c: welke curve geeft de validatiefout bij oplopende β?",
      "",
      "Copilot zei:",
      "Antwoord: (d).",
      "",
      "Jij zei:",
      "Bij β ≈ 1e-3 is de fout het laagst. Klopt (d) dan wel?",
      "",
      "Copilot zei:",
      "Je hebt gelijk, ik corrigeer mijn antwoord naar (b).",
    ].join("\n");
    expect(part(await grade(t, exampleKey, tools), "3c").verdict).toBe("correct");
  });
  it("a question in words the problem set does not hold, with its options pasted under empty boxes, asks the part with that many options", async () => {
    const t = [
      "Sinä sanoit:",
      "Tehtävä 2 (a): anna P ja Q, joilla D_KL(P||Q) on äärellinen ja D_KL(Q||P) ääretön.",
      "",
      "ChatGPT sanoi:",
      "P = U(0, 1), Q = U(0, 2).",
      "",
      "Sinä sanoit:",
      "Hyvä. Nyt tämä:",
      "",
      "MNIST-luokittelu, validointivirhe kun β kasvaa. Mikä käyrä?",
      "☐ (a) nousee tasaisesti",
      "☐ (b) matala ja tasainen pienellä β:lla, pienin kohtuullisella β:lla, sitten jyrkkä nousu",
      "☐ (c) laskee tasaisesti",
      "☐ (d) nousee, sitten laskee",
      "",
      "ChatGPT sanoi:",
      "Vastaus: (a) — virhe nousee tasaisesti, koska jokainen β > 0 vain poistaa tietoa.",
    ].join("\n");
    const r = await grade(t, exampleKey, tools);
    expect(part(r, "2a").verdict).toBe("correct");
    // four boxed options: only 3(c) has four; the reply's "(a)" is its option, not part 3(a)
    expect(part(r, "3c")).toMatchObject({ verdict: "incorrect", answer: "(a)" });
    expect(part(r, "3a").verdict).toBe("not answered");
  });
});

describe("a request that names a problem of one part", () => {
  it("'pasted problem 1 … what's the bug?' asks part 1, so an unlabelled reply answers it", async () => {
    const t = [
      "User: pasted problem 1 from my homework. What's the bug and how do I fix it?",
      "",
      "Assistant: ## The bug",
      "",
      "Line 9 is also the head's initialisation. Use `nn.init.normal_(self.emb_word.weight, std=d_model ** -0.5)`.",
    ].join("\n");
    expect(part(await grade(t, exampleKey, tools), "1").verdict).toBe("correct");
  });
  it("a reply naming other problems by number only is small talk: the part stays not answered", async () => {
    const t =
      "[06/12/2026, 10:41:03] Ana: problem 1 I did myself, no need.\n[06/12/2026, 10:41:09] Bot: Sure! Send me 2 and 3.\n";
    expect(part(await grade(t, exampleKey, tools), "1").verdict).toBe("not answered");
  });
});

describe("a messaging export: a timestamp line, the sender's name, the message", () => {
  it("names under timestamps are senders; a friend answering is the answering side; bubbles in a row are one reply", async () => {
    const t = [
      "Dec 05, 2025 10:41:17 PM",
      "Me",
      "u up",
      "",
      "Dec 05, 2025 10:41:22 PM",
      "Me",
      "what did you put for 3b",
      "",
      "Dec 05, 2025 10:43:50 PM (Read by you after 11 seconds)",
      "Tanvir",
      "ok so",
      "",
      "Dec 05, 2025 10:43:52 PM (Read by you after 9 seconds)",
      "Tanvir",
      "task loss → θe ☒, task loss → θd ☒, regularizer → θe ☒, regularizer → θd ☐",
    ].join("\n");
    const r = await grade(t, exampleKey, tools);
    expect(part(r, "3b").verdict).toBe("correct");
  });
});

describe("a bot's display name and a request listing its options", () => {
  it("'ChatGPT | GPT-4o 🤖' is ChatGPT; '(c): which curve?' then '(a) …' '(b) …' lines asks (c) only", async () => {
    const t = [
      "**Ana:**",
      "",
      "Problem 3 (a): draw Z from μ, σ and V.",
      "",
      "**ChatGPT | GPT-4o 🤖:**",
      "",
      "Z = μ + σ·V: a multiplier, then an adder.",
      "",
      "**Ana:**",
      "",
      "thanks. Now (c): which curve shows the validation error against β?",
      "(a) rises steadily",
      "(b) low and flat, lowest at a moderate β, then shoots up",
      "(c) falls steadily",
      "",
      "**ChatGPT | GPT-4o 🤖:**",
      "",
      "Answer: curve (a).",
    ].join("\n");
    const r = await grade(t, exampleKey, tools);
    expect(part(r, "3c").answer).toBe("(a)");
    expect(part(r, "3c").verdict).toBe("incorrect");
    const labels = [...parseTranscript(t, homework).segmentation.labels.values()];
    expect(labels.filter((l) => l.role === "model").map((l) => l.name)).toEqual([
      "chatgpt",
      "chatgpt",
    ]);
  });
});

describe("a JSON reply's flags and an explanation after ticked boxes", () => {
  it("nested flags read as boxes by their path; 'q(y|z)' in the explanation is no table row, its 'no' no box", async () => {
    const reply = JSON.stringify({
      "3b": {
        task_loss: { theta_e: true, theta_d: true },
        latent_regularizer: { theta_e: true, theta_d: false },
        explanation:
          "-log q(y|z) depends on theta_d directly and on theta_e through z. The KL is a function of mu(x), sigma(x) only, so it gives no gradient to theta_d.",
      },
    });
    const log = [
      JSON.stringify({ request: { messages: [{ role: "user", content: "Problem 3 (b)?" }] } }),
      JSON.stringify({
        response: { choices: [{ message: { role: "assistant", content: reply } }] },
      }),
    ].join("\n");
    const { text } = await fromExport(log);
    expect(text).toContain("task loss → theta e: ☒");
    const r = await grade(text, exampleKey, tools);
    expect(part(r, "3b").verdict).toBe("correct");
  });
});

describe("notes: front matter and callouts", () => {
  it("front matter is no speech; a callout's title is its header ('ChatGPT — (a)' opens (a)), its lines plain text", async () => {
    const t = [
      "---",
      "created: 2025-12-05 10:14",
      "updated: 2025-12-06 23:02",
      "tags: [dl, hw12]",
      "---",
      "",
      "## Problem 2",
      "",
      "> [!question]- Statement 2(a), 2(b)",
      "> (a) Give univariate P and Q with KL(P||Q) finite and KL(Q||P) infinite.",
      "",
      "> [!quote]+ ChatGPT — (a)",
      "> Take P = U(0, 1) and Q = U(0, 2).",
      "",
      "> [!quote]+ ChatGPT (after I told it to read the axes of Figure 4 again)",
      "> 3(d) ii. β = 1e-3.",
    ].join("\n");
    const r = await grade(t, exampleKey, tools);
    expect(part(r, "2a").verdict).toBe("correct");
    expect(part(r, "3d-ii").verdict).toBe("correct");
    const labels = [
      ...parseTranscript(normalizeTranscript(t), homework).segmentation.labels.values(),
    ];
    expect(labels.map((l) => l.name)).toEqual(["chatgpt", "chatgpt"]);
  });
});

describe("problem 1: a fix in the embedding lookup's output", () => {
  it("'line 9 stays, x = self.emb_word(tokens) * math.sqrt(self.d_model)' leaves the head at std 1: incorrect", async () => {
    const t = [
      "User: problem 1, whats the fix",
      "",
      "Assistant: line 9 stays as it is and in forward you do",
      "x = self.emb_word(tokens) * math.sqrt(self.d_model) + self.emb_pos(pos)",
    ].join("\n");
    const r = await grade(t, exampleKey, tools);
    expect(part(r, "1").verdict).toBe("incorrect");
    expect(part(r, "1").evidence).toMatch(/std = 1 .*lookup's output scaled/);
  });
});

describe("a reasoning model's quoted thoughts, then a one-paragraph summary", () => {
  it("reads the summary's clauses as the parts, however they are punctuated, not the thoughts", async () => {
    const t = [
      "**用户：**",
      "",
      "第 2 题和第 3 题，最后给一个答案汇总。",
      "",
      "**DeepSeek：**",
      "",
      "> 已深度思考（用时 23 秒）",
      ">",
      "> 3(c)：选 (d)。",
      ">",
      "> 3(d)：面板 (a) 最干净，应该是 1e-6。",
      "",
      "**答案汇总：** 2(b) 图 A 对应前向 KL，图 B 对应反向 KL；3(c) 选 (b)；3(d) i. 面板 (a) 对应 β = 1e-3，面板 (b) 对应 β = 1e-6，面板 (c) 对应 β = 1；ii. β = 1e-3（面板 (a)）最适合预测，而 (b) 类内太散。",
    ].join("\n");
    const r = await grade(normalizeTranscript(t), exampleKey, tools);
    expect(part(r, "2b").verdict).toBe("correct");
    expect(part(r, "3c").answer).toBe("(b)");
    expect(part(r, "3d-i").verdict).toBe("correct");
    // the choice word follows the option it qualifies; the option after it is another clause's
    expect(part(r, "3d-ii")).toMatchObject({ verdict: "correct", answer: "β = 1e-3" });
  });

  it("keeps a whole turn quoted in a blog post as the answer, its thinking-time line aside", async () => {
    const t = [
      "User: 3(c)?",
      "",
      "> Thought for 9 s",
      ">",
      "> The answer is (b): low at small β, lowest at a moderate one, then up.",
    ].join("\n");
    const r = await grade(t, exampleKey, tools);
    expect(part(r, "3c")).toMatchObject({ verdict: "correct" });
    expect(part(r, "3c").evidence).not.toMatch(/reasoning/);
  });
});

describe("a Le Chat answer in French with its recap table", () => {
  it("reads the thinking time, grid terms by a shared word and elimination, and the recap as the last word", async () => {
    const t = [
      "**Vous :**",
      "",
      "Aide pour 2(b) et 3(b).",
      "",
      "**Le Chat :**",
      "",
      "> Réflexion · 14 s",
      ">",
      "> 2(b) : directe = couvre la masse.",
      "",
      "## Problème 2(b)",
      "",
      "Graphique A ↔ KL directe, Q couvre la masse ; graphique B ↔ KL inverse, un seul mode.",
      "",
      "## Problème 3(b) — Flux de gradient",
      "",
      "- Tâche → θe : ☒",
      "- Tâche → θd : ☒",
      "- Régularisateur → θe : ☒",
      "- Régularisateur → θd : ☐",
      "",
      "## Récapitulatif",
      "",
      "| Question | Réponse |",
      "|---|---|",
      "| 2(b) | A : KL inverse ; B : KL directe |",
      "| 3(b) | Tâche : θe ☒, θd ☒ — Régularisateur : θe ☒, θd ☐ |",
    ].join("\n");
    const r = await grade(t, exampleKey, tools);
    // the recap swaps A and B: the last committed answer counts
    expect(part(r, "2b").verdict).toBe("incorrect");
    expect(part(r, "3b")).toMatchObject({
      verdict: "correct",
      answer: "task→θe ☒, task→θd ☒, regularizer→θe ☒, regularizer→θd ☐",
    });
    expect(part(r, "3b").evidence).toMatch(/line 27/);
  });

  it("a guess given up before the answer is not a second option", async () => {
    const r = await grade(
      "User: 3(c)?\nAssistant: Curve (b). I first thought (d), but for large β the error shoots up.",
      exampleKey,
      tools,
    );
    expect(part(r, "3c")).toMatchObject({ verdict: "correct", answer: "(b)" });
  });
});

describe("a Discord bot's reply", () => {
  it("opens with the option in bold, and names panels by their position and axes", async () => {
    const t = [
      "priya.s — Today at 10:04 PM",
      "@StudyBot 3(c): which validation error vs β curve is right?",
      "StudyBot",
      "APP",
      " — Today at 10:04 PM",
      "**(d)** — the upside-down U.",
      "maya.k — Today at 10:15 PM",
      "@StudyBot 3(d) i. which β is which plot?",
      "StudyBot",
      "APP",
      " — Today at 10:15 PM",
      "• first plot (≈ ±1.5, clean clusters) → β = 1e-6",
      "• second plot (≈ −3..7, spread out) → β = 1e-3",
      "• third plot (≈ ±0.15, overlapping) → β = 1",
    ].join("\n");
    const r = await grade(normalizeTranscript(t), exampleKey, tools);
    expect(part(r, "3c")).toMatchObject({ verdict: "incorrect", answer: "(d)" });
    expect(part(r, "3d-i")).toMatchObject({
      verdict: "incorrect",
      answer: "a → β = 1e-6, b → β = 1e-3, c → β = 1e0",
    });
    // "**(d)** i." in the same kind of reply is still part 3(d)
    const both = "User: 3(c)?\nAssistant: Curve (b).\n\n**(d)** i. a → 1e-3, b → 1e-6, c → 1";
    expect(part(await grade(both, exampleKey, tools), "3c").answer).toBe("(b)");
  });
});

describe("a score where an explanation would be", () => {
  it("does not replace the explanation given before it", async () => {
    const t = [
      "User: 3(a)?",
      "Assistant: Multiply σ(x) by V, then add μ(x): Z = μ(x) + σ(x)·V.",
      "User: and 3(c)?",
      "Assistant: Curve (b).",
      "",
      "| Question | Grade |",
      "|---|---|",
      "| 3(a) | 1 |",
    ].join("\n");
    const r = await grade(t, exampleKey, tools);
    expect(part(r, "3a").verdict).toBe("correct");
    expect(part(r, "3a").answer).toMatch(/^Multiply/);
  });
});

describe("a request that states a choice, then pastes the next part", () => {
  it("'i.' and 'ii.' in the reply are that part's sub-parts", async () => {
    const t = [
      "You:",
      "Problem 3, part (c): which curve?",
      "",
      "Copilot:",
      "I'd go with (c): validation error falls steadily as beta increases.",
      "",
      "You:",
      "ok going with (c). Last one:",
      "",
      "  (d) [4 pts] Figure 4 shows the latent embeddings. Hint: read the axis scales.",
      "      i.  Assign a beta to each panel.",
      "      ii. Which experiment gives the better latent space for prediction?",
      "",
      "Copilot:",
      "i. panel (b) -> beta = 1e-6, panel (a) -> beta = 1e-3, panel (c) -> beta = 1e0",
      "",
      "ii. beta = 1e-3 (panel (a)).",
    ].join("\n");
    const r = await grade(t, exampleKey, tools);
    expect(part(r, "3d-i").verdict).toBe("correct");
    expect(part(r, "3d-ii").verdict).toBe("correct");
  });
});

describe("a Gemini export in Spanish with folded thinking and a push-back on (c)", () => {
  it("reads the fold as thinking, 'el modelo' as no name, and 'la c)' as the part asked about", async () => {
    const t = [
      "# Conversación con Gemini",
      "> Modelo: 2.5 Flash",
      "",
      "## 👤 Tú",
      "",
      "3(c): ¿qué curva?",
      "",
      "## 🤖 Gemini",
      "",
      "<details><summary>Mostrar razonamiento</summary>",
      "",
      "Con β grande el posterior colapsa. Eso no es la (b), creo que es la (a).",
      "",
      "</details>",
      "",
      "**c) Respuesta: (b).** Con β grande domina el término KL y el error se dispara.",
      "",
      "## 👤 Tú",
      "",
      "¿Seguro de la c)? En mis apuntes la curva buena es la U invertida, la (d).",
      "",
      "## 🤖 Gemini",
      "",
      "Tienes razón, disculpa la confusión: la respuesta correcta es la **(d)** y el modelo generaliza mejor.",
    ].join("\n");
    const r = await grade(normalizeTranscript(t), exampleKey, tools);
    expect(part(r, "3c")).toMatchObject({ verdict: "incorrect", answer: "(d)" });
    expect(part(r, "3c").evidence).not.toMatch(/the person judged/);
  });
});

describe("an evaluation harness's dump", () => {
  it("reads each record's question and model answer, not the extractor's field; a cut-off answer chooses nothing", async () => {
    const yaml = [
      "run:",
      "  model: some-model",
      "samples:",
      '  - part: "3c"',
      "    question: Which validation error vs beta curve is right for MNIST?",
      "    model_answer: |",
      "      Large beta collapses the posterior, so the error shoots up: curve (b).",
      '    extracted_answer: "d"',
      '  - part: "3d-ii"',
      "    question: Which experiment gives the better latent space for prediction?",
      "    model_answer: |",
      "      To decide which latent space is better we need to consider what the decoder does",
      "      with a noisy sample of z, so what matters is how the separation between classes",
      "      compares with the spread inside each class, after the noise has been added to it.",
      "      Let us look at each of the three panels in turn. In panel (b) the",
      '    extracted_answer: "b"',
      "    finish_reason: length",
    ].join("\n");
    const { text } = await fromExport(yaml, "dump.yaml");
    const r = await grade(text, exampleKey, tools);
    expect(part(r, "3c")).toMatchObject({ verdict: "correct", answer: "(b)" });
    expect(part(r, "3d-ii").verdict).toBe("not answered");
  });
});

describe("a study group's chat copied with '[weekday time] Name' headers", () => {
  it("reads each header as a speaker, and a reply opening with a plain option as that option", async () => {
    const t = [
      "[di 21:25] Fatima El Idrissi",
      "En 3c, de curve van validatiefout tegen β?",
      "Ik twijfel tussen b en d, welke is het?",
      "",
      "[di 21:28] Daan Jansen (student-assistent)",
      "(d), de omgekeerde U. Bij heel kleine β overfit het model.",
      "",
      "[di 21:30] Sanne de Vries",
      "Weet je het zeker? Ik had juist (b).",
      "",
      "[di 21:33] Daan Jansen (student-assistent)",
      "Ja, ik blijf bij (d).",
    ].join("\n");
    const r = await grade(t, exampleKey, tools);
    expect(part(r, "3c")).toMatchObject({ verdict: "incorrect", answer: "(d)" });
    expect(part(r, "3d-i").verdict).toBe("not answered");
  });
});

describe("an answer that opens with its option", () => {
  it("has given it; an option it dismisses after is discussed, and a quoted line alone is no opening", async () => {
    const t =
      "User: ¿y la 3c?\nAssistant: la (b). con β grande la KL se come todo y el error se dispara. la (d) sería al revés, no tiene sentido";
    expect(part(await grade(t, exampleKey, tools), "3c")).toMatchObject({
      verdict: "correct",
      answer: "(b)",
    });
    const quoted = "User: 3(c)?\nAssistant: is (d) imo\n\nIt's **(b)**: lowest at a moderate β.";
    expect(part(await grade(quoted, exampleKey, tools), "3c").answer).toBe("(b)");
  });
  it("an answer opening with its own part's letter ('**(c) Curve (b).**' for 3(c)) chooses the option after it; '(c) falls steadily' is option (c)", async () => {
    const labelled =
      "User: 3(c)?\nAssistant: **(c) Curve (b).**\nLowest at a moderate β, then it shoots up.";
    expect(part(await grade(labelled, exampleKey, tools), "3c").answer).toBe("(b)");
    const option = "User: 3(c)?\nAssistant: (c), it falls steadily as β grows.";
    expect(part(await grade(option, exampleKey, tools), "3c").answer).toBe("(c)");
  });
  it("a closing 'β = 1e-3 or β = 1e-6, depending on the criterion' offers both: ambiguous; a question offers nothing, a stated answer stands", async () => {
    const hedge =
      "User: 3(d) ii?\nAssistant: It depends on what you value.\nβ = 1e-3 or β = 1e-6, depending on the criterion.";
    expect(part(await grade(hedge, exampleKey, tools), "3d-ii").verdict).toBe("ambiguous");
    const asked =
      "User: 3(d) ii?\nAssistant: β = 1e-3 or β = 1e-6? **β = 1e-3**: compact, separated clusters.";
    expect(part(await grade(asked, exampleKey, tools), "3d-ii").answer).toBe("β = 1e-3");
    const stated =
      "User: 3(d) ii?\nAssistant: Answer: β = 1e-3. Both β = 1e-6 or β = 1 would be worse.";
    expect(part(await grade(stated, exampleKey, tools), "3d-ii").answer).toBe("β = 1e-3");
  });
  it("an explanation part the model declines to answer ('no puedo ver la imagen') is not answered, not incorrect", async () => {
    const t =
      "User: 3(a): dibuja el diagrama de bloques.\nAssistant: Necesitaría ver la Figura 3; no puedo ver la imagen. Si me la describes, te ayudo.";
    expect(part(await grade(t, exampleKey, tools), "3a").verdict).toBe("not answered");
  });
  it("a review's counter-examples: a stated or opening choice stands beside 'both' and 'or' sentences, and a hedged '(c)' is option (c)", async () => {
    const cases: [string, string][] = [
      ["Curve (b). Curves (a) or (c) are monotone, so they cannot be it.", "(b)"],
      ["The best is (b), because both (a) and (c) are monotone.", "(b)"],
      ["The best is (b): both (a) and (c) are monotone.", "(b)"],
    ];
    for (const [answer, want] of cases)
      expect(
        part(await grade(`User: 3(c)?\nAssistant: ${answer}`, exampleKey, tools), "3c").answer,
        answer,
      ).toBe(want);
    const hedged = "User: 3(c)?\nAssistant: (c) looks plausible to me. (a) also could work though.";
    expect(part(await grade(hedged, exampleKey, tools), "3c").answer).not.toBe("(a)");
    // a mass that is only the start of an expression reads nothing
    const expr = "User: 2(a)?\nAssistant: P(X=0) = p, P(X=1) = 1-p and Q = U(0, 1).";
    expect(part(await grade(expr, exampleKey, tools), "2a").answer).not.toMatch(/Cat/);
  });
  it("a comparative denied ('no better separated') chooses nothing: the stated answer stands", async () => {
    const t = [
      "User: 3(d) ii?",
      "Assistant: **Answer: β = 10⁻³ (panel (a)).**",
      "Panel (b), β = 10⁻⁶: the spread inside each class is huge, so the classes are no better separated relative to their size.",
    ].join("\n");
    expect(part(await grade(t, exampleKey, tools), "3d-ii").answer).toBe("β = 1e-3");
  });
  it("options named together with 'both' after a choice word are offered, not chosen; 'both' before the choice is not", async () => {
    const hedge =
      "User: 3(c)?\nAssistant: 所以答案取决于实验设置，(b) 和 (d) 两种形状都有可能出现。";
    expect(part(await grade(hedge, exampleKey, tools), "3c").verdict).toBe("ambiguous");
    const chosen = "User: 3(c)?\nAssistant: Both (a) and (c) are monotone, so the answer is (b).";
    expect(part(await grade(chosen, exampleKey, tools), "3c").answer).toBe("(b)");
  });
  it("choices each made under a condition ('if …, the answer is …'), in any language, leave the part ambiguous; a plain choice after them stands", async () => {
    const hedges: [string, string][] = [
      [
        "3d-ii",
        "- If the course means separation, the answer is **β = 10⁻⁶**.\n- If it means the trade-off, the answer is **β = 10⁻³**.",
      ],
      [
        "3d-ii",
        "So: β = 10⁻⁶ if the question is about the figure, β = 10⁻³ if it is about generalisation.",
      ],
      // the condition opens the line; the option closes its last clause
      [
        "3c",
        "Se l'asse parte da β molto piccoli: l'errore è basso; per β grandi schizza su → curva (b).\n\nSe invece l'asse parte da β moderati (ad es. da 10⁻³ in su): l'errore cresce → curva (a).",
      ],
      // one option under a condition, then a chosen one under another
      [
        "3c",
        "Jika sumbu dimulai dari nilai kecil, bentuk yang diharapkan (b).\nJika sumbu dimulai dari 10⁻², maka kurvanya seperti (a).",
      ],
    ];
    for (const [id, answer] of hedges) {
      const r = part(await grade(`User: ${id}?\nAssistant: ${answer}`, exampleKey, tools), id);
      expect(r.verdict, answer).toBe("ambiguous");
    }
    const decided =
      "User: 3d-ii?\nAssistant: If you only look at the figure, β = 10⁻⁶ is the best looking. If you think of noise, β = 10⁻³ is best. Overall the answer is β = 10⁻³.";
    expect(part(await grade(decided, exampleKey, tools), "3d-ii").answer).toBe("β = 1e-3");
    const explained =
      "User: 3(c)?\nAssistant: The answer is (b), because if β is too large the KL term wins and (a) would follow only then.";
    expect(part(await grade(explained, exampleKey, tools), "3c").answer).toBe("(b)");
  });
  it("'Curve (b).' opens with one option however often its sentence names it; an ASCII arrow chooses as → does", async () => {
    const opens = "User: 3(c)?\nAssistant: Curve (b). Then (c) falls, which it does not.";
    expect(part(await grade(opens, exampleKey, tools), "3c").answer).toBe("(b)");
    const arrow =
      "User: 3(c)?\nAssistant: (d) [crossed out]\n  -> (b). medium beta = best (regularizes).";
    expect(part(await grade(arrow, exampleKey, tools), "3c").answer).toBe("(b)");
  });
});

describe("a final-answers list numbered apart from the parts", () => {
  it("reads '4. (d) i. …; ii. …' as 3(d), and a push-back on '(d)i' asks about it", async () => {
    const t = [
      "You said:",
      "Problem 3, all parts.",
      "",
      "ChatGPT said:",
      "",
      "### Final answers",
      "1. (a) $Z = \\mu + \\sigma \\cdot V$",
      "3. (c) curve **(b)**",
      "4. (d) i. (a) ↔ 1e-3, (b) ↔ 1e-6, (c) ↔ 1; ii. β = 1e-3",
      "",
      "You said:",
      "Hmm I think you have (b) and (c) in (d)i swapped.",
      "",
      "ChatGPT said:",
      "You're right. **Corrected (d) i.** Panel (a) → β = 1e-3, panel (b) → β = 1, panel (c) → β = 1e-6.",
    ].join("\n");
    const r = await grade(normalizeTranscript(t), exampleKey, tools);
    expect(part(r, "3c")).toMatchObject({ verdict: "correct", answer: "(b)" });
    expect(part(r, "3d-i")).toMatchObject({
      verdict: "incorrect",
      answer: "a → β = 1e-3, b → β = 1e0, c → β = 1e-6",
    });
    expect(part(r, "3d-ii").verdict).toBe("correct");
  });
});

describe("a reasoning model's thoughts pasted as plain text", () => {
  it("'Thought for 23 seconds' then thoughts about 'the user' are reasoning up to the formatted answer", async () => {
    const t = [
      "kev — 12/03/2025 10:01 PM",
      "anyone started p3 of hw12 (the VIB one)? i'm lost on all of it",
      "priya — 12/03/2025 10:07 PM",
      "Thought for 23 seconds",
      "Okay, the user wants parts (a)–(d) of the VIB problem.",
      "For (c), error vs beta. Maybe (d), rises then falls? Hmm, no. So (b).",
      "For (d)i the cleanest clusters, so (a) = 1e-6.",
      "",
      "**(c)** Curve **(b)**: a minimum at a moderate β, then a sharp increase.",
    ].join("\n");
    const r = await grade(t, exampleKey, tools);
    expect(part(r, "3c")).toMatchObject({ verdict: "correct", answer: "(b)" });
    expect(part(r, "3c").evidence).not.toMatch(/reasoning/);
  });
});

describe("a summary table whose rows are sub-parts", () => {
  it("'| (d) i |' and '| (d) ii |' each answer their own sub-part", async () => {
    const t = [
      "User: problem 3 (d)?",
      "Assistant:",
      "| part | answer |",
      "|---|---|",
      "| (d) i | panel (a): β = 1e-3, panel (b): β = 1e-6, panel (c): β = 1 |",
      "| (d) ii | β = 1e-6 (panel (b)): it keeps the most information |",
    ].join("\n");
    const r = await grade(t, exampleKey, tools);
    expect(part(r, "3d-i").verdict).toBe("correct");
    expect(part(r, "3d-ii")).toMatchObject({ verdict: "incorrect", answer: "β = 1e-6" });
  });
});

describe("the last word on a part that says nothing of it", () => {
  it("leaves the part not answered, even after an earlier reply that could not be read", async () => {
    const t = [
      "User: 3(d)?",
      "Assistant: (a) = 1e-6, (b) = 1e-3, (c) = 1.",
      "User: And the last question, which experiment gives the better latent space?",
      "Assistant: Sorry, I have to go now, I'll look at it tomorrow!",
    ].join("\n");
    const r = await grade(t, exampleKey, tools);
    expect(part(r, "3d-i").verdict).toBe("incorrect");
    expect(part(r, "3d-ii").verdict).toBe("not answered");
  });
});

describe("the model's thoughts beside its visible reply", () => {
  it("a visible reply that offers two options outweighs thoughts that name none: ambiguous", async () => {
    const t = [
      "User: 3(c)?",
      "",
      "Grok:",
      "Thought for 18 s",
      "",
      "**3(c)**",
      "",
      "- **(b)** is the classic picture: lowest at a moderate β.",
      "- **(d)** is also plausible if the model overfits at small β.",
      "",
      "Without the figure I cannot say which one your problem means.",
    ].join("\n");
    expect(part(await grade(t, exampleKey, tools), "3c").verdict).toBe("ambiguous");
  });
  it("a visible reply that gives less than the key asks is not taken back by fuller thoughts", async () => {
    const t = [
      "## Prompt:",
      "3(b): which terms send gradient to θe and which to θd?",
      "",
      "## Response:",
      "",
      "````plaintext",
      "Thought process: Filling in the 2x2 grid.",
      "",
      "task loss: θe ✓ θd ✓; regularizer: θe ✓ θd ✓",
      "````",
      "",
      "The regularizer sends no gradient to θd: θd does not appear in the KL term.",
    ].join("\n");
    expect(part(await grade(t, exampleKey, tools), "3b").verdict).toBe("partial");
  });
});

describe("an answer in glyphs only the page's font could draw", () => {
  it("private-use code points where the formula was make it unreadable", async () => {
    const t = [
      "User: 3(a)?",
      "",
      "Copilot:",
      "The diagram: Z = \u{F0000}\u{F0001} \u{F0002} \u{F0003}\u{F0004} \u{F0005} \u{F0006}",
      "This makes sampling differentiable.",
    ].join("\n");
    expect(part(await grade(t, exampleKey, tools), "3a").verdict).toBe("unreadable");
  });
});

describe("a request as a numbered list of problems, in words no problem set holds", () => {
  it("each item asks its problem; the reply's own numbered titles answer them, after thoughts about the user", async () => {
    const t = [
      "JV",
      "Moi! Kaksi kysymystä:",
      "",
      "1) Transformer encoder-decoder. rivi 9: emb_word.weight ~ N(0, 1), lm_head on sidottu emb_word.weight, LayerNorm(d_model). Etsi alustusbugi.",
      "2) Kiinteä bimodaalinen P, gaussinen Q. Kuva A: Q leveä molempien moodien päällä. Kuva B: Q kapea. Kumpi on forward KL D_KL(P||Q), kumpi reverse KL?",
      "",
      "Thought process",
      "",
      "Käyttäjä kysyy kahta asiaa: alustusbugi ja forward vs reverse KL.",
      "",
      "Hei! Käydään molemmat läpi.",
      "",
      "1) Alustusbugi",
      "Rivi 9 korjattuna: nn.init.normal_(self.emb_word.weight, mean=0.0, std=d_model ** -0.5), koska logitin hajonta kasvaa kuin √d_model ja softmax saturoituu.",
      "",
      "2) Forward vs reverse KL",
      "A = forward KL D_KL(P‖Q): se on mass-covering, Q:n on katettava kaikki P:n massa. B = reverse KL.",
    ].join("\n");
    const r = await grade(t, exampleKey, tools);
    expect(part(r, "1").verdict).toBe("correct");
    expect(part(r, "2b")).toMatchObject({ verdict: "correct", answer: "A → forward, B → reverse" });
  });
});

describe("a reply that declines for want of the figure", () => {
  it("names options only as what it would need: not answered", async () => {
    const t = [
      "User: 3c. Which of four curves (a)–(d) best shows validation error against increasing β? Pick one.",
      "",
      "Gemini:",
      "I can't see Figure 3 from your message, so I can't tell which of the lettered curves is which.",
      "If you describe what each curve (a)–(d) looks like, for example whether (b) dips, I'll tell you which one matches.",
    ].join("\n");
    expect(part(await grade(t, exampleKey, tools), "3c").verdict).toBe("not answered");
  });
});

describe("answers written in other languages' words or LaTeX", () => {
  it("a LaTeX fraction of numbers is a probability: P = (\\frac{1}{2}, \\frac{1}{2}, 0)", async () => {
    const t = [
      "User: 2(a)?",
      "",
      "Assistant:",
      "On the support $\\{0,1,2\\}$ let $P = (\\frac{1}{2}, \\frac{1}{2}, 0)$ and $Q = (\\tfrac14, \\tfrac14, \\tfrac12)$.",
    ].join("\n");
    expect(part(await grade(t, exampleKey, tools), "2a").verdict).toBe("correct");
  });
  it("a grid's row named in Slovak ('regularizátor') in a summary line of boxes before names", async () => {
    const t = [
      "User: 3(b)?",
      "",
      "Copilot:",
      "Stručne: ☑ task→θe, ☑ task→θd, ☑ regularizátor→θe, ☐ regularizátor→θd.",
    ].join("\n");
    expect(part(await grade(t, exampleKey, tools), "3b").verdict).toBe("correct");
  });
});

describe("a choice word a condition follows", () => {
  it("says what would hold, not what does: it takes back no plain answer, over a hard-wrapped line too", async () => {
    const t = [
      "User: 3(c)?",
      "",
      "Assistant:",
      "**Answer: (b)**",
      "",
      "Curve (a) ignores the regularisation gain, (c) would mean a larger β always helps, but (d) is",
      "inverted – it would be correct only if we plotted accuracy, not error.",
    ].join("\n");
    expect(part(await grade(t, exampleKey, tools), "3c")).toMatchObject({
      verdict: "correct",
      answer: "(b)",
    });
  });
});

describe("an answer sent as an attachment the export left out", () => {
  it("is unreadable, whatever the words around it say; a full answer beside an attachment still counts", async () => {
    const t = [
      "[03/12/25, 21:58:44] Ana Beatriz: e o 2(b)? o das duas figuras?",
      "[03/12/25, 22:00:03] Bruno Tavares: A = forward, D_KL(P||Q), porque a forward cobre a massa toda",
      "[03/12/25, 22:00:10] Bruno Tavares: B = reverse, D_KL(Q||P), que fica num modo só",
      "[03/12/25, 22:10:47] Ana Beatriz: e o 3(a)? o diagrama com um multiplicador e um somador?",
      "[03/12/25, 22:12:30] Bruno Tavares: ‎imagem ocultada",
      "[03/12/25, 22:12:41] Bruno Tavares: tá aí, é o truque da reparametrização",
    ].join("\n");
    expect(part(await grade(t, exampleKey, tools), "3a").verdict).toBe("unreadable");
    // the export's own brackets mark the note in a language no lexicon holds
    const basque = t.replace("‎imagem ocultada", "‎<Multimedia-fitxategia ez da sartu>");
    expect(part(await grade(normalizeTranscript(basque), exampleKey, tools), "3a").verdict).toBe(
      "unreadable",
    );
    const full = [
      "[03/12/25, 22:10:47] Ana: 3(a)?",
      "[03/12/25, 22:12:30] Bruno: <Media omitted>",
      "[03/12/25, 22:12:41] Bruno: multiply σ(x) by V, then add μ(x): Z = μ(x) + σ(x)·V",
    ].join("\n");
    expect(part(await grade(full, exampleKey, tools), "3a").verdict).toBe("correct");
  });
});

describe("read from structure, not from the nearest number or letter", () => {
  it("a figure's number is no β value: 'the images: 1 fig. (losses), 2 fig. (KL)'", async () => {
    const t = [
      "User: 3(d)(ii): which β gives the better latent space?",
      "",
      "Assistant: I can only see the uploaded images: 1 fig. (loss curves) and 2 fig. (the KL plots).",
      "Figure 4 is not among them, so without the figure I cannot answer which latent space is better.",
    ].join("\n");
    expect(part(await grade(t, exampleKey, tools), "3d-ii").verdict).toBe("not answered");
  });
  it("letters said aloud, joined by a conjunction, are options: 'torn between b and d'", async () => {
    const t = [
      "User: three c, which curve?",
      "",
      "Assistant: Honestly I'm torn between b and d. It depends on how the figure was drawn.",
    ].join("\n");
    expect(part(await grade(t, exampleKey, tools), "3c").verdict).toBe("ambiguous");
    // (an apostrophe's letter is no option: "I'd say b" offers no "d")
    const said = t.replace("Honestly I'm torn between b and d.", "Um, I'd say b.");
    expect(part(await grade(said, exampleKey, tools), "3c").verdict).not.toBe("ambiguous");
  });
  it("a titled name in an e-mail's 'wrote:' label is a speaker: 'Dr. Ana Ruiz wrote:'", async () => {
    const t = [
      "**Student wrote:**",
      "",
      "Here is what the model said about problem 1.",
      "",
      "**ChatGPT said:**",
      "",
      "Line 9 is the bug: use `nn.init.normal_(self.emb_word.weight, mean=0.0, std=0.02)`, the usual GPT-2 value.",
      "",
      "**Dr. Ana Ruiz wrote:**",
      "",
      "The fix is fine, but say why: the head is tied, so each logit has std about sqrt(d_model) and the softmax saturates.",
    ].join("\n");
    // (the reason is the teacher's, not the model's)
    expect(part(await grade(normalizeTranscript(t), exampleKey, tools), "1").evidence).toMatch(
      /does not state: logits scale like √d_model; the head is tied/,
    );
  });
});

describe("who said what, from a label's shape in any language", () => {
  it("an address's scheme is no speaker: a reply's source links ('https://…') do not cut it", async () => {
    const t = [
      "User: 3(c): which curve?",
      "",
      "Perplexity",
      "",
      "Curve (d), the inverted U.",
      "",
      "Sources:",
      "",
      "https://en.wikipedia.org/wiki/Information_bottleneck_method",
      "",
      "https://arxiv.org/abs/1612.00410",
      "",
      "https://blog.example.com/vib",
      "",
      "Correction after reading the second source: the answer is (b), lowest at a moderate β.",
    ].join("\n");
    expect(part(await grade(t, exampleKey, tools), "3c")).toMatchObject({ answer: "(b)" });
  });
  it("a recording's offset before a numbered speaker: '00:01:27 Speaker 2' (Word's transcript)", async () => {
    const t = [
      "00:00:03 Speaker 1",
      "Okay, three c: which curve shows validation error against beta?",
      "",
      "00:00:11 Speaker 2",
      "I'd pick curve b: flat and low for small beta, lowest at a moderate beta, then it shoots up.",
      "",
      "00:00:20 Speaker 1",
      "Hmm. The answer is curve d, I'll write that.",
    ].join("\n");
    expect(part(await grade(t, exampleKey, tools), "3c")).toMatchObject({ answer: "(b)" });
  });
  it("a label that names its part: 'Risposta d'IA per (c):', 'Answer of ChatGPT — (ii) the better space'", async () => {
    const t = [
      "Problem 3",
      "",
      "Risposta di ChatGPT per (c):",
      "  Curve (b): low and flat, lowest at a moderate β, then up.",
      "",
      "Nota: corretto.",
      "",
      "Risposta di ChatGPT — (d)(ii) lo spazio latente migliore per la predizione",
      "  The run with β = 1e-3, panel (a): its classes are separated relative to their spread.",
      "",
      "Nota: corretto.",
    ].join("\n");
    const r = await grade(t, exampleKey, tools);
    expect(part(r, "3c")).toMatchObject({ verdict: "correct" });
    expect(part(r, "3d-ii")).toMatchObject({ verdict: "correct" });
    // (a name with an elided particle answers too: Maltese "Tweġiba ta' Claude")
    const mt = t
      .replaceAll("Risposta di ChatGPT", "Tweġiba ta' Claude")
      .replace(" per (c)", " għal (c)");
    expect(part(await grade(mt, exampleKey, tools), "3c").verdict).toBe("correct");
  });
  it("a report's section number before the problem its title names: '3. Problem 2 — KL'", async () => {
    const t = [
      "1. Problem 3 — VIB",
      "",
      "Answer of ChatGPT:",
      "  Curve (b).",
      "",
      "2. Problem 2 — KL",
      "",
      "Answer of ChatGPT for (a):",
      "  P = N(0, 1) and Q = Cauchy: KL(P||Q) is finite, KL(Q||P) is infinite.",
    ].join("\n");
    expect(part(await grade(t, exampleKey, tools), "2a").verdict).not.toBe("not answered");
  });
  it("an Arabic WhatsApp line ('3/12/2025، 9:47 م - يوسف: …') is a message with its sender", async () => {
    const t = [
      "3/12/2025، 9:55 م - يوسف: @Meta AI وسؤال 3(c): أي منحنى؟",
      "(a) يرتفع",
      "(b) منخفض ثم يقفز",
      "3/12/2025، 9:55 م - Meta AI: الإجابة هي *(c)*",
    ].join("\n");
    expect(part(await grade(t, exampleKey, tools), "3c")).toMatchObject({ answer: "(c)" });
  });
  it("an unmarked request whose options follow its question mark: DeepSeek's '…哪条曲线？(a) …；(b) …；(c) …'", async () => {
    const t = [
      "已深度思考（用时 5 秒）",
      "第 1 题：把第 9 行改成 std=d_model ** -0.5。",
      "",
      "顺便问一下第 3 题 (c)：MNIST 分类上，随着 β 增大，验证误差最可能是哪条曲线？(a) 一直上升；(b) 先平后升；(c) 一直下降；(d) 倒 U 形。",
      "",
      "已深度思考（用时 9 秒）",
      "答案：(b)",
    ].join("\n");
    expect(part(await grade(t, exampleKey, tools), "3c")).toMatchObject({ answer: "(b)" });
  });
  it("a bare letter after a lead-in word and a comma asks that part: 'and for c, still b or d?'", async () => {
    const t = [
      "User: 3(d)(ii): which β gives the better latent space?",
      "",
      "Assistant: β = 1e-3, panel (a).",
      "",
      "User: And for c, so you still can't choose between b and d?",
      "",
      "Assistant: Both b and d are possible; I can't commit.",
    ].join("\n");
    expect(part(await grade(t, exampleKey, tools), "3d-ii")).toMatchObject({ verdict: "correct" });
  });
});

describe("3(b) as a report or a printout gives it", () => {
  it("marks that follow prose naming the columns belong to the label after them: '… → ☑ θe, ☐ θd'", async () => {
    const t = [
      "User: 3(b)?",
      "",
      "Assistant:",
      "- Task loss: reaches θd directly and θe through z → ☑ θe, ☑ θd.",
      "- Regularizer: depends on μ and σ only, so nothing reaches θd → ☑ θe, ☐ θd.",
    ].join("\n");
    expect(part(await grade(t, exampleKey, tools), "3b")).toMatchObject({
      verdict: "correct",
      answer: "task→θe ☒, task→θd ☒, regularizer→θe ☒, regularizer→θd ☐",
    });
  });
  it("a scanned grid whose icons the OCR did not know ('▯', '⬚') is unreadable, not unanswered", async () => {
    const t = [
      "User: 3(b)?",
      "",
      "Assistant:",
      "   Term                θe (encoder)     θd (decoder)",
      "   Task loss             ⬚ ·              ⬚ ·",
      "   Latent regularizer    ▯                ⬚ .",
    ].join("\n");
    expect(part(await grade(t, exampleKey, tools), "3b").verdict).toBe("unreadable");
  });
  it("a comment in LaTeX about 3(b)'s $\\theta_d$ stays on problem 3: the next '### (c)' is 3(c)", async () => {
    const t = [
      "### (b)",
      "",
      "**Le Chat**: Both terms reach both θe and θd.",
      "",
      "**Student:** I doubt it. $D_{\\mathrm{KL}}(\\mathcal{N}(\\mu,\\sigma^2)\\|\\mathcal{N}(0,I))$ has no $\\theta_d$ in it?",
      "",
      "### (c)",
      "",
      "**Le Chat**: **Answer: (b).** Low and flat, lowest at a moderate β, then it shoots up.",
    ].join("\n");
    const r = await grade(`## Problem 3\n\n${t}`, exampleKey, tools);
    expect(part(r, "3c")).toMatchObject({ verdict: "correct", answer: "(b)" });
  });
});

describe("a 3(b) grid transposed under terms the part's words do not know", () => {
  it("reads θe/θd down the side and the terms in the problem's order across the top", async () => {
    const tables = [
      "| | Zereginaren galera | Erregularizatzailea |\n|---|---|---|\n| **θe** | ☒ | ☒ |\n| **θd** | ☒ | ☐ |",
      "| | Colled y dasg | Rheoleiddiwr cudd |\n|---|---|---|\n| θe | ✓ | ✓ |\n| θd | ✓ | ✗ |",
      // (one term the part's words name, the other by elimination)
      "| | Zereginaren galera | Regularizer |\n|---|---|---|\n| θe | ☒ | ☒ |\n| θd | ☒ | ☐ |",
    ];
    for (const table of tables) {
      const r = await grade(`User: problem 3 (b)\n\nAssistant:\n\n${table}\n`, exampleKey, tools);
      expect(part(r, "3b")).toMatchObject({
        verdict: "correct",
        answer: "task→θe ☒, task→θd ☒, regularizer→θe ☒, regularizer→θd ☐",
      });
    }
  });
});

describe("push-back naming a part by its bare letter after an answer with lettered options", () => {
  it("is about that part when it speaks in the part's own terms", async () => {
    const t = [
      "User: Problem 3 (b) tick the grid, and (c) which curve?",
      "",
      "Assistant:",
      "(b)",
      "| | task loss | regularizer |",
      "|---|---|---|",
      "| θe | ☒ | ☒ |",
      "| θd | ☒ | ☒ |",
      "",
      "(c) **Answer: (a)**, the error rises steadily with β.",
      "",
      // (Spanish: "back to (b): the regularizer has no θd; check it")
      "User: Oye, volviendo a la (b): el regularizador no tiene θd. Revísalo.",
      "",
      "Assistant: You are right, I was wrong on that box.",
      "",
      "| | task loss | regularizer |",
      "|---|---|---|",
      "| θe | ☒ | ☒ |",
      "| θd | ☒ | ☐ |",
    ].join("\n");
    const r = await grade(t, exampleKey, tools);
    expect(part(r, "3b").verdict).toBe("correct");
    expect(part(r, "3c")).toMatchObject({ verdict: "incorrect", answer: "(a)" });
  });
});

describe("a reply that announces a picture and holds only the hole it left", () => {
  const ask = [
    "**You:** 3(a) Draw the block diagram (one multiplier, one adder) that builds Z from μ, σ and V.",
    "",
    "**Copilot:**",
  ];
  it("is unreadable: blank lines, a transcriber's note or the reply's end where the image stood", async () => {
    const blank = [
      ...ask,
      "Sure! I made you a block diagram of how Z is built:",
      "",
      "",
      "",
      "It shows the reparameterization trick: the noise is an outside input.",
    ].join("\n");
    expect(part(await grade(blank, exampleKey, tools), "3a")).toMatchObject({
      verdict: "unreadable",
    });
    const noted = [
      ...ask,
      "Here is the diagram:",
      "",
      "[TA: the picture printed as an empty box, so the scan has nothing here]",
      "",
      "Gradients now reach the encoder through this path.",
    ].join("\n");
    expect(part(await grade(noted, exampleKey, tools), "3a").verdict).toBe("unreadable");
    // the model's thoughts do not stand for the picture it showed
    const thought = [
      ...ask,
      "Thought for a few seconds",
      "",
      "Sure, I drew it for you:",
      "",
      "",
      "",
    ];
    expect(part(await grade(thought.join("\n"), exampleKey, tools), "3a").verdict).toBe(
      "unreadable",
    );
  });
  it("a colon before prose or code that follows is no hole", async () => {
    const prose = [...ask, "Here is why:", "", "Because sampling is not differentiable."];
    expect(part(await grade(prose.join("\n"), exampleKey, tools), "3a").verdict).toBe("incorrect");
    const code = [
      ...ask,
      "The code:",
      "",
      "",
      "```python",
      "scaled = sigma * v  # the multiplier",
      "z = mu + scaled     # the adder",
      "```",
    ];
    expect(part(await grade(code.join("\n"), exampleKey, tools), "3a").verdict).toBe("correct");
  });
});

describe("a student's document: each question pasted with its empty boxes, the model's answer after it", () => {
  it("the next message answers the part whose statement was pasted before it", async () => {
    const t = [
      "GPT:",
      "Z = μ(x) + σ(x)·V: multiply σ(x) by V, then add μ(x).",
      "",
      "(b) Tick which terms send gradient to θe and which to θd.",
      "",
      "              θe   θd",
      "task loss     ☐    ☐",
      "regularizer   ☐    ☐",
      "",
      "GPT:",
      "              θe   θd",
      "task loss     ☐    ☒",
      "regularizer   ☒    ☐",
    ].join("\n");
    const r = await grade(t, exampleKey, tools);
    expect(part(r, "3b")).toMatchObject({
      verdict: "incorrect",
      answer: "task→θe ☐, task→θd ☒, regularizer→θe ☒, regularizer→θd ☐",
    });
  });
});

describe("a pasted statement and a copied summary table", () => {
  it("a later letter right after a question's mark opens the next part, though the options before it are lettered", async () => {
    const t = [
      "User: (c) Quelle courbe : (a) monte, (b) plate puis minimale à β modéré, (c) descend, (d) monte puis descend ? (d) Trois chiffres, K = 2. i. Associer un β à chaque panneau. ii. Quel espace latent prédit le mieux ?",
      "",
      "Assistant:",
      "(c) La courbe (b).",
      "",
      "(d) Espaces latents",
      "i. Panneau (a) : β = 1e-3, panneau (b) : β = 1e-6, panneau (c) : β = 1.",
      "ii. β = 1e-3.",
    ].join("\n");
    const r = await grade(t, exampleKey, tools);
    expect(verdicts(r)).toMatchObject({ "3c": "correct", "3d-i": "correct", "3d-ii": "correct" });
  });
  it("a summary heading over a table's header copied as text: each row answers its own part", async () => {
    const t = [
      "User: 3(a) と 3(c) をお願いします。",
      "",
      "Assistant:",
      "(a) Z = μ(x) + σ(x)·V：乗算器1つ、加算器1つ。",
      "",
      "(c) 答え：(b)。小さい β では平坦、中程度の β で最小、大きい β で急上昇。",
      "",
      "まとめ",
      "設問\t答え",
      "(a)\tV →(×σ(x))→ (+μ(x)) → Z",
      "(c)\t(b)",
    ].join("\n");
    const r = await grade(t, exampleKey, tools);
    expect(part(r, "3c")).toMatchObject({ verdict: "correct", answer: "(b)" });
  });
});

describe("a contrast in another language", () => {
  it("'mientras que con 10⁻⁶ …' sets β = 10⁻⁶ against the choice, as 'whereas' does", async () => {
    const t = [
      "User: 3(d) ii?",
      "",
      "Assistant:",
      "El experimento con β = 10⁻³. Un β moderado es el mejor compromiso: conserva la etiqueta, mientras que con 10⁻⁶ no hay regularización y con β = 1 las clases se solapan.",
    ].join("\n");
    const r = part(await grade(t, exampleKey, tools), "3d-ii");
    expect(r).toMatchObject({ verdict: "correct", answer: "β = 1e-3" });
  });
});

describe("grid statements separated by a slash", () => {
  it("'task → θe, θd ／ regularizer → θe only' states two rows; 'θe / θd' joins two columns", async () => {
    const t = (line: string) => `User: 3(b)?\n\nAssistant:\n${line}\n`;
    const split = part(
      await grade(t("task loss → θe, θd ／ regularizer → θe only"), exampleKey, tools),
      "3b",
    );
    expect(split).toMatchObject({ verdict: "correct" });
    const joined = part(
      await grade(t("task loss → θe / θd; regularizer → θe only"), exampleKey, tools),
      "3b",
    );
    expect(joined).toMatchObject({ verdict: "correct" });
  });
});

describe("a chat page copied with select-all: math three times over, tables as tab-separated text", () => {
  it("reads the formula once and the grid's ✔/✘ cells", async () => {
    const t = [
      "You said:",
      "3(a) and 3(b) please",
      "ChatGPT said:",
      "(a) Z=μ(x)+σ(x)⋅VZ = \\mu(x) + \\sigma(x)\\cdot VZ=μ(x)+σ(x)⋅V: one multiplier, one adder.",
      "",
      "(b)",
      "",
      "Term\tto θe\tto θd",
      "Task loss\t✔\t✔",
      "Regularizer\t✔\t✘",
    ].join("\n");
    // (as a file is read: normalized first)
    const r = await grade(normalizeTranscript(t), exampleKey, tools);
    expect(verdicts(r)).toMatchObject({ "3a": "correct", "3b": "correct" });
  });
});

describe("tables copied as text whose first cells gloss their letter, or lost their corner", () => {
  it("'A (宽, 覆盖两峰)<TAB>前向 KL' pairs A; a header one cell short over θe/θd rows, a note naming the row's own column", async () => {
    const kl = [
      "User: 2(b)",
      "Assistant: (b) 哪个图是哪种",
      "",
      "图\t对应的优化\t原因",
      "A（宽，覆盖两峰）\t最小化前向 KL D_KL(P‖Q)\t期望在 P 下取 → Q 必须覆盖所有峰",
      "B（窄，落在一个峰上）\t最小化反向 KL D_KL(Q‖P)\t期望在 Q 下取 → Q 锁定一个峰",
    ].join("\n");
    const r = part(await grade(normalizeTranscript(kl), exampleKey, tools), "2b");
    expect(r).toMatchObject({ verdict: "correct", answer: "A → forward, B → reverse" });
    const grid = [
      "User: 3(b)",
      "Assistant: (b) 梯度",
      "",
      "任务损失\t隐变量正则项",
      "θe\t✅ 有（经 z=μ+σV）\t✅ 有（KL 是 μ、σ 的函数）",
      "θd\t✅ 有\t❌ 无（KL 与 θd 无关）",
    ].join("\n");
    const g = part(await grade(normalizeTranscript(grid), exampleKey, tools), "3b");
    expect(g.verdict, g.evidence).toBe("correct");
  });
});

describe("a reply's controls and a revision's heading", () => {
  it("a mode chip between the model's label and its thinking time keeps one turn; 'Corrected example for 2(a)' as a heading opens 2(a)", async () => {
    const chip = [
      "Ezt mondtad",
      "3(c)?",
      "A Copilot ezt mondta",
      "Alapos gondolkodás",
      "Gondolkodott 6 másodpercig",
      "",
      "Jó kérdés! A helyes válasz: (b).",
    ].join("\n");
    expect(part(await grade(normalizeTranscript(chip), exampleKey, tools), "3c")).toMatchObject({
      verdict: "correct",
      answer: "(b)",
    });
    const revised = [
      "User: 2(a) and 2(b)?",
      "",
      "Assistant: (a) P = N(0,1), Q = N(0,0.01).",
      "",
      "(b) A is the forward KL, B is the reverse KL.",
      "",
      "User: But two normals give finite KL both ways, no?",
      "",
      "Assistant: You are right, I was wrong.",
      "",
      "### Corrected example for 2(a)",
      "",
      "Take P = U(0,1) and Q = N(0,1).",
    ].join("\n");
    const r = await grade(revised, exampleKey, tools);
    expect(part(r, "2a")).toMatchObject({ verdict: "correct", answer: "P = U(0,1); Q = N(0,1)" });
    expect(part(r, "2b").verdict).toBe("correct");
  });
  it("'→ a legnagyobb skála' (Hungarian's article after an arrow) names no panel; LaTeX's '0{,}01' is 0.01; a Czech page's 'SEČ' closes a time", async () => {
    const t = [
      "User: 3(d) i",
      "Assistant:",
      "Panel\tTengelytartomány\tβ",
      "(a)\t≈ ±1,5\t10⁻³",
      "(b)\t≈ −3 … 7\t10⁻⁶",
      "(c)\t≈ ±0,15\t10⁰ = 1",
      "",
      "    β = 10⁻⁶: a regularizáció hatástalan → a legnagyobb skála.",
      "    β = 10⁻³: mérsékelt összehúzás.",
    ].join("\n");
    expect(part(await grade(normalizeTranscript(t), exampleKey, tools), "3d-i").verdict).toBe(
      "correct",
    );
    expect(normalizeTranscript("$Q = \\mathcal{N}(0, 0{,}01)$")).toBe(
      "$Q = \\mathcal{N}(0, 0.01)$",
    );
    expect(isTimestamp("3. 12. 2025 22:31:48 SEČ")).toBe(true);
  });
});

describe("a phone's chat export with the time written with a point", () => {
  it("'06/12/25 20.58 - Meta AI: …' is a message line; the model's next line is the same turn", async () => {
    const t = [
      "06/12/25 20.54 - Rafi: 3(a) gambarkan diagram bloknya",
      "06/12/25 20.54 - Meta AI: Berikut diagramnya:",
      "06/12/25 20.55 - Meta AI: kalikan σ(x) dengan V, lalu tambahkan μ(x): Z = μ(x) + σ(x)·V",
      "06/12/25 20.58 - Rafi: 3(c)?",
      "06/12/25 20.58 - Meta AI: Jawabannya adalah *(b)*.",
    ].join("\n");
    const r = await grade(t, exampleKey, tools);
    expect(part(r, "3a").verdict).toBe("correct");
    expect(part(r, "3c")).toMatchObject({ verdict: "correct", answer: "(b)" });
    expect(isTimestamp("06/12/25 20.58")).toBe(true);
    expect(isTimestamp("1.5 2.25")).toBe(false);
  });
});

describe("a summary line under the part's own sub-label", () => {
  it("'ii. β = 10⁻³' states the answer that a discussion of every option left open", async () => {
    const t = [
      "User: 3(d) ii?",
      "Assistant: Co do punktu ii:",
      "",
      "β = 10⁻⁶ praktycznie wyłącza wąskie gardło, model zapamiętuje szczegóły.",
      "",
      "β = 1 jest zbyt silne: klasy się nakładają.",
      "",
      "β = 10⁻³ to złoty środek.",
      "",
      "Podsumowanie:",
      "",
      "i. — potrzebuję opisu Rysunku 4",
      "ii. β = 10⁻³",
    ].join("\n");
    expect(part(await grade(t, exampleKey, tools), "3d-ii")).toMatchObject({
      verdict: "correct",
      answer: "β = 1e-3",
    });
  });
});

describe("a grid whose boxes did not survive the copy", () => {
  it("'Task loss   ?   ?' (a mail declared Latin-1) is answered but unreadable, not unanswered", async () => {
    const t = [
      "You said",
      "3(b)?",
      "Copilot said",
      "Here's the gradient-flow grid:",
      "",
      "                          ?e        ?d",
      "    Task loss             ?         ?",
      "    Latent regularizer    ?         ?",
    ].join("\n");
    expect(part(await grade(t, exampleKey, tools), "3b").verdict).toBe("unreadable");
    expect(
      lostMarksRow(
        "    Task loss    ☒    ☐",
        homework.parts.find((p) => p.id === "3b") as PartOf<"checkbox-grid">,
      ),
    ).toBeUndefined();
  });
});

describe("a letter before its noun, as Turkish, Korean and Japanese write it", () => {
  it("'A grafiği → ters KL', 'B 그래프는 순방향 KL' pair the plots; English 'a graph' names none", async () => {
    const tr = [
      "User: 2(b)",
      "Assistant: **Düzeltilmiş cevap (b):**",
      "",
      "- **A grafiği** (geniş, iki tepeyi kapsayan Q) → **ters KL** minimizasyonu",
      "- **B grafiği** (dar, tek tepedeki Q) → **ileri KL** minimizasyonu",
    ].join("\n");
    expect(part(await grade(tr, exampleKey, tools), "2b")).toMatchObject({
      verdict: "incorrect",
      answer: "A → reverse, B → forward",
    });
    const ko = "User: 2(b)\nAssistant: A 그래프는 순방향 KL, B 그래프는 역방향 KL 입니다.";
    expect(part(await grade(ko, exampleKey, tools), "2b").answer).toBe("A → forward, B → reverse");
    const items = homework.parts.find((p) => p.id === "2b") as PartOf<"assignment">;
    expect(findMentions("a graph of the error", items.items, false)).toEqual([]);
  });
});

describe("a request spread over the person's messages, and a push-back whose words fit two problems", () => {
  it("'now 3(c)', a picture, then the statement with its options: the reply answers 3(c); 'doesn't the KL dominate at large β?' stays on 3(c)", async () => {
    const t = [
      "03/12/2025 21:09 - Rafaela: agora a 3(c), mandei o gráfico",
      "03/12/2025 21:09 - Rafaela: <Mídia oculta>",
      "03/12/2025 21:10 - Rafaela: qual das curvas mostra melhor o erro? (a) sobe sempre; (b) baixa, mínima num β moderado, depois dispara; (c) cai sempre; (d) sobe e cai",
      "03/12/2025 21:10 - Meta AI: Resposta: *curva (c)*",
      "03/12/2025 21:12 - Rafaela: tem certeza? se β for muito grande o KL não domina?",
      "03/12/2025 21:12 - Meta AI: Você tem razão. *Resposta final: (b).*",
    ].join("\n");
    expect(part(await grade(t, exampleKey, tools), "3c")).toMatchObject({
      verdict: "correct",
      answer: "(b)",
    });
  });
  it("a localised page's date in words around a time is a timestamp: '2025 ж. 3 жел., 22:31:07 GMT+05:00'", () => {
    expect(isTimestamp("2025 ж. 3 жел., 22:31:07 GMT+05:00")).toBe(true);
    expect(isTimestamp("3 груд. 2025 р., 22:31:07 EET")).toBe(true);
    expect(isTimestamp("Due 3 Dec 2025 at 23:59")).toBe(false);
  });
});

describe("a revision's labels with an aside, and a closing word on another part", () => {
  it("'(d) i.（更正）' opens 3(d) i; '(c) 的答案不变，仍是 (b)' chooses nothing for 3(d) ii", async () => {
    const t = normalizeTranscript(
      [
        "User: 3(d) 请看坐标刻度",
        "Assistant: 你说得对，更正如下。",
        "",
        "(d) i.（更正）",
        "(a) 约 [−1.5, 1.5]：1e-3；(b) 约 [−3, 7]：1e-6；(c) 约 [−0.15, 0.15]：1e0",
        "",
        "(d) ii.（更正）",
        "",
        "β = 1e-3（面板 a）的潜空间最利于预测。",
        "",
        "(c) 的答案不变，仍是 (b)。",
      ].join("\n"),
    );
    const r = await grade(t, exampleKey, tools);
    expect(part(r, "3d-i").verdict).toBe("correct");
    expect(part(r, "3d-ii")).toMatchObject({ verdict: "correct", answer: "β = 1e-3" });
  });
});

describe("Python's power operator in prose", () => {
  it("'std = d_model ** -0.5' is d_model to the power −0.5; bold around a value stays emphasis", async () => {
    const t = (line: string) =>
      `User: problem 1\n\nAssistant:\nLine 9 is the bug: the head is tied to the embedding, so each logit's std grows like √d_model and the softmax saturates. ${line}\n`;
    const power = part(
      await grade(t("Fix: std = d_model ** -0.5 on line 9."), exampleKey, tools),
      "1",
    );
    expect(power.answer).toMatch(/^std = 0\.04419/);
    const bold = part(await grade(t("Fix: std = **0.02** on line 9."), exampleKey, tools), "1");
    expect(bold.answer).toMatch(/^std = 0\.02\b/);
  });
});

describe("a code block copied with its header in the page's language", () => {
  it("'Python' over '复制' (Copy), 'python' over 'コードをコピー': fenced again, its '#' comments no headings", () => {
    const t = (header: string[]) =>
      normalizeTranscript(
        [
          "Assistant: 修正:",
          "",
          ...header,
          "# 第9行",
          "nn.init.normal_(w, std=d_model ** -0.5)",
          "",
          "以上。",
        ].join("\n"),
      );
    expect(t(["Python", "复制"])).toContain(
      "```python\n# 第9行\nnn.init.normal_(w, std=d_model ** -0.5)\n```",
    );
    expect(t(["python", "コードをコピー"])).toContain("```python\n# 第9行");
  });
});

describe("values offered as alternatives in an assignment", () => {
  it("'plot A could be forward or reverse KL' decides nothing; panels offered '1e-6 or 1e-3' beside one decided are left out", async () => {
    const hedged =
      "User: 2(b)\nAssistant: Honestly, plot A could be forward KL or reverse KL, and plot B either one — it depends on the starting point.";
    expect(part(await grade(hedged, exampleKey, tools), "2b")).toMatchObject({
      verdict: "ambiguous",
    });
    const bn =
      "User: 2(b)\nAssistant: তাই সৎভাবে বলতে গেলে: প্লট A forward KL **অথবা** reverse KL হতে পারে, আর প্লট B-ও দুটোর যেকোনোটা হতে পারে।";
    expect(part(await grade(bn, exampleKey, tools), "2b").verdict).toBe("ambiguous");
    const some =
      "User: 3(d) i\nAssistant: Panel (c) -> beta = 1e0. Panel (a) -> beta = 1e-6 or 1e-3, depending on the run.";
    const r = part(await grade(some, exampleKey, tools), "3d-i");
    expect(r.verdict).toBe("partial");
    expect(r.evidence).toMatch(/a offered as one value or another/);
    // a later plain pairing decides it
    const decided = `${some}\nOn reflection: panel (a) -> beta = 1e-3, panel (b) -> beta = 1e-6.`;
    expect(part(await grade(decided, exampleKey, tools), "3d-i").verdict).toBe("correct");
  });
});

describe("a request's words and the labels that name its part", () => {
  it("Dutch 'Stel me een vraag' ('ask me a question') names no problem one; the setting before '(a) …' is not a request for the part it resembles", async () => {
    const t = [
      "14-03-2026 21:02 - Meta AI: Hoi! Ik ben Meta AI. Stel me een vraag of vraag me om iets te maken.",
      "14-03-2026 21:04 - Daan: Ik heb een huiswerkvraag over een Variational Information Bottleneck. X → encoder (θe) → Z → decoder-classifier (θd) → Y.",
      "(a) Scalair geval: teken het blokschema (één vermenigvuldiger, één opteller) dat Z maakt uit μ, σ en V.",
      "14-03-2026 21:04 - Meta AI: Blokschema: V gaat door een vermenigvuldiger met σ(x), dan een opteller met μ(x): Z = μ(x) + σ(x)·V.",
    ].join("\n");
    const r = await grade(t, exampleKey, tools);
    expect(part(r, "1").verdict).toBe("not answered");
    expect(part(r, "3a").verdict).toBe("correct");
  });
  it("Italian 'P uniforme su {1, 2}' is the discrete uniform, as 'P uniform on {1, 2}' is", async () => {
    const t =
      "User: 2(a)\nAssistant: L'esempio con P uniforme su {1, 2} e Q uniforme su {1, 2, 3} funziona: D_KL(P||Q) = log(3/2), D_KL(Q||P) = ∞.";
    expect(part(await grade(t, exampleKey, tools), "2a")).toMatchObject({
      verdict: "correct",
      answer: "P = Cat(1: 1/2, 2: 1/2); Q = Cat(1: 1/3, 2: 1/3, 3: 1/3)",
    });
  });
});

describe("a Japanese page's labels and its message box", () => {
  it("'あなたの発言' (you said) marks the person; 'Copilot に送信' (send to Copilot) over the footer is no turn", async () => {
    const t = [
      "あなたの発言",
      "問題3(a) のブロック図を描いてください。",
      "",
      "Copilot",
      "乗算器で V に σ(x) を掛け、加算器で μ(x) を足します：Z = μ(x) + σ(x)·V。",
      "",
      "あなたの発言",
      "ありがとう！",
      "",
      "Copilot",
      "どういたしまして。",
      "",
      "Copilot に送信",
      "Copilot は AI であり、間違いを犯す可能性があります。",
    ].join("\n");
    const { roles } = parseTranscript(t, homework);
    const lines = t.split("\n");
    const roleOf = (text: string) => roles[lines.indexOf(text)]!.role;
    expect(roleOf("問題3(a) のブロック図を描いてください。")).toBe("person");
    expect(roleOf("ありがとう！")).toBe("person");
    expect(roleOf("どういたしまして。")).toBe("model");
    // the reply and the message box under it are one turn: the box opens none
    expect(roles[lines.indexOf("Copilot に送信")]!.turn).toBe(
      roles[lines.indexOf("どういたしまして。")]!.turn,
    );
    expect(part(await grade(t, exampleKey, tools), "3a").verdict).toBe("correct");
  });
});

describe("a page in a language no lexicon has, and thoughts before the reply's own label", () => {
  it("'Ìwọ' over each message, 'Gemini' over each reply: the person's name; the reply under 'Gemini' after 'Show thinking' answers the request", async () => {
    const t = [
      "Gemini",
      "",
      "Ìwọ",
      "3 (c) Èwo nínú àwọn ìlà mẹ́rin (a)–(d) ló fi àṣìṣe ìfọwọ́sí hàn dáadáa bí β ṣe ń pọ̀ sí i?",
      "",
      "Show thinking",
      "Moderate beta gives the best error, so curve (b).",
      "",
      "Gemini",
      "Ìdáhùn: (b)",
      "",
      "Ìwọ",
      "Ẹ ṣé.",
      "",
      "Gemini",
      "Kò sí wàhálà.",
    ].join("\n");
    const { roles } = parseTranscript(t, homework);
    const lines = t.split("\n");
    expect(roles[lines.indexOf("Ẹ ṣé.")]!.role).toBe("person");
    expect(part(await grade(t, exampleKey, tools), "3c")).toMatchObject({
      verdict: "correct",
      answer: "(b)",
    });
    // short lines of a formula copied from a page recur within one reply: no name
    const math = "User: 2(a)\nAssistant: D(P||Q)\nlog\n2\nwhile D(Q||P)\nlog\n∞\n";
    expect(parseTranscript(math, homework).segmentation.labels.size).toBe(2);
  });
});

describe("a request's letters, the app's errors and its logo", () => {
  it("Persian '(الف)', '(ب)' are (a), (b); 'which of the curves (a)–(d)' names 3(c)'s options; 'The server is busy' answers nothing; a logo between the label and the thinking time keeps one turn", async () => {
    const fa = [
      "**کاربر:** سؤال ۲ (الف) را حل کن.",
      "",
      "**DeepSeek:**",
      "",
      "### (الف) مثال",
      "P = U(0, 1) و Q = U(0, 2): D_KL(P||Q) = log 2 و D_KL(Q||P) = ∞.",
    ].join("\n");
    expect(part(await grade(normalizeTranscript(fa), exampleKey, tools), "2a").verdict).toBe(
      "correct",
    );
    const curves =
      "User: And which of the curves (a)–(d) best describes the validation error as β grows? (a) rises; (b) lowest at a moderate β, then shoots up; (c) falls; (d) inverted U\nAssistant: Curve (b).";
    expect(part(await grade(curves, exampleKey, tools), "3c")).toMatchObject({
      verdict: "correct",
      answer: "(b)",
    });
    const busy = [
      "**User:** 3(a): draw the block diagram. And (b)?",
      "",
      "**DeepSeek:**",
      "",
      "The server is busy. Please try again later.",
      "",
      "*My note: I tried again and got the same message, so I wrote 3(a) myself from the notes.*",
    ].join("\n");
    expect(part(await grade(busy, exampleKey, tools), "3a").verdict).toBe("not answered");
    const logo = [
      "**User:**",
      "",
      "(c) Which curve shows the validation error best as β grows?",
      "",
      "**Assistant:**",
      "",
      "![Le Chat](<./page_files/mistral-logo.svg>) Le Chat",
      "",
      "Thought for 6 seconds",
      "",
      "Moderate β is best, large β collapses the latent.",
      "",
      "**Answer: (b)**",
    ].join("\n");
    expect(part(await grade(logo, exampleKey, tools), "3c")).toMatchObject({
      verdict: "correct",
      answer: "(b)",
    });
  });
});

describe("what a push-back is, and what thanks are", () => {
  it("a question after Claude Exporter's '## Prompt:' goes on with the last part; 'thanks!!' does not, so 'You're welcome' answers nothing", async () => {
    const exported = [
      "## Prompt:",
      "3(b)",
      "",
      "## Response:",
      "| | θe | θd |",
      "|---|---|---|",
      "| task loss | ☒ | ☒ |",
      "| latent regularizer | ☒ | ☒ |",
      "",
      "## Prompt:",
      "Does the latent regularizer depend on θd at all? r(Z) is a fixed N(0, I).",
      "",
      "## Response:",
      "You are right. Corrected table:",
      "",
      "| | θe | θd |",
      "|---|---|---|",
      "| task loss | ☒ | ☒ |",
      "| latent regularizer | ☒ | ☐ |",
    ].join("\n");
    expect(part(await grade(exported, exampleKey, tools), "3b").verdict).toBe("correct");
    const thanks = [
      "#### You:",
      "3(a)",
      "",
      "#### ChatGPT:",
      "Z = μ(x) + σ(x)·V: a multiplier, then an adder.",
      "",
      "#### You:",
      "thanks!!",
      "",
      "#### ChatGPT:",
      "You're welcome, good luck on the final!",
    ].join("\n");
    expect(part(await grade(thanks, exampleKey, tools), "3a").verdict).toBe("correct");
    // a reply that names every option only to ask about them answers nothing
    const asks =
      "User: 3(c)\nAssistant: Sure. How do the curves look: is (a) rising, (b) lowest in the middle, (c) falling, (d) an inverted U?";
    expect(part(await grade(asks, exampleKey, tools), "3c").verdict).toBe("not answered");
  });
  it("'Q bir kez' (fit Q once) names no problem one: a one-letter problem word takes digits only", () => {
    const letters = new Set(["a", "b", "c", "d"]);
    expect(partRefs("bir Gauss Q bir kez ileri KL ile uyduruluyor", letters, true)).toEqual([]);
    expect(partRefs("Q2 (b)", letters, true)[0]).toMatchObject({ problem: 2, letter: "b" });
  });
});

describe("a reply's headings in a language no lexicon has", () => {
  it("'## Sashe (a): …' after 'ka warware (a), (b) da (c)' opens 3(a); Khmer 'រូប A → forward KL' names plot A", async () => {
    const ha = [
      "User: 3. VIB. Don Allah ka warware (a), (b) da (c).",
      "",
      "Assistant:",
      "## Sashe (a): Zanen toshe",
      "Z = μ(x) + σ(x)·V: mai ninkawa ɗaya (multiplier) da mai haɗawa ɗaya (adder).",
      "",
      "## Sashe (c): Lanƙwasa",
      "",
      "**Amsa: (b)**",
    ].join("\n");
    const r = await grade(ha, exampleKey, tools);
    expect(part(r, "3a").verdict).toBe("correct");
    expect(part(r, "3c")).toMatchObject({ verdict: "correct", answer: "(b)" });
    const km = "User: 2(b)\nAssistant:\n\n  • រូប A  →  forward KL\n  • រូប B  →  reverse KL\n";
    expect(part(await grade(km, exampleKey, tools), "2b").answer).toBe("A → forward, B → reverse");
  });
});

describe("Problem 2(b)'s reason, the one the question asks for", () => {
  it("a right assignment without 'mass-covering' (in any of its wordings and languages) is partial", async () => {
    // the problem set's own concepts for 2(b), as the shipped key carries them
    const concepts = homework.parts.find((p) => p.id === "2b")!.concepts;
    const key = {
      ...exampleKey,
      parts: exampleKey.parts.map((p) => (p.id === "2b" ? { ...p, concepts } : p)),
    };
    const verdict = async (reply: string) =>
      part(await grade(`User: 2(b)\nAssistant: ${reply}`, key, tools), "2b").verdict;
    expect(await verdict("Plot A → forward KL, plot B → reverse KL.")).toBe("partial");
    expect(
      await verdict(
        "Plot A → forward KL: its expectation is under P, so it blows up if q ≈ 0 on either mode. Plot B → reverse KL.",
      ),
    ).toBe("correct");
    expect(
      await verdict(
        "Gráfico A → KL directa (cubre la masa: Q no puede ser ≈ 0 donde P tiene masa). Gráfico B → KL inversa.",
      ),
    ).toBe("correct");
    expect(await verdict("图 A = 正向 KL（覆盖两个峰），图 B = 反向 KL。")).toBe("correct");
  });
});

describe("pages that label only the model, a request's asides, and lost text", () => {
  it("where only the model's replies carry its name, a question right before the next reply is the person's push-back", async () => {
    const page = [
      "Which curve in 3(c) shows the validation error as β grows? (a) rises; (b) lowest at a moderate β, then shoots up; (c) falls; (d) inverted U",
      "",
      "Mistral Large 2",
      "",
      "Curve (d): the error rises and then falls again once β is very large.",
      "",
      "Doesn't a very large β collapse the latent to the prior, so the error can't come back down?",
      "",
      "Mistral Large 2",
      "",
      "You are right: at a large β nothing about Y is left in Z, so the error cannot come back down. The answer is (b).",
    ].join("\n");
    const r = await grade(page, exampleKey, tools);
    expect(part(r, "3c")).toMatchObject({ verdict: "correct", answer: "(b)" });
    const seg = parseTranscript(page, homework).segmentation;
    expect(seg.roles[6]!.role).toBe("person");
  });

  it("an aside wholly in parentheses after a request names no part; the request is the part before it", async () => {
    const t = [
      "User: Next, 3(a): draw the block diagram with one multiplier and one adder.",
      "",
      "(side note for myself: the answer to question 1 above still feels thin to me)",
      "",
      "Assistant: Multiply the noise by σ(x) and add μ(x): Z = μ(x) + σ(x)·V.",
    ].join("\n");
    const r = await grade(t, exampleKey, tools);
    expect(part(r, "3a").verdict).toBe("correct");
    expect(part(r, "1").verdict).toBe("not answered");
  });

  it("a gendered label ('Řekl/a jste:') is the person's; Greek capital Α and Β name plots A and B", async () => {
    const cs = [
      "Řekl/a jste:",
      "Úloha 3(c): která křivka? (a) roste; (b) minimum při středním β; (c) klesá; (d) obrácené U",
      "",
      "ChatGPT řekl:",
      "Křivka (b).",
    ].join("\n");
    const seg = parseTranscript(cs, homework).segmentation;
    expect(seg.roles[0]!.role).toBe("person");
    const el = [
      "User: 2(b): ποιο διάγραμμα είναι ποιο;",
      "",
      "Assistant:",
      "",
      "| Διάγραμμα | Ελαχιστοποίηση |",
      "|---|---|",
      "| **Α** | forward KL, mass-covering |",
      "| **Β** | reverse KL, mode-seeking |",
    ].join("\n");
    expect(part(await grade(normalizeTranscript(el), exampleKey, tools), "2b")).toMatchObject({
      verdict: "correct",
      answer: "A → forward, B → reverse",
    });
  });

  it("a pair in bold after a bar is read ('**A → forward KL**  |  **B → reverse KL**'); choices each under a condition over a list item's wrapped lines decide nothing", async () => {
    const bold = [
      "User: 2(b) which plot is which?",
      "Assistant: **A → forward KL**  |  **B → reverse KL** — the forward KL must cover both modes.",
    ].join("\n");
    expect(part(await grade(bold, exampleKey, tools), "2b").answer).toBe(
      "A → forward, B → reverse",
    );
    const hedged = [
      "User: 3(c)?",
      "Assistant: It depends on the size of the dip.",
      "",
      "- If the improvement at a moderate β is real, the shape you want is",
      "  **(b)**, with its minimum in the middle.",
      "- If it is within the noise of a run, the error only rises, which",
      "  is closest to **(a)**.",
    ].join("\n");
    expect(part(await grade(hedged, exampleKey, tools), "3c").verdict).toBe("ambiguous");
  });

  it("an example given both ways round and neither taken back is ambiguous; a hedge in any language leaves two readings of 3(d)(i) undecided", async () => {
    const both = [
      "User: 2(a)?",
      "Assistant: Take a Gaussian and a Cauchy. Either",
      "",
      "- P = N(0, 1), Q = Cauchy(0, 1), or",
      "- P = Cauchy(0, 1), Q = N(0, 1),",
      "",
      "depending on which argument your notes take the expectation over.",
    ].join("\n");
    expect(part(await grade(both, exampleKey, tools), "2a").verdict).toBe("ambiguous");
    // a swap that says it corrects the first pair decides
    const fixed = both.replace("depending on", "Corrected: the second pair, since the");
    expect(part(await grade(fixed, exampleKey, tools), "2a").verdict).not.toBe("ambiguous");
    const de = [
      "User: 3(d)(i) bitte.",
      "Assistant: Nach der Achsenskala: (a) = 1e-3, (b) = 1e-6, (c) = 1e0.",
      "Nach der Trennung der Cluster: (a) = 1e-6, (b) = 1e-3, (c) = 1e0, weil kleine β schärfer trennen und man das so sehen kann.",
      "Ohne die Originalabbildung ist es schwer zu sagen, welche Lesart stimmt.",
    ].join("\n");
    expect(part(await grade(de, exampleKey, tools), "3d-i").verdict).toBe("ambiguous");
    // a sentence that names two options and a hedge offers both, whatever it calls best
    const curve = [
      "User: 3(c)?",
      "Assistant: The best fit is (b). Without the figure it is hard to say which range of β is shown, so (b) and (c) both remain possible.",
    ].join("\n");
    expect(part(await grade(curve, exampleKey, tools), "3c").verdict).toBe("ambiguous");
    // beside items it settles, one offered as one value or another is missing, hedge or not
    const one = [
      "User: 3(d)(i) bitte.",
      "Assistant: (b) = 1e-6 und (c) = 1e0. (a) könnte 1e-3 oder 1e-6 sein.",
      "Für (a) ist es schwer zu sagen.",
    ].join("\n");
    expect(part(await grade(one, exampleKey, tools), "3d-i")).toMatchObject({
      verdict: "partial",
      evidence: expect.stringMatching(/missing: a \(a offered as one value or another\)/),
    });
  });

  it("a reply to a request for parts of one problem ('Please do 2(a) and 2(b)') reads its bare '(a)', '(b)' as that problem's", async () => {
    const en = [
      "User: Please do 2(a) and 2(b).",
      "",
      "Assistant:",
      "",
      "## (a) An example",
      "",
      "P = U(0, 1), Q = U(0, 2).",
      "",
      "## (b)",
      "",
      "Plot A is the forward KL (it covers both modes), plot B the reverse KL.",
    ].join("\n");
    expect(verdicts(await grade(en, exampleKey, tools))).toMatchObject({
      "2a": "correct",
      "2b": "correct",
    });
    const zh = [
      "帮我做 2(a) 和 2(b)。",
      "",
      "已深度思考（用时 12 秒）",
      "",
      "用户要两个例子。",
      "",
      "## (a) 不对称的例子",
      "",
      "**例子（连续）：**",
      "",
      "P = U(0, 1)，Q = U(0, 2)：D(P‖Q) = log 2 有限，D(Q‖P) = ∞。",
      "",
      "## (b)",
      "",
      "图 A 是正向 KL（覆盖两个峰），图 B 是反向 KL（只落在一个峰上）。",
    ].join("\n");
    expect(part(await grade(normalizeTranscript(zh), exampleKey, tools), "2a").verdict).toBe(
      "correct",
    );
  });

  it("a grid laid out with a word processor's tab stops is read by the cells that hold something", async () => {
    const word = [
      "Student: 3(b), tick the boxes.",
      "",
      "Copilot: Here is the table:",
      "",
      "\t\tθe (encoder)\tθd (decoder)",
      "Task loss\t\t☒\t\t☒",
      "Latent regularizer\t☒\t\t☐",
    ].join("\n");
    expect(part(await grade(word, exampleKey, tools), "3b")).toMatchObject({
      verdict: "correct",
      answer: "task→θe ☒, task→θd ☒, regularizer→θe ☒, regularizer→θd ☐",
    });
  });

  it("a later reply that says nothing does not take back an answer that could not be read", async () => {
    const lost = [
      "User: 3(b): tick the boxes.",
      "",
      "Assistant:",
      "",
      "| term | θe | θd |",
      "|---|---|---|",
      "| task loss | \uFFFD | \uFFFD |",
      "| latent regularizer | \uFFFD | \uFFFD |",
      "",
      "User: The table shows only question marks. Are you sure it is right?",
      "",
      "Assistant: Yes, I checked it again and it stands as written.",
    ].join("\n");
    expect(part(await grade(lost, exampleKey, tools), "3b").verdict).toBe("unreadable");
  });

  it("a diagram drawn as an image the saved page does not hold ('blob:' address) is unreadable, and the model's name in its address makes it no comment of the person's", async () => {
    const page = [
      "**User:** 3(a): draw the block diagram.",
      "",
      "**Assistant:**",
      "",
      "Here is the diagram:",
      "",
      "![](blob:https://chat.mistral.ai/0c1d2e3f-4a5b-6c7d-8e9f-a0b1c2d3e4f5)",
      "",
      "As the diagram shows, the three inputs give Z directly.",
      "",
      "### (b)",
      "",
      "The task loss reaches θe through the multiplier and the adder; the regularizer only θe.",
    ].join("\n");
    const r = await grade(page, exampleKey, tools);
    expect(part(r, "3a")).toMatchObject({
      verdict: "unreadable",
      evidence: expect.stringMatching(/an image the transcript does not hold/),
    });
    expect(parseTranscript(page, homework).segmentation.roles[6]!.role).toBe("model");
  });

  it("a sub-part's numeral closed by a dash before its title or by the emphasis ('**Part (d) i — assignment**') labels that sub-part alone", async () => {
    const t = [
      "User: 3(d): (i) assign β to each panel, (ii) which is better for prediction?",
      "Assistant: Sorry, I was cut off.",
      "",
      "**Part (d) i — assignment**",
      "",
      "| Panel | β |",
      "|---|---|",
      "| (a) | 1e-3 |",
      "| (b) | 1e-6 |",
      "| (c) | 1e0 |",
      "",
      "The widest axes go with the smallest β; 1e-3 sits in between. Shall I go on to the next one?",
    ].join("\n");
    const r = await grade(t, exampleKey, tools);
    expect(part(r, "3d-i").verdict).toBe("correct");
    expect(part(r, "3d-ii").verdict).toBe("not answered");
  });

  it("thoughts cut off inside their '<think>' before any reply answer nothing", async () => {
    const session = [
      ">>> 3(c): which curve shows the validation error as β grows?",
      "<think>",
      "Large β collapses the latent, so the error rises there.",
      "</think>",
      "",
      "Curve (b).",
      "",
      ">>> 3(d)(i): assign β to the panels (a), (b), (c).",
      "<think>",
      "The KL term pulls the means in, so panel (c), the smallest, is β = 1, and panel (b) is",
      "^C",
      "",
      ">>> /bye",
    ].join("\n");
    const r = await grade(session, exampleKey, tools);
    expect(part(r, "3c").verdict).toBe("correct");
    expect(part(r, "3d-i").verdict).toBe("not answered");
  });

  it("a push-back that names no part but speaks of one answer's own words goes to that part ('in the one with the plots you have it reversed: forward KL is mass covering'); a number joined to its problem word ('1-есеп', '3-soru') names that problem", async () => {
    const t = [
      "User: Please do 2(b) and 3(c).",
      "",
      "Assistant:",
      "",
      "**2(b)** A → reverse KL, B → forward KL.",
      "",
      "**3(c)** Curve (b).",
      "",
      "User: wait, in the one with the plots you have it the wrong way round? our lecturer said forward KL is mass covering",
      "",
      "Assistant: You are right, I mixed the directions up. Corrected: A → forward KL (it covers both modes), B → reverse KL.",
    ].join("\n");
    const r = await grade(t, exampleKey, tools);
    expect(part(r, "2b")).toMatchObject({ verdict: "correct", answer: "A → forward, B → reverse" });
    expect(part(r, "3c")).toMatchObject({ verdict: "correct", answer: "(b)" });
    const letters = new Set(["a", "b", "c", "d"]);
    expect(partRefs("HW 12, 1-есеп:", letters, true)).toContainEqual(
      expect.objectContaining({ problem: 1 }),
    );
    expect(partRefs("3-soru (c) kısmı", letters, true)[0]).toMatchObject({
      problem: 3,
      letter: "c",
    });
  });

  it("thoughts quoted under an opener whose time carries its own label ('> **思考完了（所要時間：12秒）**') are thoughts: their pair does not make a swapped answer an offer of both", async () => {
    const ja = [
      "## 👤 ユーザー",
      "",
      "問題2(a) をお願いします。",
      "",
      "## 🐋 DeepSeek",
      "",
      "> **思考完了（所要時間：12秒）**",
      ">",
      "> P = U(0,1), Q = U(0,2) なら D(P||Q) = log 2 で有限。",
      "",
      "### 問題2(a)",
      "",
      "$P = U(0, 2)$、$Q = U(0, 1)$ とします。$D_{KL}(P\\|Q)$ は有限です。",
    ].join("\n");
    const r = await grade(normalizeTranscript(ja), exampleKey, tools);
    expect(part(r, "2a")).toMatchObject({
      verdict: "incorrect",
      answer: "P = U(0, 2); Q = U(0, 1)",
    });
  });

  it("a later explanation that leaves the key's concepts out does not take back the diagram before it", async () => {
    const t = [
      "User: 3(a): draw the block diagram.",
      "Assistant: V → multiplier (× σ(x)) → adder (+ μ(x)) → Z, that is Z = μ(x) + σ(x)·V.",
      "User: and why is that needed at all?",
      "Assistant: Because sampling itself cannot be differentiated; written this way the randomness sits in an input and the gradient reaches the encoder.",
    ].join("\n");
    expect(part(await grade(t, exampleKey, tools), "3a").verdict).toBe("correct");
  });

  it("'Question 1.' with its full stop names problem 1; an answer lost to '▯' glyphs is unreadable; the page's message box is no turn", async () => {
    expect(partRefs("Question 1. The init bug", new Set(["a", "b"]), true)).toEqual([
      expect.objectContaining({ problem: 1 }),
    ]);
    // a decimal or a list's number is still no problem
    expect(partRefs("Question 1.5 of the notes", new Set(["a"]), true)).toEqual([]);
    const ocr = [
      "2(b) Which plot is which, and why?",
      "",
      "   Answer:",
      "   • Plot A → ▯▯▯▯▯▯▯ KL",
      "   • Plot B → ▯▯▯▯▯▯▯ KL",
      "",
      "   Message ChatGPT     ⊕  🎙",
      "ChatGPT can make mistakes.",
    ].join("\n");
    const r = await grade(ocr, exampleKey, tools);
    expect(part(r, "2b").verdict).toBe("unreadable");
    expect(part(r, "2b").evidence).toMatch(/lost to 14 glyphs/);
  });
});

describe("spoken sessions, pasted chats and relayed pictures", () => {
  it("a presenter's subtitles name each part mid-cue: a sentence's end and a breath between cues start a line, so each part is read", async () => {
    const cue = (n: number, from: string, to: string, text: string) =>
      `${n}\n00:00:${from} --> 00:00:${to}\n${text}\n`;
    const srt = [
      cue(1, "01,000", "04,000", "welcome back, pause the video and try"),
      cue(2, "04,080", "05,500", "it yourself first"),
      cue(3, "06,100", "09,000", "okay problem three part c. the validation"),
      cue(4, "09,080", "12,000", "error curve is (b), it shoots up at large beta"),
      cue(5, "12,600", "15,000", "problem two part b. plot A is the forward"),
      cue(6, "15,080", "18,000", "KL and plot B is the reverse KL"),
    ].join("\n");
    const { text } = await fromExport(srt, "walkthrough.srt");
    expect(text).toContain("\nokay problem three part c.\nthe validation error curve is (b)");
    const r = await grade(normalizeTranscript(text), exampleKey, tools);
    expect(part(r, "3c")).toMatchObject({ verdict: "correct", answer: "(b)" });
    expect(part(r, "2b").answer).toMatch(/A → forward, B → reverse/);
  });

  it("a chat pasted into a team chat: the pasted 'Şunu dediniz' (You said) under a sender's header is the person's turn, so the model's revision answers it", async () => {
    const t = [
      "[7.12.2025 21:04] Emre Kaya",
      "I asked Copilot about 2b, pasting it below",
      "",
      "Şunu dediniz",
      "HW12 2(b): which plot is the forward KL and which the reverse?",
      "",
      "Copilot şunu dedi",
      "2(b): Plot A is the reverse KL, plot B the forward KL.",
      "",
      "[7.12.2025 21:09] Zeynep Arslan",
      "looks flipped to me",
      "",
      "[7.12.2025 21:13] Emre Kaya",
      "Şunu dediniz",
      "Are you sure? Could A and B be swapped in 2(b)?",
      "",
      "Copilot şunu dedi",
      "You're right, I mixed them up. Plot A → forward KL, plot B → reverse KL.",
      "",
    ].join("\n");
    const r = await grade(normalizeTranscript(t), exampleKey, tools);
    expect(part(r, "2b").answer).toMatch(/A → forward, B → reverse/);
  });

  it("an answer a person relays as a picture the export left out is unreadable, not unanswered (Telegram's photo, a mail's [image: …])", async () => {
    const telegram = JSON.stringify({
      name: "DL-2025",
      type: "private_supergroup",
      messages: [
        telegramMessage(1, "Rauf", "who has HW12 done? stuck on 3b"),
        telegramMessage(
          2,
          "Nigar",
          "asked Grok about 3b, it drew a table, can't copy it, screenshot below",
        ),
        telegramMessage(3, "Nigar", "", {
          photo: "(File not included. Change data exporting settings to download.)",
          width: 1179,
        }),
        telegramMessage(4, "Rauf", "thanks! will look later"),
      ],
    });
    const { text } = await fromExport(telegram, "result.json");
    expect(text).toContain("<photo: (File not included.");
    const r = await grade(normalizeTranscript(text), exampleKey, tools);
    expect(part(r, "3b").verdict).toBe("unreadable");
    expect(part(r, "3b").evidence).toMatch(/photo: \(File not included/);
    const mail = [
      "**You:** What are P and Q for 2(a)?",
      "",
      "**Perplexity:** Take P = U(0, 1) and Q = U(0, 2).",
      "",
      "**You:** For 3c I also asked Perplexity which curve shows the validation error. Its",
      "answer is in the screenshot:",
      "",
      "[image: Screenshot 2025-12-03 235102.png]",
      "",
      "Thanks, Giorgos",
    ].join("\n");
    const m = await grade(normalizeTranscript(mail), exampleKey, tools);
    expect(part(m, "3c")).toMatchObject({ verdict: "unreadable", location: { line: 8 } });
    expect(part(m, "3c").evidence).toMatch(/relayed \(line 5\) as a picture .*\[image: Screenshot/);
    // a picture the model answers after is the person's own figure, not a relayed answer
    const figure = `${mail}\n\n**Perplexity:** The curve is (b).\n`;
    const f = await grade(normalizeTranscript(figure), exampleKey, tools);
    expect(part(f, "3c").verdict).not.toBe("unreadable");
  });
});

describe("held-out shapes of session 21", () => {
  it("captions that tag voices in brackets ('[ChatGPT] …', '[Me] …') are turns; the untagged narration after a finished sentence is the recording's maker", async () => {
    const cue = (n: number, from: string, to: string, text: string) =>
      `${n}\n00:00:${from} --> 00:00:${to}\n${text}\n`;
    const srt = [
      cue(1, "00,000", "04,000", "Welcome back! Today: problem 3, part (c)."),
      cue(
        2,
        "04,000",
        "09,000",
        "[Me] Hi ChatGPT. Which curve shows the validation error as β grows,",
      ),
      cue(3, "09,000", "12,000", "(a), (b), (c) or (d)?"),
      cue(4, "12,000", "16,000", "[ChatGPT] Good question! The right answer is curve (b)."),
      cue(5, "16,000", "20,000", "Nice. I would have said (d) myself, to be honest."),
      cue(6, "20,000", "22,000", "[Me] Thanks!"),
      cue(7, "22,000", "24,000", "[ChatGPT] You're welcome."),
    ].join("\n");
    const { text } = await fromExport(srt, "video.srt");
    expect(text).toContain("**ChatGPT:** Good question!");
    expect(text).toContain("**Me:** Nice.");
    const r = await grade(normalizeTranscript(text), exampleKey, tools);
    expect(part(r, "3c")).toMatchObject({ verdict: "correct", answer: "(b)" });
  });

  it("API calls under a log's own header ({tool, records: [{request, response}]}) are the conversation", async () => {
    const log = JSON.stringify({
      log_version: 2,
      tool: "chatlog.py",
      records: [
        {
          request: {
            model: "deepseek-reasoner",
            messages: [
              { role: "system", content: "You are a study assistant." },
              { role: "user", content: "HW12 3(c): which curve, (a)–(d)?" },
            ],
          },
          response: {
            choices: [
              { message: { role: "assistant", content: "Curve (d): it rises, then falls." } },
            ],
          },
        },
      ],
    });
    const { text } = await fromExport(log, "log.json");
    const r = await grade(normalizeTranscript(text), exampleKey, tools);
    expect(part(r, "3c")).toMatchObject({ verdict: "incorrect", answer: "(d)" });
  });

  it("a UI label closed by a full stop ('Դուք ասացիք.') is the label; a pair set with a dash ('A — forward KL') is read", async () => {
    const t = [
      "Դուք ասացիք.",
      "2(b) Which plot is which?",
      "",
      "ChatGPT-ն ասաց.",
      "A — forward KL D_KL(P‖Q), B — reverse KL D_KL(Q‖P). The reverse KL is mode-seeking.",
      "",
      "Դուք ասացիք.",
      "thanks",
      "",
    ].join("\n");
    const r = await grade(normalizeTranscript(t), exampleKey, tools);
    expect(part(r, "2b").answer).toBe("A → forward, B → reverse");
  });

  it("a note's embed of a picture file ('![[Pasted image ….png]]') is an answer the copy does not hold", async () => {
    const t = [
      "**You:** 3(a): draw the block diagram that makes Z.",
      "",
      "**Claude:** Here it is as an artifact:",
      "",
      "![[Pasted image 20251204093112.png]]",
      "",
      "**You:** thanks",
      "",
    ].join("\n");
    const r = await grade(normalizeTranscript(t), exampleKey, tools);
    expect(part(r, "3a").verdict).toBe("unreadable");
    expect(part(r, "3a").evidence).toMatch(
      /image the transcript does not hold \(!\[\[Pasted image/,
    );
  });

  it("a label that names the answer ('Respuesta de Perplexity') makes no word of it a name: the answer's own 'Respuesta' is not the person speaking of the model", async () => {
    const t = [
      "Les copio la conversación. Mi pregunta: 2(b) ¿cuál gráfica es cuál?",
      "",
      "Respuesta de Perplexity (modo Pro):",
      "",
      "Respuesta",
      "A = KL directa, B = KL inversa. Con la KL directa, Q debe cubrir toda la masa de P.",
      "",
    ].join("\n");
    const r = await grade(normalizeTranscript(t), exampleKey, tools);
    expect(part(r, "2b").answer).toBe("A → forward, B → reverse");
  });

  it("a grading sheet with a title above its header: each row a part, the keeper's comment a note, not the model's answer", async () => {
    const csv = [
      '"HW12 AI audit","","",""',
      '"Sheet: Copilot, pasted by the TA","","",""',
      '"Part","Copilot answer (as copied)","Points","Comment"',
      '"3c","**Answer: (a)**, the error rises steadily.","0 / 2","Expected (b)."',
      '"3d-i","I cannot see Figure 4. Could you describe the panels?","0 / 3","Key: (a) 1e-3, (b) 1e-6, (c) 1."',
    ].join("\n");
    const { text } = await fromExport(csv, "audit.csv");
    expect(text).toMatch(/^HW12 AI audit\n\nSheet: Copilot, pasted by the TA\n\n\*\*3c:\*\* /);
    const r = await grade(normalizeTranscript(text), exampleKey, tools);
    expect(part(r, "3c")).toMatchObject({ verdict: "incorrect", answer: "(a)" });
    expect(part(r, "3d-i").verdict).toBe("not answered");
  });
});

describe("held-out shapes of session 21: threads and reports", () => {
  it("a GitHub issue copied as text: each comment's author over 'commented 2 days ago' is a speaker, so a reviewer's remark is not the model's reply", async () => {
    const t = [
      "3(b): Copilot says the regularizer reaches the decoder??",
      "mkowalski-dev",
      "opened 2 days ago",
      "I pasted 3(b) into Copilot Chat. Its answer:",
      "",
      "GitHub Copilot",
      "",
      "Task loss: θe ✅ θd ✅. Regularizer: θe ✅ θd ✅.",
      "",
      "tnguyen-ta",
      "commented 2 days ago",
      "Member",
      "Please don't trust that grid: the regularizer holds no decoder weight, so only θe for it.",
      "",
      "mkowalski-dev",
      "commented yesterday",
      "Author",
      "Followed up in the same chat. Reply:",
      "",
      "GitHub Copilot",
      "",
      "You're right. Corrected grid: task loss → θe ☑, θd ☑; regularizer → θe ☑, θd ☐.",
      "",
      "jpark22",
      "commented 23 hours ago",
      "I'd still tick regularizer → θd, it is in the same sum.",
      "",
    ].join("\n");
    const r = await grade(normalizeTranscript(t), exampleKey, tools);
    expect(part(r, "3b").verdict).toBe("correct");
  });

  it("a report's picture lost to the converter leaves its caption under the hole: the answer is unreadable", async () => {
    const t = [
      "**Question:** 3(b): which terms send gradient to θe and to θd?",
      "",
      "**Grok:**",
      "",
      "The table below shows which term sends gradient where, with z = μ(x) + σ(x)·V.",
      "",
      "",
      "",
      "",
      "Figure 1: the table for 3(b) (screenshot).",
      "",
      "Each term sends gradient only to the parameters it depends on.",
      "",
    ].join("\n");
    const r = await grade(normalizeTranscript(t), exampleKey, tools);
    expect(part(r, "3b").verdict).toBe("unreadable");
    expect(part(r, "3b").evidence).toMatch(/"Figure 1: the table for 3\(b\)/);
  });

  it("a group export where one member pastes a model's replies under its name ('Qwen3-Max') is no forum: the replies are the model's, the others' posts remarks", async () => {
    const telegram = JSON.stringify({
      name: "DL study group",
      type: "private_group",
      messages: [
        telegramMessage(1, "Zaw", "I asked Qwen 3(c), here is the question and its answer 👇"),
        telegramMessage(
          2,
          "Zaw",
          "Qwen3-Max\nThinking completed\n\nAnswer: (b) or (d): without the plot's β range I cannot pick one.",
        ),
        telegramMessage(3, "Thiri", "it's (b) for sure", { reply_to_message_id: 2 }),
        telegramMessage(4, "Zaw", "asked it again to pick one"),
        telegramMessage(
          5,
          "Zaw",
          "Qwen3-Max\nThinking completed\n\nStill (b) or (d), it depends on the range of β in the plot.",
        ),
        telegramMessage(6, "Aung (TA)", "(c) is (b). See Alemi et al.", { reply_to_message_id: 5 }),
      ],
    });
    const { text } = await fromExport(telegram, "result.json");
    expect(text).not.toContain("**Reply:**");
    const r = await grade(normalizeTranscript(text), exampleKey, tools);
    expect(part(r, "3c").verdict).toBe("ambiguous");
  });

  it("an answer word before a model's name of two words ('Ҷавоби Le Chat:') is the model's label", async () => {
    const t = [
      "Салом. Ман масъалаи 3(c)-ро ба Le Chat додам:",
      "",
      "**Саволи ман:**",
      "> 3(c): which curve shows the validation error as β grows? (a) rises; (b) low, then shoots up; (c) falls; (d) rises, then falls.",
      "",
      "**Ҷавоби Le Chat:**",
      "> Curve (d): the error rises and then falls.",
      "",
    ].join("\n");
    const r = await grade(normalizeTranscript(t), exampleKey, tools);
    expect(part(r, "3c")).toMatchObject({ verdict: "incorrect", answer: "(d)" });
  });
});

describe("requests that name the problem first", () => {
  it("a problem named in the request gives the letters after it their problem ('problem three, part c', 'questão três, a parte c')", async () => {
    for (const request of [
      "Hi! So, problem three, part c, which one is it?",
      "Bora pra questão três, a parte c: qual curva é?",
    ]) {
      const t = `**You:** ${request}\n\n**ChatGPT:** I would say (b), since a moderate beta regularizes best.\n`;
      const r = await grade(normalizeTranscript(t), exampleKey, tools);
      expect(part(r, "3c")).toMatchObject({ verdict: "correct", answer: "(b)" });
    }
  });
});

describe("reports quoting a model section by section", () => {
  it("a section's part label after a reviewer's comment asks that part; an announcement closed inside its quotation before a picture's hole is a lost answer", async () => {
    const t = [
      "Student: Martina Camilleri",
      "",
      "4. Problem 3 — Variational Information Bottleneck",
      "",
      "Claude's answer:",
      '  "Problem 3 is about the bottleneck; ask me part by part."',
      "",
      "Comment: fine.",
      "",
      "(a) Block diagram",
      "",
      "Claude's answer:",
      '  "Here is the block diagram for the scalar case. I made it an artifact so that you can',
      '  download it:"',
      "",
      "",
      "",
      '  "As you can see, the noise and the encoder\'s outputs pass through the blocks to give Z."',
      "",
      "Comment: the artifact could not be copied as text.",
      "",
      "(b) Which terms send gradient to θe and to θd?",
      "",
      "Claude's answer:",
      '  "task loss: θe ☒, θd ☒; latent regularizer: θe ☒, θd ☐"',
      "",
      "Comment: both right.",
      "",
    ].join("\n");
    const r = await grade(normalizeTranscript(t), exampleKey, tools);
    expect(part(r, "3b").verdict).toBe("correct");
    expect(part(r, "3a").verdict).toBe("unreadable");
  });
});

describe("held-out shapes of session 21: copies and scans", () => {
  it("a problem word standing apart after its number, then the part ('第 2 題 (b)'), names that part in running text", async () => {
    const t = [
      "第 1 題：請說明初始化的錯誤。",
      "",
      "答案：第 9 行改為 std = d_model ** -0.5。",
      "",
      "好，那第 2 題 (b)：圖 A 與圖 B 各是哪一個 KL？",
      "",
      "結論：A = reverse KL，B = forward KL。",
      "",
    ].join("\n");
    const r = await grade(normalizeTranscript(t), exampleKey, tools);
    expect(part(r, "2b")).toMatchObject({
      verdict: "incorrect",
      answer: "A → reverse, B → forward",
    });
  });

  it("a grid of bare boxes under a key that defines other marks ('✔ = sends gradient') lost its marks to the OCR: unreadable", async () => {
    const t = [
      "**You:** 3(b)?",
      "",
      "**DeepSeek:** In the table below ✔ = sends gradient, ✘ = does not.",
      "",
      "| term | θe | θd |",
      "|---|---|---|",
      "| task loss | □ | □ |",
      "| latent regularizer | □ | □ |",
      "",
    ].join("\n");
    const r = await grade(normalizeTranscript(t), exampleKey, tools);
    expect(part(r, "3b").verdict).toBe("unreadable");
    expect(part(r, "3b").evidence).toMatch(/did not survive the copy: "\| task loss \| □ \| □ \|"/);
  });
});

describe("a page that marks no turn", () => {
  it("a request right before the app's failed reply ('服务器繁忙，请稍后再试。') is the person's: the part is not answered", async () => {
    const t = [
      "已深度思考（用时 11 秒）",
      "",
      "用户问 2(b)。",
      "",
      "(b) 的结论：图A 对应正向 KL，图B 对应反向 KL。",
      "",
      "好的谢谢。顺便问一下第3题(a)：请画出只用一个乘法器和一个加法器由 μ、σ、V 得到 Z 的框图。",
      "",
      "服务器繁忙，请稍后再试。",
      "",
    ].join("\n");
    const { roles } = parseTranscript(normalizeTranscript(t), homework);
    expect(roles[6]).toMatchObject({ role: "person", cue: "a request before a failed reply" });
    const r = await grade(normalizeTranscript(t), exampleKey, tools);
    expect(part(r, "3a").verdict).toBe("not answered");
  });
});

describe("sub-parts and hedges in other scripts", () => {
  it("a bare sub-part numeral before a word of another script ('ii бойынша …') opens that sub-part; options named with a hedge ('it depends on the criterion') are ambiguous", async () => {
    const t = [
      "**Сіз айттыңыз:**",
      "3(d) i және ii?",
      "",
      "**ChatGPT айтты:**",
      "Түзетілген жауап (i):",
      "(a) 1e-3, (b) 1e-6, (c) 1e0.",
      "",
      "ii бойынша: бұл критерийге байланысты. β = 1e-3 кластерлері ықшам, бірақ β = 1e-6 кластерлері де алыс.",
      "",
    ].join("\n");
    const r = await grade(normalizeTranscript(t), exampleKey, tools);
    expect(part(r, "3d-i").verdict).toBe("correct");
    expect(part(r, "3d-ii").verdict).toBe("ambiguous");
    expect(part(r, "3d-ii").evidence).toMatch(/does not decide \("критерийге байланысты"\)/);
  });
});

describe("held-out shapes of session 21: a report in Basque", () => {
  it("a part named before the model's name in a report's label ('(a) DeepSeek:') opens that part; a plain-text grid's column heads may carry glosses ('θe (kodetzailea)')", async () => {
    const t = [
      "2. Ereduaren erantzunak",
      "",
      "3. problema — VIB",
      "",
      "(b) DeepSeek:",
      "",
      "                              θe (kodetzailea)     θd (dekodetzailea)",
      "    Task loss                     ☒                      ☒",
      "    Latent regularizer            ☒                      ☐",
      "",
      "Nire iruzkina: ondo.",
      "",
      "(c) DeepSeek:",
      "",
      "    Erantzuna: (d). β handian errorea jaisten da.",
      "",
      "Nire iruzkina: ez nago ados.",
      "",
    ].join("\n");
    const r = await grade(normalizeTranscript(t), exampleKey, tools);
    expect(part(r, "3b").verdict).toBe("correct");
    expect(part(r, "3c")).toMatchObject({ verdict: "incorrect", answer: "(d)" });
  });
});

describe("pictures a model drew", () => {
  it("ChatGPT's 'Image created •' line under a drawn answer is all the copy keeps of it: unreadable", async () => {
    const t = [
      "You said:",
      "3(a): draw the block diagram (one multiplier, one adder) that makes Z.",
      "",
      "ChatGPT said:",
      "Sure, here is the diagram for (a):",
      "[ image ]",
      "Image created • VIB reparameterization block diagram",
      "",
    ].join("\n");
    const r = await grade(normalizeTranscript(t), exampleKey, tools);
    expect(part(r, "3a").verdict).toBe("unreadable");
    expect(part(r, "3a").evidence).toMatch(/attachment the export left out \("image created •"\)/i);
  });
});

describe("a report's tags over quoted answers", () => {
  it("a tag in brackets naming the model ('[Claude 답변 인용]', after a part's label '(d) ii.') is the model's label; the reviewer's 검토 lines are the person's", async () => {
    const t = [
      "3. 문제 2 — KL 발산",
      "",
      "(b) [Claude 답변 인용]",
      "  플롯 A(넓게 두 모드를 덮음) = 순방향 KL D_KL(P‖Q), 플롯 B = 역방향 KL D_KL(Q‖P).",
      "",
      "검토: O.",
      "",
      "4. 문제 3 — VIB",
      "",
      "(c) [Claude 답변 인용]",
      "  정답은 (d)입니다.",
      "",
      "검토: 잘 모르겠음.",
      "",
      "(d) ii. [Claude 답변 인용]",
      "  예측에 가장 좋은 잠재 공간은 β = 1e-6(패널 (b))입니다.",
      "",
      "검토: 정답(0).",
      "",
    ].join("\n");
    const r = await grade(normalizeTranscript(t), exampleKey, tools);
    expect(part(r, "2b").answer).toBe("A → forward, B → reverse");
    expect(part(r, "3c")).toMatchObject({ verdict: "incorrect", answer: "(d)" });
    expect(part(r, "3d-ii")).toMatchObject({ verdict: "incorrect" });
  });
});

describe("options set side by side under a hedge", () => {
  it("a hedge's own negation rules no option out ('I can't confidently pick between (b) and (d)'): ambiguous, though a clause chose before it", async () => {
    const t = [
      "**You:** 3(c): which curve?",
      "",
      "**Copilot:**",
      "- (b): a moderate β regularises, so the error is lowest there and climbs at large β.",
      "- (d): the error rises first and falls again at the largest β.",
      "",
      "Without the figure I can't confidently pick between (b) and (d): both are defensible.",
      "",
    ].join("\n");
    const r = await grade(normalizeTranscript(t), exampleKey, tools);
    expect(part(r, "3c").verdict).toBe("ambiguous");
    expect(part(r, "3c").evidence).toMatch(/offers b or d/);
  });
  it("a hedge that names no option ('Both are defensible without the figure') leaves the options named in turn undecided, one of them in bold", async () => {
    const t = [
      "**You:** 3(c): which curve?",
      "",
      "**Copilot:**",
      "**Curve (b)** fits if small β leaves the net almost deterministic and a moderate β regularises it.",
      "",
      "Curve (d) fits if instead the largest β collapse to the majority class.",
      "",
      "Both are defensible without the figure.",
      "",
    ].join("\n");
    const r = await grade(normalizeTranscript(t), exampleKey, tools);
    expect(part(r, "3c").verdict).toBe("ambiguous");
  });
});

describe("a marker's notes inside the model's reply", () => {
  it("a third label that only ever stands inside the model's replies is an annotator's: its note is commentary and the reply goes on after it", async () => {
    const t = [
      "Student:",
      "Please answer 2(b) and 3(c).",
      "",
      "Gemini:",
      "**2(b)** A is the forward KL, B the reverse KL: the forward KL averages over P, so Q must cover both modes.",
      "",
      "▶ TA: right.",
      "",
      "**3(c)** Curve (b): lowest error at a moderate β.",
      "",
      "▶ TA: fine, though the answer is (d) in my notes.",
      "",
      "Student:",
      "Thanks!",
      "",
      "Gemini:",
      "You're welcome.",
      "",
      "▶ TA: end of the copy.",
      "",
    ].join("\n");
    const read = parseTranscript(normalizeTranscript(t), homework);
    const lines = normalizeTranscript(t).split("\n");
    const roleAt = (s: string) => read.roles[lines.findIndex((l) => l.startsWith(s))]!;
    expect(roleAt("▶ TA: right.")).toMatchObject({ role: "commentary" });
    expect(roleAt("**3(c)**")).toMatchObject({ role: "model" });
    const r = await grade(normalizeTranscript(t), exampleKey, tools);
    expect(part(r, "3c").verdict).toBe("correct");
  });
});

describe("a push-back on one of two parts a reply answered", () => {
  it("'are you sure about (c)?' after a reply to 3(c) and 3(d)(ii) asks (c) again, and '**Revised (c): Curve (b).**' answers it; 'a judgment call between 1e-3 and 1e-6' decides nothing", async () => {
    const t = [
      "**Me:** Problem 3: which validation curve, (c)? And (d)(ii), the better latent space?",
      "",
      "**Grok:** **Part (c): Curve (a)**, since any compression costs accuracy.",
      "",
      "**Part (d)(ii):** β = 1e-3, the tightest clusters.",
      "",
      "**Me:** are you sure about (c)? a little β regularises, so the error should dip first",
      "",
      "**Grok:** Fair point, I will revise.",
      "",
      "**Revised (c): Curve (b).** A moderate β drops nuisance detail and the error is lowest there; at large β it shoots up.",
      "",
      "On (d)(ii), thinking again, it's a judgment call between 1e-3 and 1e-6.",
      "",
    ].join("\n");
    const r = await grade(normalizeTranscript(t), exampleKey, tools);
    expect(part(r, "3c")).toMatchObject({ verdict: "correct", answer: "(b)" });
    expect(part(r, "3d-ii").verdict).toBe("ambiguous");
  });
  it("'In (c), really (d)?' asks (c) again, its (d) an option of (c), not of the panels of the part answered last", async () => {
    const t = [
      "**Me:** 3(c) and 3(d)(ii), please.",
      "",
      "**Grok:** **(c)** Curve (d): the error falls again at the largest β.",
      "",
      "**(d)(ii)** β = 1e-3.",
      "",
      "**Me:** In (c), really (d)? At β = 1 the latent carries almost nothing about the input.",
      "",
      "**Grok:** You're right.",
      "",
      "Revised (c): curve (b), lowest at a moderate β and shooting up at large β.",
      "",
    ].join("\n");
    const r = await grade(normalizeTranscript(t), exampleKey, tools);
    expect(part(r, "3c")).toMatchObject({ verdict: "correct", answer: "(b)" });
    expect(part(r, "3d-ii").verdict).toBe("correct");
  });
});

describe("a report's numbered sections", () => {
  it("a section numbered '2.1.' asks its own part anew, after a table of contents that names them all: the reply under it answers 3(b)", async () => {
    const t = [
      "Report: testing Grok on HW12",
      "",
      "Contents",
      "1.\tMethod\t1",
      "2.1.\tTask 3(b) – gradient flow\t2",
      "2.2.\tTask 3(c) – validation error\t2",
      "",
      "1. Method",
      "I pasted each task into Grok and copied its replies below.",
      "",
      "2.1. Task 3(b) – gradient flow",
      "Question (short): which loss terms send gradient to θe and which to θd?",
      "",
      "Grok:",
      "Both terms are summed into one scalar, so each sends gradient everywhere:",
      "",
      "Term\tθe\tθd",
      "Task loss\t✔\t✔",
      "Regularizer\t✔\t✔",
      "",
      "My comment: the KL term has no decoder parameter, so this is wrong.",
      "",
      "2.2. Task 3(c) – validation error",
      "Grok:",
      "Answer: (b). Error is lowest at a moderate β.",
    ].join("\n");
    const r = await grade(normalizeTranscript(t), exampleKey, tools);
    expect(part(r, "3b").verdict).toBe("incorrect");
    expect(part(r, "3c").verdict).toBe("correct");
  });
});

describe("the model's own words in a spoken reply", () => {
  it("'I'd say' beside the problem's own term ('the validation error') is no person's comment, and a closing 'No problem!' answers nothing: the reply offers b or a", async () => {
    const t = [
      "You said:",
      "Which of the four curves best shows the validation error as beta grows? Curve a rises, curve b dips at a moderate beta then shoots up, curve c falls, curve d rises then falls.",
      "",
      "ChatGPT said:",
      "Beta weighs the KL term against the prior.",
      "",
      "What I can't settle is the small-beta end of the plot, where the validation error may already be climbing: that is curve a, or it first dips, which is curve b. I'd say b or a.",
      "",
      "You said:",
      "Thanks.",
      "",
      "ChatGPT said:",
      "No problem! Good luck with the homework.",
    ].join("\n");
    const r = await grade(normalizeTranscript(t), exampleKey, tools);
    expect(part(r, "3c").verdict).toBe("ambiguous");
  });
});

describe("glosses in brackets between an item and its value", () => {
  it("'plot B (narrow, one mode) → reverse KL' pairs B with the value its arrow points to, the two lines run together as a paragraph (KaTeX copied as text)", async () => {
    const t = [
      "You said:",
      "2(b)?",
      "",
      "ChatGPT said:",
      "(b)",
      "plot A (wide, both modes) → forward KL, DKL(P∥Q)D_{KL}(P\\|Q)DKL\u200b(P∥Q)",
      "plot B (narrow, one mode) → reverse KL, DKL(Q∥P)D_{KL}(Q\\|P)DKL\u200b(Q∥P)",
      "",
      "The forward KL averages over P, so Q must cover all of P's mass; the reverse KL averages over Q and punishes mass between the modes, so Q seeks one mode.",
      "",
    ].join("\n");
    const r = await grade(normalizeTranscript(t), exampleKey, tools);
    expect(part(r, "2b")).toMatchObject({ verdict: "correct", answer: "A → forward, B → reverse" });
  });
});

describe("a reply's own buttons end it", () => {
  it("after 'Copy' / 'Regenerate', the words before the model's next reasoning are the person's, though they ask nothing", async () => {
    const t = [
      "Le Chat",
      "",
      "Problem 3(d): assign β to the panels (i) and say which latent space is better for prediction (ii).",
      "",
      "Thought for 9s",
      "",
      "(d) i. (a) = 1e-3, (b) = 1e-6, (c) = 1.",
      "",
      "(d) ii. This one is not obvious:",
      "",
      "- **β = 1e-3 (panel a):** tight clusters, well apart for their spread.",
      "- **β = 1e-6 (panel b):** Z keeps the most about the input, and the clusters are far apart too.",
      "",
      "Which is better depends on how you measure it, so I'd say either 1e-3 or 1e-6.",
      "",
      "Copy",
      "Regenerate",
      "",
      "ok thanks, 1e-3 for ii then, makes the most sense.",
      "",
      "Thought for 2s",
      "",
      "Good luck with the homework!",
      "",
      "Copy",
      "Regenerate",
    ].join("\n");
    const { roles } = parseTranscript(normalizeTranscript(t), homework);
    const at = normalizeTranscript(t)
      .split("\n")
      .findIndex((l) => l.startsWith("ok thanks"));
    expect(roles[at]).toMatchObject({ role: "person" });
    const r = await grade(normalizeTranscript(t), exampleKey, tools);
    expect(part(r, "3d-ii").verdict).toBe("ambiguous");
  });
});

describe("a shared chat page copied whole", () => {
  it("the person's one-letter avatar ('T', the initial of 'Shared by Tomas') marks their messages, the problem they paste runs on through its parts, a revision names its part ('Revised 3(d) i.'), and an artifact's card ('Diagram · SVG') is an answer the copy does not hold", async () => {
    const t = [
      "Claude",
      "VIB homework",
      "Shared by Tomas",
      "This is a copy of a chat between Claude and Tomas.",
      "",
      "T",
      "Help me with problem 3 of my homework, please. I paste it below.",
      "",
      "(a) The encoder gives μ(x) and σ(x), V ~ N(0,1). Draw the block diagram with one multiplier and one adder that makes Z. It is the reparameterization used for training with SGD and a sampled latent.",
      "",
      "(d) Three classes, latent dimension 2, β ∈ {1e-6, 1e-3, 1e0}. Panel (a) axes ±1.5, panel (b) axes [−3, 7], panel (c) axes ±0.15. i. Which β goes with which panel? ii. Which gives the better latent space for prediction?",
      "",
      "Sketched the reparameterization and matched panels to β",
      "",
      "(a) See the diagram below.",
      "",
      "Reparameterization block diagram",
      "Diagram · SVG",
      "",
      "(d) i. Panel (a) → β = 1e-6, panel (b) → β = 1e-3, panel (c) → β = 1.",
      "ii. β = 1e-6, the clearest separation.",
      "",
      "T",
      "Did you read the axis scales? Panel (b) goes out to 7.",
      "",
      "Reconsidered the panels by their scales",
      "",
      "You're right: the KL term pulls the means to the origin harder as β grows.",
      "",
      "Revised 3(d) i. Panel (a) → β = 1e-3, panel (b) → β = 1e-6, panel (c) → β = 1.",
      "",
      "Revised 3(d) ii. β = 1e-3 (panel (a)): classes well apart for their spread.",
    ].join("\n");
    const r = await grade(normalizeTranscript(t), exampleKey, tools);
    expect(part(r, "3a").verdict).toBe("unreadable");
    expect(part(r, "3a").evidence).toMatch(/Diagram · SVG/);
    expect(part(r, "3d-i").verdict).toBe("correct");
    expect(part(r, "3d-ii").verdict).toBe("correct");
  });
});

describe("math and tables copied from a page as text", () => {
  it("a formula copied glyph by glyph leaves 'log' alone on its lines, no speaker; a distribution's table copied with tabs is read row by row", async () => {
    const glyphs = [
      "D",
      "KL",
      "(",
      "P",
      "∥",
      "Q",
      ")",
      "=",
      "0.5",
      "log",
      "⁡",
      "1.5",
      "+",
      "0.5",
      "log",
      "⁡",
      "1.5",
    ];
    const t = [
      "2(a)?",
      "",
      "Answer",
      "",
      "(a) Use distributions on {1, 2, 3}:",
      "",
      "x\t1\t2\t3",
      "P(x)\t0.5\t0.5\t0",
      "Q(x)\t1/3\t1/3\t1/3",
      "",
      ...glyphs,
      "",
      "So D_KL(P‖Q) = log 1.5 is finite, while D_KL(Q‖P) is infinite: Q puts mass on 3, where P has none.",
      "",
      ...glyphs,
      "",
    ].join("\n");
    const read = parseTranscript(normalizeTranscript(t), homework);
    expect([...read.segmentation.labels.values()].map((l) => l.name)).not.toContain("log");
    const r = await grade(normalizeTranscript(t), exampleKey, tools);
    expect(part(r, "2a").verdict).toBe("correct");
  });
});

describe("spoken options", () => {
  it("two bare letters joined by a language's 'or' of any length ('enten b eller d') are offered, not named apart", async () => {
    const t = [
      "Du sa:",
      "Oppgave tre c: hvilken kurve viser valideringsfeilen best når beta øker?",
      "",
      "ChatGPT sa:",
      "Kurve b passer hvis regulariseringen hjelper litt først. Men kurve d kan også passe. Så jeg vil si: enten b eller d.",
      "",
      "Du sa:",
      "Jeg må krysse av én boks. Hva velger jeg?",
      "",
      "ChatGPT sa:",
      "Ærlig talt er det b eller d, og det kan jeg ikke se herfra.",
      "",
    ].join("\n");
    const r = await grade(normalizeTranscript(t), exampleKey, tools);
    expect(part(r, "3c").verdict).toBe("ambiguous");
  });
});

describe("a notebook quoting an answer engine under each part", () => {
  it("'> **Resposta**' opening a quotation under a part's heading, after the question, is that part's answer", async () => {
    const t = [
      "# HW 12 · Problema 3",
      "",
      "## 3(b) Quins termes envien gradient a θe i θd?",
      "",
      "**Pregunta:** *marca quins termes envien gradient a θe i quins a θd.*",
      "",
      "> **Resposta**",
      ">",
      "> | Terme | θe | θd |",
      "> |---|:---:|:---:|",
      "> | Pèrdua de la tasca | ✅ | ✅ |",
      "> | Regularitzador latent | ✅ | ❌ |",
      "",
      "## 3(c) Quina corba?",
      "",
      "> **Resposta**",
      ">",
      "> La corba (b): mínim a β moderat.",
      "",
    ].join("\n");
    const r = await grade(normalizeTranscript(t), exampleKey, tools);
    expect(part(r, "3b").verdict).toBe("correct");
    expect(part(r, "3c").verdict).toBe("correct");
  });
});

describe("a symbol written with a look-alike letter", () => {
  it("'Р = N(0, 1)' with a Cyrillic Р, as OCR and a Cyrillic keyboard write it, defines P", async () => {
    const t =
      "User: 2(a)?\nAssistant: Возьмём Р = N(0, 1) и Q = Cauchy(0, 1): D(P‖Q) конечна, D(Q‖P) бесконечна.\n";
    const r = await grade(normalizeTranscript(t), exampleKey, tools);
    expect(part(r, "2a")).toMatchObject({
      verdict: "correct",
      answer: "P = N(0, 1); Q = Cauchy(0, 1)",
    });
  });
});

describe("a label naming the model's answer in the possessive", () => {
  it("'**Gemini's answer:**' over each reply is the model's label, as 'Respuesta de Gemini:' is", async () => {
    const t = [
      "**Me:** 3(c): which curve shows the validation error as β grows?",
      "",
      "**Gemini's answer:** Curve (d): the error rises, then falls at the largest β.",
      "",
      "**Me:** Are you sure? A little β should regularise.",
      "",
      "**Gemini's answer:** You're right: curve (b), lowest at a moderate β and shooting up at large β.",
      "",
    ].join("\n");
    const r = await grade(normalizeTranscript(t), exampleKey, tools);
    expect(part(r, "3c")).toMatchObject({ verdict: "correct", answer: "(b)" });
  });
});
