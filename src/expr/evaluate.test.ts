import { describe, expect, it } from "vitest";
import {
  type Dialect,
  ExprError,
  evaluate,
  type LexFailure,
  parseExpr,
  type Reading,
  readArithmetic,
  type Span,
  type Token,
  tokenize,
} from "./evaluate.js";

const env = { d_model: 512, n_words: 32000 };

describe("evaluate", () => {
  it.each([
    ["1/math.sqrt(d_model)", 1 / Math.sqrt(512)],
    ["d_model ** -0.5", 512 ** -0.5],
    ["d_model**(-0.5)", 512 ** -0.5],
    ["d_model^-0.5", 512 ** -0.5],
    ["np.sqrt(d_model)", Math.sqrt(512)],
    ["torch.sqrt(torch.tensor(4.0))", 2],
    ["sqrt(2) * 3", Math.SQRT2 * 3],
    ["-2 ** 2", -4],
    ["2 ** 3 ** 2", 512],
    ["(1 + 2) * 3 - 4 / 2", 7],
    ["1.0 / self.d_model ** 0.5", 512 ** -0.5],
    ["config.d_model // 8", 64],
    ["1e-3 * 2", 0.002],
    [".5 + -.25", 0.25],
    ["math.pi", Math.PI],
    ["math.pow(d_model, -0.5)", 512 ** -0.5],
  ])("%s", (src, want) => {
    expect(evaluate(src, env)).toBeCloseTo(want, 12);
  });

  it.each([
    ["__import__('os')", "operand near \"'os'\""],
    ["os.system(1)", 'unsupported function "os.system"'],
    ["eval(1)", 'unsupported function "eval"'],
    ["().__class__", 'character "."'],
    ["foo + 1", 'unknown name "foo"'],
    ["1 +", "unexpected end"],
    ["(1 + 2", '")"'],
    ["2 $ 3", 'character "$"'],
    ["1 2", "the expression"],
    ["sqrt(1, 2)", "2 argument"],
  ])("rejects %s", (src, why) => {
    expect(() => evaluate(src, env)).toThrow(ExprError);
    expect(() => evaluate(src, env)).toThrow(why);
  });

  it("reports the position of what it could not parse", () => {
    try {
      evaluate("d_model * foo", env);
      expect.unreachable();
    } catch (e) {
      expect((e as ExprError).position).toBe(10);
    }
    try {
      parseExpr("1 + * 2");
      expect.unreachable();
    } catch (e) {
      expect((e as ExprError).position).toBe(4);
      expect((e as ExprError).message).toMatch(/position 4/);
    }
  });

  it("does not resolve prototype names from the environment", () => {
    expect(() => evaluate("constructor", {})).toThrow(/unknown name/);
    expect(() => evaluate("toString", env)).toThrow(/unknown name/);
  });
});

describe("tokenize: a program's arithmetic and written mathematics", () => {
  const read = (source: string, dialect: Dialect) =>
    tokenize(source, dialect).map((t) => [t.kind, t.value, t.text]);

  it("reads dotted names, string subscripts, strings and two-character operators in code", () => {
    expect(read(`config["d"] ** 2 // 'x'`, "code")).toEqual([
      ["name", "config.d", `config["d"]`],
      ["op", "**", "**"],
      ["num", 2, "2"],
      ["op", "//", "//"],
      ["str", "x", "'x'"],
      ["end", undefined, ""],
    ]);
  });

  it("reads LaTeX commands, Greek letters, vulgar fractions, ∞ and Unicode operators in math", () => {
    expect(read("½\\,\\mathcal{N}(μ, σ²) · ∞ − \\{x_1\\}", "math")).toEqual([
      ["num", 0.5, "½"],
      ["name", "\\mathcal", "\\mathcal"],
      ["op", "{", "{"],
      ["name", "N", "N"],
      ["op", "}", "}"],
      ["op", "(", "("],
      ["name", "mu", "μ"],
      ["op", ",", ","],
      ["name", "sigma", "σ"],
      ["op", "²", "²"],
      ["op", ")", ")"],
      ["op", "*", "·"],
      ["name", "\\infty", "∞"],
      ["op", "-", "−"],
      ["op", "{", "\\{"],
      ["name", "x", "x"],
      ["op", "_", "_"],
      ["num", 1, "1"],
      ["op", "}", "\\}"],
      ["end", undefined, ""],
    ]);
  });

  it("hands what it cannot read to the caller, with its position", () => {
    const failures: Array<[LexFailure, number]> = [];
    const fail = (why: LexFailure, pos: number): never => {
      failures.push([why, pos]);
      throw new Error("stop");
    };
    for (const [source, dialect] of [
      ["1 + \\", "math"],
      ["N \\$", "math"],
      ["x # y", "math"],
      ["'open", "code"],
      ["μ", "code"],
    ] as const)
      expect(() => tokenize(source, dialect, fail)).toThrow("stop");
    expect(failures).toEqual([
      [{ kind: "lone-backslash" }, 4],
      [{ kind: "command", name: "$" }, 2],
      [{ kind: "character", character: "#" }, 2],
      [{ kind: "unterminated-string" }, 0],
      [{ kind: "character", character: "μ" }, 0],
    ]);
    expect(() => tokenize("'open")).toThrow("could not parse an unterminated string at position 0");
  });
});

