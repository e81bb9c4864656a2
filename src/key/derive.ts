/**
 * The answer key, derived: every part's answer is computed from experiment results (never typed
 * in), carries the numbers and figures it came from, and says so when a measurement contradicts
 * the property the problem expects. One small function per kind of part, found through
 * `DERIVATIONS` by the name each part of the problem set gives (its `derivation`); the part ids,
 * the concepts and the numbers the problem quotes come from the problem set. All pure (no fs, no clock).
 *
 * The inputs are the result files' contents (see ./load.ts for where each comes from), typed here
 * by the fields the key reads, so a result file may carry more.
 */

import type { z } from "zod";
import { latentClaim, latentContrast } from "../experiments/vib/analysis.js";
import { fixed, formatBeta, measured, percent, points } from "../format/index.js";
import { bootstrapArms, type Interval } from "../metrics/index.js";
import { homework, targetLine } from "../problems/index.js";
import {
  type AnswerType,
  figureLabel,
  type Option,
  type Part,
  type PartOf,
  type ProblemSet,
  partDerivedBy,
  partLabel,
  sizeOf,
} from "../problems/schema.js";
import { FIGURES } from "../results/layout.js";
import type { latentSchema, sweepSchema } from "./load.js";
import type { Concept, Evidence, PartKey } from "./types.js";
import { type AnswerKey, keyStatusOf, parseAnswerKey } from "./types.js";

// ---------------------------------------------------------------- inputs

/** One row of the Transformer init diagnostics (results/transformer/init-stats.json). */
export type InitRow = {
  scheme: string;
  dModel: number;
  embeddingStd: number;
  logitStd: number;
  predictedLogitStd?: number;
  initialLoss: number;
  lnVocab: number;
  argmaxMass: number;
  /** Mean softmax probability of each decoder position's own input token (the tied head's copy bias). */
  copyMass?: number;
};

/** What the acceptance runs measured (src/experiments/transformer/acceptance.ts). */
export type AcceptanceResults = {
  source: string;
  dModel: number;
  config: { logitScales: number[]; steps: number; toleranceNats: number };
  rows: Array<{
    logitScale: number;
    embeddingStd: number;
    firstLoss: number;
    valLoss: number;
    accepted: boolean;
  }>;
  fixValLoss: number;
  band: { minLogitScale: number; maxLogitScale: number };
};

/** One training run of Problem 1 (bug or fix), as the training result file records it. */
export type TrainCurve = {
  scheme: string;
  /** The result file of this run (defaults to the training block's source). */
  source?: string;
  steps?: number;
  config?: { dModel?: number; vocabSize?: number };
  train?: Array<{ step: number; loss: number }>;
  validation?: Array<{ step: number; valLoss: number }>;
  final: { trainLoss: number; valLoss: number };
  /** The final weights' summed loss and target tokens per validation example. */
  finalValidationExamples?: { lossSum: number[]; tokens: number[] };
};

/**
 * The gap in validation loss per token between two runs on the same validation examples, with
 * a paired bootstrap interval over the examples. Each example's loss is divided by the mean
 * token count, so the mean over examples is the per-token loss.
 */
export function validationGap(
  a: NonNullable<TrainCurve["finalValidationExamples"]>,
  b: NonNullable<TrainCurve["finalValidationExamples"]>,
): Interval {
  const n = a.lossSum.length;
  if (b.lossSum.length !== n || a.tokens.some((t, i) => t !== b.tokens[i]))
    throw new Error("the two runs were not evaluated on the same validation examples");
  const perToken = a.tokens.reduce((s, t) => s + t, 0) / n;
  const scaled = (x: typeof a) => x.lossSum.map((l) => l / perToken);
  return bootstrapArms([scaled(a), scaled(b)], [[0, 1]], { resamples: 10_000, seed: 0 })
    .contrasts[0];
}

/** A Gaussian fitted by one KL direction (the best local minimum). */
export type FitMinimum = { mu: number; sigma: number; klNats: number };

/** What Problem 2 needs: a verified 2(a) example and the forward/reverse fits of 2(b). */
export type KlResults = {
  example: {
    source: string;
    p: string;
    q: string;
    /** D(P||Q) and D(Q||P) as the KL toolkit computed them. */
    forward: { finite: boolean; value?: number; reason?: string };
    reverse: { finite: boolean; value?: number; reason?: string };
    /** The computed explanation of src/key/problem2.ts `answer2a`, when available. */
    explanation?: string;
  };
  fits: {
    source: string;
    figure?: string;
    target: string;
    /** Means and standard deviations of the target's modes (mixture components). */
    modes: Array<{ mu: number; sigma: number }>;
    forward: FitMinimum | null;
    reverse: FitMinimum | null;
    /** The measured explanation of src/key/problem2.ts `answer2b`, when available. */
    explanation?: string;
    /** Each fit scored by the other direction (null = infinite). */
    crossCosts?: { forwardKlOfReverseFit: number | null; reverseKlOfForwardFit: number | null };
  };
};

export type ReparamResults = {
  source: string;
  figure?: string;
  blocks: { multipliers: number; adders: number };
  cases: Array<{
    mu: number;
    sigma: number;
    sampleMean: number;
    sampleStd: number;
    meanZScore: number;
    stdRelErr: number;
  }>;
  maxDerivativeError: { dZdMu: number; dZdSigma: number };
  samples: number;
  pass: boolean;
};

type Cell = { norm: number; sendsGradient: boolean };
export type GradientResults = {
  source: string;
  grids: Array<{
    when: string;
    grid: {
      task: { encoder: Cell; decoder: Cell };
      klTerm: { encoder: Cell; decoder: Cell };
      threshold: number;
      beta: number;
      batchSize: number;
    };
  }>;
};

/** An interval as the result files record it (src/metrics `Interval`). */
type IntervalIn = { mean: number; low: number; high: number };

/**
 * A result file as the key reads it: its schema (src/key/load.ts, the one statement of its
 * shape) with where it came from.
 */
type Recorded<Schema extends z.ZodType> = z.infer<Schema> & { source: string; figure?: string };

/** The designed 3(c) comparison (results/vib/<profile>/sweep.json): design, runs, decision. */
export type SweepResults = Recorded<typeof sweepSchema>;

type SpreadIn = { mean: number; sd: number; n: number };

/** 3(d)'s latent spaces over seeds and its rule's last look (results/vib/<profile>/latent.json). */
export type LatentResults = Recorded<typeof latentSchema>;

/** "k of n seeds" agreement with seed 0 on `pick`, or null with fewer than two seeds. */
function seedAgreement(
  l: LatentResults,
  pick: (a: NonNullable<LatentResults["seedAnswers"]>[number]) => string,
): { agree: number; seeds: number } | null {
  const a = l.seedAnswers;
  if (!a || a.length < 2) return null;
  return { agree: a.filter((x) => pick(x) === pick(a[0])).length, seeds: a.length };
}

const pm = (x: SpreadIn, f: (v: number) => string) => `${f(x.mean)} ± ${f(x.sd)}`;

/** Everything the key is derived from. */
export type KeyResults = {
  profile: string;
  transformer: {
    initStats: { source: string; figure?: string; rows: InitRow[] };
    /** Short training runs from a grid of initial logit scales (results/transformer/acceptance.json). */
    acceptance: AcceptanceResults;
    /** Bug-vs-fix training; null when not run (the key then rests on the init diagnostics). */
    training: { source: string; figure?: string; runs: TrainCurve[] } | null;
  };
  kl: KlResults;
  vib: {
    diagram: ReparamResults;
    gradients: GradientResults;
    sweep: SweepResults;
    latent: LatentResults;
  };
};

