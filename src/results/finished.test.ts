import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readFinished, reuseOrRun, reuseOrRunByKey } from "./finished.js";

describe("finished runs", () => {
  it("runs once per key, then reuses the saved result", async () => {
    const runs = await mkdtemp(join(tmpdir(), "finished-"));
    try {
      let calls = 0;
      const run = async () => ({ value: ++calls });
      const first = await reuseOrRunByKey(runs, "demo", { a: 1 }, run);
      const again = await reuseOrRunByKey(runs, "demo", { a: 1 }, run);
      const other = await reuseOrRunByKey(runs, "demo", { a: 2 }, run);
      expect([first.reused, again.reused, other.reused]).toEqual([false, true, false]);
      expect([first.result, again.result, other.result]).toEqual([
        { value: 1 },
        { value: 1 },
        { value: 2 },
      ]);
      expect(JSON.parse(await readFile(join(first.dir, "config.json"), "utf8"))).toEqual({ a: 1 });
      expect(JSON.parse(await readFile(join(first.dir, "result.json"), "utf8"))).toEqual({
        value: 1,
      });
    } finally {
      await rm(runs, { recursive: true, force: true });
    }
  });

  it("runs again when the saved result does not answer the request, and replaces it", async () => {
    const dir = await mkdtemp(join(tmpdir(), "finished-"));
    try {
      const at = (steps: number) => ({
        dir,
        file: "other.json",
        accept: (saved: { steps: number }) => saved.steps === steps,
      });
      expect(await readFinished(at(2))).toBeNull();
      await reuseOrRun(at(2), async () => ({ steps: 2 }));
      expect((await reuseOrRun(at(2), async () => ({ steps: -1 }))).reused).toBe(true);
      const longer = await reuseOrRun(at(3), async () => ({ steps: 3 }));
      expect(longer).toEqual({ result: { steps: 3 }, reused: false });
      expect(await readFinished(at(2))).toBeNull();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
