import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

describe("runtime", () => {
  it("runs the tests on the Node that package.json declares", () => {
    const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));
    const required = Number(/^>=(\d+)$/.exec(pkg.engines.node)?.[1]);
    expect(required).toBeGreaterThanOrEqual(24);
    expect(Number(process.versions.node.split(".")[0])).toBeGreaterThanOrEqual(required);
  });
});
