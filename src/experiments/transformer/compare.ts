/** `compare.json`: Figure 1's comparison of the init schemes under one budget, as a result file. */
import type { InitScheme } from "../../models/init-schemes.js";
import { RESULT_KINDS } from "../../results/layout.js";
import type { TrainRunResult } from "./train.js";

/** One scheme's final losses and speed. */
export type CompareRow = {
  scheme: InitScheme;
  /** Training loss of the first step (nats per target token). */
  firstLoss: number;
  finalTrainLoss: number;
  finalValLoss: number;
  minValLoss: number;
  tokensPerSecond: number;
  wallSeconds: number;
};

/** The file: every scheme's row, the files the comparison wrote, and its decoded test split's file. */
export type CompareResult = {
  kind: typeof RESULT_KINDS.compare;
  profile: string;
  steps: number;
  device: string;
  schemes: CompareRow[];
  /** Every file the comparison wrote, compare.json last. */
  files: string[];
  /** The decoded test split beside it (null when decoding was skipped). */
  summariesFile: string | null;
};

/** The comparison of training runs that shared a profile and a budget. */
export function compareResult(o: {
  profile: string;
  steps: number;
  device: string;
  runs: TrainRunResult[];
  files: string[];
  summariesFile: string | null;
}): CompareResult {
  return {
    kind: RESULT_KINDS.compare,
    profile: o.profile,
    steps: o.steps,
    device: o.device,
    schemes: o.runs.map((r) => ({
      scheme: r.scheme,
      firstLoss: r.train[0]?.loss ?? Number.NaN,
      finalTrainLoss: r.final.trainLoss,
      finalValLoss: r.final.valLoss,
      minValLoss: r.final.minValLoss,
      tokensPerSecond: r.tokensPerSecond,
      wallSeconds: r.wallSeconds,
    })),
    files: o.files,
    summariesFile: o.summariesFile,
  };
}
