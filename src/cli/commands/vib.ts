/** `groundtruth vib train|sweep|latent|gradients|diagram|all|evaluate`: Problem 3 on real MNIST. */
import type { Command } from "commander";
import { z } from "zod";
import { DEFAULT_PROFILE, profileChoices, profileEnum } from "../../experiments/profiles.js";
import {
  derivedPartLabel,
  figureLabel,
  homework,
  partDerivedBy,
  problemOf,
} from "../../problems/index.js";
import {
  FIGURES,
  RESULT_DIRS,
  RESULTS_ROOT,
  RUNS_ROOT,
  type VibPart,
} from "../../results/layout.js";
import { action, defaultOf } from "../action.js";

const Options = z
  .object({
    profile: z.enum(profileEnum).default(DEFAULT_PROFILE),
    json: z.boolean().optional(),
    out: z.string().min(1).optional(),
    runs: z.string().min(1).default(RUNS_ROOT),
    baseline: z.boolean().optional(),
    seeds: z.coerce.number().int().min(1).optional(),
  })
  .strict();

/** Problem 3, read from the problem set through the part its sweep answers. */
const problem = problemOf(homework, partDerivedBy(homework, "beta-sweep"));

/** Each subcommand: the parts it runs (`undefined`: every part) and its help line. */
const SUBCOMMANDS: Array<[string, VibPart[] | undefined, string]> = [
  ["train", ["train"], "train the headline model (β = 1e-3, K = 256); resumes from checkpoints"],
  [
    "sweep",
    ["sweep"],
    `${derivedPartLabel(homework, "beta-sweep")}: validation/test error against β (${figureLabel(homework, FIGURES.sweep)})`,
  ],
  [
    "latent",
    ["latent"],
    `${derivedPartLabel(homework, "latent-scales", "none")}: three digits, K = 2, latent means per β (${figureLabel(homework, FIGURES.latent)})`,
  ],
  [
    "gradients",
    ["gradients"],
    `${derivedPartLabel(homework, "gradient-grid")}: gradient norms of each loss term per parameter group`,
  ],
  [
    "diagram",
    ["diagram"],
    `${derivedPartLabel(homework, "reparameterization")}: the reparameterization block diagram and its measured check`,
  ],
  ["all", undefined, `every part of Problem ${problem.number} in one go`],
  [
    "evaluate",
    ["checkpoint"],
    "evaluate the newest checkpoint of an unfinished headline run (test error so far)",
  ],
];

export function registerVib(program: Command): void {
  const vib = program
    .command("vib")
    .description(`Problem ${problem.number}: the ${problem.title} on MNIST`);
  for (const [name, parts, description] of SUBCOMMANDS) {
    const cmd = vib
      .command(name)
      .description(description)
      .option("--profile <name>", profileChoices, defaultOf(Options.shape.profile))
      .option("--json", "print the results as JSON on stdout")
      .option("--out <dir>", `results directory (default ${RESULTS_ROOT}/${RESULT_DIRS.vib})`)
      .option("--runs <dir>", "run directory root for checkpoints", defaultOf(Options.shape.runs));
    if (name === "train")
      cmd
        .option("--baseline", "also train the deterministic baseline")
        .option(
          "--seeds <n>",
          "train only the first n seeds of the headline run (default: the profile's; a paper-profile seed takes hours)",
        );
    cmd.action(
      action(`vib ${name}`, Options, async (o) => {
        const { vibParts } = await import("../../pipeline/index.js");
        const res = await vibParts(o.profile, {
          parts,
          out: o.out,
          runs: o.runs,
          baseline: o.baseline === true,
          seeds: o.seeds,
        });
        if (o.json) process.stdout.write(`${JSON.stringify(res.parts, null, 2)}\n`);
        else process.stderr.write(`wrote ${res.files.join(", ")}\n`);
      }),
    );
  }
}
