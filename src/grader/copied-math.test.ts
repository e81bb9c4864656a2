import { describe, expect, it } from "vitest";
import { collapseCopiedMath } from "./copied-math.js";

describe("math a KaTeX page gave three times over", () => {
  it("keeps each formula once, as its source between dollars", () => {
    expect(
      collapseCopiedMath("so Z=μ(x)+σ(x)⋅VZ = \\mu(x) + \\sigma(x)\\cdot VZ=μ(x)+σ(x)⋅V here"),
    ).toBe("so $Z = \\mu(x) + \\sigma(x)\\cdot V$ here");
    // two formulas in one run of ASCII, and a rendering that drops the square root's name
    expect(
      collapseCopiedMath(
        "(a) P=U(0,2)P = \\mathcal{U}(0,2)P=U(0,2), Q=N(0,1)Q = \\mathcal{N}(0,1)Q=N(0,1).",
      ),
    ).toBe("(a) $P = \\mathcal{U}(0,2)$, $Q = \\mathcal{N}(0,1)$.");
    expect(collapseCopiedMath("σ≈dmodel\\sigma \\approx \\sqrt{d_{model}}σ≈dmodel")).toBe(
      "$\\sigma \\approx \\sqrt{d_{model}}$",
    );
  });
  it("leaves formulas already marked, sources with spaces around them, and copies that are not the source's rendering", () => {
    for (const t of [
      "the norm is $\\sqrt{d} \\approx 22.6$ or $\\sqrt{768}$, typically",
      "a \\mu b, and an ic before \\alpha then ic after",
      // KaTeX renders a fraction differently in its two copies: nothing to collapse
      "12ln(2π)+16≈1.09\\tfrac12\\ln(2\\pi)+\\tfrac16 \\approx 1.0921ln(2π)+61≈1.09 nat",
    ])
      expect(collapseCopiedMath(t)).toBe(t);
  });
  it("costs a bounded amount per character on text made of commands", () => {
    // (each formula nearly copied around itself: the costliest case)
    const t = "xyzxyzxyzxyz\\alpha_{12}xyzxyz".repeat(70_000);
    const t0 = performance.now();
    collapseCopiedMath(t);
    expect(performance.now() - t0).toBeLessThan(5000);
  });
});
