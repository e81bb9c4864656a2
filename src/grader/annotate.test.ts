import { describe, expect, it } from "vitest";
import { annotateHtml, annotateMarkdown, escapeHtml, formatSummary, partName } from "./annotate.js";
import type { Report } from "./grade.js";

const transcript = [
  "User: <script>alert('x')</script> solve 3(c)",
  "Assistant:",
  "### (c)",
  "**Answer: (b)** & <b>bold</b>",
  'User: "thanks"',
].join("\n");
const start = transcript.indexOf("### (c)");
const report: Report = {
  parts: [
    {
      id: "3c",
      verdict: "correct",
      answer: "(b)",
      evidence: "chose (b) <ok>",
      location: { start, end: start + 40, line: 3 },
    },
    { id: "3d-ii", verdict: "unreadable", answer: "", evidence: "not answered in the transcript" },
  ],
  warnings: [],
};

describe("annotate", () => {
  it("names parts like the problem set prints them", () => {
    expect(["1", "2a", "3d-i", "3d-ii"].map(partName)).toEqual([
      "1",
      "2(a)",
      "3(d)(i)",
      "3(d)(ii)",
    ]);
  });

  it("escapes every character of the untrusted transcript in HTML", () => {
    const html = annotateHtml(transcript, report);
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<b>bold</b>");
    expect(html).toContain("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
    expect(html).toContain("&amp; &lt;b&gt;bold&lt;/b&gt;");
    expect(html).toContain("chose (b) &lt;ok&gt;");
    expect(escapeHtml(`<a href="x">'&`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;");
  });

  it("puts each verdict right before the answer it grades", () => {
    const html = annotateHtml(transcript, report);
    const badge = html.indexOf('id="part-3c"');
    expect(badge).toBeGreaterThan(html.indexOf("role-model"));
    expect(html.indexOf("### (c)")).toBeGreaterThan(badge);
    const md = annotateMarkdown(transcript, report);
    const lines = md.split("\n");
    const at = lines.findIndex((l) => l.startsWith("> **[groundtruth] 3(c): ✓ correct**"));
    expect(at).toBeGreaterThan(0);
    expect(lines[at + 2]).toBe("### (c)");
    expect(md).toContain("| 3(d)(ii) | ? unreadable |");
  });

  it("summarises verdicts for the terminal", () => {
    const s = formatSummary(report);
    expect(s).toContain("1 correct, 1 unreadable");
    expect(s).toMatch(/3\(c\)\s+correct\s+answer: \(b\)/);
  });
});
