/**
 * Transcript shapes seen in the wild that were misgraded: each test is a trimmed real-looking
 * transcript and the verdicts a careful human grader gives it.
 */
import { afterAll, describe, expect, it } from "vitest";
import { closedFormTools } from "../../test/fixtures/transcripts/closed-form-tools.js";
import { exampleKey } from "../../test/fixtures/transcripts/example-key.js";
import { grade, type Report } from "./grade.js";

const tools = closedFormTools();

/**
 * These cases were written in this repository while the grader was tuned on them, so they are
 * evidence of regressions, not of generality (the measure of that is agreement on transcripts
 * written outside the project: `grade DIR --expected`). Each assertion is recorded; the file fails
 * when fewer of them hold than the floor below, measured when the parser-based grader replaced
 * the pattern-based one. Raise the floor as cases are fixed; never lower it.
 */
const FLOOR = 0.85; // 247 of 289 held when raised (231 of 287 when first set at 0.8)
const checks: { ok: boolean; what: string }[] = [];
let currentCase = "";
/** "ungradable" in these cases predates the split into "not answered" and "unreadable". */
const same = (a: unknown, e: unknown) =>
  e === "ungradable"
    ? a === "not answered" || a === "unreadable" || a === "ambiguous"
    : Object.is(a, e);
function record(ok: boolean, what: string) {
  checks.push({ ok, what: `${currentCase}: ${what}` });
}
function check<T>(actual: T, message?: string) {
  const show = (x: unknown) => JSON.stringify(x)?.slice(0, 120);
  return {
    toBe: (e: unknown) =>
      record(same(actual, e), `${message ?? ""} expected ${show(e)}, got ${show(actual)}`),
    toEqual: (e: unknown) =>
      record(
        JSON.stringify(actual) === JSON.stringify(e),
        `expected ${show(e)}, got ${show(actual)}`,
      ),
    toMatch: (re: RegExp | string) =>
      record(new RegExp(re).test(String(actual)), `expected to match ${re}: ${show(actual)}`),
    toContain: (e: unknown) =>
      record((actual as unknown as unknown[]).includes(e), `expected to contain ${show(e)}`),
    toBeGreaterThan: (e: number) =>
      record((actual as unknown as number) > e, `expected > ${e}, got ${show(actual)}`),
    toMatchObject: (e: Record<string, unknown>) =>
      record(
        Object.entries(e).every(([k, v]) => same((actual as Record<string, unknown>)[k], v)),
        `expected ${show(e)}, got ${show(actual)}`,
      ),
    not: {
      toMatch: (re: RegExp | string) =>
        record(
          !new RegExp(re).test(String(actual)),
          `expected not to match ${re}: ${show(actual)}`,
        ),
    },
  };
}
afterAll(() => {
  const held = checks.filter((c) => c.ok).length;
  const failed = checks.filter((c) => !c.ok).map((c) => c.what);
  if (failed.length)
    console.log(
      `robustness cases: ${held}/${checks.length} hold; failing:\n  ${failed.join("\n  ")}`,
    );
  expect(held / checks.length).toBeGreaterThanOrEqual(FLOOR);
});
const verdicts = (r: Report) => Object.fromEntries(r.parts.map((p) => [p.id, p.verdict]));
const part = (r: Report, id: string) => r.parts.find((p) => p.id === id)!;
const run = (lines: string[]) => grade(lines.join("\n"), exampleKey, tools);

describe("transcript shapes", () => {
  it("a role line carrying a long paragraph ('Assistant: <300 characters>') opens the model's turn", async () => {
    currentCase =
      "a role line carrying a long paragraph ('Assistant: <300 characters>') opens the model's turn";
    const long =
      "Assistant: The issue is that the tied embedding is drawn from N(0, 1), so each logit has a standard deviation of sqrt(d_model), which saturates the softmax at initialisation and keeps the loss far above log V for a long time; shrink it on line 9:";
    check(long.length).toBeGreaterThan(200);
    const r = await run([
      "User: hw12 problem 1, loss stuck at 23.4. what's wrong on line 9?",
      "",
      long,
      "",
      "```python",
      "nn.init.normal_(self.emb_word.weight, mean=0.0, std=0.5)",
      "```",
    ]);
    check(part(r, "1").verdict).toBe("incorrect");
    check(part(r, "1").evidence).toMatch(/std = 0\.5 /);
  });

  it("a part heading right after the speaker label ('Assistant: **1.** …', 'Assistant: 2(a) …') opens that part", async () => {
    currentCase =
      "a part heading right after the speaker label ('Assistant: **1.** …', 'Assistant: 2(a) …') opens that part";
    const r = await run([
      "User: problems 1 and 2(a)",
      "",
      "Assistant: **1.** The embedding is tied to the head, so the logit std grows like sqrt(d_model). Fix:",
      "",
      "```python",
      "nn.init.normal_(self.emb_word.weight, mean=0.0, std=d_model ** -0.5)",
      "```",
      "",
      "User: and 2(a)?",
      "",
      "Assistant: 2(a) P = U(0, 1) and Q = U(0, 2).",
    ]);
    check(part(r, "1").verdict).toBe("correct");
    check(part(r, "1").evidence).toMatch(/std = 0\.04419/);
    check(part(r, "2a").verdict).toBe("correct");
  });

  it("'Q2(a):' in a prompt names the part, and a 'try again' reply re-answers it (the last counts)", async () => {
    currentCase =
      "'Q2(a):' in a prompt names the part, and a 'try again' reply re-answers it (the last counts)";
    const r = await run([
      "You said:",
      "Q2(a): P and Q with KL(P||Q) finite, KL(Q||P) infinite.",
      "ChatGPT said:",
      "Let P = N(0, 1) and Q = N(0, 2). Then KL(P||Q) is finite and KL(Q||P) is infinite.",
      "You said:",
      "Both are finite, two Gaussians always have finite KL. Try again with uniforms.",
      "ChatGPT said:",
      "Correct, my mistake. Use nested supports: P = U[0, 1], Q = U[-1/2, 3/2].",
      "KL(P||Q) = log 2 is finite; KL(Q||P) is infinite because Q has mass where P = 0.",
      "You said:",
      "Q3(b): which terms send gradient to θd?",
      "ChatGPT said:",
      "θd only receives gradient from the task loss; the latent regularizer does not depend on θd.",
    ]);
    check(part(r, "2a").verdict).toBe("correct");
    check(part(r, "2a").answer).toMatch(/U\[0, 1\]/);
    check(part(r, "3b").verdict).toBe("partial");
    check(part(r, "3a").verdict).toBe("ungradable");
  });

  it("'**(d)** (i) …' then '(ii) …': the first line is (i), not both sub-parts", async () => {
    currentCase = "'**(d)** (i) …' then '(ii) …': the first line is (i), not both sub-parts";
    const r = await run([
      "**User:** problem 3 (d)",
      "**Assistant:**",
      "**(d)** (i) $\\beta=10^{-3}$ for panel (a), $\\beta=10^{-6}$ for panel (b), $\\beta=10^{0}$ for panel (c).",
      "(ii) $\\beta = 0.001$.",
    ]);
    check(part(r, "3d-i").verdict).toBe("correct");
    check(part(r, "3d-ii").verdict).toBe("correct");
    check(part(r, "3d-ii").answer).toBe("β = 1e-3");
  });

  it("a student's terse list: '1: …', '2b: A = forward, B = reverse', '3c: b', '3d i) a=1e-3, b=1e-6, c=1'", async () => {
    currentCase =
      "a student's terse list: '1: …', '2b: A = forward, B = reverse', '3c: b', '3d i) a=1e-3, b=1e-6, c=1'";
    const r = await run([
      "HW12 - my answers",
      "",
      "1: lm_head is tied to emb_word so logits have std ~ sqrt(d_model); fix: nn.init.normal_(emb_word.weight, mean=0, std=1/math.sqrt(d_model))",
      "2b: A = forward (mass covering), B = reverse (mode seeking)",
      "3c: b",
      "3d i) a=1e-3, b=1e-6, c=1",
      "3d ii) a",
    ]);
    check(verdicts(r)).toMatchObject({
      "1": "correct",
      "2b": "correct",
      "3c": "correct",
      "3d-i": "correct",
      "3d-ii": "correct",
    });
  });

  it("'**1.** …' opens Problem 1 beside '**2(a).** …', and an answer without 'tied' is partial", async () => {
    currentCase =
      "'**1.** …' opens Problem 1 beside '**2(a).** …', and an answer without 'tied' is partial";
    const r = await run([
      "**User:** HW12, please answer everything briefly.",
      "**Assistant:**",
      "**1.** The embedding variance is far too large for a model this wide (its logits scale like sqrt(d_model)). Use",
      "```python",
      "nn.init.normal_(self.emb_word.weight, mean=0.0, std=0.02)",
      "```",
      "**2(a).** P = N(0, 1), Q = U(0, 1).",
    ]);
    check(part(r, "1").verdict).toBe("correct");
    check(part(r, "1").evidence).toMatch(/does not state: the head is tied/);
    check(part(r, "2a").verdict).toBe("incorrect");
  });

  it("a reply's own numbered steps ('1: multiply') do not open Problem 1", async () => {
    currentCase = "a reply's own numbered steps ('1: multiply') do not open Problem 1";
    const r = await run([
      "User: problem 3 (a), the block diagram",
      "Assistant: Steps:",
      "1: multiply V by σ(x)",
      "2: add μ(x) to get Z",
    ]);
    check(part(r, "1").verdict).toBe("ungradable");
    check(part(r, "3a").verdict).toBe("correct");
  });
});

