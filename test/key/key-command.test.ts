/** `groundtruth key`: the pipeline writes a valid key atomically; the command turns missing inputs into one line. */
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { describe, expect, it } from "vitest";
import { registerKey } from "../../src/cli/commands/key.js";
import { CliError } from "../../src/cli/errors.js";
import { KeyInputError } from "../../src/key/load.js";
import { parseAnswerKey } from "../../src/key/types.js";
import { writeKey } from "../../src/pipeline/key.js";
import { writeSyntheticResults } from "./synthetic.js";

describe("writeKey", () => {
  it("derives the key from a results folder and writes <results>/key.json", async () => {
    const root = mkdtempSync(join(tmpdir(), "gt-keycmd-"));
    writeSyntheticResults(root);
    const logs: string[] = [];
    const { key, path } = await writeKey("quick", { results: root, log: (l) => logs.push(l) });
    expect(path).toBe(join(root, "key.json"));
    const onDisk = parseAnswerKey(JSON.parse(readFileSync(path, "utf8")));
    expect(onDisk.parts.map((p) => p.answer)).toEqual(key.parts.map((p) => p.answer));
    expect(onDisk.profile).toBe("quick");
    expect(readdirSync(root).filter((f) => f.includes(".tmp"))).toEqual([]);
    expect(logs).toEqual([]);
  });

  it("names a missing result file and its command, and writes no key", async () => {
    const root = mkdtempSync(join(tmpdir(), "gt-keycmd-"));
    const err = await writeKey("standard", { results: root, log: () => {} }).catch((e) => e);
    expect(err).toBeInstanceOf(KeyInputError);
    expect(err.message).toMatch(
      /init-stats\.json: missing — run `groundtruth transformer init-stats`/,
    );
    expect(existsSync(join(root, "key.json"))).toBe(false);
  });
});

describe("groundtruth key", () => {
  it("turns a missing result file into a CliError naming it and its command", async () => {
    const root = mkdtempSync(join(tmpdir(), "gt-keycmd-"));
    const program = new Command().exitOverride();
    registerKey(program);
    const err = await program
      .parseAsync(["node", "groundtruth", "key", "--profile", "standard", "--results", root])
      .catch((e) => e);
    expect(err).toBeInstanceOf(CliError);
    expect(err.message).toMatch(
      /^key: .*init-stats\.json: missing — run `groundtruth transformer init-stats`/,
    );
    expect(existsSync(join(root, "key.json"))).toBe(false);
  });
});
