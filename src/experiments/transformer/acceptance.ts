/**
 * Problem 1's acceptance rule, measured from what the fix is for: a model that trains. The fix
 * makes the initial logits of unit scale (std ≈ 1 instead of √d_model). From each initial logit
 * scale s of a grid, the tied embeddings are drawn with σ = s/√d_model and the quick model
 * trains the first `steps` steps of its schedule on the real data; a scale is accepted when its
 * validation loss then is within `toleranceNats` of the fix's (s = 1). The accepted band is the
 * run of accepted grid points around s = 1. Measured once per config (the result is cached in
 * results/transformer/acceptance.json) and read by the key.
 */

import { tree } from "../../engine/jax.js";
import { RESULT_KINDS } from "../../results/layout.js";
import { getTransformerProfile, type TransformerProfileName } from "./profiles.js";
import type { Pair, Tokenizer } from "./train.js";
import { prepareData, trainScheme } from "./train.js";

/** The profile whose model and schedule the acceptance runs train. */
export const ACCEPTANCE_PROFILE = "quick" satisfies TransformerProfileName;

export type AcceptanceConfig = {
  /** Initial logit scales (σ·√d_model) tried; 1 is the fix, √d_model the bug. */
  logitScales: number[];
  /** Steps of the quick schedule trained from each. */
  steps: number;
  /** A scale is accepted when its validation loss is at most the fix's plus this. */
  toleranceNats: number;
};

/**
 * Tolerance fixed before any run. The grid first held 0, 0.1, 0.3, 1, 2, 4 and 8 (= the bug at
 * d_model 64); the band's edges fell between 0 and 0.1 and between 1 and 2, so 0.01, 0.03 and
 * 1.5 were added there to locate them more finely (the tolerance did not change).
 */
export const acceptanceDefaults: AcceptanceConfig = {
  logitScales: [0, 0.01, 0.03, 0.1, 0.3, 1, 1.5, 2, 4, 8],
  steps: 30,
  toleranceNats: 0.5,
};

export type AcceptanceRow = {
  logitScale: number;
  embeddingStd: number;
  /** Training loss of the first step (nats per token). */
  firstLoss: number;
  /** Validation loss after `steps` steps. */
  valLoss: number;
  accepted: boolean;
};

export type AcceptanceResult = {
  kind: typeof RESULT_KINDS.acceptance;
  profile: typeof ACCEPTANCE_PROFILE;
  dModel: number;
  config: AcceptanceConfig;
  rows: AcceptanceRow[];
  fixValLoss: number;
  /** The accepted scales around the fix: every grid point from min to max passed. */
  band: { minLogitScale: number; maxLogitScale: number };
};

/** Trains from every scale of the grid and derives the accepted band. */
export async function runAcceptance(
  cfg: AcceptanceConfig,
  o: {
    tokenizer: Tokenizer;
    train: Pair[];
    validation: Pair[];
    device: string;
    onRow?: (r: Omit<AcceptanceRow, "accepted">) => void;
  },
): Promise<AcceptanceResult> {
  const profile = getTransformerProfile(ACCEPTANCE_PROFILE);
  const dModel = profile.model.dModel;
  if (cfg.logitScales.some((s, i) => i > 0 && s <= cfg.logitScales[i - 1]))
    throw new Error("acceptance: the logit scales must be ascending");
  const iFix = cfg.logitScales.indexOf(1);
  if (iFix < 0) throw new Error("acceptance: the grid must contain the fix's scale 1");
  const prepared = prepareData(profile, o.tokenizer, o.train, o.validation);
  const measured: Array<Omit<AcceptanceRow, "accepted">> = [];
  for (const logitScale of cfg.logitScales) {
    const embeddingStd = logitScale / Math.sqrt(dModel);
    const { result, params } = await trainScheme(
      {
        profile,
        scheme: "fix",
        embeddingStd,
        tokenizer: o.tokenizer,
        train: o.train,
        validation: o.validation,
        device: o.device,
        steps: cfg.steps,
      },
      prepared,
    );
    tree.dispose(params);
    const row = {
      logitScale,
      embeddingStd,
      firstLoss: result.train[0].loss,
      valLoss: result.final.valLoss,
    };
    measured.push(row);
    o.onRow?.(row);
  }
  return {
    kind: RESULT_KINDS.acceptance,
    profile: ACCEPTANCE_PROFILE,
    dModel,
    config: cfg,
    ...acceptedBand(measured, iFix, cfg.toleranceNats),
  };
}

/**
 * The rule on measured rows (ascending scales, the fix at `iFix`): accepted when within
 * `toleranceNats` of the fix's validation loss; the band is the unbroken run around the fix.
 */
export function acceptedBand(
  measured: Array<Omit<AcceptanceRow, "accepted">>,
  iFix: number,
  toleranceNats: number,
): Pick<AcceptanceResult, "rows" | "fixValLoss" | "band"> {
  const fixValLoss = measured[iFix].valLoss;
  const rows = measured.map((r) => ({ ...r, accepted: r.valLoss <= fixValLoss + toleranceNats }));
  let lo = iFix;
  let hi = iFix;
  while (lo > 0 && rows[lo - 1].accepted) lo--;
  while (hi + 1 < rows.length && rows[hi + 1].accepted) hi++;
  return {
    rows,
    fixValLoss,
    band: { minLogitScale: rows[lo].logitScale, maxLogitScale: rows[hi].logitScale },
  };
}
