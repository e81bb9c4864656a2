import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { homework } from "../problems/homework.js";
import {
  checkTranscriptText,
  parseTranscript,
  segmentTranscript,
  TranscriptError,
} from "./transcript.js";

const fixture = (name: string) =>
  readFileSync(new URL(`../../test/fixtures/transcripts/${name}`, import.meta.url), "utf8");

describe("segmentTranscript", () => {
  it("splits prompt / reasoning / answer / commentary by the timestamps", () => {
    const t = [
      "## QUESTION 2", // 1
      "Solve (a).", // 2
      "11/30/2025, 11:46:00 PM", // 3
      "Thought process: thinking about supports", // 4
      "hidden reasoning", // 5
      "## Part (a)", // 6
      "P = U(0,1), Q = N(0,1)", // 7
      "11/30/2025, 11:46:28 PM", // 8
      "I disagree, it should be two Gaussians.", // 9
    ].join("\n");
    const { roles } = segmentTranscript(t);
    expect(roles).toEqual([
      "person",
      "person",
      "person",
      "thinking",
      "thinking",
      "model",
      "model",
      "person",
      "person",
    ]);
  });

  it("treats a timestamp followed by a new thought process as a new model turn", () => {
    const t = [
      "prompt",
      "1/2/2025, 9:00 AM",
      "Thought process: a",
      "**Answer**",
      "1/2/2025, 9:01 AM",
      "Thought process: b",
      "**Again**",
    ].join("\n");
    const s = segmentTranscript(t);
    expect(s.roles).toEqual([
      "person",
      "person",
      "thinking",
      "model",
      "person",
      "thinking",
      "model",
    ]);
    expect(s.turns[3]).not.toBe(s.turns[6]);
  });

  it("understands role lines: User:/Assistant:, **You said:**, ChatGPT said:", () => {
    const t = ["**You said:** hi", "ChatGPT said:", "hello", "User: thanks", "Assistant: ok"].join(
      "\n",
    );
    expect(segmentTranscript(t).roles).toEqual(["person", "model", "model", "person", "model"]);
  });

  it("does not take prose that starts with a role word for a role line", () => {
    const t = ["Model collapse happens when", "the encoder ignores x."].join("\n");
    expect(segmentTranscript(t).roles).toEqual(["unknown", "unknown"]);
  });
});

