import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { klReadings } from "./kl.js";

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
});
