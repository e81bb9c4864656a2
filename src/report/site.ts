/**
 * `buildSite`: the static report site from whatever results exist. Pages open from disk
 * (file://) and from `groundtruth serve`; scripts are vendored bundles, data is inline, and a
 * result that does not exist yet is shown as "not yet run", never faked.
 */
import { copyFileSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { type AnswerKey, KEY_STATUSES, parseAnswerKey } from "../key/types.js";
import { homework, type Problem } from "../problems/index.js";
import { FIGURE_FILES, figureNameOf, SITE_INDEX } from "../results/index.js";
import { bundleScript, repoRoot } from "./bundle.js";
import { EXPLORABLES, explorable } from "./explorables.js";
import { esc, inlineJson, layout, notYetRun, problemFile } from "./html.js";
import { answerLine, keyPartHtml, keyParts } from "./key-view.js";
import { type LoadedResults, loadResults, type SiteFigure, type StaticFigure } from "./results.js";
import { TABLES } from "./tables.js";
import { type GradedTranscript, transcriptHtml } from "./transcript-view.js";

export type BuildSiteOptions = {
  resultsDir: string;
  outDir: string;
  /** Defaults to `<resultsDir>/key.json`. */
  keyPath?: string;
  /** Extra directory scanned for `<name>.vl.json` figures. */
  figuresDir?: string;
  /** Figures handed over directly (src/charts `Figure`s). */
  figures?: SiteFigure[];
  gradedTranscripts?: GradedTranscript[];
};

export type BuiltSite = { outDir: string; pages: string[]; bytes: Record<string, number> };

function write(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

function figureHtml(fig: SiteFigure): string {
  const id = `fig-${fig.name.replace(/[^A-Za-z0-9_-]/g, "-")}`;
  return `<figure class="chart" id="${esc(id)}" tabindex="-1">
<figcaption>${esc(fig.title)} <span class="figname">(${esc(fig.name)})</span></figcaption>
<div class="vega" data-spec="${esc(id)}-spec" role="img" aria-label="${esc(fig.title)} (interactive chart)"><p class="loading">Loading chart…</p></div>
<script type="application/json" id="${esc(id)}-spec">${inlineJson(fig.spec)}</script>
</figure>`;
}

function staticFigureHtml(fig: StaticFigure): string {
  return `<figure class="chart static" id="fig-${esc(fig.name)}" tabindex="-1">
<img src="figures/${esc(fig.name)}${FIGURE_FILES.svg}" alt="${esc(fig.title)}">
<figcaption>${esc(fig.title)} <span class="figname">(${esc(fig.name)})</span></figcaption>
</figure>`;
}

const partsOf = (p: Problem) => homework.parts.filter((x) => x.problem === p.number);

/**
 * The figures of a problem's page: those the problem set names for its parts, and those the key
 * cites for them (the evidence links to them on the same page).
 */
function figureNames(p: Problem, r: LoadedResults): Set<string> {
  const parts = partsOf(p);
  const cited = keyParts(r.key)
    .filter((k) => parts.some((x) => x.id === k.id))
    .flatMap((k) => (k.evidence ?? []).flatMap((e) => (e.figure ? [figureNameOf(e.figure)] : [])));
  return new Set([...parts.flatMap((x) => x.figures), ...cited]);
}

/** The link to an explorable, with its blurb (`sep` between them). */
function explorableLink(id: string, sep: string, cls = ""): string {
  const e = explorable(id);
  return `<a${cls} href="${e.file}">${esc(e.title)}</a>${sep}${esc(e.blurb)}`;
}

const problemTitle = (p: Problem) => `Problem ${p.number} — ${p.title}`;

function problemBody(p: Problem, r: LoadedResults): string {
  const question = p.statement.map((q) => `<p>${esc(q)}</p>`).join("\n");
  const parts = keyParts(r.key);
  const answers = partsOf(p)
    .map((part) => {
      const found = parts.find((k) => k.id === part.id);
      if (found) return keyPartHtml(found, part);
      return `<article class="key-part" id="part-${esc(part.id)}"><h3>Part ${esc(part.id)} <span class="prompt">— ${esc(part.prompt)}</span></h3>${r.key ? notYetRun("the answer key has no entry for this part yet") : '<p class="hint">Not derived yet.</p>'}</article>`;
    })
    .join("\n");
  const names = figureNames(p, r);
  const figs = r.figures.filter((f) => names.has(f.name));
  const statics = r.staticFigures.filter((f) => names.has(f.name));
  const figures =
    figs.length + statics.length
      ? [...figs.map((f) => figureHtml(f)), ...statics.map((f) => staticFigureHtml(f))].join("\n")
      : notYetRun(`no figures for problem ${p.number} have been produced`);
  const tableNames = new Set(partsOf(p).flatMap((x) => x.tables));
  const tables = TABLES.filter((t) => tableNames.has(t.name))
    .map(
      (t) =>
        `<section class="result-table" id="table-${esc(t.name)}" aria-labelledby="table-${esc(t.name)}-h"><h3 id="table-${esc(t.name)}-h">${esc(t.title)}</h3>
${t.html(r) ?? notYetRun(`no results for this table (${t.name}) have been produced`)}</section>`,
    )
    .join("\n");
  return `<section aria-labelledby="q"><h2 id="q">The question</h2>
<div class="question">${question}</div></section>
<section aria-labelledby="a"><h2 id="a">The answer, derived from experiments</h2>
${r.key ? "" : notYetRun("the answer key (results/key.json)")}
${answers}</section>
<section aria-labelledby="f"><h2 id="f">Figures</h2>
<p class="hint">Hover a mark for its values. Show or hide series with the checkboxes under a chart (or click its legend; shift-click for more, double-click the plot to reset).</p>
${figures}</section>${
    tables
      ? `
<section aria-labelledby="t"><h2 id="t">Tables</h2>
${tables}</section>`
      : ""
  }${
    p.explorable
      ? `
<section aria-labelledby="e"><h2 id="e">Explore it yourself</h2>
<p>${explorableLink(p.explorable, " ", ' class="button"')}</p></section>`
      : ""
  }`;
}

function overviewBody(r: LoadedResults, transcripts: GradedTranscript[]): string {
  const parts = keyParts(r.key);
  const problems = homework.problems
    .map((p) => {
      const rows = partsOf(p)
        .map((part) => {
          const k = parts.find((x) => x.id === part.id);
          const text = k
            ? `${answerLine(k.answer)}${k.status === "supported" ? "" : ` (${KEY_STATUSES[k.status].word})`}`
            : "not yet derived";
          return `<li><a href="${problemFile(p)}#part-${esc(part.id)}">Part ${esc(part.id)}</a>: ${esc(text.length > 180 ? `${text.slice(0, 177)}…` : text)}</li>`;
        })
        .join("");
      return `<article class="card"><h2><a href="${problemFile(p)}">${esc(problemTitle(p))}</a></h2><ul>${rows}</ul>${p.explorable ? `\n<p>${explorableLink(p.explorable, " — ")}</p>` : ""}</article>`;
    })
    .join("\n");
  const resultList = r.files.size
    ? `<details><summary>${r.files.size} result file(s) used</summary><ul>${[...r.files.keys()].map((f) => `<li><code>${esc(f)}</code></li>`).join("")}</ul></details>`
    : notYetRun("no experiment results found");
  const problemsList = r.problems.length
    ? `<div class="notice" role="alert"><p>Some result files could not be read:</p><ul>${r.problems.map((x) => `<li>${esc(x)}</li>`).join("")}</ul></div>`
    : "";
  return `<p class="lede">A deep-learning problem set made runnable: each answer below is derived from a measurement on real models and data, and each explorable computes live in this page with the same library code as the command line.</p>
${r.key ? "" : notYetRun("the answer key (results/key.json)")}
<div class="cards">${problems}</div>
<section aria-labelledby="ov-t"><h2 id="ov-t">Graded transcripts</h2>
<p>${transcripts.length ? `<a href="transcripts.html">${transcripts.length} graded transcript(s)</a>` : "No transcript graded yet — run <code>groundtruth grade TRANSCRIPT</code>, or pass transcripts to <code>groundtruth report --transcript</code>."} <a href="grade.html">Grade one in this page</a>: paste a chat log and read each part's verdict with its evidence.</p></section>
<section aria-labelledby="ov-r"><h2 id="ov-r">Results</h2>${resultList}${problemsList}
<p>${r.figures.length} figure(s). Serve with <code>groundtruth serve</code> for multithreaded wasm; opening the files directly works too.</p></section>`;
}

function explorePage(
  file: string,
  title: string,
  page: string,
  intro: string,
  data: Record<string, unknown>,
): string {
  const blobs = Object.entries(data)
    .map(([id, v]) => `<script type="application/json" id="${esc(id)}">${inlineJson(v)}</script>`)
    .join("\n");
  return layout({
    file,
    title,
    page,
    scripts: ["explore.js"],
    body: `<p class="lede">${intro}</p>
<noscript><p class="notice">This explorable computes in the page and needs JavaScript.</p></noscript>
<div id="app" class="explorable" aria-live="off"><p class="loading">Starting the engine…</p></div>
${blobs}`,
  });
}

/** Builds the site into `outDir` and returns the pages written and the bundle sizes. */
export async function buildSite(o: BuildSiteOptions): Promise<BuiltSite> {
  const r = loadResults(o);
  const transcripts = o.gradedTranscripts ?? [];
  const out = o.outDir;
  mkdirSync(join(out, "assets"), { recursive: true });
  const bytes: Record<string, number> = {};
  bytes["charts.js"] = await bundleScript("charts", join(out, "assets", "charts.js"));
  bytes["explore.js"] = await bundleScript("explore", join(out, "assets", "explore.js"));
  copyFileSync(join(repoRoot, "web", "report", "site.css"), join(out, "assets", "site.css"));
  if (r.staticFigures.length) mkdirSync(join(out, "figures"), { recursive: true });
  for (const f of r.staticFigures)
    copyFileSync(f.path, join(out, "figures", `${f.name}${FIGURE_FILES.svg}`));

  const pages: Record<string, string> = {};
  pages[SITE_INDEX] = layout({
    file: SITE_INDEX,
    title: "groundtruth: the problem set, run",
    body: overviewBody(r, transcripts),
  });
  for (const p of homework.problems) {
    pages[problemFile(p)] = layout({
      file: problemFile(p),
      title: problemTitle(p),
      body: problemBody(p, r),
      scripts: ["charts.js"],
    });
  }
  for (const e of EXPLORABLES) {
    const { intro, data } = e.page(r);
    pages[e.file] = explorePage(e.file, e.title, e.id, intro, data);
  }
  const key = validKey(r.key);
  pages["grade.html"] = explorePage(
    "grade.html",
    "Grade a transcript",
    "grade",
    key
      ? "Paste a chat log (a student's answers, or a chat model's) or open a .md/.txt file: the project's grader reads each part's answer and checks it against the answer key derived from the experiments, with evidence. A proposed Problem 1 fix is measured on the real model in this tab. Nothing leaves your browser."
      : "Grading needs the answer key, which this build does not have.",
    { "answer-key": key },
  );
  pages["transcripts.html"] = layout({
    file: "transcripts.html",
    title: "Graded transcripts",
    body: transcripts.length
      ? `<p class="lede">Each verdict sits beside the passage holding the answer it grades; a part answered twice is graded by its last answer.</p>${transcripts.map(transcriptHtml).join("\n")}`
      : `<p class="notice" role="note">No transcript graded yet — run <code>groundtruth grade TRANSCRIPT</code>, or <code>groundtruth report --transcript FILE</code>.</p>`,
  });
  for (const [name, html] of Object.entries(pages)) write(join(out, name), html);
  return { outDir: out, pages: Object.keys(pages), bytes };
}

/** The answer key if it is one (the grading page embeds only a key that validates), else null. */
function validKey(raw: unknown): AnswerKey | null {
  if (raw === null) return null;
  try {
    return parseAnswerKey(raw);
  } catch {
    return null;
  }
}

/** Reads a built page (tests and the CLI summary use it). */
export function readPage(outDir: string, file: string): string {
  return readFileSync(join(outDir, file), "utf8");
}
