import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { vibParts } from "./vib.js";

describe("vibParts", () => {
  it("writes the 3(a) diagram and its measured check as files under <out>/<profile>/", async () => {
    const out = await mkdtemp(join(tmpdir(), "vib-cli-"));
    try {
      const lines: string[] = [];
      const res = await vibParts("quick", {
        parts: ["diagram"],
        out,
        log: (l) => lines.push(l),
      });
      expect(res.files.map((f) => f.slice(out.length + 1)).sort()).toEqual([
        "quick/diagram.json",
        "quick/vib-3a-reparameterization.svg",
      ]);
      const json = JSON.parse(await readFile(join(out, "quick", "diagram.json"), "utf8"));
      expect(json.kind).toBe("vib-3a");
      expect(json.check.pass).toBe(true);
      expect(json.check.blocks).toEqual({ multipliers: 1, adders: 1 });
      expect(await readFile(join(out, "quick", "vib-3a-reparameterization.svg"), "utf8")).toMatch(
        /^<svg/,
      );
      expect(lines.join("\n")).toContain("3(a) reparameterization check: pass");
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });
});
