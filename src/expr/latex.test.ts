import { describe, expect, it } from "vitest";
import { commandAt, latexToFormula, latexToText } from "./latex.js";

describe("latexToText: the constructs the grader matches answers by", () => {
  it.each([
    // math delimiters read as spaces
    ["$x$ and $$y$$", " x  and  y "],
    ["\\(a\\) \\[b\\]", " a   b "],
    // wrappers: their content, nested, with or without braces
    ["\\mathcal{N}(0,1)", "N(0,1)"],
    ["\\mathcal N(0, I)", "N(0, I)"],
    ["\\text{KL}, \\mathrm{d}x, \\operatorname{Var}", "KL, dx, Var"],
    ["\\boxed{\\text{panel (a)},\\ \\beta = 10^{-3}}", "panel (a), β = 10^(-3)"],
    ["\\mathbb{E}_{P}", "E_P"],
    // sub- and superscripts in braces
    ["d_{model}", "d_model"],
    ["d_{\\text{model}}", "d_model"],
    ["10^{-3}", "10^(-3)"],
    ["\\theta_{e}", "θ_e"],
    ["D_{KL}(P \\| Q)", "D_KL(P || Q)"],
    // fractions and roots
    ["\\frac{1}{\\sqrt{d}}", "(1)/(sqrt(d))"],
    ["\\dfrac{a}{b} + \\tfrac12", "(a)/(b) + (1)/(2)"],
    ["\\frac{x^{2}}{2}", "(x^(2))/(2)"],
    ["\\sqrt{d_{model}}", "sqrt(d_model)"],
    // sizing dropped (with the space after it), spacing as one space
    ["\\left( x \\right)", "( x )"],
    ["\\big| x \\Big|", "| x |"],
    ["a\\,b\\;c\\quad d", "a b c  d"],
    // bars and norms
    [
      "p(z \\mid x), \\vert x \\vert, \\Vert v \\Vert, a \\parallel b",
      "p(z | x), | x |, || v ||, a || b",
    ],
    // symbols
    [
      "\\sigma \\cdot \\beta \\leq \\infty, \\mu \\times \\epsilon \\to \\alpha",
      "σ · β ≤ ∞, μ × ε → α",
    ],
    ["x \\sim \\mathcal{N}(0,1)", "x ~ N(0,1)"],
    ["V\\sim\\mathcal{N}(0,1)", "V~N(0,1)"],
    ["\\log \\exp \\ln \\sqrt", "log exp ln sqrt"],
    ["\\checkmark \\boxtimes \\square", "✓ ☒ ☐"],
    // what it does not know stays as written
    ["\\int_0^1 \\pi \\{a\\}", "\\int_0^1 \\pi \\{a\\}"],
    ["\\frac{1}", "\\frac{1}"],
    ["{a", "{a"],
    ["a}", "a}"],
    ["{x}", "{x}"],
    ["a \\\\ b", "a \\\\ b"],
    ["trailing \\", "trailing \\"],
    // Unicode math pasted from rendered LaTeX
    ["10⁻³ and x²", "10^-3 and x^2"],
    ["δ₀, θ₁₂", "δ_0, θ_12"],
    ["D(P‖Q), a∥b", "D(P||Q), a||b"],
    ["𝒩(0, 1), 𝒰(0, 1)", "N(0, 1), U(0, 1)"],
    // plain text is unchanged
    ["no math here: 0.5 N(0, 1)", "no math here: 0.5 N(0, 1)"],
  ])("%s", (input, want) => {
    expect(latexToText(input)).toBe(want);
  });

  it("reads a LaTeX grid as Markdown table rows, the first row as the header", () => {
    const t =
      "\\begin{tabular}{lcc} & $\\theta_e$ & $\\theta_d$ \\\\ \\hline task & \\checkmark & \\checkmark \\\\ \\end{tabular}";
    expect(latexToText(t)).toBe("\n|  | θ_e | θ_d |\n| --- | --- | --- |\n| task | ✓ | ✓ |\n");
    expect(latexToText("\\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}")).toBe(
      "\n| 1 | 2 |\n| --- | --- |\n| 3 | 4 |\n",
    );
    // not closed: not a table
    expect(latexToText("\\begin{array} a & b")).toBe("\\begin{array} a & b");
    expect(latexToText("\\begin{cases} a \\end{cases}")).toBe("\\begin{cases} a \\end{cases}");
  });
});