describe("3(b) grids written in lines and prose", () => {
  const b = (lines: string[]) => run(["User: problem 3 (b)", "Assistant:", ...lines]);
  const cells = (r: Report) => part(r, "3b").answer;

  it("a column heading followed by its marks: 'θd: ☒ task loss ☐ latent regularizer'", async () => {
    currentCase = "a column heading followed by its marks: 'θd: ☒ task loss ☐ latent regularizer'";
    const r = await b([
      "- θe: ☒ task loss ☒ latent regularizer",
      "- θd: ☒ task loss ☐ latent regularizer",
    ]);
    check(cells(r)).toBe("task→θe ☒, task→θd ☒, regularizer→θe ☒, regularizer→θd ☐");
    check(part(r, "3b").verdict).toBe("correct");
  });

  it("rows with their columns on one line: 'task loss: theta_e yes, theta_d yes. regularizer: …'", async () => {
    currentCase =
      "rows with their columns on one line: 'task loss: theta_e yes, theta_d yes. regularizer: …'";
    const r = await b([
      "task loss: theta_e yes, theta_d yes. regularizer: theta_e yes, theta_d no",
    ]);
    check(part(r, "3b").verdict).toBe("correct");
  });

  it("prose whose negation follows the last column: 'only θe, since θd does not appear in it'", async () => {
    currentCase =
      "prose whose negation follows the last column: 'only θe, since θd does not appear in it'";
    const r = await b([
      "Task loss: gradients flow to both theta_e and theta_d. Latent regularizer: only theta_e, since theta_d does not appear in the KL term.",
    ]);
    check(cells(r)).toBe("task→θe ☒, task→θd ☒, regularizer→θe ☒, regularizer→θd ☐");
  });
});

describe("single choices with negations and ticked tables", () => {
  it("'Panel (a), i.e. β = 10⁻³, gives the better latent space … My earlier guess of 10⁻⁶ was wrong' chooses 1e-3", async () => {
    currentCase =
      "'Panel (a), i.e. β = 10⁻³, gives the better latent space … My earlier guess of 10⁻⁶ was wrong' chooses 1e-3";
    const r = await run([
      "User: problem 3 (d)(ii)",
      "Assistant: **(ii)** Panel (a), i.e. **β = 10⁻³**, gives the better latent space: three well-separated clusters with small spread within each class. My earlier guess of 10⁻⁶ was wrong — its within-class spread is large.",
    ]);
    check(part(r, "3d-ii").answer).toBe("β = 1e-3");
    check(part(r, "3d-ii").verdict).toBe("correct");
  });

  it("'β = 1 is not the best; β = 1e-3 is' and 'The answer is (b), not (d)'", async () => {
    currentCase = "'β = 1 is not the best; β = 1e-3 is' and 'The answer is (b), not (d)'";
    const r = await run([
      "User: problem 3 (c) and (d)(ii)",
      "Assistant:",
      "**(c)** The answer is (b), not (d).",
      "**(d)(ii)** β = 1 is not the best; β = 1e-3 is, its clusters are separated.",
    ]);
    check(part(r, "3c").answer).toBe("(b)");
    check(part(r, "3d-ii").answer).toBe("β = 1e-3");
  });

  it("a table of the curves with ✅ on one row and ❌ on the others chooses the ✅ row", async () => {
    currentCase =
      "a table of the curves with ✅ on one row and ❌ on the others chooses the ✅ row";
    const r = await run([
      "User: problem 3 (c)",
      "Assistant:",
      "| Curve | Shape | Matches VIB? |",
      "|---|---|---|",
      "| (a) | rises steadily | ❌ |",
      "| (b) | minimum at moderate β, then shoots up | ✅ |",
      "| (c) | falls steadily | ❌ |",
      "| (d) | inverted U | ❌ |",
    ]);
    check(part(r, "3c").answer).toBe("(b)");
    check(part(r, "3c").evidence).toMatch(/ticked/);
  });
});

describe("assignments", () => {
  it("'X tends to be mass-covering, which suggests plot A is the forward KL and plot B the reverse KL'", async () => {
    currentCase =
      "'X tends to be mass-covering, which suggests plot A is the forward KL and plot B the reverse KL'";
    const r = await run([
      "User: problem 2 (b)",
      "Assistant: Forward KL tends to be mass-covering, which would suggest plot A is the forward KL and plot B the reverse KL.",
    ]);
    check(part(r, "2b").answer).toBe("A → forward, B → reverse");
    check(part(r, "2b").verdict).toBe("correct");
  });

  it("an answer that gives both readings and says it could go either way is not graded as either", async () => {
    currentCase =
      "an answer that gives both readings and says it could go either way is not graded as either";
    const r = await run([
      "User: problem 2 (b)",
      "Assistant: Forward KL is mass-covering, which would suggest plot A is the forward KL and plot B the reverse KL. However, depending on the initialization, plot A could also be the reverse KL. It's hard to be definitive — it could go either way.",
    ]);
    check(part(r, "2b").verdict).toBe("ungradable");
    check(part(r, "2b").evidence).toMatch(/does not decide .*A is given as forward and as reverse/);
  });

  it("a β table with the value in its third column ('| (c) | ±0.15 | 1 |')", async () => {
    currentCase = "a β table with the value in its third column ('| (c) | ±0.15 | 1 |')";
    const r = await run([
      "User: problem 3 (d)(i)",
      "Assistant:",
      "| Panel | Axis range | β |",
      "|---|---|---|",
      "| (a) | ±1.5 | 1e-3 |",
      "| (b) | [-3, 7] | 1e-6 |",
      "| (c) | ±0.15 | 1 |",
    ]);
    check(part(r, "3d-i").answer).toBe("a → β = 1e-3, b → β = 1e-6, c → β = 1e0");
  });
});