// ---------------------------------------------------------------- helpers

type PartOut = Omit<PartKey, "concepts"> & {
  concepts: Array<Omit<Concept, "required"> & { required?: boolean }>;
};

/** The part of `set` that `derivation` answers, checked to be of the answer type it needs. */
function partFor<T extends AnswerType>(set: ProblemSet, derivation: string, type: T): PartOf<T> {
  return ofType(partDerivedBy(set, derivation), type);
}

function ofType<T extends AnswerType>(p: Part, type: T): PartOf<T> {
  if (p.answerType !== type)
    throw new Error(
      `part ${p.id} is a ${p.answerType}, expected ${type} (derivation ${p.derivation})`,
    );
  return p as PartOf<T>;
}

/**
 * A choice, grid or assignment is graded on what was chosen; its concepts count against the
 * answer only when the question asks why. Free explanations are graded by their concepts.
 */
function requireConceptsOnlyWhenAsked(part: PartOut, set: ProblemSet): PartOut {
  const question = set.parts.find((p) => p.id === part.id);
  if (!question || question.answerType === "free-explanation" || question.asksWhy) return part;
  return { ...part, concepts: part.concepts.map((c) => ({ ...c, required: false })) };
}

// ---------------------------------------------------------------- Problem 1

/**
 * 1: the bug is σ = 1 for the tied embedding/head. Measured: the initial logit std under the bug
 * against √d_model, the initial loss against ln V, and the bug-vs-fix training curves. A fix is
 * accepted when its initial logit scale lies in the band of scales from which short training
 * runs reached the fix's loss within a tolerance (`AcceptanceResults`), the band carried to the
 * problem's d_model by the fix's measured logit std there.
 */
export function deriveProblem1(r: KeyResults["transformer"], set: ProblemSet = homework): PartOut {
  return tiedHeadInit(r, partFor(set, "tied-head-init", "code-fix"), set);
}

function tiedHeadInit(
  r: KeyResults["transformer"],
  part: PartOf<"code-fix">,
  set: ProblemSet,
): PartOut {
  const d = sizeOf(part, "dModel");
  const V = sizeOf(part, "vocabSize");
  const rows = r.initStats.rows;
  const at = (scheme: string) => {
    const rs = rows.filter((x) => x.scheme === scheme);
    if (!rs.length)
      throw new Error(`${r.initStats.source}: no init-stats rows for scheme "${scheme}"`);
    return rs.reduce((a, b) =>
      Math.abs(Math.log(b.dModel / d)) < Math.abs(Math.log(a.dModel / d)) ? b : a,
    );
  };
  const bug = at("bug");
  const fix = at("fix");
  // Rows measured at another width are carried to d_model by the √d law they are checked against.
  const toD = (row: InitRow) => row.logitStd * Math.sqrt(d / row.dModel);
  const bugStd = toD(bug);
  const fixStd = toD(fix);
  const sqrtD = Math.sqrt(d);
  const bugRows = rows.filter((x) => x.scheme === "bug").sort((a, b) => a.dModel - b.dModel);
  const exponent = logLogSlope(bugRows.map((x) => [x.dModel, x.logitStd]));
  const acc = r.acceptance;
  // The band is measured in units of the fix's logit scale; the grader measures logit stds at d.
  const minLogitStd = acc.band.minLogitScale * fixStd;
  const maxLogitStd = acc.band.maxLogitScale * fixStd;
  const src = r.initStats.source;
  const evidence: Evidence[] = [
    {
      label: `initial logit std under the bug (σ_emb = ${measured(bug.embeddingStd)}, d_model = ${bug.dModel})`,
      value: bug.logitStd,
      source: src,
    },
    { label: `√d_model at d_model = ${bug.dModel}`, value: Math.sqrt(bug.dModel), source: src },
    {
      label: `initial logit std with the fix (σ_emb = ${measured(fix.embeddingStd)}, d_model = ${fix.dModel})`,
      value: fix.logitStd,
      source: src,
    },
    { label: "initial loss under the bug", value: bug.initialLoss, unit: "nats", source: src },
    { label: "ln V (loss of a uniform prediction)", value: bug.lnVocab, unit: "nats", source: src },
    { label: "initial loss with the fix", value: fix.initialLoss, unit: "nats", source: src },
    {
      label: "mean top-token probability at init under the bug",
      value: bug.argmaxMass,
      source: src,
    },
    {
      label: "mean top-token probability at init with the fix",
      value: fix.argmaxMass,
      source: src,
    },
  ];
  if (Number.isFinite(exponent)) {
    evidence.push({
      label: "growth exponent of the bug's logit std in d_model (0.5 = √d)",
      value: exponent,
      source: src,
    });
  }
  if (r.initStats.figure)
    evidence.push({
      label: "initial logit std against d_model",
      figure: r.initStats.figure,
      source: src,
    });
  for (const row of acc.rows)
    evidence.push({
      label: `validation loss after ${acc.config.steps} steps from initial logit scale ${row.logitScale} (σ = ${measured(row.embeddingStd)} at d_model = ${acc.dModel}; first loss ${measured(row.firstLoss)})${row.accepted ? ", accepted" : ""}`,
      value: row.valLoss,
      unit: "nats",
      source: acc.source,
    });
  evidence.push({
    label: `accepted initial logit std at d_model = ${d} (the accepted band × the fix's logit std ${measured(fixStd)})`,
    value: `[${measured(minLogitStd)}, ${measured(maxLogitStd)}]`,
    source: acc.source,
  });

  const checks: string[] = [];
  const ratio = bug.logitStd / Math.sqrt(bug.dModel);
  if (Math.abs(Math.log(ratio)) > Math.log(1.5)) {
    checks.push(
      `the bug's logit std ${measured(bug.logitStd)} is not within a factor 1.5 of √d_model = ${measured(Math.sqrt(bug.dModel))}`,
    );
  }
  if (!(bug.initialLoss > bug.lnVocab + 1)) {
    checks.push(
      `the bug's initial loss ${measured(bug.initialLoss)} is not above ln V = ${measured(bug.lnVocab)}`,
    );
  }
  if (!(bugStd > 4 * fixStd))
    checks.push(
      `the bug's logit std is not far above the fix's (${measured(bugStd)} vs ${measured(fixStd)})`,
    );

  let training =
    "The bug-vs-fix training runs have not been run for this profile, so this key rests on the initialization diagnostics alone.";
  if (r.training) {
    const run = (s: string) => r.training!.runs.find((x) => x.scheme === s);
    const b = run("bug");
    const fx = run("fix");
    if (!b || !fx)
      throw new Error(
        `${r.training.source}: needs a "bug" and a "fix" run, found ${r.training.runs.map((x) => x.scheme).join(", ") || "none"}`,
      );
    const bsrc = b.source ?? r.training.source;
    const fsrc = fx.source ?? r.training.source;
    const steps = b.steps ?? b.train?.[b.train.length - 1]?.step;
    const lnV = b.config?.vocabSize ? Math.log(b.config.vocabSize) : undefined;
    evidence.push(
      {
        label: `final training loss under the bug${steps ? ` (${steps} steps)` : ""}`,
        value: b.final.trainLoss,
        unit: "nats",
        source: bsrc,
      },
      {
        label: "final training loss with the fix",
        value: fx.final.trainLoss,
        unit: "nats",
        source: fsrc,
      },
      {
        label: "final validation loss under the bug",
        value: b.final.valLoss,
        unit: "nats",
        source: bsrc,
      },
      {
        label: "final validation loss with the fix",
        value: fx.final.valLoss,
        unit: "nats",
        source: fsrc,
      },
    );
    if (r.training.figure)
      evidence.push({
        label: `training loss, bug vs fix (${figureLabel(set, FIGURES.figure1)})`,
        figure: r.training.figure,
        source: r.training.source,
      });
    const gapIv =
      b.finalValidationExamples && fx.finalValidationExamples
        ? validationGap(b.finalValidationExamples, fx.finalValidationExamples)
        : null;
    if (gapIv)
      evidence.push({
        label: `validation loss, bug minus fix, over ${b.finalValidationExamples!.lossSum.length} validation examples (paired bootstrap, 95 % interval [${measured(gapIv.low)}, ${measured(gapIv.high)}])`,
        value: gapIv.mean,
        unit: "nats per token",
        source: bsrc,
      });
    const gap = b.final.valLoss - fx.final.valLoss;
    if (gapIv ? !(gapIv.low > 0) : !(gap > 0.05)) {
      checks.push(
        `after training the bug's validation loss (${measured(b.final.valLoss)}) is not above the fix's (${measured(fx.final.valLoss)})`,
      );
    }
    training =
      `Trained with the same budget${b.config?.dModel ? ` (d_model = ${b.config.dModel}${lnV ? `, ln V = ${measured(lnV)}` : ""})` : ""}, ` +
      `the bug ends at training loss ${measured(b.final.trainLoss)} / validation ${measured(b.final.valLoss)} nats, the fix at ` +
      `${measured(fx.final.trainLoss)} / ${measured(fx.final.valLoss)}${quoted(part, set)}.` +
      (gapIv
        ? ` On the same ${b.finalValidationExamples!.lossSum.length} validation examples the bug's loss is higher by ${measured(gapIv.mean)} nats per token (paired bootstrap over the examples, 95 % interval [${measured(gapIv.low)}, ${measured(gapIv.high)}]); one training seed each, so the interval covers the choice of examples, not of the seed.`
        : "");
  }
  const status = checks.length ? "contradicted-by-evidence" : "supported";
  const line = targetLine(part);
  const explanation = [
    `Bug: line ${line} draws ${part.target} from N(0, 1)${part.equivalentTargets.map((t) => `, and ${t} is tied to it`).join("")}.`,
    `After the final LayerNorm the decoder output h has unit variance per coordinate, so ‖h‖ ≈ √d_model, and each logit h·e_w is a sum of d_model products of unit-variance terms: its standard deviation is σ_emb·√d_model. ` +
      `Measured at d_model = ${bug.dModel}: ${measured(bug.logitStd)} under the bug, against √d_model = ${measured(Math.sqrt(bug.dModel))}` +
      (Number.isFinite(exponent)
        ? `; over widths ${bugRows.map((x) => x.dModel).join(", ")} it grows as d_model^${measured(exponent)}.`
        : "."),
    `Logits that spread over ±${measured(2 * bug.logitStd)} make the softmax nearly one-hot (mean top-token probability ${measured(bug.argmaxMass)}), so a fresh model is confidently wrong: its initial loss is ${measured(bug.initialLoss)} nats where a uniform prediction costs ln V = ${measured(bug.lnVocab)}. ` +
      "Gradients through a saturated softmax are tiny or huge, and the tied matrix must shrink by √d_model before learning can start, which is why the loss stalls far above the friend's.",
    `Fix (line ${line}): ${part.target} ~ N(0, 1/d_model), i.e. std = d_model ** -0.5 (${measured(1 / sqrtD)} at d_model = ${d}). ` +
      `Then the logit std is about 1 (measured ${measured(fix.logitStd)} at d_model = ${fix.dModel}) and the initial loss drops from ${measured(bug.initialLoss)} to ${measured(fix.initialLoss)} nats` +
      (fix.initialLoss <= fix.lnVocab + 1
        ? `, near ln V = ${measured(fix.lnVocab)}. `
        : `. It stays above ln V = ${measured(fix.lnVocab)} because of one outlying logit, not the spread: with a tied head the decoder output still carries the LayerNorm-scaled embedding of the token just fed in, so that token's logit is large` +
          (fix.copyMass !== undefined
            ? ` (mean probability of copying the input token ${measured(fix.copyMass)}, top-token probability ${measured(fix.argmaxMass)})`
            : ` (top-token probability ${measured(fix.argmaxMass)})`) +
          "; the other logits are of unit scale. ") +
      "Shrinking the embeddings does not hurt the input side: the LayerNorm after the summed embeddings rescales them.",
    acceptanceText(acc, d, fixStd, minLogitStd, maxLogitStd),
    training,
    ...(checks.length
      ? [`The experiments contradict part of the expected picture: ${checks.join("; ")}.`]
      : []),
  ].join("\n\n");
  return {
    id: part.id,
    answer: {
      type: "code-fix",
      criterion: {
        kind: "logit-scale",
        maxLogitStd,
        minLogitStd,
        dModel: d,
        vocabSize: V,
        seed: 0,
      },
    },
    status,
    evidence,
    explanation,
    concepts: part.concepts,
  };
}

