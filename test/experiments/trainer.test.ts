import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import {
  initEngine,
  jit,
  liveBuffers,
  NonFiniteError,
  numpy as np,
  trackBuffers,
} from "../../src/engine/index.js";
import { RunAheadError, train } from "../../src/experiments/trainer.js";
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
    // the live count is flat step after step (a leak adds at least one buffer per step); the
    // final evaluation at step 600 compiles the accuracy, whose program keeps one constant (the
    // index vector of its argmax) until it is disposed
    expect(new Set(counts.slice(50, 600)).size).toBe(1);
    expect(counts[600]).toBe(counts[50] + 1);
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

describe("one step at a time", () => {
  it("waits for a step's new state, not only its loss, before it queues the next step", async () => {
    // The loss needs one cheap reduction of the input; the new state needs a chain of matmuls
    // after it, like a backward pass and an update after the forward pass. jax-js allocates a
    // program's buffers when it is queued and frees each when its kernel is done, so any buffer
    // of a previous step still alive when a step starts means the two steps overlap.
    const n = 256;
    const chained = jit((w: np.Array) => {
      const loss = w.ref.sum();
      let x = w;
      for (let i = 0; i < 8; i++) x = np.tanh(np.matmul(x.ref.reshape([n, n]), x.reshape([n, n])));
      x = x.reshape([n * n]);
      return { w: x, loss };
    });
    const before = liveBuffers();
    const liveAtStart: number[] = [];
    const run = await train<{ w: np.Array }, null>({
      totalSteps: 6,
      init: () => ({ w: np.array(Float32Array.from({ length: n * n }, (_, i) => (i % 7) / 7)) }),
      batchFor: () => null,
      step: ({ w }, _batch, s) => {
        liveAtStart[s] = liveBuffers() - before;
        const out = chained(w);
        return { state: { w: out.w }, metrics: { loss: out.loss } };
      },
    });
    chained.dispose();
    // every step starts with exactly the one state buffer alive, as the first one does
    expect(liveAtStart).toEqual([1, 1, 1, 1, 1, 1]);
    run.state.w.dispose();
    expect(liveBuffers()).toBe(before);
  });
});