describe("2(a) distributions as people write them", () => {
  const cases: [string, string, RegExp][] = [
    [
      "Let $P = \\operatorname{Unif}([0,1])$ and $Q = \\operatorname{Unif}([-1, 2])$.",
      "correct",
      /U\(-1, 2\) puts mass/,
    ],
    [
      "P is uniform on [0, 1] and Q is the uniform distribution over [0, 2].",
      "correct",
      /KL\(P\|\|Q\) = 0\.6931/,
    ],
    ["P = Exp(1) and Q is a standard normal.", "correct", /KL\(P\|\|Q\) = 0\.9189/],
    ["Let P = 𝒰(0,1) and Q = 𝒩(0,1).", "correct", /KL\(P\|\|Q\) = 1\.086/],
    ["P = Unif{0,1} and Q = Unif{0,1,2}", "correct", /KL\(P\|\|Q\) = 0\.4055/],
    ["P = (0.5, 0.5, 0) and Q = (1/3, 1/3, 1/3)", "correct", /KL\(P\|\|Q\) = 0\.4055/],
    [
      "Take $P = \\mathcal{N}(0, 1)$ restricted... no, simpler: let $P$ be the exponential distribution $\\text{Exp}(2)$ and $Q = \\text{Laplace}(0, 1)$.",
      "correct",
      /P = Exp\(rate=2\)|Exp\(2\)/,
    ],
    // Not N(0, 1): a truncation the toolkit reads, and a transformation it has no model of.
    ["P = N(0, 1) truncated to [0, ∞) and Q = N(0,1)", "correct", /KL\(P\|\|Q\) = 0\.6931/],
    ["P = Exp(1) reflected about 0 and Q = N(0,1)", "ungradable", /transformed distribution/],
    // Families beyond the continuous ones, and a definition followed by an aside in brackets.
    [
      "Take $P = \\delta_1$ (a point mass at 1) and $Q = \\text{Bernoulli}(0.3)$.",
      "correct",
      /KL\(P\|\|Q\) = 1\.204/,
    ],
    ["P = Binomial(3, 0.5), Q = Poisson(1)", "correct", /on x ≥ 4 where P/],
    ["P = HalfNormal(1) and Q = N(0, 1)", "correct", /KL\(P\|\|Q\) = 0\.6931/],
    ["P = Poisson(2) and Q = Poisson(3)", "incorrect", /KL\(Q\|\|P\) = 0\.2164/],
    // described in words, or with the verb left out
    ["Let P be uniform on [0,1] and Q uniform on [0,2].", "correct", /KL\(P\|\|Q\) = 0\.6931/],
    [
      "P is uniform on {0, 1} and Q is uniform on the set {0, 1, 2}.",
      "correct",
      /KL\(P\|\|Q\) = 0\.4055/,
    ],
    [
      "P: categorical on {1, 2, 3} with probabilities (1/2, 1/2, 0). Q: uniform on {1, 2, 3}.",
      "correct",
      /KL\(P\|\|Q\) = 0\.4055/,
    ],
    ["P = δ₀ (a point mass at 0), Q = N(0, 1).", "incorrect", /KL\(Q\|\|P\) = ∞/],
    ["P = Exponential with rate 1, Q = standard normal.", "correct", /KL\(P\|\|Q\) = 0\.9189/],
    [
      "P is a normal with mean 0 and variance 4; Q is a uniform between -1 and 1.",
      "incorrect",
      /KL\(Q\|\|P\) = /,
    ],
    ["P: a point mass at 0; Q: N(0,1).", "incorrect", /is discrete \(atoms at 0\)/],
    // densities written out as formulas
    [
      "Let P have density p(x) = 2x on [0,1] and let Q = Uniform(0, 2).",
      "correct",
      /KL\(P\|\|Q\) = 0\.8863/,
    ],
    [
      "P(x) = 2x for 0 ≤ x ≤ 1 (0 otherwise), and Q(x) = 1/2 for 0 ≤ x ≤ 2.",
      "correct",
      /KL\(P\|\|Q\) = 0\.8863/,
    ],
    [
      "$p(x) = e^{-x}$ for $x \\geq 0$ and $q(x) = \\frac{1}{\\pi(1+x^2)}$.",
      "correct",
      /KL\(P\|\|Q\) = 0\.8315.*puts mass 0\.5 on \(−∞, 0\)/,
    ],
    ["P: p(x) = 2(1-x) on [0, 1]; Q: q(x) = 2x on [0,1].", "incorrect", /KL\(Q\|\|P\) = 1\b/],
    [
      "Let q(x) = 2x on [0,1] and p(x) = 1 on [0, 1/2]... no, that is not normalized: p(x) = 2 on [0, 1/2].",
      "correct",
      /KL\(P\|\|Q\) = 1\.693/,
    ],
    // families and sets in words, an indicator alone as the density
    ["P = N(0,1), Q = t-distribution with 1 degree of freedom", "correct", /KL\(Q\|\|P\) = ∞/],
    [
      "P(x) = 1/2 on x ∈ {0, 1} and Q(x) = 1/3 on x ∈ {0, 1, 2}.",
      "correct",
      /KL\(P\|\|Q\) = 0\.4055/,
    ],
    [
      "Let $p(x)=\\mathbb{1}[0\\le x\\le 1]$ and $q(x)=\\tfrac12 \\mathbb{1}[0\\le x\\le 2]$.",
      "correct",
      /KL\(P\|\|Q\) = 0\.6931/,
    ],
    // a swapped, rejected or "what if" example after the answer is not the answer
    [
      "Take P = U(0,1) and Q = N(0,1). If we swapped them, P = N(0,1) and Q = U(0,1), the finite and infinite directions would swap.",
      "correct",
      /KL\(P\|\|Q\) = 1\.086/,
    ],
    [
      "P = U(0,1), Q = N(0,1) works. P = N(0,1), Q = N(0,2) would not, since Gaussians always give finite KL.",
      "correct",
      /KL\(P\|\|Q\) = 1\.086/,
    ],
    // the same in German and French
    [
      "Sei P mit Dichte $p(x) = e^{-x}$ für $x \\geq 0$ und $Q = \\mathcal{N}(0, 1)$.",
      "correct",
      /KL\(P\|\|Q\) = 0\.9189/,
    ],
    [
      "Soit P de densité p(x) = 2x sur [0, 1] (0 sinon) et Q = U(0, 2).",
      "correct",
      /KL\(P\|\|Q\) = 0\.8863/,
    ],
    [
      "P = Uniform(0,1), Q with density q(x) = x on [0,1].",
      "ungradable",
      /Q is written out as a density that is not one: x integrates to 0\.5/,
    ],
    // not distributions at all: the reason is the evidence
    [
      "P = [0.5, 0.5], Q = [0.5, 0.6]",
      "ungradable",
      /Q is not a valid distribution: "\[0\.5, 0\.6\]": probabilities sum to 1\.1/,
    ],
    [
      "P = N(0, -1), Q = N(0,1)",
      "ungradable",
      /P is not a valid distribution: "N\(0, -1\)": .*must be > 0/,
    ],
  ];
  for (const [text, verdict, evidence] of cases) {
    it(text, async () => {
      const r = await run(["User: problem 2 (a)", `Assistant: ${text}`]);
      check(part(r, "2a").verdict).toBe(verdict);
      check(part(r, "2a").evidence).toMatch(evidence);
    });
  }
});

describe("Problem 1 fixes as people write them", () => {
  const why = "The head is tied to the embedding, so the logits scale like sqrt(d_model).";
  const fence = (code: string) => ["```python", code, "```"].join("\n");
  const cases: [string, string, RegExp][] = [
    [
      fence(
        "nn.init.normal_(self.emb_word.weight, mean=0, std=1)\nwith torch.no_grad():\n    self.emb_word.weight.mul_(1 / math.sqrt(d_model))",
      ),
      "correct",
      /std = 0\.04419/,
    ],
    [fence("self.emb_word.weight.data *= d_model ** -0.5"), "correct", /rescaled by/],
    [
      fence("nn.init.normal_(self.emb_word.weight, std=1)\nself.emb_word.weight.data.div_(4)"),
      "incorrect",
      /std = 0\.25 /,
    ],
    [
      `**Fixed:**\n${fence("nn.init.normal_(self.emb_word.weight, mean=0, std=d_model ** -0.5)")}\ninstead of the original\n${fence("nn.init.normal_(self.emb_word.weight, mean=0, std=1)")}`,
      "correct",
      /std = 0\.04419/,
    ],
    ["Replace `std=1` with `std=1/math.sqrt(d_model)` on line 9.", "correct", /std = 0\.04419/],
    // not quotes of the old code: labels that introduce the fix
    [
      `Before training, initialise it like this:\n${fence("nn.init.normal_(self.emb_word.weight, std=0.02)")}`,
      "correct",
      /std = 0\.02 /,
    ],
    [
      `What went wrong and how to fix it:\n${fence("nn.init.normal_(self.emb_word.weight, std=0.02)")}`,
      "correct",
      /std = 0\.02 /,
    ],
    ["Use std = 1/√d_model on line 9 instead of the current std = 1.", "correct", /std = 0\.04419/],
    ["Draw line 9 from N(0, 1/d_model) instead of N(0, 1).", "correct", /std = 0\.04419/],
    ["Set σ = 1/√d_model ≈ 0.044 for the word embedding (line 9).", "correct", /std = 0\.04419/],
    ["Line 9 should draw from a normal with std $d_{model}^{-1/2}$.", "correct", /std = 0\.04419/],
    // a std that describes the logits is not the proposed init
    [
      "Use std = 0.02 for line 9; the logits then have std 0.02·sqrt(d_model) ≈ 0.45.",
      "correct",
      /std = 0\.02 /,
    ],
    ["Change line 9 to initialise with variance 1/d_model.", "correct", /std = 0\.04419/],
    [
      fence("std = 1.0 / math.sqrt(self.d_model)\nnn.init.normal_(self.emb_word.weight, 0.0, std)"),
      "correct",
      /std = 0\.04419/,
    ],
    // a √ just before a closing bracket or a full stop, and a rescaling said in words
    [
      "Draw line 9 from N(0, (1/√d_model)^2).",
      "correct",
      /std = 0\.04419 .*N\(0, \(1\/sqrt\(d_model\)\)\^2\)/,
    ],
    ["Scale line 9 down by √d_model.", "correct", /std = 0\.04419 .*divided by sqrt\(d_model\)/],
    ["Divide the word embedding by 2 after line 9.", "incorrect", /std = 0\.5 /],
    // T5's way: keep N(0, 1) and scale what enters the tied head
    [
      `Keep N(0, 1) on line 9 and scale the head's input:\n${fence("logits = self.lm_head(h * self.d_model ** -0.5)")}`,
      "correct",
      /output scaled by 0\.04419/,
    ],
  ];
  for (const [answer, verdict, evidence] of cases) {
    it(answer.replace(/\n/g, " ⏎ "), async () => {
      const r = await run(["User: problem 1", "Assistant:", why, answer]);
      check(part(r, "1").verdict).toBe(verdict);
      check(part(r, "1").evidence).toMatch(evidence);
    });
  }
});

