import { spawnSync } from "node:child_process";
import { existsSync, promises as fs, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { initEngine, numpy as np } from "../engine/index.js";
import {
  checkpointName,
  checkpointSteps,
  configHash,
  loadCheckpoint,
  loadLatestCheckpoint,
  openRunDir,
  runDirOf,
  saveCheckpoint,
  writeFileAtomic,
  writeJsonAtomic,
  writeResultJson,
} from "./index.js";

const tmp = () => mkdtempSync(join(tmpdir(), "gt-store-"));

beforeAll(async () => {
  await initEngine();
});

describe("result files", () => {
  it("are left untouched when only generatedAt would change, rewritten when a value changes", async () => {
    const path = join(tmp(), "result.json");
    expect(await writeResultJson(path, { loss: 1.5, generatedAt: "2026-01-01" })).toBe(true);
    expect(await writeResultJson(path, { generatedAt: "2026-02-02", loss: 1.5 })).toBe(false);
    expect(JSON.parse(readFileSync(path, "utf8")).generatedAt).toBe("2026-01-01");
    expect(await writeResultJson(path, { loss: 1.25, generatedAt: "2026-03-03" })).toBe(true);
    expect(JSON.parse(readFileSync(path, "utf8"))).toEqual({
      loss: 1.25,
      generatedAt: "2026-03-03",
    });
  });
});

describe("run directories", () => {
  it("are named by a hash that ignores key order and sees every value", async () => {
    expect(configHash({ a: 1, b: { c: [1, 2] } })).toBe(configHash({ b: { c: [1, 2] }, a: 1 }));
    expect(configHash({ a: 1, b: { c: [1, 2] } })).not.toBe(configHash({ a: 1, b: { c: [2, 1] } }));
    const root = tmp();
    const run = await openRunDir(root, "vib", { beta: 1e-3, seed: 0 });
    expect(run.dir).toBe(join(root, "vib", run.hash));
    expect(JSON.parse(readFileSync(join(run.dir, "config.json"), "utf8"))).toEqual({
      beta: 1e-3,
      seed: 0,
    });
    expect((await openRunDir(root, "vib", { seed: 0, beta: 1e-3 })).dir).toBe(run.dir);
    writeFileSync(join(run.dir, "config.json"), '{"beta": 1}');
    await expect(openRunDir(root, "vib", { beta: 1e-3, seed: 0 })).rejects.toThrow(
      /different config/,
    );
    await expect(openRunDir(root, "../x", {})).rejects.toThrow(/experiment name/);
  });

  it("are found without being created", async () => {
    const root = tmp();
    const at = runDirOf(root, "vib", { seed: 1 });
    expect(existsSync(at.dir)).toBe(false);
    expect(await openRunDir(root, "vib", { seed: 1 })).toEqual(at);
  });
});

describe("atomic writes", () => {
  it("leave the old file intact when the process is killed before the rename", async () => {
    const dir = tmp();
    const target = join(dir, "result.json");
    await writeJsonAtomic(target, { version: "old" });
    const script = join(dir, "crash.mts");
    const atomic = pathToFileURL(fileURLToPath(new URL("./atomic.ts", import.meta.url))).href;
    writeFileSync(
      script,
      `import { writeJsonAtomic } from ${JSON.stringify(atomic)};
await writeJsonAtomic(${JSON.stringify(target)}, { version: "new", pad: "x".repeat(1e6) }, {
  beforeRename: () => { process.kill(process.pid, "SIGKILL"); },
});
console.log("not reached");`,
    );
    const child = spawnSync(process.execPath, ["--import", "tsx", script], { encoding: "utf8" });
    expect(child.signal).toBe("SIGKILL");
    expect(child.stdout).not.toContain("not reached");
    expect(JSON.parse(readFileSync(target, "utf8"))).toEqual({ version: "old" });
    // the new data did reach the disk, in a temp file that no reader looks at
    const temps = (await fs.readdir(dir)).filter((n) => n.endsWith(".tmp"));
    expect(temps).toHaveLength(1);
    await writeFileAtomic(target, "done");
    expect(readFileSync(target, "utf8")).toBe("done");
  });
});

describe("checkpoints", () => {
  const state = (x: number) => ({
    params: {
      w: np.array([
        [x, 2],
        [3, 4],
      ]),
    },
    opt: { count: np.array(x) },
  });

  it("round-trip state and meta, keep the newest, and skip torn or corrupt files", async () => {
    const dir = tmp();
    for (const step of [10, 20, 30]) {
      const s = state(step);
      await saveCheckpoint(dir, { step, state: s, meta: { rng: step * 7, losses: [1, 0.5] } }, 2);
    }
    expect(await checkpointSteps(dir)).toEqual([30, 20]);
    const last = await loadLatestCheckpoint<{ rng: number }>(dir);
    expect(last?.step).toBe(30);
    expect(last?.meta.rng).toBe(210);
    const restored = last?.state as ReturnType<typeof state>;
    expect(await restored.params.w.jsAsync()).toEqual([
      [30, 2],
      [3, 4],
    ]);
    expect(await restored.opt.count.jsAsync()).toBe(30);

    // a half-written newest file (as if copied by something non-atomic) is refused
    const newest = join(dir, checkpointName(30));
    const full = readFileSync(newest);
    writeFileSync(newest, full.subarray(0, full.length - 5));
    await expect(loadCheckpoint(newest)).rejects.toThrow(/not a valid checkpoint/);
    const invalid: string[] = [];
    const fallback = await loadLatestCheckpoint(dir, (p) => invalid.push(p));
    expect(fallback?.step).toBe(20);
    expect(invalid).toEqual([newest]);

    // a flipped payload byte fails the checksum
    const flipped = Buffer.from(full);
    flipped[flipped.length - 1] ^= 0xff;
    writeFileSync(newest, flipped);
    await expect(loadCheckpoint(newest)).rejects.toThrow(/checksum/);
    expect(await loadLatestCheckpoint(tmp())).toBeNull();
  });

  it("convert dense weights of files written [in, out] (GTCKPT01) to [out, in]", async () => {
    const dir = tmp();
    const inOut = [
      [1, 2, 3],
      [4, 5, 6],
    ];
    const tree = {
      params: { layer: { w: np.array(inOut), b: np.array([7, 8, 9]) }, emb: np.array(inOut) },
      opt: { mu: { layer: { w: np.array(inOut) } } },
    };
    const path = await saveCheckpoint(dir, { step: 1, state: tree, meta: null });
    const current = (await loadCheckpoint(path)).state as typeof tree;
    expect(await current.params.layer.w.jsAsync()).toEqual(inOut);
    const old = readFileSync(path);
    old.write("GTCKPT01", 0, "latin1");
    writeFileSync(path, old);
    const converted = (await loadCheckpoint(path)).state as typeof tree;
    const outIn = [
      [1, 4],
      [2, 5],
      [3, 6],
    ];
    expect(await converted.params.layer.w.jsAsync()).toEqual(outIn);
    expect(await converted.opt.mu.layer.w.jsAsync()).toEqual(outIn);
    expect(await converted.params.layer.b.jsAsync()).toEqual([7, 8, 9]);
    expect(await converted.params.emb.jsAsync()).toEqual(inOut); // not a dense weight
  });
});
