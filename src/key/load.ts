/**
 * Reads the result files the key is derived from, checks the fields it uses, and names the
 * command that produces any file that is missing or invalid. Figure paths are relative to the
 * results folder. Nothing here runs an experiment.
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { z } from "zod";
import type { ProfileName } from "../experiments/profiles.js";
import { SWEEP_STATUSES } from "../experiments/vib/analysis.js";
import { RESULT_KINDS, resultFiles, type VibPart } from "../results/layout.js";
import type { KeyResults, KlResults } from "./derive.js";

/** A result file is missing or does not hold what the key needs. */
export class KeyInputError extends Error {
  constructor(
    readonly file: string,
    problem: string,
    readonly command: string,
  ) {
    super(`${file}: ${problem} — run \`${command}\` to produce it`);
    this.name = "KeyInputError";
  }
}

export type KeyProfile = ProfileName;

const num = z.number().finite();
const initStatsSchema = z.object({
  rows: z
    .array(
      z.object({
        scheme: z.string(),
        dModel: num,
        embeddingStd: num,
        logitStd: num,
        initialLoss: num,
        lnVocab: num,
        argmaxMass: num,
        copyMass: num.optional(),
      }),
    )
    .min(1),
});
const acceptanceSchema = z.object({
  dModel: num,
  config: z.object({ logitScales: z.array(num).min(1), steps: num, toleranceNats: num }),
  rows: z
    .array(
      z.object({
        logitScale: num,
        embeddingStd: num,
        firstLoss: num,
        valLoss: num,
        accepted: z.boolean(),
      }),
    )
    .min(1),
  fixValLoss: num,
  band: z.object({ minLogitScale: num, maxLogitScale: num }),
});
const trainSchema = z.object({
  scheme: z.string(),
  steps: num.optional(),
  config: z.object({ dModel: num.optional(), vocabSize: num.optional() }).optional(),
  final: z.object({ trainLoss: num, valLoss: num }),
  finalValidationExamples: z
    .object({ lossSum: z.array(num).min(1), tokens: z.array(num).min(1) })
    .optional(),
});
const fitPoint = z.object({ mu: num, sigma: num, klNats: num });
const direction = z.union([
  z.object({ finite: z.literal(true), minima: z.array(fitPoint) }),
  z.object({ finite: z.literal(false), reason: z.string() }),
]);
const fitSchema = z.object({ target: z.string(), forward: direction, reverse: direction });
const diagramSchema = z.object({
  check: z.object({
    samples: num,
    blocks: z.object({ multipliers: num, adders: num }),
    cases: z
      .array(
        z.object({
          mu: num,
          sigma: num,
          sampleMean: num,
          sampleStd: num,
          meanZScore: num,
          stdRelErr: num,
        }),
      )
      .min(1),
    maxDerivativeError: z.object({ dZdMu: num, dZdSigma: num }),
    pass: z.boolean(),
  }),
});
const cell = z.object({ norm: num, sendsGradient: z.boolean() });
const gradientsSchema = z.object({
  grids: z
    .array(
      z.object({
        when: z.string(),
        grid: z.object({
          task: z.object({ encoder: cell, decoder: cell }),
          klTerm: z.object({ encoder: cell, decoder: cell }),
          threshold: num,
          beta: num,
          batchSize: num,
        }),
      }),
    )
    .min(1),
});
const intervalSchema = z.object({ mean: num, low: num, high: num });
/** What a VIB study's runs share: the training budget and the model. */
const vibBaseSchema = z.object({
  epochs: num,
  trainSubset: num.nullable(),
  validationSize: num,
  finalDraws: num.optional(),
  model: z.object({ hidden: z.array(num), zDim: num, evalSamples: num }),
});
/** results/vib/<profile>/sweep.json: the designed 3(c) comparison, its runs and decision. */
export const sweepSchema = z.object({
  design: z.object({
    betas: z.array(num).min(3),
    reference: num,
    moderate: z.array(num).min(1),
    large: num,
    alpha: num,
  }),
  base: vibBaseSchema,
  runs: z.array(z.object({ beta: num, seed: num, trainError: num, validationError: num })).min(1),
  decision: z.object({
    status: z.enum(SWEEP_STATUSES),
    reason: z.string(),
    seeds: num,
    looks: num,
    confidence: num,
    arms: z.array(z.object({ beta: num, error: intervalSchema, perSeed: z.array(num) })).min(3),
    contrasts: z.array(
      z.object({
        from: num,
        minus: num,
        test: z.enum(["moderate-beats-reference", "large-rises"]),
        interval: intervalSchema,
      }),
    ),
    bestModerate: num,
  }),
});
const spreadSchema = z.object({ mean: num, sd: num, n: num });
/** results/vib/<profile>/latent.json: 3(d)'s latent spaces over seeds and its rule (3(d)(ii)). */
export const latentSchema = z.object({
  runs: z
    .array(
      z.object({
        beta: num,
        stats: z.object({
          extent: z.object({ x: z.tuple([num, num]), y: z.tuple([num, num]) }),
          halfWidth: num,
          fisherRatio: num,
          knnAccuracy: num,
          validationError: num,
        }),
        /** The same statistics over every training seed (mean ± sd), when several were run. */
        overSeeds: z
          .object({
            halfWidth: spreadSchema,
            fisherRatio: spreadSchema,
            validationError: spreadSchema,
          })
          .optional(),
        seeds: z
          .array(z.object({ seed: num, trainError: num, validationError: num }))
          .min(1)
          .optional(),
      }),
    )
    .min(1),
  /** Each seed's own answers (panel → β by axis scale), when several seeds were run. */
  seedAnswers: z.array(z.object({ seed: num, panelToBeta: z.record(z.string(), num) })).optional(),
  /** 3(d)(ii)'s rule (src/experiments/vib/analysis.ts `LatentDesign`) and what the runs share. */
  design: z.object({
    betas: z.array(num).min(2),
    seeds: z.object({ min: num, max: num }),
    alpha: num,
  }),
  base: vibBaseSchema.extend({ classes: z.array(num).nullable() }),
  /** The rule's last look (`LatentDecision`): every pair of β on validation cross-entropy. */
  decision: z.object({
    best: num.nullable(),
    leader: num,
    reason: z.string(),
    seeds: num,
    looks: num,
    confidence: num,
    arms: z
      .array(
        z.object({
          beta: num,
          crossEntropy: intervalSchema,
          error: intervalSchema,
          perSeed: z.object({ crossEntropy: z.array(num), error: z.array(num) }),
        }),
      )
      .min(2),
    contrasts: z
      .array(
        z.object({
          beta: num,
          rival: num,
          crossEntropy: intervalSchema,
          error: intervalSchema,
        }),
      )
      .min(1),
  }),
});

