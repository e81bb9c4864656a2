import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { InputError, klReadings } from "../../pipeline/index.js";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const cli = (...args: string[]) =>
  spawnSync(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...args], {
    cwd: root,
    encoding: "utf8",
  });

describe("groundtruth kl", () => {
  it("--json prints one object for an unambiguous pair, with the documented shape", () => {
    const r = cli("kl", "U(0,1)", "U(0,2)", "--json");
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Array.isArray(out)).toBe(false);
    expect(Object.keys(out)).toEqual(expect.arrayContaining(["p", "q", "reading", "pq", "qp"]));
    expect(out.p).toBe("U(0, 1)");
    expect(out.q).toBe("U(0, 2)");
    expect(out.reading).toBe("unambiguous");
    expect(out.pq).toMatchObject({ finite: true, reason: null });
    expect(out.pq.value).toBeCloseTo(Math.LN2, 12);
    expect(out.qp).toMatchObject({ finite: false, value: null });
    expect(out.qp.reason).toContain("puts mass 0.5 on (1, 2]");
  });

  it("--json prints a list, one object per reading, when the notation is ambiguous", () => {
    const r = cli("kl", "N(0, 4)", "N(1, 4)", "--json");
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as Array<{
      reading: string;
      p: string;
      pq: { value: number };
    }>;
    expect(out).toHaveLength(2);
    expect(out[0].reading).toMatch(/variance/);
    expect(out[1].reading).toMatch(/standard deviation/);
    // KL between N(0, σ²) and N(1, σ²) is 1/(2σ²): σ = 2 under the variance reading, 4 under std
    expect(out[0].pq.value).toBeCloseTo(1 / 8, 12);
    expect(out[1].pq.value).toBeCloseTo(1 / 32, 12);
  });

  it("text output names the reason for an infinity; a parse error is one caret message, no stack", () => {
    const ok = cli("kl", "Cauchy(0,1)", "N(0,1)");
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/KL\(P‖Q\) = ∞\s+\(tails\): .*E_P\[X²\] = ∞/);
    expect(ok.stdout).toMatch(/KL\(Q‖P\) = 0\.\d+ nats/);
    const bad = cli("kl", "N(0 1)", "U(0,1)");
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe("");
    expect(bad.stderr).toBe(
      'groundtruth: cannot read P: expected "," or a closing bracket for the "(" at column 2, found "1" at column 5\n  N(0 1)\n      ^\n',
    );
  });

  it("klReadings labels the reverse direction's reason from Q's side", async () => {
    const [r] = await klReadings("N(0,1)", "Cauchy(0,1)");
    expect(r.qp.reason).toMatch(/^Q = Cauchy\(0, 1\) has a power-law tail/);
    expect(r.qp.reason).toContain("E_Q[X²] = ∞");
  });

  /** The InputError klReadings throws for (P, Q): a usage error of `kl` (exit code 2). */
  async function inputError(p: string, q: string): Promise<InputError> {
    const err = await klReadings(p, q).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err, `${p} | ${q}`).toBeInstanceOf(InputError);
    return err as InputError;
  }

  it("an input beyond double precision is an input error naming the argument and what was written", async () => {
    const cases: Array<[string, string, string]> = [
      ["N(0, 1e400)", "N(0, 1)", 'cannot read P: "1e400" is not a finite number (beyond ±1.8e308'],
      ["U(0, 1)", "U(0, 1e999)", 'cannot read Q: "1e999" is not a finite number'],
      ["N(1e400, 1)", "N(0, 1)", 'cannot read P: "1e400" is not a finite number'],
      ["N(0, 1e300 * 1e300)", "N(0, 1)", 'cannot read P: "1e300 * 1e300" is not a finite number'],
      ["N(0, 10^400)", "N(0, 1)", 'cannot read P: "10^400" is not a finite number'],
      ["Exp(1)", "Exp(1e-400)", 'cannot read Q: "1e-400" is too small for double precision'],
      ["Poisson(1e-400)", "Poisson(1)", 'cannot read P: "1e-400" is too small'],
      ["N(0, 1e-200 * 1e-200)", "N(0, 1)", 'cannot read P: "1e-200 * 1e-200" is too small'],
      ["N(0, (-1)^0.5)", "N(0, 1)", 'cannot read P: "(-1)^0.5" is not a real number'],
      // each end is finite; the width b − a is not
      ["U(-1e308, 1e308)", "N(0, 1)", "cannot read P: invalid U(-1e+308, 1e+308): the width b − a"],
      // the scale 1e-310 is a double; the rate 1/1e-310 is not
      [
        "Exp(scale=1e-310)",
        "Exp(1)",
        "cannot read P: invalid Exp(rate=Infinity): rate λ must be a",
      ],
    ];
    for (const [p, q, message] of cases) {
      const err = await inputError(p, q);
      expect(err.message.startsWith(message), err.message).toBe(true);
    }
    // Each parameter fits, the closed form does not: σ_P²/σ_Q² = 1e600 (the variance reading,
    // the first one computed, already overflows)
    const err = await inputError("N(0, 1e300)", "N(0, 1e-300)");
    expect(err.message).toBe(
      "D_KL(P‖Q) for P = N(mu=0, sigma=1e+150) and Q = N(mu=0, sigma=1e-150) is beyond double precision: a parameter is too large or too small for its closed form",
    );
    // The closed form overflows to ∞, not to NaN: μ²/2 = 5e399 is no divergence, and no value.
    const inf = await inputError("N(1e200, 1)", "N(0, 1)");
    expect(inf.message).toBe(
      "D_KL(P‖Q) for P = N(mu=1e+200, sigma=1) and Q = N(mu=0, sigma=1) is beyond double precision: a parameter is too large or too small for its closed form",
    );
    expect(cli("kl", "N(0, 1e300)", "N(0, 1e-300)").status).toBe(2);
    // What the command prints: the message, not "internal error: KL evaluated to NaN".
    const r = cli("kl", "N(0, 1e400)", "N(0, 1)");
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      'groundtruth: cannot read P: "1e400" is not a finite number (beyond ±1.8e308, the range of double precision) at column 6\n  N(0, 1e400)\n       ^\n',
    );
  });

  it("an error message quotes at most 60 characters of a long input, marking the cut with …", async () => {
    /** The longest stretch of `input` that appears verbatim in `message`. */
    const longestQuoted = (message: string, input: string) => {
      let longest = 0;
      for (let start = 0; start < input.length; start++) {
        while (
          start + longest < input.length &&
          message.includes(input.slice(start, start + longest + 1))
        )
          longest++;
      }
      return longest;
    };
    const run = (ch: string, n: number) => ch.repeat(n);
    const longs = [
      `N(0, 1) + 0.5 ${run("x", 500)}(0, 1)`, // an unknown family name
      `N(0, ${run("1", 400)})`, // a number that overflows
      `N(0, 1, ${run("z", 300)}=2)`, // an unknown parameter name
      `N(0, 1) truncated to ${run("y", 300)}`, // not an interval
      `p(x) = ${Array(100).fill("x").join(" + ")} on [0, 1]`, // a density that integrates to 100
      `${run("a", 30)}(${run("b", 200)}`, // a token, a bracket and a caret deep in the line
    ];
    for (const text of longs) {
      for (const [p, q, which] of [
        [text, "N(0, 1)", "P"],
        ["N(0, 1)", text, "Q"],
      ]) {
        const err = await inputError(p, q);
        expect(err.message.startsWith(`cannot read ${which}: `), err.message).toBe(true);
        expect(longestQuoted(err.message, text), err.message).toBeLessThanOrEqual(60);
        expect(err.message).toContain("…");
        // the caret still stands under the character at the column the message names
        const [first, shown, caret] = err.message.split("\n");
        const column = Number(/at column (\d+)$/.exec(first!)![1]);
        expect(shown![caret!.indexOf("^")]).toBe(text[column - 1]);
      }
    }
  });
});
