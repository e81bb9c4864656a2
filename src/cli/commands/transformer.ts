/** `groundtruth transformer init-stats|acceptance|train|compare|summarize`: Problem 1 on real data. */
import type { Command } from "commander";
import { z } from "zod";
import { DEFAULT_TRANSFORMER_PROFILE } from "../../experiments/profiles.js";
import { transformerProfileNames } from "../../experiments/transformer/profiles.js";
import { type InitScheme, initSchemes } from "../../models/init-schemes.js";
import { RESULT_DIRS, RESULTS_ROOT, RUNS_ROOT } from "../../results/layout.js";
import { action, defaultOf, print } from "../action.js";
import { CliError } from "../errors.js";

const Scheme = z.enum(initSchemes as readonly [InitScheme, ...InitScheme[]]);
const Profile = z.enum(transformerProfileNames);
const profileChoices = transformerProfileNames.join(" | ");
const pipeline = () => import("../../pipeline/index.js");

const Output = z.object({ json: z.boolean().optional(), out: z.string().min(1).optional() });
const Reusable = Output.extend({ runs: z.string().min(1).optional() });
const Training = Output.extend({
  profile: Profile.default(DEFAULT_TRANSFORMER_PROFILE),
  runs: z.string().min(1).default(RUNS_ROOT),
  steps: z.coerce.number().int().positive().optional(),
});
const Train = Training.extend({ scheme: Scheme.default("fix") });
const Summarize = z.object({
  profile: Training.shape.profile,
  scheme: Scheme.optional(),
  beam: z.coerce.number().int().min(1).max(16).default(1),
  runs: Training.shape.runs,
  json: z.boolean().optional(),
});

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export function registerTransformer(program: Command): void {
  const t = program
    .command("transformer")
    .description("Problem 1: the summarization Transformer, its initialization bug, and the fix");
  const withOutput = (c: Command) =>
    c
      .option("--json", "print the result as JSON on stdout")
      .option(
        "--out <dir>",
        `results directory (default ${RESULTS_ROOT}/${RESULT_DIRS.transformer})`,
      );
  const withReuse = (c: Command) =>
    withOutput(c).option(
      "--runs <dir>",
      "reuse a finished measurement with the same settings from this run root",
    );
  const withTraining = (c: Command) =>
    withOutput(c)
      .option("--profile <name>", profileChoices, defaultOf(Training.shape.profile))
      .option("--runs <dir>", "run directory root for checkpoints", defaultOf(Training.shape.runs))
      .option(
        "--steps <n>",
        "train the first n steps of the profile's run (a later, larger n continues it)",
      );

  withReuse(
    t
      .command("init-stats")
      .description(
        "std of the initial logits, initial loss vs ln V, arg-max mass: every scheme × d_model",
      ),
  )
    .option("--vocab <n>", "vocabulary size (default: the tokenizer's)")
    .action(
      action(
        "transformer init-stats",
        Reusable.extend({ vocab: z.coerce.number().int().min(2).optional() }),
        async (o) => {
          const r = await (await pipeline()).transformerInitStats({
            out: o.out,
            runs: o.runs,
            vocabSize: o.vocab,
          });
          const g = Object.entries(r.growthExponent)
            .map(([s, e]) => `${s} d^${e.toFixed(2)}`)
            .join(", ");
          print(o.json, r, `logit std grows as: ${g}\nwrote ${r.files.join(", ")}`);
        },
      ),
    );

  withReuse(
    t
      .command("acceptance")
      .description(
        "Problem 1's acceptance rule: short training runs from a grid of initial logit scales",
      ),
  ).action(
    action("transformer acceptance", Reusable, async (o) => {
      const r = await (await pipeline()).transformerAcceptance({ out: o.out, runs: o.runs });
      print(
        o.json,
        r,
        `accepted initial logit scales: [${r.band.minLogitScale}, ${r.band.maxLogitScale}]\nwrote ${r.files.join(", ")}`,
      );
    }),
  );

  withTraining(
    t.command("train").description("train one initialization scheme (resumes from checkpoints)"),
  )
    .option("--scheme <name>", initSchemes.join(" | "), defaultOf(Train.shape.scheme))
    .action(
      action("transformer train", Train, async (o) => {
        const r = await (await pipeline()).transformerTrain(o.profile, o.scheme, {
          out: o.out,
          runs: o.runs,
          steps: o.steps,
        });
        print(
          o.json,
          r,
          `${o.profile}/${o.scheme}: final train loss ${r.final.trainLoss.toFixed(3)}, validation loss ${r.final.valLoss.toFixed(3)}\nwrote ${r.files.join(", ")}`,
        );
      }),
    );

  withTraining(
    t
      .command("compare")
      .description("Figure 1: every scheme, same budget; then ROUGE on the test split"),
  )
    .option("--schemes <list>", "comma-separated schemes (default: the profile's)")
    .option("--no-summaries", "skip decoding and ROUGE")
    .action(
      action(
        "transformer compare",
        Training.extend({
          schemes: z
            .string()
            .transform((s) => s.split(",").map((x) => x.trim()))
            .pipe(z.array(Scheme).min(1))
            .optional(),
          summaries: z.boolean(),
        }),
        async (o) => {
          const r = await (await pipeline()).transformerCompare(o.profile, {
            out: o.out,
            runs: o.runs,
            steps: o.steps,
            schemes: o.schemes,
            skipSummaries: !o.summaries,
          });
          const lines = r.schemes.map(
            (s) =>
              `${s.scheme.padEnd(7)} first ${s.firstLoss.toFixed(2)}  final train ${s.finalTrainLoss.toFixed(3)}  validation ${s.finalValLoss.toFixed(3)}`,
          );
          print(o.json, r, `${lines.join("\n")}\nwrote ${r.files.join(", ")}`);
        },
      ),
    );

  t.command("summarize")
    .description("read a package description on stdin, print the trained model's synopsis")
    .option("--profile <name>", profileChoices, defaultOf(Summarize.shape.profile))
    .option("--scheme <name>", "which trained run (default: the profile's evaluation scheme, fix)")
    .option("--beam <k>", "beam size (1 = greedy)", defaultOf(Summarize.shape.beam))
    .option("--runs <dir>", "run directory root for checkpoints", defaultOf(Summarize.shape.runs))
    .option("--json", "print { summary, checkpointStep } as JSON")
    .action(
      action("transformer summarize", Summarize, async (o) => {
        if (process.stdin.isTTY)
          throw new CliError("transformer summarize: pipe a description on stdin");
        const r = await (await pipeline()).transformerSummarize(await readStdin(), {
          profile: o.profile,
          scheme: o.scheme,
          beam: o.beam,
          runs: o.runs,
        });
        print(o.json, r, r.summary);
      }),
    );
}
