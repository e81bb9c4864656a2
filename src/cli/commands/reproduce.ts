/**
 * `groundtruth reproduce [--profile quick|standard|paper]`: runs every experiment of the problem
 * set through the experiment modules' own entry points (which reuse finished runs by config hash
 * and resume interrupted ones), derives the answer key, and writes the report:
 * `<out>/<profile>/report.md`, a self-contained `<out>/<profile>/report.html`, and the static
 * site in `<out>/<profile>/site/`. Progress and timings go to stderr.
 */
import { existsSync } from "node:fs";
import { join, relative, sep } from "node:path";
import type { Command } from "commander";
import { z } from "zod";
import { profileChoices, profileEnum } from "../../experiments/profiles.js";
import { CliError } from "../errors.js";

const OptionsSchema = z
  .object({
    profile: z.enum(profileEnum).default("quick"),
    results: z.string().min(1).default("results"),
    runs: z.string().min(1).default("runs"),
    out: z.string().min(1).default("report"),
    site: z.boolean().default(true),
    summaries: z.boolean().default(true),
  })
  .strict();
type Options = z.infer<typeof OptionsSchema>;

type Step = { step: string; seconds: number };
const log = (line: string) => process.stderr.write(`${line}\n`);

/** Times one step, logging its start and end. */
async function timed<T>(timings: Step[], step: string, f: () => Promise<T>): Promise<T> {
  log(`\n== ${step}`);
  const t0 = performance.now();
  const out = await f();
  const seconds = (performance.now() - t0) / 1000;
  timings.push({ step, seconds });
  log(`== ${step}: done in ${seconds.toFixed(1)} s`);
  return out;
}

/** True when `path` holds JSON whose `pick` equals `want` (a finished, identically configured result). */
async function sameConfig(
  path: string,
  pick: (v: Record<string, unknown>) => unknown,
  want: unknown,
) {
  if (!existsSync(path)) return false;
  const { readJson, stableStringify } = await import("../../store/index.js");
  try {
    const v = (await readJson(path)) as Record<string, unknown>;
    return stableStringify(pick(v)) === stableStringify(want);
  } catch {
    return false;
  }
}

