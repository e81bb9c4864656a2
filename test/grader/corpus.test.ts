/**
 * Agreement with careful human graders on transcripts the grader was not written from: the held-out
 * set in test/fixtures/heldout (written by a helper independent of the grader's code) and, when this
 * machine has it, ../shared/transcripts. The floors are the agreement measured when the parser-based
 * grader landed; they catch regressions and are raised as the grader improves (target: 0.95).
 */
import { existsSync } from "node:fs";
import { Command } from "commander";
import { describe, expect, it, vi } from "vitest";
import { registerGrade } from "../../src/cli/commands/grade.js";

async function agreementOf(dir: string): Promise<{ agreed: number; total: number }> {
  const program = new Command().exitOverride();
  registerGrade(program);
  let stdout = "";
  const out = vi.spyOn(process.stdout, "write").mockImplementation((c) => {
    stdout += String(c);
    return true;
  });
  try {
    await program.parseAsync([
      "node",
      "groundtruth",
      "grade",
      dir,
      "--expected",
      `${dir}/expected.json`,
      "--json",
      "--no-cache",
    ]);
  } finally {
    out.mockRestore();
  }
  return JSON.parse(stdout) as { agreed: number; total: number };
}

describe("agreement with careful graders", () => {
  it("held-out transcripts (test/fixtures/heldout)", async () => {
    const a = await agreementOf("test/fixtures/heldout");
    expect(a.total).toBe(144);
    expect(a.agreed / a.total).toBeGreaterThanOrEqual(0.49);
  }, 300_000);
  it.skipIf(!existsSync("../shared/transcripts/expected.json"))(
    "../shared/transcripts",
    async () => {
      const a = await agreementOf("../shared/transcripts");
      expect(a.agreed / a.total).toBeGreaterThanOrEqual(0.74);
    },
    300_000,
  );
});