/**
 * Reads a result file and checks the fields `schema` names, and that the file says it holds
 * `kind` results where its writer gives a kind (Problem 2's fit.json has none).
 */
async function readChecked<T>(
  root: string,
  rel: string,
  schema: z.ZodType<T>,
  command: string,
  kind?: string,
): Promise<T> {
  const path = join(root, rel);
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch {
    throw new KeyInputError(path, "missing", command);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new KeyInputError(path, `not valid JSON (${(err as Error).message})`, command);
  }
  // checked apart from the schema, so that the kind does not travel on into the key's results
  const held = (raw as { kind?: unknown } | null)?.kind;
  if (kind !== undefined && held !== kind)
    throw new KeyInputError(
      path,
      `invalid: kind: expected "${kind}", found ${JSON.stringify(held) ?? "none"}`,
      command,
    );
  const r = schema.safeParse(raw);
  if (!r.success) {
    const i = r.error.issues[0];
    throw new KeyInputError(
      path,
      `invalid: ${i.path.join(".") || "(root)"}: ${i.message}`,
      command,
    );
  }
  return r.data;
}

const figureIf = (root: string, rel: string) => (existsSync(join(root, rel)) ? rel : undefined);
const slash = (p: string) => p.split(sep).join("/");

/** The modes (components) of a fit target written as a mixture, via the KL toolkit's parser. */
async function targetModes(target: string): Promise<Array<{ mu: number; sigma: number }>> {
  const d = await import("../divergences/index.js");
  const dist = d.parseDistribution(target).readings[0].dist;
  const comps = dist.kind === "mixture" ? dist.components : [dist];
  return comps.map((c) => {
    const ls = d.locationScale(c);
    return { mu: ls.loc, sigma: ls.scale };
  });
}

/** A 2(a) example from Problem 2's `answer2a`, with both directions from the KL toolkit. */
async function example2a(): Promise<KlResults["example"]> {
  const d = await import("../divergences/index.js");
  const { answer2a } = await import("./problem2.js");
  const a = answer2a();
  const pd = d.parseDistribution(a.p).readings[0].dist;
  const qd = d.parseDistribution(a.q).readings[0].dist;
  const both = d.klBoth(pd, qd);
  const side = (r: ReturnType<typeof d.kl>) => ({
    finite: r.finite,
    ...(r.value !== null && Number.isFinite(r.value) ? { value: r.value } : {}),
    ...(r.reason ? { reason: r.reason } : {}),
  });
  return {
    source: "src/key/problem2.ts answer2a (KL toolkit)",
    p: d.formatDistribution(pd),
    q: d.formatDistribution(qd),
    forward: side(both.pq),
    reverse: side(both.qp),
    explanation: a.explanation,
  };
}