/** Runs everything for a profile and writes key + reports; returns the paths written. */
export async function reproduce(o: Options): Promise<{
  key: string;
  markdown: string;
  html: string;
  site: string | null;
  timings: Step[];
}> {
  const timings: Step[] = [];
  const t0 = performance.now();
  const [{ TRANSFORMER_PROFILE }, transformer, vib, fit, keyCmd] = await Promise.all([
    import("../../key/load.js"),
    import("./transformer.js"),
    import("./vib.js"),
    import("./fit.js"),
    import("./key.js"),
  ]);
  const tp = TRANSFORMER_PROFILE[o.profile];
  const summaries = o.summaries;
  const commands = [`groundtruth reproduce --profile ${o.profile}`, "# which runs:"];

  // Problem 2: the KL fits of 2(b) (2(a) is computed when the key is derived).
  const problem2Dir = join(o.results, "problem2");
  const { fitDefaults, DEFAULT_TARGET } = await import("../../divergences/index.js");
  commands.push(`groundtruth fit "${DEFAULT_TARGET}" --out ${problem2Dir}`);
  await timed(timings, "Problem 2: forward and reverse KL fits", async () => {
    const fitPath = join(problem2Dir, "fit.json");
    if (
      (await sameConfig(fitPath, (v) => v.config, fitDefaults)) &&
      existsSync(join(problem2Dir, "fit-both.svg"))
    ) {
      log(`reusing ${fitPath} (same fit config)`);
      return;
    }
    await fit.runProblem2Fit(DEFAULT_TARGET, { out: problem2Dir, log });
  });

  // Problem 3: every VIB part (runs reused by config hash, resumed from checkpoints).
  commands.push(
    `groundtruth vib all --profile ${o.profile} --runs ${o.runs} && groundtruth vib train --baseline --profile ${o.profile}`,
  );
  await timed(timings, `Problem 3: VIB parts (a)–(d), profile ${o.profile}`, () =>
    vib.runVibExperiments(o.profile, {
      out: join(o.results, "vib"),
      runsRoot: o.runs,
      log,
      baseline: true,
    }),
  );

  // Problem 1: init diagnostics, then bug vs fix training.
  const tDir = join(o.results, "transformer");
  commands.push(`groundtruth transformer init-stats --out ${tDir}`);
  await timed(timings, "Problem 1: initial-logit diagnostics", async () => {
    const { initStatsDefaults } = await import("../../experiments/transformer/init-stats.js");
    const { loadTokenizer } = await import("../../data/tokenizer.js");
    const want = { ...initStatsDefaults, vocabSize: loadTokenizer().vocabSize };
    const path = join(tDir, "init-stats.json");
    if (await sameConfig(path, (v) => v.config, want)) {
      log(`reusing ${path} (same diagnostics config)`);
      return;
    }
    await transformer.runTransformerInitStats({ out: tDir, log });
  });
  commands.push(`groundtruth transformer acceptance --out ${tDir}`);
  await timed(
    timings,
    "Problem 1: acceptance rule (short runs per initial logit scale)",
    async () => {
      const { acceptanceDefaults } = await import("../../experiments/transformer/acceptance.js");
      const path = join(tDir, "acceptance.json");
      if (await sameConfig(path, (v) => v.config, acceptanceDefaults)) {
        log(`reusing ${path} (same acceptance config)`);
        return;
      }
      await transformer.runTransformerAcceptance({ out: tDir, log });
    },
  );
  commands.push(
    `groundtruth transformer compare --profile ${tp} --runs ${o.runs}${summaries ? "" : " (without test-set summaries: --no-summaries)"}`,
  );
  await timed(timings, `Problem 1: training per init scheme (bug, fix, …), profile ${tp}`, () =>
    transformer.runTransformerCompare(tp, {
      out: tDir,
      runsRoot: o.runs,
      log,
      skipSummaries: !summaries,
    }),
  );

  commands.push(`groundtruth key --profile ${o.profile} --results ${o.results}`);
  const derived = await timed(timings, "answer key", () =>
    keyCmd.writeKey(o.profile, { results: o.results, log }),
  );
  const { keySummary } = await import("../../key/format.js");
  log(keySummary(derived.key).trimEnd());

  const outDir = join(o.out, o.profile);
  const written = await timed(timings, "report", async () => {
    const { readFile } = await import("node:fs/promises");
    const { writeFileAtomic } = await import("../../store/index.js");
    const { reportMarkdown } = await import("../../report/markdown.js");
    const { reportHtml } = await import("../../report/document.js");
    const figures: Record<string, string> = {};
    for (const p of derived.key.parts) {
      for (const e of p.evidence) {
        if (!e.figure || figures[e.figure] !== undefined) continue;
        const file = join(o.results, e.figure);
        if (existsSync(file)) figures[e.figure] = await readFile(file, "utf8");
      }
    }
    const slash = (p: string) => p.split(sep).join("/");
    let site: string | null = null;
    if (o.site) {
      const { buildSite } = await import("../../report/index.js");
      site = join(outDir, "site");
      await buildSite({ resultsDir: o.results, outDir: site, keyPath: derived.path });
    }
    const markdown = join(outDir, "report.md");
    const html = join(outDir, "report.html");
    commands.push(`# report: ${markdown}, ${html}${site ? `, ${site}/index.html` : ""}`);
    const input = {
      key: derived.key,
      commands,
      warnings: derived.warnings,
      timings: [...timings, { step: "total so far", seconds: (performance.now() - t0) / 1000 }],
      figures,
      links: [
        { label: "self-contained HTML version", href: "report.html" },
        ...(site ? [{ label: "interactive site", href: "site/index.html" }] : []),
      ],
    };
    await writeFileAtomic(
      markdown,
      reportMarkdown({
        ...input,
        figureLink: (f) => slash(relative(outDir, join(o.results, f))),
      }),
    );
    await writeFileAtomic(html, reportHtml(input));
    return { markdown, html, site };
  });
  const total = (performance.now() - t0) / 1000;
  log(`\nreproduce (${o.profile}) finished in ${total.toFixed(1)} s`);
  for (const t of timings) log(`  ${t.step.padEnd(48)} ${t.seconds.toFixed(1)} s`);
  return { key: derived.path, ...written, timings };
}

export function registerReproduce(program: Command): void {
  program
    .command("reproduce")
    .description(
      "run every experiment (reusing finished runs), derive the answer key, and write the report",
    )
    .option("--profile <name>", profileChoices, "quick")
    .option("--results <dir>", "results directory", "results")
    .option("--runs <dir>", "run directory root for checkpoints", "runs")
    .option("--out <dir>", "report directory (the report goes to <out>/<profile>/)", "report")
    .option("--no-site", "skip the static web site")
    .option("--no-summaries", "skip decoding the test split and scoring ROUGE")
    .action(async (raw: Record<string, unknown>) => {
      const parsed = OptionsSchema.safeParse(raw);
      if (!parsed.success) {
        const i = parsed.error.issues[0];
        throw new CliError(`reproduce: --${i.path.join(".")}: ${i.message}`, 2);
      }
      let r: Awaited<ReturnType<typeof reproduce>>;
      try {
        r = await reproduce(parsed.data);
      } catch (err) {
        const name = (err as Error).name;
        if (name === "DataError" || name === "NonFiniteError") {
          throw new CliError(`reproduce: ${(err as Error).message}`);
        }
        throw err;
      }
      process.stdout.write(
        `${[`key: ${r.key}`, `report: ${r.markdown}`, `html: ${r.html}`, ...(r.site ? [`site: ${r.site}/index.html`] : [])].join("\n")}\n`,
      );
    });
}
