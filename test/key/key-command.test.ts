/** `groundtruth key` as a library call: writes a valid key atomically; missing inputs are one-line CLI errors. */
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeKey } from "../../src/cli/commands/key.js";
import { CliError } from "../../src/cli/errors.js";
import { parseAnswerKey } from "../../src/key/types.js";
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

  it("turns a missing result file into a CliError naming it and its command", async () => {
    const root = mkdtempSync(join(tmpdir(), "gt-keycmd-"));
    const err = await writeKey("standard", { results: root, log: () => {} }).catch((e) => e);
    expect(err).toBeInstanceOf(CliError);
    expect(err.message).toMatch(
      /^key: .*init-stats\.json: missing — run `groundtruth transformer init-stats`/,
    );
    expect(existsSync(join(root, "key.json"))).toBe(false);
  });
});