describe("parts named inline and grids marked with X", () => {
  it("'Problem 2, both parts. (a) … (b) …' and a reply '1. For part (a), take P to be a standard normal …'", async () => {
    currentCase =
      "'Problem 2, both parts. (a) … (b) …' and a reply '1. For part (a), take P to be a standard normal …'";
    const r = await run([
      "User: Problem 2 of my homework, both parts. (a) asks for P, Q with KL(P||Q) finite and KL(Q||P) infinite; (b) asks which plot is forward/reverse.",
      "",
      "Assistant: Here are the answers.",
      "",
      "1. For part (a), take P to be a standard normal and Q to be a standard Cauchy distribution. KL(P||Q) is finite; KL(Q||P) = ∞.",
      "",
      "2. For part (b), plot A (broad) is the forward KL, which is mass-covering, and plot B is the reverse KL.",
    ]);
    check(part(r, "2a").verdict).toBe("correct");
    check(part(r, "2a").answer).toBe("P = N(0, 1); Q = Cauchy(0, 1)");
    check(part(r, "2b").verdict).toBe("correct");
  });

  it("'what about (c)? curves: (a) rises, (b) …' asks (c), the rest restates its options", async () => {
    currentCase =
      "'what about (c)? curves: (a) rises, (b) …' asks (c), the rest restates its options";
    const r = await run([
      "User: problem 3 (b) please",
      "Assistant: Task loss → θe ✓, θd ✓. Regularizer → θe ✓, θd ✗.",
      "User: what about (c)? curves: (a) rises steadily, (b) min at moderate β then shoots up, (c) falls, (d) inverted U",
      "Assistant: **Final Answer:** the correct curve is **(b)**.",
    ]);
    check(part(r, "3c").answer).toBe("(b)");
    check(part(r, "3b").verdict).toBe("correct");
  });

  it("a Markdown grid ticked with X, an empty cell unticked, '|' inside q(y|z) not a cell border", async () => {
    currentCase =
      "a Markdown grid ticked with X, an empty cell unticked, '|' inside q(y|z) not a cell border";
    const r = await run([
      "User: problem 3 (b)",
      "Assistant:",
      "| | $\\theta_e$ | $\\theta_d$ |",
      "|---|:-:|:-:|",
      "| Task loss $-\\log q_{\\theta_d}(y\\mid z)$ | X | X |",
      "| Latent regularizer $\\beta D_{KL}$ | X | |",
    ]);
    check(part(r, "3b").answer).toBe("task→θe ☒, task→θd ☒, regularizer→θe ☒, regularizer→θd ☐");
  });

  it("a plain-text grid: column names on one line, X under them", async () => {
    currentCase = "a plain-text grid: column names on one line, X under them";
    const r = await run([
      "User: problem 3 (b)",
      "Assistant:",
      "                  theta_e   theta_d",
      "task loss            X         X",
      "regularizer          X",
    ]);
    check(part(r, "3b").answer).toBe("task→θe ☒, task→θd ☒, regularizer→θe ☒, regularizer→θd ☐");
  });
});

describe("3(a): the equation written is evaluated, not just its words", () => {
  const cases: [string, string, RegExp][] = [
    [
      "First add the noise to the mean, then scale: Z = σ(x)·(μ(x) + V). So the adder comes first and the multiplier second.",
      "incorrect",
      /gives 0\.39 instead of 0\.18/,
    ],
    [
      "Multiply, then add: $Z = \\mu + \\sigma^2 V$ (one multiplier, one adder).",
      "incorrect",
      /is not Z = mu \+ sigma \* V/,
    ],
    [
      "The multiplier gives σε and the adder adds μ: z = μ + σε, where ε ~ N(0, 1).",
      "correct",
      /equals Z = mu/,
    ],
    [
      "$$Z = \\mu_{\\theta_e}(x) + \\sigma_{\\theta_e}(x) \\odot V$$ — a multiplier then an adder.",
      "correct",
      /equals/,
    ],
  ];
  for (const [answer, verdict, evidence] of cases) {
    it(answer, async () => {
      const r = await run(["User: problem 3 (a)", `Assistant: ${answer}`]);
      check(part(r, "3a").verdict).toBe(verdict);
      check(part(r, "3a").evidence).toMatch(evidence);
    });
  }
});

describe("choices and pairs written on the speaker's line, compared, or taken back", () => {
  const cases: [string, string, string, string][] = [
    ["3c", "problem 3 (c)", "It's (b).", "(b)"],
    ["3c", "problem 3 (c)", "I'd go with (b) over (d).", "(b)"],
    ["3c", "problem 3 (c)", "Between (b) and (d), (b) is more plausible.", "(b)"],
    ["3c", "problem 3 (c)", "My answer: b", "(b)"],
    [
      "3d-ii",
      "problem 3 (d)(ii)",
      "β = 1e-3 is better than β = 1e-6, because its clusters are tighter.",
      "β = 1e-3",
    ],
    [
      "3d-ii",
      "problem 3 (d)(ii)",
      "Panel (a), β = 1e-3: the classes are separated without the large within-class spread of (b).",
      "β = 1e-3",
    ],
    [
      "2b",
      "problem 2 (b)",
      "A = forward KL (mass-covering) and B = reverse KL (mode-seeking).",
      "A → forward, B → reverse",
    ],
    [
      "2b",
      "problem 2 (b)",
      "Plot A (Q spread over both modes) is the forward KL. Plot B (Q on one mode) is the reverse KL.",
      "A → forward, B → reverse",
    ],
    [
      "2b",
      "problem 2 (b)",
      "The reverse KL is zero-avoiding, so Q covers every mode → plot A; the forward KL is mode-seeking → plot B. Therefore: A = reverse KL, B = forward KL.",
      "A → reverse, B → forward",
    ],
    [
      "2b",
      "problem 2 (b)",
      "Plot A is the reverse KL. Wait, no — plot A is the forward KL and plot B is the reverse KL.",
      "A → forward, B → reverse",
    ],
    [
      "3d-i",
      "problem 3 (d)(i)",
      "- a → 0.001\n- b → 0.000001\n- c → 1",
      "a → β = 1e-3, b → β = 1e-6, c → β = 1e0",
    ],
  ];
  for (const [id, prompt, answer, read] of cases) {
    it(answer.replace(/\n/g, " ⏎ "), async () => {
      const r = await run([`User: ${prompt}`, `Assistant: ${answer}`]);
      check(part(r, id).answer).toBe(read);
    });
  }
});