describe("latexToFormula: the constructs written densities use", () => {
  it.each([
    ["\\frac{1}{2}", "((1)/(2))"],
    ["\\tfrac12 x", "((1)/(2)) x"],
    ["\\frac{1}{\\sqrt{2\\pi}} e^{-x^2/2}", "((1)/(sqrt(2pi))) e^{-x^2/2}"],
    ["2 \\cdot x \\times 3", "2 * x * 3"],
    ["0 \\leq x \\le 1, x \\geq 0, x \\ge 0", "0 <= x <= 1, x >= 0, x >= 0"],
    ["\\ln x + \\log x + \\exp(x)", "log x + log x + exp(x)"],
    ["x \\in [0, \\infty)", "x ∈ [0, ∞)"],
    ["p(x) \\propto x", "p(x) ∝ x"],
    ["2x \\mathbb{1}[0 \\le x \\le 1]", "2x 𝟙[0 <= x <= 1]"],
    ["\\mathbf{1}_{[0,1]}(x)", "𝟙_{[0,1]}(x)"],
    ["\\one\\{x \\ge 0\\}", "𝟙\\{x >= 0\\}"],
    ["x \\in \\mathbb{R}", "x ∈ ℝ"],
    ["\\mathrm{e}^{-x}", "e^{-x}"],
    ["\\left(1 - x\\right)", "(1 - x)"],
    ["3x², x⁻¹", "3x^(2), x^(-1)"],
    ["√x, π, 0 ≤ x ⩽ 1, x ≥ 0", "sqrt x, pi, 0 <= x <= 1, x >= 0"],
    ["2·x×3⋅4 − 1 – 2", "2*x*3*4 - 1 - 2"],
    ["$p(x) = 2x$", " p(x) = 2x "],
  ])("%s", (input, want) => {
    expect(latexToFormula(input)).toBe(want);
  });
});

describe("commandAt", () => {
  it("reads a command's name and end: letters, or one character", () => {
    expect(commandAt("\\frac12", 0)).toEqual({ name: "frac", end: 5 });
    expect(commandAt("a\\,b", 1)).toEqual({ name: ",", end: 3 });
    expect(commandAt("\\\\", 0)).toEqual({ name: "\\", end: 2 });
    expect(commandAt("x\\", 1)).toBeUndefined();
  });
});

describe("the reader is linear on hostile input", () => {
  const MB = 1 << 20;
  const patterns: Record<string, (n: number) => string> = {
    "open braces": (n) => "{".repeat(n),
    "nested groups": (n) => "{a".repeat(n / 2) + "}".repeat(n / 2),
    "unclosed tables": (n) => "\\begin{array}a&".repeat(n / 15),
    "tables, closed late": (n) => `${"\\begin{array}a&b\\\\".repeat(n / 18)}\\end{array}`,
    fractions: (n) => "\\frac{\\frac{".repeat(n / 12),
    scripts: (n) => "x_{y^{".repeat(n / 6),
    commands: (n) => "\\a".repeat(n / 2),
  };
  /** Milliseconds both readers take on `s`: the least of five runs (load only ever slows a run). */
  const ms = (s: string) =>
    Math.min(
      ...Array.from({ length: 5 }, () => {
        const t0 = performance.now();
        latexToFormula(latexToText(s));
        return performance.now() - t0;
      }),
    );
  it.each(Object.entries(patterns))(
    "%s: doubling the input does not quadruple the time",
    (_, make) => {
      ms(make(MB / 16)); // the JIT warmed up
      const [half, full] = [ms(make(MB / 8)), ms(make(MB / 4))];
      expect(full).toBeLessThan(3 * half + 300);
    },
  );
});
