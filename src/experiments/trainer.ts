/**
 * The one resumable training loop, for the Transformer and the VIB alike. Everything that varies
 * between runs is a function of (seed, step) — the batch provider `batchFor(step)` and any keys
 * the step folds in — so a run resumed from a checkpoint replays exactly the steps an
 * uninterrupted run would take. Each step's new state is waited for before the next step is
 * queued, so no two steps hold their buffers at once. Each step's metrics are read back and
 * checked for NaN/Inf; nothing is printed here. Where checkpoints live and in what form is the
 * caller's (`checkpointDir` for files in a run directory).
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
/**
 * Everything the loop recorded: per-step training metrics (steps that report none leave no row)
 * and the evaluations, each `E` with the step it followed.
 */
export type History<E extends object = Metrics> = {
  train: HistoryRow[];
  eval: Array<{ step: number } & E>;
};

/** What a progress callback sees after each completed step. */
export type Progress = {
  step: number;
  total: number;
  metrics: Metrics;
  resumedFrom: number | null;
};

/** What one update returns: the new state and the step's scalar metrics (device arrays). */
export type StepOutput<S> = { state: S; metrics: Record<string, np.Array> };

/** A run's state as kept between sessions: the steps done, the arrays, the history so far. */
export type Saved<S, E extends object = Metrics> = { step: number; state: S; history: History<E> };

/**
 * Where a run keeps its state: the loop starts from `load()` (null: from scratch) and hands
 * `save` the state (borrowed) every `every` steps and after the last.
 */
export type Checkpoints<S, E extends object = Metrics> = {
  every: number;
  /** Named in errors: the run directory, or the run's label. */
  where: string;
  load(): Promise<Saved<S, E> | null>;
  save(saved: Saved<S, E>): Promise<void>;
};

export type TrainerOptions<S extends ArrayTree, B, E extends object = Metrics> = {
  /** Steps to run in total (including any done before a resume). */
  totalSteps: number;
  /** Fresh training state (params, optimizer state, …); called only when nothing is saved. */
  init: () => S;
  /** One update, usually a jitted function. Consumes state and batch; `step` is 0-based. */
  step: (state: S, batch: B, step: number) => StepOutput<S> | Promise<StepOutput<S>>;
  /** The batch for 0-based `step`: must depend only on the seed and the step. */
  batchFor: (step: number) => B;
  /**
   * Evaluation of the current state (borrows it); run every `evalEvery` steps and at the end.
   * Its top-level numbers are checked for NaN/Inf.
   */
  evaluate?: (state: S, step: number) => Promise<E>;
  evalEvery?: number;
  checkpoint?: Checkpoints<S, E>;
  /** Called after each step (awaited, so a reporter may yield); never used for control flow. */
  onProgress?: (p: Progress) => void | Promise<void>;
};

/** The result: the final state (the caller owns it), the history, and where the run resumed. */
export type TrainResult<S, E extends object = Metrics> = {
  state: S;
  history: History<E>;
  resumedFrom: number | null;
};

/**
 * Checkpoint files in a run directory (src/store): the newest valid one is resumed from (an
 * unreadable one is skipped and reported to `onInvalid`), the newest `keep` are kept.
 */
export function checkpointDir<S extends ArrayTree, E extends object = Metrics>(
  dir: string,
  o: { every: number; keep?: number; onInvalid?: (path: string, err: Error) => void },
): Checkpoints<S, E> {
  type Meta = { history: History<E> };
  return {
    every: o.every,
    where: dir,
    async load() {
      const saved = await loadLatestCheckpoint<Meta>(dir, o.onInvalid);
      return saved && { step: saved.step, state: saved.state as S, history: saved.meta.history };
    },
    async save({ step, state, history }) {
      await saveCheckpoint<Meta>(dir, { step, state, meta: { history } }, o.keep ?? 2);
    },
  };
}

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
 * A run already past the steps asked for: its state at that step is gone (only the newest
 * checkpoints are kept), so continuing would silently return a later model.
 */
export class RunAheadError extends Error {
  constructor(
    readonly where: string,
    readonly reached: number,
    readonly asked: number,
  ) {
    super(
      `${where} already holds step ${reached}, past the ${asked} steps asked for: ask for at least ${reached} steps, or use another run directory`,
    );
    this.name = "RunAheadError";
  }
}

/**
 * Runs (or resumes) a training loop to `totalSteps`; returns the final state and history.
 * Steps in history, progress and errors count completed updates (1-based).
 */
export async function train<S extends ArrayTree, B, E extends object = Metrics>(
  opts: TrainerOptions<S, B, E>,
): Promise<TrainResult<S, E>> {
  const ck = opts.checkpoint;
  const saved = ck ? await ck.load() : null;
  if (saved && ck && saved.step > opts.totalSteps) {
    disposeTree(saved.state);
    throw new RunAheadError(ck.where, saved.step, opts.totalSteps);
  }
  let state = saved ? saved.state : opts.init();
  const start = saved?.step ?? 0;
  const history: History<E> = saved?.history ?? { train: [], eval: [] };
  const resumedFrom = saved ? saved.step : null;

  try {
    for (let s = start; s < opts.totalSteps; s++) {
      const done = s + 1;
      const out = await opts.step(state, opts.batchFor(s), s);
      // The loss is ready once the forward pass is done; the backward pass and the update may
      // still be running and holding their buffers. Queuing the next step now would allocate
      // its buffers on top of those (jax-js allocates a program's buffers when it is queued).
      state = await blockUntilTreeReady(out.state);
      const metrics = await readMetrics(done, out.metrics, state);
      if (Object.keys(metrics).length > 0) history.train.push({ step: done, ...metrics });
      const last = done === opts.totalSteps;
      if (opts.evaluate && ((opts.evalEvery && done % opts.evalEvery === 0) || last)) {
        const ev = await opts.evaluate(state, done);
        checkScalars(done, numbersOf(ev));
        history.eval.push({ step: done, ...ev });
      }
      await opts.onProgress?.({ step: done, total: opts.totalSteps, metrics, resumedFrom });
      if (ck && (done % ck.every === 0 || last)) await ck.save({ step: done, state, history });
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

/** The top-level number fields of an evaluation (nested records are the caller's to check). */
function numbersOf(ev: object): Metrics {
  return Object.fromEntries(Object.entries(ev).filter(([, v]) => typeof v === "number"));
}
