import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const cli = (...args: string[]) =>
  spawnSync(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...args], {
    cwd: root,
    encoding: "utf8",
  });

describe("groundtruth fit", () => {
  it("--json fits both directions and writes fit.json atomically into --out", () => {
    const dir = mkdtempSync(join(tmpdir(), "fit-"));
    try {
      const r = cli(
        "fit",
        "0.5 N(-2, 0.5^2) + 0.5 N(2, 0.5^2)",
        "--json",
        "--no-figures",
        "--out",
        dir,
        "--starts",
        "3",
        "--steps",
        "300",
      );
      expect(r.status, r.stderr).toBe(0);
      const out = JSON.parse(r.stdout);
      expect(out.forward.minima[0].sigma).toBeCloseTo(2.0616, 2);
      expect(out.reverse.minima[0].sigma).toBeCloseTo(0.5, 2);
      expect(Math.abs(Math.abs(out.reverse.minima[0].mu) - 2)).toBeLessThan(0.01);
      expect(out.files).toEqual([join(dir, "fit.json")]);
      const saved = JSON.parse(readFileSync(join(dir, "fit.json"), "utf8"));
      expect(saved.target).toBe(out.target);
      expect(existsSync(join(dir, "fit-forward.svg"))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("--runs reuses a finished fit of the same target and settings, with the same numbers", () => {
    const dir = mkdtempSync(join(tmpdir(), "fit-runs-"));
    try {
      const args = ["fit", "--json", "--no-figures", "--out", dir, "--runs", join(dir, "runs")];
      const small = ["--starts", "2", "--steps", "100"];
      const first = cli(...args, ...small);
      const again = cli(...args, ...small);
      expect(first.status, first.stderr).toBe(0);
      expect(first.stderr).not.toContain("reusing");
      expect(again.stderr).toContain("reusing the finished fit");
      expect(JSON.parse(again.stdout).forward).toEqual(JSON.parse(first.stdout).forward);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("rejects bad options and ambiguous or unreadable targets with one line, exit 2", () => {
    const bad = cli("fit", "--starts", "0", "--no-figures");
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^groundtruth: fit: --starts: /);
    const amb = cli("fit", "0.5 N(-2,0.5) + 0.5 N(2,0.5)", "--no-figures");
    expect(amb.status).toBe(2);
    expect(amb.stderr).toMatch(/ambiguous/);
    expect(amb.stderr).not.toMatch(/at .*\.ts:\d+/);
    const unread = cli("fit", "N(0,", "--no-figures");
    expect(unread.status).toBe(2);
    expect(unread.stderr).toContain("cannot read TARGET");
  });
});