describe("3(b) in prose and transposed", () => {
  const all = "task→θe ☒, task→θd ☒, regularizer→θe ☒, regularizer→θd ☐";
  const cases: string[] = [
    "Task loss: both θe and θd. Regularizer: θe only.",
    "The encoder gets gradients from both terms, the decoder only from the task loss.",
    "Gradients to θe: task loss (through z) and KL. Gradients to θd: task loss only.",
    "θe ← task loss, latent regularizer\nθd ← task loss",
    "Task loss → θe ✓, θd ✓; regularizer → θe ✓, θd ✗.",
    "| | Task loss | Latent regularizer |\n|---|---|---|\n| θe | ✓ | ✓ |\n| θd | ✓ | ✗ |",
    // every cell one way but the named ones; "checked" there is a word, not a mark beside a cell
    "All four boxes are checked except regularizer/θd.",
    "Every box is checked except the regularizer → θd one.",
    "All of them except (regularizer, θ_d): the regularizer does not depend on the decoder.",
    "Everything is ticked apart from regularizer-to-decoder.",
    "All boxes are unchecked except task→θe, task→θd and regularizer→θe.",
    // cells listed as pairs, one statement per clause
    "Check task→θe, task→θd and regularizer→θe; leave regularizer→θd unchecked.",
    // a row named by its bare label ("task") beside one named by an alias ("regularizer")
    "task → θe ✓, θd ✓; regularizer → θe ✓, θd ✗",
  ];
  for (const answer of cases) {
    it(answer.replace(/\n/g, " ⏎ "), async () => {
      const r = await run(["User: problem 3 (b)", "Assistant:", answer]);
      check(part(r, "3b").answer).toBe(all);
    });
  }
  const wrong: [string, string][] = [
    ["All four boxes are checked.", "regularizer→θd should be unticked"],
    ["Everything is checked except task→θd.", "task→θd should be ticked"],
    ["All boxes are checked except the regularizer row.", "regularizer→θe should be ticked"],
    ["All boxes except the decoder column are ticked.", "task→θd should be ticked"],
  ];
  for (const [answer, evidence] of wrong) {
    it(`${answer} (wrong)`, async () => {
      currentCase = `${answer} (wrong)`;
      const r = await run(["User: problem 3 (b)", "Assistant:", answer]);
      check(part(r, "3b").verdict).toBe("incorrect");
      check(part(r, "3b").evidence).toContain(evidence);
    });
  }
});

describe("a reply that works the parts, then sums up", () => {
  it("plain (a)/(b) lines under '## Problem 3' are read beside a strong-marked summary, and the summary (last) counts", async () => {
    currentCase =
      "plain (a)/(b) lines under '## Problem 3' are read beside a strong-marked summary, and the summary (last) counts";
    const r = await run([
      "**User:** Solve all of HW 12.",
      "**Assistant:**",
      "## Problem 1",
      "The head is tied to the embedding, so logits have std √d_model. Fix: `nn.init.normal_(self.emb_word.weight, mean=0, std=d_model**-0.5)`.",
      "## Problem 3",
      "(a) Z = μ + σV.",
      "(b) Task loss → θe ✓, θd ✓; regularizer → θe ✓, θd ✗.",
      "(c) (d)",
      "---",
      "**Final answers (summary):**",
      "- 1: std = 1/√d_model on line 9",
      "- 3(c): (b)",
    ]);
    check(verdicts(r)).toMatchObject({
      "1": "correct",
      "3a": "correct",
      "3b": "correct",
      "3c": "correct",
    });
    // The reasons come from the worked answer even though the summary line is what is graded.
    check(part(r, "1").evidence).toMatch(
      /std = 1\/sqrt\(d_model\), from the prose.*explanation has/,
    );
  });
});

describe("part headings", () => {
  const cases: [string, string][] = [
    ["**3. (c)**", "3c"],
    ["**d) ii.**", "3d-ii"],
    ["### d(ii)", "3d-ii"],
    ["c) i think", "3c"],
  ];
  for (const [heading, id] of cases) {
    it(`'${heading}' opens ${id}`, async () => {
      currentCase = `'${heading}' opens ${id}`;
      const r = await run([
        "User: Problem 3 please.",
        "Assistant:",
        heading,
        "The answer is (b); β = 1e-3.",
      ]);
      const answered = r.parts.filter((p) => !/not answered/.test(p.evidence));
      check(answered.map((p) => p.id)).toEqual([id]);
    });
  }

  it("'**(d)** i. … ii. …' on one line: each sub-part reads its own stretch", async () => {
    currentCase = "'**(d)** i. … ii. …' on one line: each sub-part reads its own stretch";
    for (const [i, ii] of [
      ["i.", "ii."],
      ["(i)", "(ii)"],
      ["i)", "ii)"],
    ]) {
      const r = await run([
        "User: Problem 3 (d) please.",
        "Assistant:",
        `**(d)** ${i} (a) β = 1e-3, (b) β = 1e-6, (c) β = 1. ${ii} Panel (a), β = 1e-3: compact, separated clusters.`,
      ]);
      check(part(r, "3d-i").verdict, i).toBe("correct");
      check(part(r, "3d-ii").verdict, ii).toBe("correct");
      check(part(r, "3d-ii").answer).toBe("β = 1e-3");
    }
  });

  it("'i: (a) -> 1e-6, (b) -> 1e-3, (c) -> 1': each panel takes the β after its arrow", async () => {
    currentCase = "'i: (a) -> 1e-6, (b) -> 1e-3, (c) -> 1': each panel takes the β after its arrow";
    const r = await run([
      "Student answers",
      "",
      "Problem 3",
      "(d) i: (a) -> 1e-3, (b) -> 1e-6, (c) -> 1",
      "ii: 1e-3",
    ]);
    check(part(r, "3d-i").answer).toBe("a → β = 1e-3, b → β = 1e-6, c → β = 1e0");
    check(part(r, "3d-i").verdict).toBe("correct");
    check(part(r, "3d-ii").verdict).toBe("correct");
  });

  it("prose with 'no' and 'not' is read as prose, not as checkboxes or a skipped clause", async () => {
    currentCase =
      "prose with 'no' and 'not' is read as prose, not as checkboxes or a skipped clause";
    const r = await run([
      "**User:** HW12, problems 2(b) and 3(b).",
      "",
      "**Assistant:**",
      "",
      "**2(b)** Plot B is not the forward KL — it is the reverse KL, because minimizing KL(Q||P) is mode-seeking.",
      "",
      "**3(b)** The latent regularizer sends no gradient to θe because it is just a prior term; the task loss sends gradient to both θe and θd. The regularizer does not touch θd either.",
    ]);
    check(part(r, "2b").answer).toBe("B → reverse");
    check(part(r, "3b").answer).toBe("task→θe ☒, task→θd ☒, regularizer→θe ☐, regularizer→θd ☐");
    check(part(r, "3b").verdict).toBe("incorrect");
  });

  it("2(b) with bare plot letters, arrows and D(·||·)", async () => {
    currentCase = "2(b) with bare plot letters, arrows and D(·||·)";
    const cases: [string, string][] = [
      ["A is the reverse KL and B is the forward KL.", "A → reverse, B → forward"],
      [
        "Reverse KL → B (mode seeking), forward KL → A (mass covering).",
        "A → forward, B → reverse",
      ],
      ["A: minimizing D(P||Q) (mass-covering). B: minimizing D(Q||P).", "A → forward, B → reverse"],
      ["A minimizes KL(P||Q), B minimizes KL(Q||P).", "A → forward, B → reverse"],
    ];
    for (const [line, answer] of cases) {
      const r = await run(["User: Problem 2(b): which plot is which?", "Assistant:", line]);
      check(part(r, "2b").answer, line).toBe(answer);
    }
  });

  it("3(c) answered first and the rest dismissed together, 'is right', or taken back", async () => {
    currentCase = "3(c) answered first and the rest dismissed together, 'is right', or taken back";
    for (const line of [
      "The U-shaped one: (b). (a) and (c) are monotone and (d) is an inverted U.",
      "Between (b) and (d), (b) is right: error can't fall at large β.",
      "(d) — the inverted U. Actually no, (b).",
    ]) {
      const r = await run(["User: Problem 3(c): which curve?", "Assistant:", line]);
      check(part(r, "3c").answer, line).toBe("(b)");
    }
    // options restated one per sentence, none chosen: still no verdict
    const r = await run([
      "User: Problem 3(c): which curve?",
      "Assistant:",
      "(a) rises. (b) dips, then shoots up. (c) falls. (d) is an upside-down U.",
    ]);
    check(part(r, "3c").verdict).toBe("ungradable");
  });

  it("3(b) prose: 'while' clauses, μ(x)/σ(x) (not '(x)' boxes), and 'to both'", async () => {
    currentCase = "3(b) prose: 'while' clauses, μ(x)/σ(x) (not '(x)' boxes), and 'to both'";
    for (const line of [
      "The task loss backpropagates into both θe and θd, while the KL term only affects θe.",
      "The regularizer depends only on μ(x) and σ(x), so it sends gradient to θe but not θd; the task loss sends gradient to both.",
    ]) {
      const r = await run(["User: Problem 3(b): tick the boxes.", "Assistant:", line]);
      check(part(r, "3b").answer, line).toBe(
        "task→θe ☒, task→θd ☒, regularizer→θe ☒, regularizer→θd ☐",
      );
    }
  });

  it("'1) …' opens Problem 1 in a final-answers list numbered '2a)', '3c)'", async () => {
    currentCase = "'1) …' opens Problem 1 in a final-answers list numbered '2a)', '3c)'";
    const r = await run([
      "User: Solve all of HW12. Give only final answers, briefly.",
      "Assistant:",
      "**Final answers**",
      "1) Bug: N(0,1) with a tied head. Fix line 9: `nn.init.normal_(self.emb_word.weight, std=d_model**-0.5)`.",
      "2a) P = U(0,1), Q = U(0,2).",
      "3c) (b)",
    ]);
    check(part(r, "1").answer).toMatch(/^std = 0\.04419/);
    check(part(r, "2a").verdict).toBe("correct");
    check(part(r, "3c").verdict).toBe("correct");
  });

  it("'Just (d) please; the figure shows panel (a) …, (b) …, (c) …' asks (d) only", async () => {
    currentCase = "'Just (d) please; the figure shows panel (a) …, (b) …, (c) …' asks (d) only";
    const r = await run([
      "User: Problem 3. Just (d) please; the figure shows panel (a) axes ±1.5, (b) axes −3 to 7, (c) ±0.15.",
      "Assistant:",
      "**(i)** Panel (b) ↔ β = 10⁻⁶ (largest spread), panel (a) ↔ β = 10⁻³, panel (c) ↔ β = 10⁰.",
      "",
      "**(ii)** β = 10⁻³: compact clusters that are still well separated.",
    ]);
    check(part(r, "3d-i").verdict).toBe("correct");
    check(part(r, "3d-ii").verdict).toBe("correct");
    for (const id of ["3a", "3b", "3c"]) check(part(r, id).evidence).toMatch(/not answered/);
  });

  it("LaTeX: a \\boxed{} pairing and a 3(b) grid written as an array with \\checkmark/\\times", async () => {
    currentCase =
      "LaTeX: a \\boxed{} pairing and a 3(b) grid written as an array with \\checkmark/\\times";
    const b = await run([
      "User: Problem 2(b)",
      "Assistant:",
      "$$\\boxed{A:\\ \\text{forward KL},\\quad B:\\ \\text{reverse KL}}$$",
    ]);
    check(part(b, "2b").answer).toBe("A → forward, B → reverse");
    const g = await run([
      "User: Problem 3(b)",
      "Assistant:",
      "$$",
      "\\begin{array}{c|cc}",
      " & \\theta_e & \\theta_d \\\\ \\hline",
      "\\text{task loss} & \\checkmark & \\checkmark \\\\",
      "\\text{latent regularizer} & \\checkmark & \\times",
      "\\end{array}",
      "$$",
    ]);
    check(part(g, "3b").verdict).toBe("correct");
  });

  it("a speaker line alone ('Assistant:') is not the answer's first line", async () => {
    currentCase = "a speaker line alone ('Assistant:') is not the answer's first line";
    const r = await run([
      "User: Problem 3(a)",
      "Assistant:",
      "Z = μ + σ·V: one multiplier, one adder.",
    ]);
    check(part(r, "3a").answer).toMatch(/^Z = μ \+ σ·V/);
  });

  it("'1. (a) rises steadily' lists 3(c)'s options, it does not open a part", async () => {
    currentCase = "'1. (a) rises steadily' lists 3(c)'s options, it does not open a part";
    const r = await run([
      "User: problem 3 (c)",
      "Assistant: **Answer: (b).**",
      "1. (a) rises steadily: no",
      "2. (b) lowest at a moderate β: yes",
    ]);
    check(part(r, "3c").answer).toBe("(b)");
    check(part(r, "2b").verdict).toBe("ungradable");
  });
});