/** ": the same gap in kind as Figure 1's 23.4 against 6.1", from the numbers the part quotes. */
function quoted(part: Part, set: ProblemSet): string {
  const { stalledLoss, correctLoss } = part.quotes;
  return stalledLoss !== undefined && correctLoss !== undefined
    ? `: the same gap in kind as ${figureLabel(set, FIGURES.figure1)}'s ${stalledLoss} against ${correctLoss}`
    : "";
}

/** The acceptance rule in words, with the runs it rests on. */
function acceptanceText(
  acc: AcceptanceResults,
  d: number,
  fixStd: number,
  minLogitStd: number,
  maxLogitStd: number,
): string {
  const runs = acc.rows
    .map(
      (x) =>
        `scale ${x.logitScale}: ${measured(x.firstLoss)} → ${measured(x.valLoss)}${x.accepted ? "" : " (rejected)"}`,
    )
    .join("; ");
  return (
    `What the fix is for is a model that trains, so the acceptance rule is measured by training: from each initial logit scale s (σ = s/√d_model, s = 1 is the fix), the quick model (d_model = ${acc.dModel}) trained ${acc.config.steps} steps on the real data, and a scale is accepted when its validation loss is within ${acc.config.toleranceNats} nats of the fix's (${measured(acc.fixValLoss)}). ` +
    `First loss → validation loss: ${runs}. ` +
    `The accepted scales around the fix run from ${acc.band.minLogitScale} to ${acc.band.maxLogitScale}; carried to d_model = ${d} by the fix's measured logit std there (${measured(fixStd)}), a proposed fix is accepted when its measured initial logit std lies in [${measured(minLogitStd)}, ${measured(maxLogitStd)}]. ` +
    "Scales between two measured grid points are judged by the grid points only, and the rule assumes the short-run outcome depends on the initialisation through its logit scale."
  );
}

/** Least-squares slope of log y on log x over [x, y] pairs (NaN with fewer than two widths). */
function logLogSlope(pts: number[][]): number {
  const xs = pts.map((p) => Math.log(p[0]));
  const ys = pts.map((p) => Math.log(p[1]));
  const n = xs.length;
  if (n < 2 || new Set(xs).size < 2) return Number.NaN;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) ** 2;
  }
  return sxy / sxx;
}