describe("readArithmetic: the one grammar, read by another reader", () => {
  // LaTeX-mode tokens, written the way the distribution parser's lexer gives them
  const tok = (text: string, pos: number): Token => {
    const end = pos + text.length;
    if (/^[\d.]/.test(text)) return { kind: "num", value: Number(text), pos, end, text };
    if (/^\\?[A-Za-z]/.test(text)) return { kind: "name", value: text, pos, end, text };
    return { kind: "op", value: text, pos, end, text };
  };
  const tokens = (...parts: string[]): Token[] => {
    let pos = 0;
    const out = parts.map((p) => {
      const t = tok(p, pos);
      pos += p.length + 1;
      return t;
    });
    return [...out, { kind: "end", pos, end: pos, text: "" }];
  };
  /** A reading to numbers that records the spans it was given. */
  const numbers: Reading<number> = {
    latex: true,
    num: (t) => t.value as number,
    name: (t) => (t.value === "\\pi" ? Math.PI : Number.NaN),
    unary: (op, x) => (op === "-" ? -x : x),
    binary: (op, l, r) =>
      op === "+" ? l + r : op === "-" ? l - r : op === "*" ? l * r : op === "/" ? l / r : l ** r,
    call: (_, [x]) => Math.sqrt(x!),
    group: (x) => x,
    fail: (why, at) => {
      throw new Error(`${why.kind} at ${at.pos}`);
    },
  };
  const read = (ts: Token[], level: "sum" | "product" | "atom" = "sum", r = numbers) =>
    readArithmetic(ts, 0, level, r);

  it.each<[string[], number]>([
    [["\\frac", "{", "1", "}", "{", "4", "}"], 0.25],
    [["\\frac", "12"], 0.5],
    [["\\frac", "1", "2"], 0.5],
    [["\\sqrt", "{", "16", "}"], 4],
    [["sqrt", "9"], 3],
    [["sqrt", "(", "9", ")"], 3],
    [["0.5", "²"], 0.25],
    [["2", "^", "{", "3", "}"], 8],
    [["2", "^", "-", "1"], 0.5],
    [["2", "\\cdot", "3", "\\times", "4"], 24],
    [["{", "1", "+", "2", "}", "*", "3"], 9],
    [["2", "*", "\\pi"], 2 * Math.PI],
    [["-", "2", "^", "2"], -4],
  ])("%j", (parts, want) => {
    const r = read(tokens(...parts));
    expect(r.value).toBeCloseTo(want, 15);
    expect(r.next).toBe(parts.length);
  });

  it("reads as far as the arithmetic goes, and a product stops where the reader says", () => {
    const ts = tokens("0.5", "*", "N", "(", "0", ")");
    expect(read(ts, "product")).toEqual({ value: Number.NaN, next: 3 });
    const weights = { ...numbers, stopsBefore: (next: number) => ts[next]!.value === "N" };
    expect(read(ts, "product", weights)).toEqual({ value: 0.5, next: 1 });
    expect(read(tokens("3", "+", "4"), "atom")).toEqual({ value: 3, next: 1 });
  });

  it("passes each construct's span, and reports what it could not read", () => {
    const spans: Span[] = [];
    read(tokens("\\frac", "{", "1", "}", "{", "2", "}"), "sum", {
      ...numbers,
      binary: (_op, l, r, _at, span) => {
        spans.push(span);
        return l / r;
      },
    });
    expect(spans).toEqual([{ start: 0, end: 17 }]);
    expect(() => read(tokens("(", "1"))).toThrow("close at 4");
    expect(() => read(tokens("\\frac", "x"))).toThrow("argument at 6");
    expect(() => read(tokens("+"))).toThrow("operand at 2");
  });
});
