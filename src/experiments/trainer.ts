/**
 * A generic resumable training loop. Everything that varies between runs is a function of
 * (seed, step) — the batch provider `batchFor(step)` and any keys the step folds in — so a
 * run resumed from a checkpoint replays exactly the steps an uninterrupted run would take.
 * Each step's new state is waited for before the next step is queued, so no two steps hold
 * their buffers at once. Each step's metrics are read back and checked for NaN/Inf; nothing is
 * printed here.
 */
import {
  type ArrayTree,
  blockUntilTreeReady,
  checkScalars,
  checkTree,
  disposeTree,
  NonFiniteError,
  type numpy as np,
} from "../engine/index.js";
import { loadLatestCheckpoint, saveCheckpoint } from "../store/index.js";

/** Scalar metrics of one step or evaluation, by name. */
export type Metrics = Record<string, number>;
/** One row of history: the 1-based count of completed steps plus its metrics. */
export type HistoryRow = { step: number } & Metrics;
/** Everything the loop recorded: per-step training metrics and evaluation rows. */
export type History = { train: HistoryRow[]; eval: HistoryRow[] };

/** What a progress callback sees after each completed step. */
export type Progress = {
  step: number;
  total: number;
  metrics: Metrics;
  resumedFrom: number | null;
};

/** What one update returns: the new state and the step's scalar metrics (device arrays). */
export type StepOutput<S> = { state: S; metrics: Record<string, np.Array> };

export type TrainerOptions<S extends ArrayTree, B> = {
  /** Steps to run in total (including any done before a resume). */
  totalSteps: number;
  /** Fresh training state (params, optimizer state, …); called only when no checkpoint exists. */
  init: () => S;
  /** One update, usually a jitted function. Consumes state and batch; `step` is 0-based. */
  step: (state: S, batch: B, step: number) => StepOutput<S> | Promise<StepOutput<S>>;
  /** The batch for 0-based `step`: must depend only on the seed and the step. */
  batchFor: (step: number) => B;
  /** Evaluation of the current state (borrows it); run every `evalEvery` steps and at the end. */
  evaluate?: (state: S, step: number) => Promise<Metrics>;
  evalEvery?: number;
  /** Checkpoints go to `dir` every `every` steps and at the end; the loop resumes from the newest valid one. */
  checkpoint?: { dir: string; every: number; keep?: number };
  /** Called after each step (awaited, so a reporter may yield); never used for control flow. */
  onProgress?: (p: Progress) => void | Promise<void>;
  /** Told about a checkpoint file that failed verification and was skipped. */
  onInvalidCheckpoint?: (path: string, err: Error) => void;
};

/** The result: the final state (the caller owns it), the history, and where the run resumed. */
export type TrainResult<S> = { state: S; history: History; resumedFrom: number | null };

type Meta = { history: History };

/** Reads every metric array to a number (consuming them) and stops the run on NaN/Inf. */
async function readMetrics(
  step: number,
  arrays: Record<string, np.Array>,
  state: ArrayTree,
): Promise<Metrics> {
  const metrics: Metrics = {};
  for (const [name, a] of Object.entries(arrays)) metrics[name] = Number(await a.jsAsync());
  try {
    checkScalars(step, metrics);
  } catch (err) {
    if (!(err instanceof NonFiniteError)) throw err;
    // name the first tensor that went bad too, if the state already shows it
    const where = await checkTree(step, "state", state).then(
      () => "",
      (e: unknown) => (e instanceof NonFiniteError ? `; ${e.tensor} ${e.detail}` : ""),
    );
    throw new NonFiniteError(step, err.tensor, `${err.detail}${where}`);
  }
  return metrics;
}

/**
 * A run directory already past the steps asked for: its state at that step is gone (only the
 * newest checkpoints are kept), so continuing would silently return a later model.
 */
export class RunAheadError extends Error {
  constructor(
    readonly dir: string,
    readonly reached: number,
    readonly asked: number,
  ) {
    super(
      `${dir} already holds step ${reached}, past the ${asked} steps asked for: ask for at least ${reached} steps, or use another run directory`,
    );
    this.name = "RunAheadError";
  }
}

/**
 * Runs (or resumes) a training loop to `totalSteps`; returns the final state and history.
 * Steps in history, progress and errors count completed updates (1-based).
 */
export async function train<S extends ArrayTree, B>(
  opts: TrainerOptions<S, B>,
): Promise<TrainResult<S>> {
  const ck = opts.checkpoint;
  let state: S;
  let start = 0;
  let history: History = { train: [], eval: [] };
  let resumedFrom: number | null = null;
  const saved = ck ? await loadLatestCheckpoint<Meta>(ck.dir, opts.onInvalidCheckpoint) : null;
  if (saved && ck && saved.step > opts.totalSteps) {
    disposeTree(saved.state as S);
    throw new RunAheadError(ck.dir, saved.step, opts.totalSteps);
  }
  if (saved) {
    state = saved.state as S;
    start = saved.step;
    history = saved.meta.history;
    resumedFrom = saved.step;
  } else state = opts.init();

  try {
    for (let s = start; s < opts.totalSteps; s++) {
      const done = s + 1;
      const out = await opts.step(state, opts.batchFor(s), s);
      // The loss is ready once the forward pass is done; the backward pass and the update may
      // still be running and holding their buffers. Queuing the next step now would allocate
      // its buffers on top of those (jax-js allocates a program's buffers when it is queued).
      state = await blockUntilTreeReady(out.state);
      const metrics = await readMetrics(done, out.metrics, state);
      history.train.push({ step: done, ...metrics });
      const last = done === opts.totalSteps;
      if (opts.evaluate && ((opts.evalEvery && done % opts.evalEvery === 0) || last)) {
        const ev = await opts.evaluate(state, done);
        checkScalars(done, ev);
        history.eval.push({ step: done, ...ev });
      }
      await opts.onProgress?.({ step: done, total: opts.totalSteps, metrics, resumedFrom });
      if (ck && (done % ck.every === 0 || last)) {
        await saveCheckpoint<Meta>(ck.dir, { step: done, state, meta: { history } }, ck.keep ?? 2);
      }
    }
  } catch (err) {
    try {
      disposeTree(state); // free what the failed run still holds
    } catch {
      // the step failed after consuming part of the state; nothing more to free
    }
    throw err;
  }
  return { state, history, resumedFrom };
}