describe("answer styles from the second red-team round", () => {
  it("'Thought process' then plain answer paragraphs (no heading) before the code: the paragraphs are the answer", async () => {
    currentCase =
      "'Thought process' then plain answer paragraphs (no heading) before the code: the paragraphs are the answer";
    const r = await grade(
      [
        "## QUESTION 1",
        "Find the bug on line 9.",
        "11/30/2025, 11:46:00 PM",
        "Thought process: Tied head.",
        "",
        "The user wants the bug. Let me think about the logit scale.",
        "",
        "The bug is on line 9: lm_head is tied to emb_word, so each logit is a sum of d_model unit-variance terms and has std sqrt(d_model), which saturates the softmax.",
        "",
        "Corrected line 9:",
        "",
        "```python",
        "nn.init.normal_(self.emb_word.weight, std=d_model ** -0.5)",
        "```",
        "11/30/2025, 11:46:28 PM",
      ].join("\n"),
      exampleKey,
      tools,
    );
    check(part(r, "1").verdict).toBe("correct");
    check(part(r, "1").evidence).toMatch(/explanation has: .*tied/);
  });

  it("a terse aside at the end of the reasoning stays reasoning, and a bare '**(b)**' answering 3(c) is the option, not part (b)", async () => {
    currentCase =
      "a terse aside at the end of the reasoning stays reasoning, and a bare '**(b)**' answering 3(c) is the option, not part (b)";
    const r = await grade(
      [
        "## QUESTION 3",
        "Part (c) please.",
        "1/1/2026, 1:00 PM",
        "Thought process: curves",
        "",
        "The user asks which curve. Let me look at the shapes.",
        "",
        "The curve should be U-shaped. (d) is an inverted U, so no.",
        "",
        "## Answer",
        "",
        "**(b)**: lowest at a moderate β, then it shoots up.",
        "1/1/2026, 1:01 PM",
      ].join("\n"),
      exampleKey,
      tools,
    );
    check(part(r, "3c").answer).toBe("(b)");
    check(part(r, "3b").evidence).toMatch(/not answered/);
  });

  it("'<think> … </think>' is reasoning: its conclusion does not override the answer after it", async () => {
    currentCase =
      "'<think> … </think>' is reasoning: its conclusion does not override the answer after it";
    const r = await run([
      "User: problem 3 (c)",
      "Assistant:",
      "<think>",
      "The error rises with compression. So the answer is (d).",
      "</think>",
      "It is **(b)**: lowest at a moderate β, then it shoots up.",
    ]);
    check(part(r, "3c").answer).toBe("(b)");
  });

  it("a contrast ('whereas', 'while') names the options not chosen", async () => {
    currentCase = "a contrast ('whereas', 'while') names the options not chosen";
    for (const line of [
      "**β = 10⁻³ (panel a)** gives the better latent space for prediction, whereas β = 10⁻⁶ spreads each class widely.",
      "The middle setting, panel (a): compact and separated clusters, while (b) spreads each class and (c) mixes them.",
    ]) {
      const r = await run(["User: problem 3 (d)(ii)", "Assistant:", line]);
      check(part(r, "3d-ii").answer, line).toBe("β = 1e-3");
    }
  });

  it("one table for every answer: '| 2(a) | P = … | reason |' rows open their parts", async () => {
    currentCase = "one table for every answer: '| 2(a) | P = … | reason |' rows open their parts";
    const r = await run([
      "User: Answer all of HW12 in one table.",
      "Assistant:",
      "| Part | Answer | Reason |",
      "|---|---|---|",
      "| 1 | `nn.init.normal_(self.emb_word.weight, std=d_model**-0.5)` | head tied to the embedding; logit std ≈ √d_model |",
      "| 2(a) | P = U(0, 1), Q = N(0, 1) | Q has mass where P = 0 |",
      "| 2(b) | A: forward KL, B: reverse KL | forward is mass-covering |",
      "| 3(b) | task → θe ✓, θd ✓; regularizer → θe ✓, θd ✗ | the KL term depends only on the encoder |",
      "| 3(c) | (b) | lowest at a moderate β |",
    ]);
    check(verdicts(r)).toMatchObject({
      "1": "correct",
      "2a": "correct",
      "2b": "correct",
      "3b": "correct",
      "3c": "correct",
    });
  });

  it("a table's part cells written 'Q1', '**2 (b)**', '3d(i)', '3(d) ii'", async () => {
    currentCase = "a table's part cells written 'Q1', '**2 (b)**', '3d(i)', '3(d) ii'";
    const r = await run([
      "User: all of HW12 in a table",
      "Assistant:",
      "| # | Answer |",
      "|---|---|",
      "| Q1 | `nn.init.normal_(self.emb_word.weight, std=d_model**-0.5)`; head tied, logits ~ sqrt(d_model) |",
      "| **2 (b)** | A: forward KL (mass-covering), B: reverse KL |",
      "| 3d(i) | a: 1e-3, b: 1e-6, c: 1 |",
      "| 3(d) ii | β = 1e-3 |",
    ]);
    check(verdicts(r)).toMatchObject({
      "1": "correct",
      "2b": "correct",
      "3d-i": "correct",
      "3d-ii": "correct",
    });
  });

  it("'a.' / 'b.' lines outside a list numbered by problem are a reply's own steps, not parts", async () => {
    currentCase =
      "'a.' / 'b.' lines outside a list numbered by problem are a reply's own steps, not parts";
    const r = await run([
      "User: problem 3 (a)",
      "Assistant: Two blocks:",
      "  a. a multiplier: σ(x)·V",
      "  b. an adder: Z = μ(x) + σ(x)·V",
    ]);
    check(part(r, "3a").verdict).toBe("correct");
    check(part(r, "3b").evidence).toMatch(/not answered/);
    const steps = await run([
      "User: problem 3 (b)",
      "Assistant:",
      "1. Write the loss:",
      "   a. the task loss depends on θe and θd",
      "   b. the KL term depends on θe only",
      "2. So: task → θe ✓, θd ✓; regularizer → θe ✓, θd ✗.",
    ]);
    check(part(steps, "3b").verdict).toBe("correct");
    check(part(steps, "1").evidence).toMatch(/not answered/);
  });

  it("'| 1 | (c) |' in a table of β values is β = 1, not a row for Problem 1", async () => {
    currentCase = "'| 1 | (c) |' in a table of β values is β = 1, not a row for Problem 1";
    const r = await run([
      "User: HW12 problem 3 (c) and (d)",
      "Assistant:",
      "**3(c)** (b)",
      "**3(d)(i)**",
      "| β | Panel |",
      "|---|---|",
      "| 1e-6 | (b) |",
      "| 1e-3 | (a) |",
      "| 1 | (c) |",
      "**3(d)(ii)** β = 1e-3",
    ]);
    check(part(r, "3d-i").answer).toBe("a → β = 1e-3, b → β = 1e-6, c → β = 1e0");
    check(part(r, "1").evidence).toMatch(/not answered/);
  });

  it("a student's nested list: '2.' then indented 'a.' / 'b.', '3.' … 'd.' then 'i.' / 'ii.'", async () => {
    currentCase =
      "a student's nested list: '2.' then indented 'a.' / 'b.', '3.' … 'd.' then 'i.' / 'ii.'";
    const r = await run([
      "HW12 - my answers",
      "",
      "1. Bug is on line 9.",
      "   - lm_head is tied to emb_word, logits ~ sqrt(d_model)",
      "   - fix: nn.init.normal_(emb_word.weight, std=d_model**-0.5)",
      "2.",
      "   a. P = Uniform(0,1), Q = N(0,1)",
      "   b. A = forward KL (mass covering), B = reverse KL",
      "3.",
      "   c. b",
      "   d.",
      "      i. a: 1e-3, b: 1e-6, c: 1",
      "      ii. beta = 1e-3",
    ]);
    check(verdicts(r)).toMatchObject({
      "1": "correct",
      "2a": "correct",
      "2b": "correct",
      "3c": "correct",
      "3d-i": "correct",
      "3d-ii": "correct",
    });
  });

  it("German and French: 'Aufgabe'/'Teil' headings, 'ChatGPT a dit :', 'Vorwärts-KL', 'KL directe', densities 'für x ≥ 0'", async () => {
    currentCase =
      "German and French: 'Aufgabe'/'Teil' headings, 'ChatGPT a dit :', 'Vorwärts-KL', 'KL directe', densities 'für x ≥ 0'";
    const de = await run([
      "User: Aufgabe 2 bitte.",
      "Assistant:",
      "**Teil (a)** Wähle P mit Dichte $p(x) = e^{-x}$ für $x \\geq 0$ und $Q = \\mathcal{N}(0, 1)$.",
      "**Teil (b)** Plot A gehört zur Vorwärts-KL (mass-covering), Plot B zur Rückwärts-KL.",
    ]);
    check(part(de, "2a").verdict).toBe("correct");
    check(part(de, "2b").verdict).toBe("correct");
    const fr = await grade(
      [
        "Vous avez dit :",
        "Exercice 2 (b) : quel graphique est la KL directe, lequel la KL inverse ?",
        "ChatGPT a dit :",
        "Le graphique A correspond à la KL directe : la solution couvre les deux modes. Le graphique B correspond à la KL inverse.",
      ].join("\n"),
      exampleKey,
      tools,
    );
    check(part(fr, "2b").answer).toBe("A → forward, B → reverse");
    check(part(fr, "2b").verdict).toBe("correct");
  });

  it("3(b) as derivatives: '∂L_task/∂θ_d ≠ 0', LaTeX \\frac{\\partial …}, '∇_{θ_d} L_reg = 0'", async () => {
    currentCase =
      "3(b) as derivatives: '∂L_task/∂θ_d ≠ 0', LaTeX \\frac{\\partial …}, '∇_{θ_d} L_reg = 0'";
    for (const lines of [
      ["So: ∂L_task/∂θ_e ≠ 0, ∂L_task/∂θ_d ≠ 0, ∂L_KL/∂θ_e ≠ 0, ∂L_KL/∂θ_d = 0."],
      [
        "* $\\frac{\\partial \\mathcal{L}_{\\text{task}}}{\\partial \\theta_e} \\neq 0$",
        "* $\\frac{\\partial \\mathcal{L}_{\\text{task}}}{\\partial \\theta_d} \\neq 0$",
        "* $\\frac{\\partial \\mathcal{L}_{\\text{reg}}}{\\partial \\theta_e} \\neq 0$",
        "* $\\frac{\\partial \\mathcal{L}_{\\text{reg}}}{\\partial \\theta_d} = 0$ (no decoder in the KL)",
      ],
      [
        "$\\nabla_{\\theta_e} \\mathcal{L}_{task} \\neq 0$, $\\nabla_{\\theta_d} \\mathcal{L}_{task} \\neq 0$, $\\nabla_{\\theta_e} \\mathcal{L}_{reg} \\neq 0$, $\\nabla_{\\theta_d} \\mathcal{L}_{reg} = 0$.",
      ],
    ]) {
      const r = await run(["User: problem 3 (b)", "Assistant:", ...lines]);
      check(part(r, "3b").answer, lines[0]).toBe(
        "task→θe ☒, task→θd ☒, regularizer→θe ☒, regularizer→θd ☐",
      );
    }
  });

  it("3(d)(i) as a ranking by β: '(b) < (a) < (c)', 'from smallest to largest β: …', not by axis range", async () => {
    currentCase =
      "3(d)(i) as a ranking by β: '(b) < (a) < (c)', 'from smallest to largest β: …', not by axis range";
    for (const line of [
      "Ordered by increasing β, the panels are (b) < (a) < (c).",
      "From smallest to largest β: (b), (a), (c).",
      "In decreasing order of β: panel (c), panel (a), panel (b).",
    ]) {
      const r = await run(["User: problem 3 (d)(i)", "Assistant:", line]);
      check(part(r, "3d-i").answer, line).toBe("a → β = 1e-3, b → β = 1e-6, c → β = 1e0");
    }
    // a ranking by another quantity says nothing about β by itself
    const r = await run([
      "User: problem 3 (d)(i)",
      "Assistant:",
      "By axis range, (b) > (a) > (c).",
    ]);
    check(part(r, "3d-i").verdict).toBe("ungradable");
  });

  it("speaker labels with a model's version ('**Claude 3.5 Sonnet:**', '**Meta AI:**') or a name the reader does not know", async () => {
    currentCase =
      "speaker labels with a model's version ('**Claude 3.5 Sonnet:**', '**Meta AI:**') or a name the reader does not know";
    for (const who of [
      "Claude 3.5 Sonnet",
      "Gemini 2.5 Pro",
      "Meta AI",
      "Le Chat",
      "o3-mini",
      "MyTutorBot",
    ]) {
      const r = await grade(
        [
          "**Me:** problem 3 (c)",
          `**${who}:**`,
          "The answer is (b): lowest at a moderate β.",
          "**Me:** and problem 2 (b)?",
          `**${who}:**`,
          "Plot A is the forward KL (mass-covering), plot B the reverse KL.",
        ].join("\n"),
        exampleKey,
        tools,
      );
      check(verdicts(r), who).toMatchObject({ "2b": "correct", "3c": "correct" });
    }
  });

  it("'Q: …' / 'A: …' lines that take turns are the person's and the model's; 'A: forward' in an answer is not", async () => {
    currentCase =
      "'Q: …' / 'A: …' lines that take turns are the person's and the model's; 'A: forward' in an answer is not";
    const r = await grade(
      [
        "Q: problem 3 (c) — which curve?",
        "A: (b), the U-shape: lowest at a moderate β.",
        "Q: and 2(b)?",
        "A: A: forward KL (mass-covering), B: reverse KL.",
      ].join("\n"),
      exampleKey,
      tools,
    );
    check(verdicts(r)).toMatchObject({ "3c": "correct", "2b": "correct" });
    const plain = await run([
      "User: problem 2 (b)",
      "Assistant:",
      "A: forward KL (mass-covering)",
      "B: reverse KL",
    ]);
    check(part(plain, "2b").answer).toBe("A → forward, B → reverse");
  });

  it("3(a): a chain diagram is the equation it draws, '∗' multiplies, and an equation cut mid-arithmetic is not read", async () => {
    currentCase =
      "3(a): a chain diagram is the equation it draws, '∗' multiplies, and an equation cut mid-arithmetic is not read";
    const cases: [string, string][] = [
      ["V → [× σ(x)] → [+ μ(x)] → Z", "correct"],
      ["Draw V -> (x sigma(x)) -> (+ mu(x)) -> Z", "correct"],
      ["V → [+ μ(x)] → [× σ(x)] → Z", "incorrect"],
      ["Z = μ + σ ∗ V", "correct"],
      ["$z = \\mu_{\\theta_e}(x) + \\sigma_{\\theta_e}(x)\\, v$", "correct"],
    ];
    for (const [answer, verdict] of cases) {
      const r = await run(["User: problem 3 (a)", `Assistant: ${answer}`]);
      check(part(r, "3a").verdict, answer).toBe(verdict);
    }
    // "μ + exp(½·logvar)·ε" is not the equation "Z = μ"
    const r = await run(["User: problem 3 (a)", "Assistant: z = mu + exp(0.5 * logvar) * eps"]);
    check(part(r, "3a").evidence).not.toMatch(/its equation Z = mu is not/);
  });

  it("3(a): σ as code computes it (exp(½·logvar), std, softplus(ρ − 5)) is σ; σ² is not", async () => {
    currentCase =
      "3(a): σ as code computes it (exp(½·logvar), std, softplus(ρ − 5)) is σ; σ² is not";
    const cases: [string, string][] = [
      ["z = mu + torch.exp(0.5 * logvar) * eps", "correct"],
      ["z = mu + std * eps, with std = exp(0.5*logvar)", "correct"],
      ["Z = μ(x) + softplus(ρ − 5)·V", "correct"],
      ["z = mu + torch.exp(logvar) * eps", "incorrect"],
    ];
    for (const [answer, verdict] of cases) {
      const r = await run(["User: problem 3 (a)", `Assistant: ${answer}`]);
      check(part(r, "3a").verdict, answer).toBe(verdict);
    }
  });

  it("3(b): 'everything else', 'only X is unchecked', and 'θe gets both'", async () => {
    currentCase = "3(b): 'everything else', 'only X is unchecked', and 'θe gets both'";
    for (const line of [
      "The KL term has no θd in it, so no gradient to θd; everything else gets gradient.",
      "Only regularizer → θd is unchecked; all the others are checked.",
      "θd only gets the task loss; θe gets both.",
    ]) {
      const r = await run(["User: problem 3 (b)", "Assistant:", line]);
      check(part(r, "3b").answer, line).toBe(
        "task→θe ☒, task→θd ☒, regularizer→θe ☒, regularizer→θd ☐",
      );
    }
  });

  it("3(b) prose with one clause per term, ', but', and in German and French", async () => {
    currentCase = "3(b) prose with one clause per term, ', but', and in German and French";
    for (const line of [
      "The task loss sends gradient to θe and θd, the KL regularizer only to θe.",
      "The task loss and the KL term both reach θe, but only the task loss reaches θd.",
      "Der Task-Loss liefert Gradienten an θe und θd, der KL-Regularisierer nur an θe.",
      "Le terme de tâche envoie un gradient à θe et à θd ; le régulariseur seulement à θe.",
    ]) {
      const r = await run(["User: problem 3 (b)", "Assistant:", line]);
      check(part(r, "3b").answer, line).toBe(
        "task→θe ☒, task→θd ☒, regularizer→θe ☒, regularizer→θd ☐",
      );
    }
  });

  it("a negation up to 'but' ('B is not the forward KL but the reverse KL', 'nicht … sondern', 'et non')", async () => {
    currentCase =
      "a negation up to 'but' ('B is not the forward KL but the reverse KL', 'nicht … sondern', 'et non')";
    const cases: [string, string, string, string][] = [
      [
        "2b",
        "problem 2 (b)",
        "A is the forward KL, B is not the forward KL but the reverse KL.",
        "A → forward, B → reverse",
      ],
      [
        "2b",
        "problem 2 (b)",
        "A ist die Vorwärts-KL, B ist nicht die Vorwärts-KL sondern die Rückwärts-KL.",
        "A → forward, B → reverse",
      ],
      ["3c", "problem 3 (c)", "It is not (d) but (b).", "(b)"],
      ["3d-ii", "problem 3 (d)(ii)", "β = 10⁻³ ist besser, nicht β = 10⁻⁶.", "β = 1e-3"],
      ["3d-ii", "problem 3 (d)(ii)", "β = 10⁻³, et non β = 10⁻⁶.", "β = 1e-3"],
    ];
    for (const [id, prompt, answer, read] of cases) {
      const r = await run([`User: ${prompt}`, `Assistant: ${answer}`]);
      check(part(r, id).answer, answer).toBe(read);
    }
  });

  it("'β = 1 is worst' rules that option out, like 'is not the best'", async () => {
    currentCase = "'β = 1 is worst' rules that option out, like 'is not the best'";
    const r = await run([
      "User: problem 3 (d)(ii)",
      "Assistant: The β = 1e-3 experiment; β = 1 is worst.",
    ]);
    check(part(r, "3d-ii").answer).toBe("β = 1e-3");
  });

  it("Problem 1 fixes through a config: dict subscripts, dict(...) keywords, dataclass fields", async () => {
    currentCase =
      "Problem 1 fixes through a config: dict subscripts, dict(...) keywords, dataclass fields";
    const why = "The head is tied to the embedding, so the logits scale like sqrt(d_model).";
    const cases: [string[], RegExp][] = [
      [
        [
          'config = {"d_model": 512, "emb_init_std": 512 ** -0.5}',
          'nn.init.trunc_normal_(self.emb_word.weight, std=config["emb_init_std"])',
        ],
        /std = 0\.04419/,
      ],
      [
        [
          "cfg = dict(d_model=512, init_std=d_model**-0.5)",
          "nn.init.normal_(self.emb_word.weight, std=cfg['init_std'])",
        ],
        /std = 0\.04419/,
      ],
      [
        [
          "@dataclass",
          "class Config:",
          "    init_std: float = 0.02",
          "cfg = Config()",
          "nn.init.normal_(self.emb_word.weight, mean=0.0, std=cfg.init_std)",
        ],
        /std = 0\.02 /,
      ],
    ];
    for (const [code, evidence] of cases) {
      const r = await run(["User: problem 1", "Assistant:", why, "```python", ...code, "```"]);
      check(part(r, "1").verdict, code.join(" ⏎ ")).toBe("correct");
      check(part(r, "1").evidence).toMatch(evidence);
    }
  });
});
