/** Small HTML helpers for the static site: escaping, inline JSON, and the shared page layout. */

import { escapeHtml } from "../grader/annotate.js";
import { homework, type Problem, type ProblemSet } from "../problems/index.js";
import { SITE_INDEX } from "../results/layout.js";
import { EXPLORABLES } from "./explorables.js";

/** Escapes text for HTML element content and attribute values (the grader's escaper, one for all). */
export const esc = escapeHtml;

/** JSON safe to place inside `<script type="application/json">` (no `</script>` breakout). */
export function inlineJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/** A page of the site: file name and nav label. */
export type PageRef = { file: string; label: string };

/** A problem's page. */
export const problemFile = (p: Pick<Problem, "number">) => `problem-${p.number}.html`;

/** The site navigation: the overview, a page per problem of the set, each explorable, transcripts. */
export function siteNav(set: ProblemSet): PageRef[] {
  return [
    { file: SITE_INDEX, label: "Overview" },
    ...set.problems.map((p) => ({ file: problemFile(p), label: `Problem ${p.number}` })),
    ...EXPLORABLES.map((e) => ({ file: e.file, label: e.navLabel })),
    { file: "transcripts.html", label: "Graded transcripts" },
    { file: "grade.html", label: "Grade a transcript" },
  ];
}

const NAV = siteNav(homework);

export type LayoutOptions = {
  file: string;
  title: string;
  body: string;
  /** Scripts under assets/ to load at the end of the body (classic scripts: file:// safe). */
  scripts?: string[];
  /** `data-page` on <body>: which explorable the bundle starts. */
  page?: string;
};

/** The shared page shell: skip link, nav, main, footer; no network resources of any kind. */
export function layout(o: LayoutOptions): string {
  const nav = NAV.map(
    (p) =>
      `<li><a href="${p.file}"${p.file === o.file ? ' aria-current="page"' : ""}>${esc(p.label)}</a></li>`,
  ).join("");
  const scripts = (o.scripts ?? [])
    .map((s) => `<script src="assets/${esc(s)}"></script>`)
    .join("\n");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(o.title)} · groundtruth</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="assets/site.css">
</head>
<body${o.page ? ` data-page="${esc(o.page)}"` : ""}>
<a class="skip" href="#main">Skip to content</a>
<header class="site-header">
<p class="brand"><a href="${SITE_INDEX}">groundtruth</a></p>
<nav aria-label="Site"><ul>${nav}</ul></nav>
</header>
<main id="main" tabindex="-1">
<h1>${esc(o.title)}</h1>
${o.body}
</main>
<footer class="site-footer"><p>Built by <code>groundtruth report</code> from the committed results. Everything on these pages is local: no request leaves this computer.</p></footer>
${scripts}
</body>
</html>
`;
}

/** The notice shown where a result does not exist yet (never fake data in its place). */
export function notYetRun(what: string): string {
  return `<p class="notice" role="note"><strong>Not yet run:</strong> ${esc(what)} — run <code>groundtruth reproduce</code>.</p>`;
}
