import { describe, expect, it } from "vitest";
import { transcriptHtml } from "./transcript-view.js";

describe("transcript page", () => {
  const transcript =
    "User: 2(a)?\n\nAssistant: P = N(0, 1), Q = N(0, 4)\n\nThis <b>is</b> correct.";
  const part = {
    id: "2a",
    verdict: "incorrect" as const,
    answer: "P = N(0, 1); Q = N(0, 4)",
    evidence: "both directions finite",
    location: { start: 13, end: 46, line: 3 },
  };
  it("flags the person's verdict where the grader disagrees, and escapes the person's text", () => {
    const html = transcriptHtml(
      {
        name: "t",
        transcript,
        parts: [
          { ...part, person: { verdict: "correct", line: 5, quote: "This <b>is</b> correct." } },
        ],
      },
      0,
    );
    expect(html).toContain('class="person person-disagrees"');
    expect(html).toContain(
      "The person judged this correct (line 5); the grader finds it incorrect.",
    );
    expect(html).not.toContain("<b>is</b>");
  });
  it("states an agreeing verdict without the warning, and nothing when the person judged nothing", () => {
    const agree = transcriptHtml(
      {
        name: "t",
        transcript,
        parts: [{ ...part, person: { verdict: "incorrect", line: 5, quote: "" } }],
      },
      0,
    );
    expect(agree).toContain('class="person"');
    expect(agree).not.toContain("person-disagrees");
    expect(transcriptHtml({ name: "t", transcript, parts: [part] }, 0)).not.toContain(
      'class="person',
    );
  });
});
