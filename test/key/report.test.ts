/** The Markdown and self-contained HTML reports of a key derived from synthetic test data. */
import { describe, expect, it } from "vitest";
import { deriveKey } from "../../src/key/derive.js";
import { inlineSvg, reportHtml } from "../../src/report/document.js";
import { reportMarkdown } from "../../src/report/markdown.js";
import { sweepResults, synthetic } from "./synthetic.js";

const svg = (title: string) =>
  `<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><defs><clipPath id="clip1"><rect width="5" height="5"/></clipPath></defs>` +
  `<title>${title}</title><g clip-path="url(#clip1)"><image href="https://example.com/x.png"/><rect onclick="alert(1)" width="3" height="3"/></g><script>alert(2)</script></svg>`;

function input() {
  const r = synthetic();
  r.vib.sweep.figure = "vib/test/sweep.svg";
  r.vib.latent.figure = "vib/test/latent.svg";
  // A rising sweep: 3(c) is contradicted, and both reports must say so.
  r.vib.sweep = {
    ...sweepResults("contradicted", [0.02, 0.07, 0.12, 0.17, 0.6]),
    figure: "vib/test/sweep.svg",
  };
  const key = deriveKey(r, { generatedAt: "2026-01-01T00:00:00Z" });
  return {
    key,
    commands: ["groundtruth reproduce --profile quick"],
    timings: [{ step: "VIB sweep", seconds: 125 }],
    figures: { "vib/test/sweep.svg": svg("sweep"), "vib/test/latent.svg": svg("latent") },
    figureLink: (f: string) => `figures/${f}`,
  };
}

describe("reports", () => {
  it("Markdown: every part with its derived answer, status, evidence and figure links", () => {
    const md = reportMarkdown(input());
    for (const h of [
      "### Problem 1",
      "### Part 2(a)",
      "### Part 3(c)",
      "### Part 3(d) i",
      "### Part 3(d) ii",
    ]) {
      expect(md).toContain(h);
    }
    expect(md).toMatch(/\| 3c \| \(a\) \| \*\*contradicted\*\* \|/);
    expect(md).toMatch(/\| 3d-i \| a → 1e-3, b → 1e-6, c → 1e0 \| supported \|/);
    expect(md).toContain(
      "![validation error against β with intervals (Figure 3)](figures/vib/test/sweep.svg)",
    );
    expect(md).toMatch(
      /\| validation error at β = 1e-6 \(mean of 2 seeds; [^|]*\) \| 0\.02 \| test:sweep \|/,
    );
    expect(md).toContain("| VIB sweep | 2 min 05 s |");
  });

  it("HTML: one self-contained document, figures inlined as SVG with unique ids, no scripts or external references", () => {
    const html = reportHtml(input());
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html.match(/<svg /g)).toHaveLength(2);
    expect(html).toContain('id="f1-clip1"');
    expect(html).toContain('id="f2-clip1"');
    expect(html).toContain("url(#f2-clip1)");
    expect(html).not.toMatch(/<script|onclick|example\.com|<\?xml|<link|src=/i);
    // The only URLs left are SVG namespace declarations.
    expect([...html.matchAll(/https?:\/\/[^"' )]+/g)].map((m) => m[0])).toEqual([
      "http://www.w3.org/2000/svg",
      "http://www.w3.org/2000/svg",
    ]);
    expect(html).toContain('<span class="status contradicted">CONTRADICTED');
    expect(
      inlineSvg('<svg><use xlink:href="#a"/><path id="a" fill="url(\'#a\')"/></svg>', "p-"),
    ).toBe(`<svg><use xlink:href="#p-a"/><path id="p-a" fill="url(#p-a)"/></svg>`);
  });
});