/** Reads and checks every input of the key; training is optional (a warning when absent). */
export async function loadKeyResults(
  root: string,
  profile: KeyProfile,
): Promise<{ results: KeyResults; warnings: string[] }> {
  const R = resultFiles(profile);
  const tp = R.transformer.profile;
  const T = R.transformer.training;
  const warnings: string[] = [];
  const src = (rel: string) => slash(relative(".", join(root, rel)));
  const initStats = await readChecked(
    root,
    R.transformer.initStats,
    initStatsSchema,
    "groundtruth transformer init-stats",
    RESULT_KINDS.initStats,
  );
  const acceptance = await readChecked(
    root,
    R.transformer.acceptance,
    acceptanceSchema,
    "groundtruth transformer acceptance",
    RESULT_KINDS.acceptance,
  );
  let training: KeyResults["transformer"]["training"] = null;
  const trainCmd = `groundtruth transformer compare --profile ${tp} --schemes bug,fix`;
  const [trainBug, trainFix] = [T.train("bug"), T.train("fix")];
  if (existsSync(join(root, trainBug)) || existsSync(join(root, trainFix))) {
    const bug = await readChecked(root, trainBug, trainSchema, trainCmd, RESULT_KINDS.train);
    const fix = await readChecked(root, trainFix, trainSchema, trainCmd, RESULT_KINDS.train);
    training = {
      source: src(`${T.dir}/`),
      figure: figureIf(root, T.figure1),
      runs: [
        { ...bug, source: src(trainBug) },
        { ...fix, source: src(trainFix) },
      ],
    };
  } else {
    warnings.push(
      `no bug-vs-fix training results (${join(root, trainBug)}): Problem 1 rests on the init diagnostics; run \`${trainCmd}\``,
    );
  }
  const fitCmd = "groundtruth fit";
  const fit = await readChecked(root, R.problem2.fit, fitSchema, fitCmd);
  const best = (d: z.infer<typeof direction>) => (d.finite ? (d.minima[0] ?? null) : null);
  let modes: Array<{ mu: number; sigma: number }>;
  try {
    modes = await targetModes(fit.target);
  } catch (err) {
    throw new KeyInputError(
      join(root, R.problem2.fit),
      `cannot read its target "${fit.target}": ${(err as Error).message}`,
      fitCmd,
    );
  }
  const { answer2b } = await import("./problem2.js");
  const measured2b = answer2b(fit);
  const V = R.vib;
  const vibPart = <T>(part: VibPart, schema: z.ZodType<T>) =>
    readChecked(
      root,
      V.part(part),
      schema,
      `groundtruth vib ${part} --profile ${profile}`,
      RESULT_KINDS.vib[part],
    );
  const diagram = await vibPart("diagram", diagramSchema);
  const gradients = await vibPart("gradients", gradientsSchema);
  const sweep = await vibPart("sweep", sweepSchema);
  const latent = await vibPart("latent", latentSchema);
  return {
    warnings,
    results: {
      profile,
      transformer: {
        initStats: {
          source: src(R.transformer.initStats),
          figure: figureIf(root, R.transformer.initFigure),
          rows: initStats.rows,
        },
        acceptance: { source: src(R.transformer.acceptance), ...acceptance },
        training,
      },
      kl: {
        example: await example2a(),
        fits: {
          source: src(R.problem2.fit),
          figure: figureIf(root, R.problem2.fitFigure),
          target: fit.target,
          modes,
          forward: best(fit.forward),
          reverse: best(fit.reverse),
          explanation: measured2b.explanation,
          crossCosts: measured2b.crossCosts,
        },
      },
      vib: {
        diagram: {
          source: src(V.part("diagram")),
          figure: figureIf(root, V.diagramFigure),
          ...diagram.check,
        },
        gradients: { source: src(V.part("gradients")), grids: gradients.grids },
        sweep: { source: src(V.part("sweep")), figure: figureIf(root, V.sweepFigure), ...sweep },
        latent: {
          source: src(V.part("latent")),
          figure: figureIf(root, V.latentFigure),
          ...latent,
        },
      },
    },
  };
}