// ---------------------------------------------------------------- Problem 2

/** 2(a): the criterion is the problem's; the evidence is an example the KL toolkit verified. */
export function deriveProblem2a(kl: KlResults, set: ProblemSet = homework): PartOut {
  return klAsymmetryExample(kl, partFor(set, "kl-asymmetry-example", "worked-example"));
}

function klAsymmetryExample(kl: KlResults, part: PartOf<"worked-example">): PartOut {
  const e = kl.example;
  const ok = e.forward.finite && !e.reverse.finite;
  const fwd = e.forward.finite
    ? `${measured(e.forward.value ?? Number.NaN)} nats`
    : `∞ (${e.forward.reason ?? "infinite"})`;
  const rev = e.reverse.finite
    ? `${measured(e.reverse.value ?? Number.NaN)} nats`
    : `∞ (${e.reverse.reason ?? "infinite"})`;
  return {
    id: part.id,
    answer: {
      type: "worked-example",
      criterion: { kind: "kl-asymmetry", forward: "finite", reverse: "infinite" },
    },
    status: ok ? "supported" : "contradicted-by-evidence",
    evidence: [
      { label: "example P", value: e.p, source: e.source },
      { label: "example Q", value: e.q, source: e.source },
      {
        label: "D_KL(P||Q)",
        value: e.forward.finite ? (e.forward.value ?? "finite") : "infinite",
        unit: "nats",
        source: e.source,
      },
      {
        label: "D_KL(Q||P)",
        value: e.reverse.finite ? (e.reverse.value ?? "finite") : "infinite",
        unit: "nats",
        source: e.source,
      },
    ],
    explanation:
      `D_KL(P||Q) = E_P[log P/Q] is infinite as soon as Q = 0 (or Q's tail vanishes much faster) where P has mass, because log P/Q is then infinite on a set of positive P-probability. ` +
      "So take P with support inside Q's and Q with mass where P has none. " +
      (e.explanation ??
        `Example, computed with the KL toolkit: P = ${e.p}, Q = ${e.q}: D_KL(P||Q) = ${fwd}, D_KL(Q||P) = ${rev}.`) +
      (ok
        ? ""
        : " The toolkit does NOT confirm this example's asymmetry; the key's example needs replacing."),
    concepts: part.concepts,
  };
}

/**
 * 2(b): which plot is which, from the fits. Each plot is described by width and modes covered;
 * each fitted Gaussian is measured the same way (σ, and the target modes within μ ± 2σ), and
 * each plot gets the direction whose fit matches its description.
 */
export function deriveProblem2b(kl: KlResults, set: ProblemSet = homework): PartOut {
  return klFitDirections(kl, partFor(set, "kl-fit-directions", "assignment"));
}

function klFitDirections(kl: KlResults, part: PartOf<"assignment">): PartOut {
  const f = kl.fits;
  const dirs = (["forward", "reverse"] as const).filter((d) => f[d]);
  if (dirs.length < 2) throw new Error(`${f.source}: needs a finite forward and reverse fit`);
  const covered = (m: FitMinimum) =>
    f.modes.filter((mode) => Math.abs(mode.mu - m.mu) <= 2 * m.sigma).length;
  const fits = dirs.map((d) => ({ dir: d, fit: f[d]!, modes: covered(f[d]!) }));
  const broadest = [...fits].sort((a, b) => b.fit.sigma - a.fit.sigma)[0];
  // Score each (plot, direction) pair: a described "broad/narrow" and "modesCovered" must hold.
  const score = (item: Option, m: (typeof fits)[number]) => {
    let s = 0;
    const w = String(item.properties.width ?? "");
    if (w === "broad") s += m === broadest ? 1 : -1;
    if (w === "narrow") s += m !== broadest ? 1 : -1;
    const mc = item.properties.modesCovered;
    if (typeof mc === "number") s += mc === m.modes ? 1 : -1;
    return s;
  };
  const [i0, i1] = part.items;
  const straight = score(i0, fits[0]) + score(i1, fits[1]);
  const swapped = score(i0, fits[1]) + score(i1, fits[0]);
  const pick = straight >= swapped ? [fits[0], fits[1]] : [fits[1], fits[0]];
  const assignment: Record<string, string> = { [i0.label]: pick[0].dir, [i1.label]: pick[1].dir };
  const best = Math.max(straight, swapped);
  const fw = fits.find((m) => m.dir === "forward")!;
  const rv = fits.find((m) => m.dir === "reverse")!;
  // The expected property: forward is mass-covering (broader, more modes), reverse mode-seeking.
  const expected = fw.fit.sigma > rv.fit.sigma && fw.modes > rv.modes;
  const ok = expected && best === 4;
  const desc = (m: (typeof fits)[number]) =>
    `N(${measured(m.fit.mu)}, ${measured(m.fit.sigma)}²), covering ${m.modes} of ${f.modes.length} modes, KL ${measured(m.fit.klNats)} nats`;
  return {
    id: part.id,
    answer: { type: "assignment", assignment },
    status: ok ? "supported" : "contradicted-by-evidence",
    evidence: [
      { label: "target P", value: f.target, source: f.source },
      { label: "forward-KL fit μ", value: fw.fit.mu, source: f.source },
      { label: "forward-KL fit σ", value: fw.fit.sigma, source: f.source },
      { label: "reverse-KL fit μ", value: rv.fit.mu, source: f.source },
      { label: "reverse-KL fit σ", value: rv.fit.sigma, source: f.source },
      ...(f.crossCosts
        ? [
            {
              label: "forward KL of the narrow (reverse) fit",
              value: f.crossCosts.forwardKlOfReverseFit ?? "infinite",
              unit: "nats",
              source: f.source,
            },
            {
              label: "reverse KL of the broad (forward) fit",
              value: f.crossCosts.reverseKlOfForwardFit ?? "infinite",
              unit: "nats",
              source: f.source,
            },
          ]
        : []),
      ...(f.figure
        ? [{ label: "forward vs reverse fits", figure: f.figure, source: f.source }]
        : []),
    ],
    explanation:
      (f.explanation ??
        `Forward KL D_KL(P||Q) = E_P[log P − log Q] averages over P: wherever P has mass and Q is small, −log Q is huge, so Q must cover all of P's mass ("mass-covering", zero-avoiding). ` +
          `Reverse KL D_KL(Q||P) = E_Q[log Q − log P] averages over Q: Q pays wherever it puts mass where P is small, so it shrinks onto one mode ("mode-seeking", zero-forcing). ` +
          `Fitted to P = ${f.target}: forward gives ${desc(fw)}; reverse gives ${desc(rv)}. ` +
          `So ${part.items.map((it) => `plot ${it.label} (${it.description.replace(/\.$/, "").toLowerCase()}) is the ${assignment[it.label]} fit`).join(", and ")}.`) +
      (ok
        ? ""
        : " The fits do NOT show the expected broad-forward / narrow-reverse contrast on this target; the assignment follows the measured widths."),
    concepts: part.concepts,
  };
}

// ---------------------------------------------------------------- Problem 3

/** 3(a): the block diagram Z = μ + σ·V, backed by sampled moments and autodiff derivatives. */
export function deriveProblem3a(d: ReparamResults, set: ProblemSet = homework): PartOut {
  return reparameterization(d, partFor(set, "reparameterization", "free-explanation"));
}

