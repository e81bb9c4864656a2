/**
 * Every experiment of the problem set for a profile, through the same pipeline steps the
 * commands call (each reuses its finished runs from the run root and resumes interrupted ones),
 * then the answer key and the report: `<out>/<profile>/report.md`, a self-contained
 * `<out>/<profile>/report.html`, and the static site in `<out>/<profile>/site/`. Progress and
 * timings go to the log.
 */
import { existsSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { PROFILES, type ProfileName } from "../experiments/profiles.js";
import { fixed } from "../format/index.js";
import { REPORT_FILES, RESULT_DIRS, SITE_DIR, SITE_INDEX } from "../results/index.js";
import { type Log, stderrLog } from "./context.js";
import { writeKey } from "./key.js";
import { problem2Fit } from "./problem2.js";
import { transformerAcceptance, transformerCompare, transformerInitStats } from "./transformer.js";
import { vibParts } from "./vib.js";

export type ReproduceOptions = {
  profile: ProfileName;
  /** Results root. */
  results: string;
  /** Run root. */
  runs: string;
  /** Report root: the report goes to `<out>/<profile>/`. */
  out: string;
  /** Build the static site too. */
  site: boolean;
  /** Decode the test split and score ROUGE. */
  summaries: boolean;
  log?: Log;
};

type Step = { step: string; seconds: number };

/** Runs everything for a profile and writes key + reports; returns the paths written. */
export async function reproduce(o: ReproduceOptions): Promise<{
  key: string;
  markdown: string;
  html: string;
  site: string | null;
  timings: Step[];
}> {
  const log = o.log ?? stderrLog;
  const timings: Step[] = [];
  const t0 = performance.now();
  /** Times one step, logging its start and end. */
  const timed = async <T>(step: string, f: () => Promise<T>): Promise<T> => {
    log(`\n== ${step}`);
    const s0 = performance.now();
    const out = await f();
    const seconds = (performance.now() - s0) / 1000;
    timings.push({ step, seconds });
    log(`== ${step}: done in ${fixed(seconds, 1)} s`);
    return out;
  };
  const tp = PROFILES[o.profile].transformer;
  const commands = [`groundtruth reproduce --profile ${o.profile}`, "# which runs:"];

  // Problem 2: the KL fits of 2(b) (2(a) is computed when the key is derived).
  const problem2Dir = join(o.results, RESULT_DIRS.problem2);
  const { DEFAULT_TARGET } = await import("../divergences/index.js");
  commands.push(`groundtruth fit "${DEFAULT_TARGET}" --out ${problem2Dir}`);
  await timed("Problem 2: forward and reverse KL fits", () =>
    problem2Fit(DEFAULT_TARGET, { out: problem2Dir, runs: o.runs, log }),
  );

  // Problem 3: every VIB part.
  commands.push(
    `groundtruth vib all --profile ${o.profile} --runs ${o.runs} && groundtruth vib train --baseline --profile ${o.profile}`,
  );
  await timed(`Problem 3: VIB parts (a)–(d), profile ${o.profile}`, () =>
    vibParts(o.profile, {
      out: join(o.results, RESULT_DIRS.vib),
      runs: o.runs,
      log,
      baseline: true,
    }),
  );

  // Problem 1: init diagnostics, the acceptance rule, then bug vs fix training.
  const tDir = join(o.results, RESULT_DIRS.transformer);
  const steps = { out: tDir, runs: o.runs, log };
  commands.push(`groundtruth transformer init-stats --out ${tDir}`);
  await timed("Problem 1: initial-logit diagnostics", () => transformerInitStats(steps));
  commands.push(`groundtruth transformer acceptance --out ${tDir}`);
  await timed("Problem 1: acceptance rule (short runs per initial logit scale)", () =>
    transformerAcceptance(steps),
  );
  commands.push(
    `groundtruth transformer compare --profile ${tp} --runs ${o.runs}${o.summaries ? "" : " (without test-set summaries: --no-summaries)"}`,
  );
  await timed(`Problem 1: training per init scheme (bug, fix, …), profile ${tp}`, () =>
    transformerCompare(tp, { ...steps, skipSummaries: !o.summaries }),
  );

  commands.push(`groundtruth key --profile ${o.profile} --results ${o.results}`);
  const derived = await timed("answer key", () => writeKey(o.profile, { results: o.results, log }));
  const { keySummary } = await import("../key/format.js");
  log(keySummary(derived.key).trimEnd());

  const outDir = join(o.out, o.profile);
  const written = await timed("report", async () => {
    const { readFile } = await import("node:fs/promises");
    const { writeFileAtomic } = await import("../store/index.js");
    const { reportMarkdown } = await import("../report/markdown.js");
    const { reportHtml } = await import("../report/document.js");
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
      const { buildSite } = await import("../report/index.js");
      site = join(outDir, SITE_DIR);
      await buildSite({ resultsDir: o.results, outDir: site, keyPath: derived.path });
    }
    const markdown = join(outDir, REPORT_FILES.markdown);
    const html = join(outDir, REPORT_FILES.html);
    commands.push(`# report: ${markdown}, ${html}${site ? `, ${site}/${SITE_INDEX}` : ""}`);
    const input = {
      key: derived.key,
      commands,
      warnings: derived.warnings,
      timings: [...timings, { step: "total so far", seconds: (performance.now() - t0) / 1000 }],
      figures,
      links: [
        { label: "self-contained HTML version", href: REPORT_FILES.html },
        ...(site ? [{ label: "interactive site", href: `${SITE_DIR}/${SITE_INDEX}` }] : []),
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
  log(`\nreproduce (${o.profile}) finished in ${fixed(total, 1)} s`);
  for (const t of timings) log(`  ${t.step.padEnd(48)} ${fixed(t.seconds, 1)} s`);
  return { key: derived.path, ...written, timings };
}
