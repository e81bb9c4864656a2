/** `groundtruth grade` end to end: real KL toolkit, real initial-logit measurement (small d_model). */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { registerGrade } from "../../src/cli/commands/grade.js";
import { CliError } from "../../src/cli/errors.js";
import { exampleKey } from "../fixtures/transcripts/example-key.js";

const dir = mkdtempSync(join(tmpdir(), "gt-grade-"));
const keyPath = join(dir, "key.json");
const fx = (n: string) => join("test/fixtures/transcripts", n);

/** Runs the grade command in-process (as src/cli/main.ts would), capturing stdout/stderr. */
async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const program = new Command().exitOverride();
  registerGrade(program);
  let stdout = "";
  let stderr = "";
  const out = vi.spyOn(process.stdout, "write").mockImplementation((c) => {
    stdout += String(c);
    return true;
  });
  const err = vi.spyOn(process.stderr, "write").mockImplementation((c) => {
    stderr += String(c);
    return true;
  });
  try {
    // a cache of measurements only where a test asks for one (never the working tree's runs/)
    const cache = args.includes("--cache") ? [] : ["--no-cache"];
    await program.parseAsync(["node", "groundtruth", "grade", ...args, ...cache]);
    return { code: 0, stdout, stderr };
  } catch (e) {
    if (e instanceof CliError)
      return { code: e.exitCode, stdout, stderr: `${stderr}groundtruth: ${e.message}\n` };
    throw e;
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

beforeAll(() => {
  // TEST key (see example-key.ts), measured at d_model 64 / V 500 so the real measurement is quick.
  const k = structuredClone(exampleKey);
  const p1 = k.parts.find((p) => p.id === "1")!;
  if (p1.answer.type === "code-fix")
    Object.assign(p1.answer.criterion, { dModel: 64, vocabSize: 500 });
  writeFileSync(keyPath, JSON.stringify(k));
});

describe("groundtruth grade", () => {
  it("prints the --json verdicts and writes an annotated HTML page", async () => {
    const html = join(dir, "out.html");
    const r = await cli([fx("correct-claude.md"), "--key", keyPath, "--json", "--annotated", html]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as {
      parts: { id: string; verdict: string; answer: string; evidence: string }[];
    };
    expect(j.parts.map((p) => `${p.id}:${p.verdict}`)).toEqual([
      "1:correct",
      "2a:correct",
      "2b:correct",
      "3a:correct",
      "3b:correct",
      "3c:correct",
      "3d-i:correct",
      "3d-ii:correct",
    ]);
    // Measured, not assumed: std 1/√64 gives a logit std near 1 on the real model.
    const m = /measured initial logit std ([\d.]+)/.exec(j.parts[0]!.evidence);
    expect(Number(m![1])).toBeGreaterThan(0.8);
    expect(Number(m![1])).toBeLessThan(1.25);
    const page = readFileSync(html, "utf8");
    expect(page).toContain('id="part-3c"');
    expect(page).not.toMatch(/<script/i);
  });

  it("judges a fix that keeps the √d_model scale as still broken", async () => {
    const r = await cli([fx("wrong-plain.txt"), "--key", keyPath, "--json"]);
    const j = JSON.parse(r.stdout) as {
      parts: { id: string; verdict: string; evidence: string }[];
    };
    const p1 = j.parts.find((p) => p.id === "1")!;
    expect(p1.verdict).toBe("incorrect");
    const m = /measured initial logit std ([\d.]+)/.exec(p1.evidence);
    expect(Number(m![1])).toBeGreaterThan(40); // std √64 = 8 → logits ≈ 8·√64 = 64
  });

  it("grades several transcripts into one table, reporting an unreadable one without stopping", async () => {
    const files = [fx("correct-claude.md"), join(dir, "missing.md"), fx("wrong-plain.txt")];
    const table = await cli([...files, "--key", keyPath]);
    expect(table.code).toBe(0); // commander's action set process.exitCode instead
    expect(process.exitCode).toBe(1);
    process.exitCode = 0;
    expect(table.stdout).toMatch(/== test\/fixtures\/transcripts\/correct-claude\.md\n/);
    const row = (name: string) =>
      table.stdout.split("\n").find((l) => l.includes(name) && !l.startsWith("=="));
    expect(row("correct-claude.md")).toMatch(/(?:✓\s+){8}8\/8$/);
    expect(row("wrong-plain.txt")).toMatch(/(?:✗\s+){8}0\/8$/);
    expect(row("missing.md")).toMatch(/cannot read transcript .*missing\.md: no such file/);
    const json = await cli([...files, "--key", keyPath, "--json"]);
    process.exitCode = 0;
    const j = JSON.parse(json.stdout) as {
      files: { file: string; parts?: { verdict: string }[]; error?: string }[];
    };
    expect(
      j.files.map((f) => f.parts?.filter((p) => p.verdict === "correct").length ?? f.error),
    ).toEqual([8, expect.stringMatching(/no such file/), 0]);
  });

  it("a directory's transcripts are its files of text, whatever their extension", async () => {
    const d = mkdtempSync(join(tmpdir(), "gt-grade-dir-"));
    const text = readFileSync(fx("wrong-plain.txt"), "utf8");
    writeFileSync(join(d, "session.log"), text);
    writeFileSync(join(d, "notes"), text);
    writeFileSync(join(d, "photo.png"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]));
    writeFileSync(join(d, ".DS_Store"), text);
    const table = await cli([d, "--key", keyPath]);
    process.exitCode = 0;
    const rows = table.stdout.split("\n").filter((l) => /0\/8$/.test(l));
    expect(rows.map((l) => l.split(/\s+/)[0]!.replace(/^.*\//, ""))).toEqual([
      "notes",
      "session.log",
    ]);
    expect(table.stdout).not.toMatch(/photo\.png|DS_Store/);
  });
  it("keeps measurements in --cache and reuses them instead of the engine", async () => {
    const cacheFile = join(dir, "cache", "logits.json");
    const gradeCached = () =>
      cli([fx("correct-claude.md"), "--key", keyPath, "--json", "--cache", cacheFile]);
    const first = await gradeCached();
    expect(existsSync(cacheFile)).toBe(true);
    const cache = JSON.parse(readFileSync(cacheFile, "utf8")) as {
      entries: Record<string, { logitStd: number }>;
    };
    const [k] = Object.keys(cache.entries);
    expect(JSON.parse(k!)).toMatchObject({ dModel: 64, vocabSize: 500, embeddingStd: 0.125 });
    const measured = /measured initial logit std ([\d.]+)/.exec(first.stdout)![1];
    expect(cache.entries[k!]!.logitStd.toPrecision(4)).toBe(Number(measured).toPrecision(4));
    // a doctored entry is what the next grade reports: the cache, not the engine, answered
    cache.entries[k!]!.logitStd = 77;
    writeFileSync(cacheFile, JSON.stringify(cache));
    const second = await gradeCached();
    expect(second.stdout).toMatch(/measured initial logit std 77/);
  });

  it("fails clearly on a missing key, a missing file, binary input and an invalid key", async () => {
    const bin = join(dir, "x.bin");
    writeFileSync(bin, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0xff, 0xfe]));
    const bad = join(dir, "bad-key.json");
    writeFileSync(bad, JSON.stringify({ problemSet: "hw12", version: 1, parts: [{ id: "3c" }] }));
    const a = await cli([fx("revised.md"), "--key", join(dir, "nope.json")]);
    const b = await cli([join(dir, "missing.md"), "--key", keyPath]);
    const c = await cli([bin, "--key", keyPath]);
    const d = await cli([fx("revised.md"), "--key", bad]);
    expect(a.code).toBe(1);
    expect(a.stderr).toMatch(/no answer key at .*nope\.json: run `groundtruth reproduce`/);
    expect(b.stderr).toMatch(/cannot read transcript/);
    expect(c.code).toBe(1);
    expect(c.stderr).toMatch(/looks binary/);
    expect(d.stderr).toMatch(/invalid answer key:\n\s+parts\.0\.answer/);
  });
});