function reparameterization(d: ReparamResults, part: PartOf<"free-explanation">): PartOut {
  const worstZ = Math.max(...d.cases.map((c) => c.meanZScore));
  const worstStd = Math.max(...d.cases.map((c) => c.stdRelErr));
  const ok = d.pass && d.blocks.multipliers === 1 && d.blocks.adders === 1;
  const cases = d.cases
    .map(
      (c) =>
        `μ = ${c.mu}, σ = ${c.sigma}: mean ${c.sampleMean.toFixed(4)}, std ${c.sampleStd.toFixed(4)}`,
    )
    .join("; ");
  return {
    id: part.id,
    answer: { type: "free-explanation" },
    status: ok ? "supported" : "contradicted-by-evidence",
    evidence: [
      {
        label: "multipliers in the model's reparameterization graph",
        value: d.blocks.multipliers,
        source: d.source,
      },
      {
        label: "adders in the model's reparameterization graph",
        value: d.blocks.adders,
        source: d.source,
      },
      {
        label: `largest |mean − μ| in standard errors (${d.samples} samples per case)`,
        value: worstZ,
        source: d.source,
      },
      { label: "largest |std/σ − 1|", value: worstStd, source: d.source },
      {
        label: "largest |∂Z/∂μ − 1| (autodiff)",
        value: d.maxDerivativeError.dZdMu,
        source: d.source,
      },
      {
        label: "largest |∂Z/∂σ − V| (autodiff)",
        value: d.maxDerivativeError.dZdSigma,
        source: d.source,
      },
      ...(d.figure
        ? [
            {
              label: "block diagram drawn from the model graph",
              figure: d.figure,
              source: d.source,
            },
          ]
        : []),
    ],
    explanation:
      "Multiply the noise by the standard deviation (multiplier: σ(x)·V), then add the mean (adder: μ(x) + σ(x)·V) to get Z. " +
      "Since V ~ N(0, 1) is independent of x, Z = μ + σV ~ N(μ, σ²), and the path from μ and σ to Z is deterministic: ∂Z/∂μ = 1 and ∂Z/∂σ = V, so gradients reach the encoder (the reparameterization trick). " +
      `Measured: ${cases}; autodiff ∂Z/∂μ − 1 at most ${d.maxDerivativeError.dZdMu.toExponential(1)}, ∂Z/∂σ − V at most ${d.maxDerivativeError.dZdSigma.toExponential(1)}.` +
      (ok
        ? ""
        : " The measured check FAILED: the samples or derivatives do not match the diagram."),
    concepts: part.concepts,
  };
}

const EXPECTED_GRID = {
  task: { encoder: true, decoder: true },
  klTerm: { encoder: true, decoder: false },
};

/** 3(b): each box ticked iff the measured gradient norm exceeds the stated threshold on every batch. */
export function deriveProblem3b(g: GradientResults, set: ProblemSet = homework): PartOut {
  return gradientGrid(g, partFor(set, "gradient-grid", "checkbox-grid"));
}

/** The measured loss term a grid row names (its `term` property), and the parameters a column names. */
const TERM = { task: "task", regularizer: "klTerm" } as const;
const PARAMETERS = { encoder: "encoder", decoder: "decoder" } as const;

function gradientGrid(g: GradientResults, part: PartOf<"checkbox-grid">): PartOut {
  if (!g.grids.length) throw new Error(`${g.source}: no gradient grids`);
  const lookup = <K extends string, V>(table: Record<K, V>, o: Option, property: string): V => {
    const v = table[o.properties[property] as K];
    if (v === undefined)
      throw new Error(
        `${part.id} ${o.label}: its ${property} property must be one of ${Object.keys(table).join(", ")}`,
      );
    return v;
  };
  const rowKey = (o: Option) => lookup(TERM, o, "term");
  const colKey = (o: Option) => lookup(PARAMETERS, o, "parameters");
  const cells: Record<string, Record<string, boolean>> = {};
  const evidence: Evidence[] = [];
  let consistent = true;
  let matchesTheory = true;
  for (const row of part.rows) {
    cells[row.label] = {};
    for (const col of part.columns) {
      const r = rowKey(row);
      const c = colKey(col);
      const ticks = g.grids.map((x) => x.grid[r][c].norm > x.grid.threshold);
      cells[row.label][col.label] = ticks.every(Boolean);
      if (new Set(ticks).size > 1) consistent = false;
      if (cells[row.label][col.label] !== EXPECTED_GRID[r][c]) matchesTheory = false;
      for (const x of g.grids) {
        evidence.push({
          label: `‖∂(${row.label})/∂${col.label}‖ at ${x.when}`,
          value: x.grid[r][c].norm,
          source: g.source,
        });
      }
    }
  }
  const t = g.grids[0].grid;
  const norm = (r: "task" | "klTerm", c: "encoder" | "decoder") => t[r][c].norm.toExponential(2);
  return {
    id: part.id,
    answer: { type: "checkbox-grid", cells },
    status: consistent && matchesTheory ? "supported" : "contradicted-by-evidence",
    evidence,
    explanation:
      "The task loss −log q_θd(y|z) depends on θd directly and on θe through z = μ(x) + σ(x)·V, so it sends gradient to both. " +
      "The regulariser β·D_KL(N(μ(x), σ(x)²) || N(0, I)) is a function of μ and σ only, i.e. of θe; θd does not appear in it, so its gradient to θd is exactly zero. " +
      `Measured by autodiff on a batch of ${t.batchSize} MNIST digits (β = ${t.beta}, ${g.grids.length} initializations; a box is ticked when the gradient norm exceeds ${t.threshold}): ` +
      `task→θe ${norm("task", "encoder")}, task→θd ${norm("task", "decoder")}, regulariser→θe ${norm("klTerm", "encoder")}, regulariser→θd ${norm("klTerm", "decoder")}.` +
      (consistent ? "" : " The initializations disagree on some box.") +
      (matchesTheory
        ? ""
        : " The measured grid differs from the one the loss's structure predicts."),
    concepts: part.concepts,
  };
}

/** The two trends the 3(c) rule can decide between, as an option's `trend` property names them. */
type CurveShape = "u-shaped" | "increasing";

const iv = (x: IntervalIn) => `${points(x.mean)} [${points(x.low)}, ${points(x.high)}] points`;

/**
 * 3(c): read from the designed comparison's decision (paired seeds, a bootstrap over validation
 * digits, Bonferroni-corrected; the rule is in src/experiments/vib/analysis.ts). Supported: the
 * expected curve (b) with status supported. Unresolved: (b) stays the best description (its "low
 * and flat" admits no dip) but the status says the dip was not resolved. Contradicted: the
 * option whose shape the evidence shows (a steady rise when every moderate β is worse than the
 * tiny β), else (b) marked contradicted.
 */
export function deriveProblem3c(s: SweepResults, set: ProblemSet = homework): PartOut {
  return betaSweep(s, partFor(set, "beta-sweep", "single-choice"), set);
}