describe("parseTranscript", () => {
  it("finds parts under many heading styles", () => {
    const styles: [string, string][] = [
      ["## Part (c): the curve", "3c"],
      ["### (c)", "3c"],
      ["**3(c)** the curve", "3c"],
      ["Problem 3(c): the curve", "3c"],
      ["#### Part 3d-ii", "3d-ii"],
      ["## Question 3 (d)(i)", "3d-i"],
      ["**Part (d)(ii):** better", "3d-ii"],
    ];
    for (const [heading, id] of styles) {
      const p = parseTranscript(
        `User: VIB question\nAssistant:\n## Problem 3\n${heading}\nAnswer text for ${id}.`,
        homework,
      );
      expect([...p.final.keys()], heading).toEqual([id]);
      expect(p.final.get(id)!.text).toContain(`Answer text for ${id}.`);
    }
  });

  it("splits (d) into (i) and (ii), and gives a plain (d) answer to both", () => {
    const p = parseTranscript(
      "Assistant:\n## Problem 3\n### (d)\n(i) panels\n(ii) better: 1e-3",
      homework,
    );
    expect(p.final.get("3d-i")!.text).toContain("panels");
    expect(p.final.get("3d-ii")!.text).toContain("better");
    expect(p.final.get("3d-i")!.text).not.toContain("better");
    const q = parseTranscript("Assistant:\n## Problem 3\n### (d)\nBoth answered here.", homework);
    expect(q.final.get("3d-i")!.text).toContain("Both answered here.");
    expect(q.final.get("3d-ii")!.text).toContain("Both answered here.");
  });

  it("keeps the last answer of a revised part and never reads the person's commentary", () => {
    const p = parseTranscript(fixture("revised.md"), homework);
    const c = p.final.get("3c")!;
    expect(c.text).toContain("curve (b)");
    expect(c.text).not.toContain("(a)** —");
    expect(p.spans.filter((s) => s.partId === "3c").map((s) => s.turn)).toEqual([1, 1, 2, 2]);
    expect([...p.final.values()].some((a) => a.text.includes("my friend"))).toBe(false);
  });

  it("reads a reply with no part headings as the answer to the part the prompt asked about", () => {
    const t =
      "## QUESTION 3\nPlease answer part (c) only.\n1/1/2025, 1:00 PM\n(a) rises, (b) U-shape, so **(b)**.\n1/1/2025, 1:01 PM";
    const p = parseTranscript(t, homework);
    expect([...p.final.keys()]).toEqual(["3c"]);
  });

  it("follows a reply past the asked part onto plain (b) lines, but not onto restated options", () => {
    const stamp = "11/30/2025, 11:46:00 PM";
    const onward = parseTranscript(
      [
        "## QUESTION 2",
        "(a) An example please.",
        stamp,
        "Let P = N(0,1), Q = Cauchy(0,1).",
        "",
        "(b) Plot A is the reverse KL.",
        stamp,
      ].join("\n"),
      homework,
    );
    expect(onward.final.get("2a")?.text).toMatch(/Cauchy/);
    expect(onward.final.get("2a")?.text).not.toMatch(/Plot A/);
    expect(onward.final.get("2b")?.text).toMatch(/Plot A is the reverse/);
    // 3(c) is a choice among (a)–(d): its "(d) …" line restates an option, it is not part 3(d).
    const options = parseTranscript(
      [
        "## QUESTION 3",
        "Answer (c).",
        stamp,
        "(c) falls steadily: no.",
        "(d) rises then falls: no.",
        "So the answer is (b).",
        stamp,
      ].join("\n"),
      homework,
    );
    expect(options.final.get("3c")?.text).toMatch(/answer is \(b\)/);
    expect(options.final.has("3d-i")).toBe(false);
  });

  it("rejects empty and binary input with a clear reason", () => {
    expect(() => checkTranscriptText("")).toThrow(TranscriptError);
    expect(() => checkTranscriptText(" \n\t ")).toThrow(/empty/);
    expect(() => checkTranscriptText("abc\u0000def")).toThrow(/binary \(a NUL byte at offset 3\)/);
    const noise = Array.from({ length: 4000 }, (_, i) => String.fromCharCode((i * 7919) % 32)).join(
      "",
    );
    expect(() => checkTranscriptText(noise)).toThrow(/binary/);
    expect(() => parseTranscript("\ufffd".repeat(1000), homework)).toThrow(/binary/);
  });

  it("parses a 10 MB transcript in reasonable time, counting its last answers", () => {
    const base = fixture("correct-claude.md");
    const big = `${base.repeat(Math.ceil(10e6 / base.length))}\n## QUESTION 3\nanswer (c)\n1/1/2026, 1:00 PM\n### (c)\n**Answer: (d)**\n1/1/2026, 1:01 PM\n`;
    expect(big.length).toBeGreaterThan(10e6);
    const t0 = performance.now();
    const p = parseTranscript(big, homework);
    expect(performance.now() - t0).toBeLessThan(45_000);
    expect(p.final.get("3c")!.text).toContain("**Answer: (d)**");
    expect(p.final.get("1")!.text).toContain("d_model ** -0.5");
  });

  it("survives malformed Markdown: unclosed fences, stray markers, very long lines", () => {
    const t = [
      "Assistant:",
      "## Part (a",
      "```python",
      "nn.init.normal_(emb_word.weight, std=",
      "(((((((((((",
      `${"x".repeat(200_000)}`,
      "### (",
      "**",
      "| | | |",
    ].join("\n");
    expect(() => parseTranscript(t, homework)).not.toThrow();
  });
});
