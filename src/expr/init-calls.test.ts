import { describe, expect, it } from "vitest";
import {
  bindAssignments,
  extractInitCalls,
  extractOutputScales,
  truncatedNormalStd,
} from "./init-calls.js";

const opts = {
  env: { d_model: 512, n_words: 32000 },
  shapes: { "emb_word.weight": [32000, 512], "emb_pos.weight": [1024, 512] },
};
const s = 1 / Math.sqrt(512);

describe("extractInitCalls", () => {
  it.each([
    ["nn.init.normal_(emb_word.weight, mean=0, std=1/math.sqrt(d_model))", s, 0],
    ["torch.nn.init.normal_(self.emb_word.weight, 0.0, d_model ** -0.5)", s, 0],
    ["emb_word.weight.data.normal_(0, d_model**(-0.5))", s, 0],
    ["emb_word.weight.data.normal_(mean=0.0, std=0.02)", 0.02, 0],
    ["emb_word.weight.data.normal_()", 1, 0],
    ["emb_word.weight = nn.Parameter(torch.randn(n_words, d_model) * d_model ** -0.5)", s, 0],
    ["emb_word.weight.data = torch.randn(n_words, d_model) / math.sqrt(d_model)", s, 0],
    ["emb_word.weight = nn.Parameter(0.02 * torch.randn(n_words, d_model))", 0.02, 0],
    ["emb_word.weight.data.uniform_(-0.1, 0.1)", 0.2 / Math.sqrt(12), 0],
    ["nn.init.uniform_(emb_word.weight, a=-0.1, b=0.1)", 0.2 / Math.sqrt(12), 0],
    ["nn.init.xavier_uniform_(emb_word.weight)", Math.sqrt(2 / (32000 + 512)), 0],
    ["nn.init.xavier_normal_(emb_word.weight, gain=2)", 2 * Math.sqrt(2 / (32000 + 512)), 0],
    ["nn.init.kaiming_normal_(emb_word.weight, mode='fan_in', nonlinearity='linear')", s, 0],
    ["nn.init.zeros_(emb_word.weight)", 0, 0],
    // an in-place rescaling after the call changes its std
    ["nn.init.normal_(emb_word.weight)\nemb_word.weight.data *= d_model ** -0.5", s, 0],
    ["nn.init.normal_(emb_word.weight, 1, 2)\nemb_word.weight.div_(math.sqrt(d_model))", 2 * s, s],
  ])("%s", (code, std, mean) => {
    const r = extractInitCalls(code, opts);
    expect(r.errors).toEqual([]);
    expect(r.calls).toHaveLength(1);
    expect(r.calls[0]!.target).toBe("emb_word.weight");
    expect(r.calls[0]!.std).toBeCloseTo(std, 10);
    expect(r.calls[0]!.mean).toBeCloseTo(mean, 10);
  });

  it("finds several calls in a code block, in order, with their targets", () => {
    const code = [
      "# line 9 and 10, fixed",
      "nn.init.normal_(emb_word.weight, mean=0, std=d_model ** -0.5)  # was std=1",
      "nn.init.normal_(emb_pos.weight, mean=0, std=1)",
    ].join("\n");
    const r = extractInitCalls(code, opts);
    expect(r.calls.map((c) => c.target)).toEqual(["emb_word.weight", "emb_pos.weight"]);
    // d_model ** -0.5 and 1/√d_model differ in the last bit on Node 24 (V8 computes pow differently)
    expect(r.calls[0]!.std).toBeCloseTo(s, 14);
    expect(r.calls[1]!.std).toBe(1);
  });

  it("reports calls it cannot read, with the position, and never runs them", () => {
    const code = "x = 1\nnn.init.normal_(emb_word.weight, std=__import__(1))";
    const r = extractInitCalls(code, opts);
    expect(r.calls).toEqual([]);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]!.position).toBe(6);
    expect(r.errors[0]!.message).toMatch(/could not parse the unsupported function "__import__"/);
  });

  it("needs a known shape for fan-based inits", () => {
    const r = extractInitCalls("nn.init.xavier_uniform_(other.weight)", opts);
    expect(r.errors[0]!.message).toMatch(/shape of "other.weight"/);
  });

  it("rejects non-linear uses of randn", () => {
    const r = extractInitCalls("w = torch.randn(3, 3) * torch.randn(3, 3)", opts);
    expect(r.errors.length).toBeGreaterThan(0);
  });
});

describe("truncatedNormalStd", () => {
  it("matches the closed form of N(0,1) truncated to [-2, 2] and leaves narrow normals alone", () => {
    expect(truncatedNormalStd(0, 1, -2, 2)).toBeCloseTo(0.8796, 3);
    expect(truncatedNormalStd(0, 0.02, -2, 2)).toBeCloseTo(0.02, 8);
  });
});

describe("extractOutputScales", () => {
  it("reads constant factors on the head's output and skips unscaled or non-constant uses", () => {
    const code = [
      "logits = self.lm_head(h) / math.sqrt(d_model)",
      "logits = lm_head(x)",
      "out = (d_model ** -0.5) * lm_head(x)",
      "y = lm_head(x) * other_tensor",
    ].join("\n");
    const r = extractOutputScales(code, "lm_head", opts.env);
    expect(r.map((s) => s.scale)).toEqual([1 / Math.sqrt(512), 512 ** -0.5]);
    expect(r[0]!.text).toBe("self.lm_head(h) / math.sqrt(d_model)");
  });

  it("reads a constant factor on the head's input (T5: lm_head(h * d_model ** -0.5))", () => {
    const code = [
      "logits = self.lm_head(h * self.d_model ** -0.5)",
      "logits = lm_head(dec_out / math.sqrt(d_model)) * 2",
      "logits = lm_head(h + other)",
      "logits = lm_head(0.5)",
    ].join("\n");
    const r = extractOutputScales(code, "lm_head", opts.env);
    expect(r.map((s) => s.scale)).toEqual([512 ** -0.5, 2 / Math.sqrt(512)]);
  });

  it("follows the argument to the statement that rescaled it, after a `return`", () => {
    const scaled = (code: string[]) =>
      extractOutputScales(code.join("\n"), "lm_head", opts.env).map((s) => s.scale);
    expect(scaled(["h = h * (self.d_model ** -0.5)", "return self.lm_head(h)"])).toEqual([
      512 ** -0.5,
    ]);
    expect(scaled(["h /= math.sqrt(d_model)", "logits = self.lm_head(h)"])).toEqual([
      1 / Math.sqrt(512),
    ]);
    // only the last assignment counts, and it must be a rescaling of the same name
    expect(scaled(["h = h * 0.5", "h = self.norm(h)", "return self.lm_head(h)"])).toEqual([]);
    expect(scaled(["x = h * 0.5", "return self.lm_head(h)"])).toEqual([]);
    expect(scaled(["return self.lm_head(h) / math.sqrt(d_model)"])).toEqual([1 / Math.sqrt(512)]);
  });
});

describe("bindAssignments", () => {
  it("binds constant assignments in order, leaves tensors and the given sizes alone", () => {
    const env = bindAssignments(
      [
        "d = self.d_model",
        "scale = d ** -0.5  # the fix",
        "h = self.decoder(x)",
        "d_model = 768",
        "same = scale == 1",
      ].join("\n"),
      { d_model: 512 },
    );
    expect(env).toEqual({ d_model: 512, d: 512, scale: 512 ** -0.5 });
  });
});