function betaSweep(s: SweepResults, part: PartOf<"single-choice">, set: ProblemSet): PartOut {
  const byShape = (shape: CurveShape) => part.options.find((o) => o.properties.trend === shape);
  const textbook = byShape("u-shaped");
  if (!textbook)
    throw new Error(
      `no option of ${part.id} describes a curve lowest at a moderate β (trend u-shaped)`,
    );
  const d = s.decision;
  const ref = s.design.reference;
  const beats = (b: number) =>
    d.contrasts.find((c) => c.minus === b && c.test === "moderate-beats-reference")?.interval;
  const allWorse = s.design.moderate.every((b) => (beats(b)?.high ?? 0) < 0);
  const rising = d.status === "contradicted" && allWorse ? byShape("increasing") : undefined;
  const chosen = rising ?? textbook;
  const status = keyStatusOf(d.status);
  const used = s.runs.filter((r) => r.seed < d.seeds);
  const refTrain = used.filter((r) => r.beta === ref).map((r) => r.trainError);
  const maxRefTrain = Math.max(...refTrain);
  const armOf = (b: number) => d.arms.find((a) => a.beta === b)!;
  const level = percent(d.confidence);
  const setup =
    `Designed experiment: ${s.base.trainSubset ?? "all"} training digits, encoder ${[784, ...s.base.model.hidden].join("-")}, K = ${s.base.model.zDim}, ${s.base.epochs} epochs, β ∈ {${s.design.betas.map(formatBeta).join(", ")}}, ` +
    `${d.seeds} seeds paired across β (same initialisation, batch order and noise per seed), evaluated on ${s.base.validationSize} validation digits with ${s.base.model.evalSamples} samples averaged` +
    `${s.base.finalDraws ? ` over ${s.base.finalDraws} noise draws` : ""}. ` +
    `At β = ${formatBeta(ref)} the model overfits: training error at most ${percent(maxRefTrain)} while its validation error is ${percent(armOf(ref).error.mean)}. ` +
    `Rule, fixed before the runs: a paired bootstrap over validation digits, resampled jointly across β, with ${level} intervals (family-wise ${s.design.alpha}, Bonferroni over every contrast and every look; seeds added one at a time, ${d.looks} looks at most).`;
  const curve = d.arms
    .map(
      (a) =>
        `β = ${formatBeta(a.beta)}: ${percent(a.error.mean)} [${percent(a.error.low)}, ${percent(a.error.high)}]`,
    )
    .join("; ");
  const diffs = s.design.moderate
    .map((b) => `β = ${formatBeta(ref)} minus β = ${formatBeta(b)}: ${iv(beats(b)!)}`)
    .join("; ");
  const verdict =
    d.status === "supported"
      ? `The dip at a moderate β is resolved: ${d.reason}. That is curve (${textbook.label}): "${textbook.description}".`
      : d.status === "unresolved"
        ? `No dip at a moderate β is resolved (${d.reason}); option (${textbook.label}) remains the closest description — its "low and flat" at small β admits no dip — and the key marks this part unresolved rather than claim the dip.`
        : `The evidence contradicts the expected curve (${textbook.label}): ${d.reason}.` +
          (rising
            ? ` The measured error rises from the smallest β: option (${rising.label}).`
            : "");
  return {
    id: part.id,
    answer: { type: "single-choice", option: chosen.label },
    status,
    evidence: [
      ...d.arms.map((a) => ({
        label: `validation error at β = ${formatBeta(a.beta)} (mean of ${d.seeds} seeds; ${level} interval [${percent(a.error.low)}, ${percent(a.error.high)}])`,
        value: a.error.mean,
        source: s.source,
      })),
      ...s.design.moderate.map((b) => ({
        label: `validation error at β = ${formatBeta(ref)} minus at β = ${formatBeta(b)} (paired; ${level} interval [${percent(beats(b)!.low)}, ${percent(beats(b)!.high)}])`,
        value: beats(b)!.mean,
        source: s.source,
      })),
      {
        label: `largest training error at β = ${formatBeta(ref)} over the seeds (overfitting)`,
        value: maxRefTrain,
        source: s.source,
      },
      {
        label: "decision of the pre-registered rule",
        value: `${d.status}: ${d.reason}`,
        source: s.source,
      },
      ...(s.figure
        ? [
            {
              label: `validation error against β with intervals (${figureLabel(set, FIGURES.sweep)})`,
              figure: s.figure,
              source: s.source,
            },
          ]
        : []),
    ],
    explanation: [
      "β trades the task loss against the information the latent keeps about the input. For tiny β the regulariser is negligible and the model behaves like a deterministic network, free to memorise its training set; " +
        "a moderate β compresses away input detail that does not help predict the label, which regularises and lowers validation error; " +
        "once β is large the KL term dominates, the encoder's posterior collapses toward the prior N(0, I), Z carries too little about Y, and the error shoots up.",
      setup,
      `Measured validation error (mean over seeds and draws, ${level} interval): ${curve}. Paired differences: ${diffs}.`,
      verdict,
    ].join("\n\n"),
    concepts: part.concepts,
  };
}

/**
 * 3(d)-i: assigns the three runs to the three panels by the permutation whose measured axis
 * half-widths are closest, in log scale, to the described ones.
 */
export function deriveProblem3di(l: LatentResults, set: ProblemSet = homework): PartOut {
  return latentScales(l, partFor(set, "latent-scales", "assignment"), set);
}

