import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { initEngine, liveBuffers, NonFiniteError, trackBuffers } from "../../src/engine/index.js";
import { RunAheadError } from "../../src/experiments/trainer.js";
import { checkpointSteps } from "../../src/store/index.js";
import { runTiny } from "../fixtures/tiny-training.js";

beforeAll(async () => {
  await initEngine();
  await trackBuffers();
});

const childScript = fileURLToPath(new URL("../fixtures/tiny-training-main.ts", import.meta.url));

/** Starts the tiny training in a child process; resolves with its exit and stdout. */
function startChild(dir: string, steps: number, every: number, delayMs: number) {
  const child: ChildProcess = spawn(
    process.execPath,
    ["--import", "tsx", childScript, dir, String(steps), String(every), String(delayMs)],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let out = "";
  let err = "";
  child.stdout?.on("data", (d) => {
    out += d;
  });
  child.stderr?.on("data", (d) => {
    err += d;
  });
  const exited = new Promise<{
    code: number | null;
    signal: string | null;
    out: string;
    err: string;
  }>((resolve) => child.on("exit", (code, signal) => resolve({ code, signal, out, err })));
  return { child, exited };
}

describe("tiny training run", () => {
  it("is deterministic for a seed, differs across seeds, and learns", async () => {
    const a = await runTiny({ seed: 3, steps: 60, lr: 0.01 });
    const b = await runTiny({ seed: 3, steps: 60, lr: 0.01 });
    const c = await runTiny({ seed: 4, steps: 60, lr: 0.01 });
    expect(b.params).toEqual(a.params);
    expect(b.losses).toEqual(a.losses);
    expect(c.losses).not.toEqual(a.losses);
    expect(c.params.w1).not.toEqual(a.params.w1);
    const first = a.losses.slice(0, 5).reduce((s, x) => s + x, 0) / 5;
    const last = a.losses.slice(-5).reduce((s, x) => s + x, 0) / 5;
    expect(last).toBeLessThan(first / 3);
  });

  it("killed with SIGKILL mid-way and restarted, ends bit-for-bit where an uninterrupted run ends", async () => {
    const steps = 200;
    const reference = await runTiny({ seed: 3, steps, lr: 0.01 });
    const dir = mkdtempSync(join(tmpdir(), "gt-resume-"));

    const first = startChild(dir, steps, 10, 15);
    while ((await checkpointSteps(dir)).length === 0) {
      const done = await Promise.race([first.exited, new Promise((r) => setTimeout(r, 20))]);
      if (done) throw new Error(`child ended before checkpointing: ${JSON.stringify(done)}`);
    }
    first.child.kill("SIGKILL");
    const killed = await first.exited;
    expect(killed.signal).toBe("SIGKILL");
    const reached = (await checkpointSteps(dir))[0];
    expect(reached).toBeGreaterThan(0);
    expect(reached).toBeLessThan(steps);

    const second = await startChild(dir, steps, 10, 0).exited;
    expect(second.code, second.err).toBe(0);
    const resumed = JSON.parse(second.out) as typeof reference;
    expect(resumed.resumedFrom).toBeGreaterThanOrEqual(reached);
    expect(resumed.resumedFrom).toBeLessThan(steps);
    expect(resumed.params).toEqual(reference.params);
    expect(resumed.losses).toEqual(reference.losses);
    expect(readdirSync(dir).filter((n) => n.endsWith(".tmp"))).toEqual([]);
  });

  it("resumes in-process with its history intact, evaluating on schedule and at the end", async () => {
    const dir = mkdtempSync(join(tmpdir(), "gt-history-"));
    const seen: number[] = [];
    const part = await runTiny({ seed: 7, steps: 30, lr: 0.01, checkpointDir: dir, evalEvery: 20 });
    expect(part.resumedFrom).toBeNull();
    expect(part.evals.map((r) => r.step)).toEqual([20, 30]);
    const whole = await runTiny({
      seed: 7,
      steps: 50,
      lr: 0.01,
      checkpointDir: dir,
      evalEvery: 20,
      onProgress: (p) => {
        seen.push(p.step);
      },
    });
    expect(whole.resumedFrom).toBe(30);
    expect(seen).toEqual(Array.from({ length: 20 }, (_, i) => 31 + i));
    expect(whole.losses).toHaveLength(50);
    expect(whole.losses.slice(0, 30)).toEqual(part.losses);
    expect(whole.evals.map((r) => r.step)).toEqual([20, 30, 40, 50]);
    expect(whole.evals[3].accuracy).toBeGreaterThan(0.9);
    const straight = await runTiny({ seed: 7, steps: 50, lr: 0.01 });
    expect(whole.params).toEqual(straight.params);
    // asking that directory for fewer steps than it holds is an error, not the later model
    await expect(
      runTiny({ seed: 7, steps: 40, lr: 0.01, checkpointDir: dir, evalEvery: 20 }),
    ).rejects.toThrow(RunAheadError);
  });

  it("does not leak device buffers over 600 jitted steps", async () => {
    const counts: number[] = [];
    const rss: number[] = [];
    const before = liveBuffers();
    await runTiny({
      seed: 5,
      steps: 600,
      lr: 0.01,
      onProgress: ({ step }) => {
        counts[step] = liveBuffers();
        rss[step] = process.memoryUsage().rss;
      },
    });
    // the live count is flat step after step (a leak adds at least one buffer per step);
    // the final evaluation at step 600 only releases buffers still held by pending work
    expect(new Set(counts.slice(50, 600)).size).toBe(1);
    expect(counts[600]).toBeLessThanOrEqual(counts[50]);
    // once the run's state and jitted functions are disposed, nothing of it remains
    expect(liveBuffers()).toBe(before);
    expect(rss[600] - rss[50]).toBeLessThan(64 * 2 ** 20);
  });

  it("stops an exploding run with the step and tensor named", async () => {
    const err = await runTiny({ seed: 3, steps: 50, lr: 1e30 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NonFiniteError);
    const e = err as NonFiniteError;
    expect(e.tensor).toBe("loss");
    expect(e.step).toBeGreaterThan(1);
    // e.g. "step 3: loss is NaN; state.params.w1 contains NaN (96 of 96 entries)"
    expect(e.message).toMatch(
      new RegExp(`^step ${e.step}: loss is (NaN|Inf); state\\.params\\.\\w+ contains`),
    );
  });
});
