import { describe, expect, it } from "vitest";
import { ExprError, evaluate, parseExpr } from "./evaluate.js";

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