function latentScales(l: LatentResults, part: PartOf<"assignment">, set: ProblemSet): PartOut {
  const panels = part.items.map((it) => {
    const r = it.properties.axisRange;
    if (!Array.isArray(r) || r.length < 2)
      throw new Error(`${part.id} panel ${it.label} has no axisRange property`);
    return { item: it, half: Math.max(...r.map(Math.abs)) };
  });
  if (l.runs.length !== panels.length)
    throw new Error(`${l.source}: ${l.runs.length} latent runs for ${panels.length} panels`);
  const valueLabel = (beta: number) => {
    const v = part.values.find(
      (x) => x.value !== undefined && Math.abs(Math.log10(x.value) - Math.log10(beta)) < 1e-6,
    );
    if (!v)
      throw new Error(
        `${l.source}: β = ${beta} is not one of the panels' values (${part.values.map((x) => x.label).join(", ")})`,
      );
    return v.label;
  };
  let best: { perm: number[]; cost: number } = { perm: [], cost: Number.POSITIVE_INFINITY };
  for (const perm of permutations(panels.length)) {
    const cost = perm.reduce(
      (s, ri, pi) =>
        s + Math.log(Math.max(l.runs[ri].stats.halfWidth, 1e-12) / panels[pi].half) ** 2,
      0,
    );
    if (cost < best.cost) best = { perm, cost };
  }
  const assignment: Record<string, string> = {};
  const evidence: Evidence[] = [];
  best.perm.forEach((ri, pi) => {
    const run = l.runs[ri];
    assignment[panels[pi].item.label] = valueLabel(run.beta);
    const e = run.stats.extent;
    evidence.push({
      label: `β = ${formatBeta(run.beta)}: latent extent x [${measured(e.x[0])}, ${measured(e.x[1])}], y [${measured(e.y[0])}, ${measured(e.y[1])}] → panel ${panels[pi].item.label} (described ±${panels[pi].half})`,
      value: run.stats.halfWidth,
      source: l.source,
    });
  });
  if (l.figure)
    evidence.push({
      label: `latent means per β (${figureLabel(set, FIGURES.latent)})`,
      figure: l.figure,
      source: l.source,
    });
  const rms = Math.sqrt(best.cost / panels.length);
  evidence.push({ label: "rms log-ratio of measured to described half-widths", value: rms });
  const byBeta = [...l.runs].sort((a, b) => a.beta - b.beta);
  const shrinks = byBeta.every(
    (r, i) => i === 0 || r.stats.halfWidth < byBeta[i - 1].stats.halfWidth,
  );
  const scales = byBeta
    .map((r) => `β = ${formatBeta(r.beta)}: ±${measured(r.stats.halfWidth)}`)
    .join(", ");
  const agreement = seedAgreement(l, (x) => JSON.stringify(x.panelToBeta));
  const overSeeds = byBeta.every((r) => r.overSeeds)
    ? ` Over ${byBeta[0].overSeeds!.halfWidth.n} training seeds the half-widths are ${byBeta
        .map((r) => `β = ${formatBeta(r.beta)}: ${pm(r.overSeeds!.halfWidth, measured)}`)
        .join(", ")} (mean ± sd)` +
      (agreement
        ? `, and ${agreement.agree} of ${agreement.seeds} seeds order the scales, hence the panels, the same way.`
        : ".")
    : "";
  if (agreement)
    evidence.push({
      label: "training seeds giving the same panel assignment as seed 0",
      value: `${agreement.agree} of ${agreement.seeds}`,
      source: l.source,
    });
  const seedsAgree = !agreement || agreement.agree === agreement.seeds;
  // The problem's β values, smallest first.
  const betas = part.values
    .flatMap((v) => (v.value === undefined ? [] : [v.value]))
    .sort((a, b) => a - b);
  return {
    id: part.id,
    answer: { type: "assignment", assignment },
    status: !shrinks ? "contradicted-by-evidence" : seedsAgree ? "supported" : "unresolved",
    evidence,
    explanation:
      "The regulariser β·D_KL(N(μ, σ²) || N(0, I)) pulls every posterior toward the prior, and its pull on the means is β·μ²/2: the larger β, the more the latent means are squeezed toward the origin. " +
      `With β = ${formatBeta(betas[0])} nothing constrains the scale, so the means spread far (the widest axes); with β = ${formatBeta(betas[betas.length - 1])} the KL term dominates and the means collapse onto the origin, overlapping; β = ${betas.slice(1, -1).map(formatBeta).join(", ")} sits in between. ` +
      `Measured axis scales (largest |coordinate| of held-out latent means): ${scales}. Matching them to the described panel ranges gives ${Object.entries(
        assignment,
      )
        .map(([p, b]) => `panel (${p}) → β = ${b}`)
        .join(", ")}.` +
      (rms > Math.log(2)
        ? ` The absolute scales differ from the figure's (measured/described ≈ ×${measured(Math.exp(best.perm.reduce((a, ri, pi) => a + Math.log(Math.max(l.runs[ri].stats.halfWidth, 1e-12) / panels[pi].half), 0) / panels.length))} on average, rms log-ratio ${measured(rms)}): these runs are not the figure's, so only the ordering of the scales is matched, not their values.`
        : "") +
      overSeeds +
      (shrinks
        ? ""
        : " The measured scales do NOT shrink monotonically with β on this profile, contrary to the expected property; the assignment follows the closest scales.") +
      (shrinks && !seedsAgree
        ? " The seeds do not agree on the order, so the assignment is unresolved on this profile."
        : ""),
    concepts: part.concepts,
  };
}

/**
 * 3(d)-ii: the β whose latent space predicts best, decided by the rule over seeds and validation
 * digits (src/experiments/vib/analysis.ts `decideLatent`) and read against the panel the problem
 * describes as well separated, as 3(d)-i assigned it. The answer graded is that panel's β in every
 * status (as 3(c) keeps (b) when unresolved); the status and explanation say whether the
 * measurements support it, leave it open, or name another β as measured best.
 */
export function deriveProblem3dii(
  l: LatentResults,
  assignment: Record<string, string>,
  set: ProblemSet = homework,
): PartOut {
  const part = partFor(set, "latent-best", "single-choice");
  return latentBest(l, part, viaPart(set, part), assignment, set);
}

/** The assignment part whose panels name this part's options (`optionsVia`). */
function viaPart(set: ProblemSet, part: PartOf<"single-choice">): PartOf<"assignment"> {
  const via = set.parts.find((x) => x.id === part.optionsVia);
  if (!via) throw new Error(`part ${part.id} names its options through no part (optionsVia)`);
  return ofType(via, "assignment");
}

function latentBest(
  l: LatentResults,
  part: PartOf<"single-choice">,
  di: PartOf<"assignment">,
  assignment: Record<string, string>,
  set: ProblemSet,
): PartOut {
  const d = l.decision;
  const optionOf = (beta: number) => {
    const o = part.options.find(
      (x) => x.value !== undefined && Math.abs(Math.log10(x.value) - Math.log10(beta)) < 1e-6,
    );
    if (!o) throw new Error(`${l.source}: β = ${beta} is not an option of ${part.id}`);
    return o;
  };
  // Expected: the panel the problem describes as well separated, with the β 3(d)-i gave it.
  const sepPanel = di.items.find((it) => it.properties.clusters === "well separated");
  if (!sepPanel) throw new Error(`no panel of ${di.id} is described as well separated`);
  const expected = part.options.find((o) => o.label === assignment[sepPanel.label]);
  if (expected?.value === undefined)
    throw new Error(`${part.id}: panel ${sepPanel.label}'s β is not one of its options`);
  const claim = latentClaim(d, expected.value);
  // The graded answer stays the well-separated panel's β whatever the status: the status and the
  // explanation carry what the measurements say, and the measured best is named beside it.
  const chosen = optionOf(expected.value);
  const measuredBest = optionOf(d.best ?? d.leader);
  const level = percent(d.confidence);
  const sorted = [...d.arms].sort((a, b) => a.beta - b.beta);
  const ivNats = (x: IntervalIn) => `${fixed(x.mean, 4)} [${fixed(x.low, 4)}, ${fixed(x.high, 4)}]`;
  const ivPct = (x: IntervalIn) => `${percent(x.mean)} [${percent(x.low)}, ${percent(x.high)}]`;
  const b = l.base;
  // Whether the tiny-β model overfits: a regulariser can only show its worth where it does.
  const tiny = [...l.runs].sort((x, y) => x.beta - y.beta)[0];
  const overfits = (() => {
    if (!tiny.seeds) return "";
    const train = Math.max(...tiny.seeds.map((x) => x.trainError));
    const val = tiny.seeds.reduce((t, x) => t + x.validationError, 0) / tiny.seeds.length;
    return (
      `At β = ${formatBeta(tiny.beta)} the training error (fixed training digits, last epoch) is at most ${percent(train)} over the seeds and the validation error averages ${percent(val)}` +
      (train < val / 2 ? ": the model overfits, so a regulariser has something to fix. " : ". ")
    );
  })();
  const setup =
    `Designed experiment: the three β trained on the same ${b.trainSubset ?? "all"} training digits${b.classes ? ` of ${b.classes.join(", ")}` : ""} (encoder ${[784, ...b.model.hidden].join("-")}, K = ${b.model.zDim}, ${b.epochs} epochs), ` +
    `${d.seeds} seeds paired across β (same initialisation, batch order and noise per seed), read on the same ${b.validationSize} validation digits with ${b.model.evalSamples} samples averaged${b.finalDraws ? ` over ${b.finalDraws} noise draws` : ""}. ` +
    overfits +
    "Rule, fixed before the runs: the better latent space for prediction is the one from which the decoder predicts the label better, measured by the validation cross-entropy −log q(y|x) of the averaged prediction (nats per digit; H(Y) minus it bounds from below the information I(Z;Y) the latent keeps about the label), which reads every digit's confidence where the error counts only the few misread ones. " +
    `Every pair of β is compared by a bootstrap that resamples both the seeds and the validation digits, jointly across β, so a difference some seeds show and others reverse is not resolved; ${level} intervals (family-wise ${l.design.alpha}, Bonferroni over every pair and every look; seeds added one at a time from ${l.design.seeds.min} to at most ${l.design.seeds.max}, ${d.looks} looks). ` +
    `A β is best when its cross-entropy is resolved below each other β's; the well-separated panel's β (${expected.label}, panel (${sepPanel.label})) is supported when it is best, contradicted when another β is resolved better than it, unresolved otherwise.`;
  const measuredArms = sorted
    .map(
      (a) =>
        `β = ${formatBeta(a.beta)}: cross-entropy ${ivNats(a.crossEntropy)} nats, error ${ivPct(a.error)} (per seed: ${a.perSeed.crossEntropy.map((x) => fixed(x, 4)).join(", ")} nats)`,
    )
    .join("; ");
  const rivals = sorted.filter((a) => a.beta !== expected.value);
  const pairs = rivals
    .map((r) => {
      const c = latentContrast(d, expected.value!, r.beta);
      return `β = ${formatBeta(r.beta)} minus β = ${expected.label}: cross-entropy ${ivNats(c.crossEntropy)} nats, error ${iv(c.error)}`;
    })
    .join("; ");
  const descriptive = l.runs.every((r) => r.overSeeds)
    ? ` Descriptive, not part of the rule (mean ± sd over ${l.runs[0].overSeeds!.fisherRatio.n} seeds): ${[
        ...l.runs,
      ]
        .sort((a, b2) => a.beta - b2.beta)
        .map(
          (r) =>
            `β = ${formatBeta(r.beta)}: Fisher ratio (between- over within-class scatter of the latent means) ${pm(r.overSeeds!.fisherRatio, measured)}`,
        )
        .join("; ")}.`
    : "";
  const verdict =
    claim.status === "supported"
      ? `Supported: ${claim.reason}. The best latent space is β = ${expected.label}, panel (${sepPanel.label}): the well-separated one.`
      : claim.status === "unresolved"
        ? `Unresolved: ${claim.reason}. The key keeps the well-separated panel's β = ${expected.label} (panel (${sepPanel.label})), the answer the panels' description gives, and marks the part unresolved rather than claim the measurements decide it.`
        : `Contradicted: ${claim.reason}. In this experiment the measured best is β = ${measuredBest.label}, not the well-separated panel (${sepPanel.label}), β = ${expected.label}. The key still grades against the well-separated panel's β, the answer the panels' description gives, and marks the part contradicted by this project's evidence.`;
  const evidence: Evidence[] = [
    ...sorted.flatMap((a) => [
      {
        label: `validation cross-entropy at β = ${formatBeta(a.beta)}, nats (mean of ${d.seeds} seeds; ${level} interval [${fixed(a.crossEntropy.low, 4)}, ${fixed(a.crossEntropy.high, 4)}])`,
        value: a.crossEntropy.mean,
        source: l.source,
      },
      {
        label: `validation error at β = ${formatBeta(a.beta)} (mean of ${d.seeds} seeds; ${level} interval [${percent(a.error.low)}, ${percent(a.error.high)}])`,
        value: a.error.mean,
        source: l.source,
      },
    ]),
    ...rivals.map((r) => {
      const c = latentContrast(d, expected.value!, r.beta).crossEntropy;
      return {
        label: `validation cross-entropy at β = ${formatBeta(r.beta)} minus at β = ${expected.label}, nats (paired over seeds and digits; ${level} interval [${fixed(c.low, 4)}, ${fixed(c.high, 4)}])`,
        value: c.mean,
        source: l.source,
      };
    }),
    {
      label: "decision of the pre-registered rule",
      value: `${claim.status}: ${claim.reason}`,
      source: l.source,
    },
  ];
  return {
    id: part.id,
    answer: { type: "single-choice", option: chosen.label },
    status: keyStatusOf(claim.status),
    evidence,
    explanation: [
      "A latent space is good for prediction when the classes are separated relative to their spread, whatever the axis scale: the decoder can then read the label from a noisy sample of Z with confidence. " +
        "Too small a β leaves large within-class spread (nothing compresses away nuisance detail); too large a β collapses the classes onto the prior, where they overlap.",
      setup,
      `Measured (mean over seeds and digits, ${level} interval): ${measuredArms}. Paired differences: ${pairs}.${descriptive}${l.figure ? ` ${figureLabel(set, FIGURES.latent)} (under ${partLabel(di)}) states this decision in its title, and each β's cross-entropy and error over the seeds in its panel.` : ""}`,
      verdict,
    ].join("\n\n"),
    concepts: part.concepts,
  };
}

function permutations(n: number): number[][] {
  if (n === 0) return [[]];
  const out: number[][] = [];
  for (const p of permutations(n - 1)) {
    for (let i = 0; i <= p.length; i++) out.push([...p.slice(0, i), n - 1, ...p.slice(i)]);
  }
  return out;
}

// ---------------------------------------------------------------- the key

/** A derivation: one kind of part answered from the results (`derived`: the parts derived before it). */
type Derivation = (
  r: KeyResults,
  part: Part,
  set: ProblemSet,
  derived: Map<string, PartOut>,
) => PartOut;

/** Every derivation by the name a part of the problem set gives in its `derivation`. */
export const DERIVATIONS: Record<string, Derivation> = {
  "tied-head-init": (r, part, set) => tiedHeadInit(r.transformer, ofType(part, "code-fix"), set),
  "kl-asymmetry-example": (r, part) => klAsymmetryExample(r.kl, ofType(part, "worked-example")),
  "kl-fit-directions": (r, part) => klFitDirections(r.kl, ofType(part, "assignment")),
  reparameterization: (r, part) =>
    reparameterization(r.vib.diagram, ofType(part, "free-explanation")),
  "gradient-grid": (r, part) => gradientGrid(r.vib.gradients, ofType(part, "checkbox-grid")),
  "beta-sweep": (r, part, set) => betaSweep(r.vib.sweep, ofType(part, "single-choice"), set),
  "latent-scales": (r, part, set) => latentScales(r.vib.latent, ofType(part, "assignment"), set),
  "latent-best": (r, part, set, derived) => {
    const choice = ofType(part, "single-choice");
    const di = viaPart(set, choice);
    const answer = derived.get(di.id)?.answer;
    if (answer?.type !== "assignment")
      throw new Error(`part ${part.id} needs part ${di.id} derived before it`);
    return latentBest(r.vib.latent, choice, di, answer.assignment, set);
  },
};

/** Derives the whole key from the experiment results and validates it against the schema. */
export function deriveKey(
  r: KeyResults,
  opts: { set?: ProblemSet; generatedAt?: string } = {},
): AnswerKey {
  const set = opts.set ?? homework;
  const derived = new Map<string, PartOut>();
  for (const part of set.parts) {
    const derive = DERIVATIONS[part.derivation];
    if (!derive)
      throw new Error(
        `part ${part.id}: no derivation named ${part.derivation} (known: ${Object.keys(DERIVATIONS).join(", ")})`,
      );
    derived.set(part.id, derive(r, part, set, derived));
  }
  return parseAnswerKey({
    problemSet: set.id,
    version: 1,
    profile: r.profile,
    ...(opts.generatedAt ? { generatedAt: opts.generatedAt } : {}),
    parts: [...derived.values()].map((part) => requireConceptsOnlyWhenAsked(part, set)),
  });
}
