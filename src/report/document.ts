/**
 * The reproduction report as ONE self-contained HTML file: inline CSS, figures inlined as SVG
 * (ids prefixed per figure so they cannot collide), no scripts and no external requests. The
 * content mirrors `reportMarkdown`.
 */
import { answerText } from "../key/format.js";
import { KEY_STATUSES, type PartKey } from "../key/types.js";
import { homework } from "../problems/index.js";
import type { Part } from "../problems/schema.js";
import { esc } from "./html.js";
import { evidenceValue, fmtSeconds, partFigures, partTitle, type ReportInput } from "./markdown.js";

const CSS = `body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;max-width:60rem;margin:0 auto;padding:1rem 1.5rem;color:#1b1b1b;background:#fff}
h1,h2,h3{line-height:1.25}h2{border-bottom:1px solid #ddd;padding-bottom:.2rem;margin-top:2.5rem}
blockquote{margin:0;padding:.3rem 1rem;border-left:4px solid #9ab;color:#333;background:#f5f8fa}
table{border-collapse:collapse;margin:.8rem 0;font-size:.9rem}td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}
.status{display:inline-block;padding:0 .5rem;border-radius:.3rem;font-size:.9rem}.supported{background:#e3f4e1}.contradicted,.unresolved{background:#fde2e1;font-weight:600}
figure{margin:1rem 0;overflow-x:auto}figure svg{max-width:100%;height:auto}figcaption{font-size:.9rem;color:#444}
code,pre{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.9rem}pre{background:#f4f4f4;padding:.6rem;overflow-x:auto}
.missing{color:#a33}`;

/**
 * Makes an SVG safe and unique to inline: drops any XML prolog, doctype, scripts, event
 * handlers and external references, and prefixes its ids (and references to them) with `prefix`.
 */
export function inlineSvg(svg: string, prefix: string): string {
  let s = svg
    .replace(/<\?xml[^>]*\?>/g, "")
    .replace(/<!DOCTYPE[^>]*>/gi, "")
    .replace(/<script[\s\S]*?<\/script>/gi, "")
    .replace(/\son[a-z]+\s*=\s*("[^"]*"|'[^']*')/gi, "")
    .replace(/(\s(?:xlink:)?href\s*=\s*)("(?!#)[^"]*"|'(?!#)[^']*')/gi, "")
    .replace(/url\(\s*(?!['"]?#)[^)]*\)/gi, "none");
  s = s
    .replace(/\sid="([^"]+)"/g, ` id="${prefix}$1"`)
    .replace(/url\(\s*(['"]?)#([^)'"]+)\1\s*\)/g, `url(#${prefix}$2)`)
    .replace(/((?:xlink:)?href\s*=\s*")#([^"]+)"/g, `$1#${prefix}$2"`);
  return s.trim();
}

function partHtml(
  part: Part,
  k: PartKey | undefined,
  input: ReportInput,
  figNo: { n: number },
): string {
  const head = `<h3 id="part-${esc(part.id)}">${esc(partTitle(part))}</h3><blockquote>${esc(part.prompt)}</blockquote>`;
  if (!k) return `${head}<p class="missing">Not derived: the key has no entry for this part.</p>`;
  const cls = KEY_STATUSES[k.status].word;
  const paras = k.explanation
    .split(/\n{2,}/)
    .filter((p) => p.trim())
    .map((p) => `<p>${esc(p.trim())}</p>`)
    .join("\n");
  const rows = k.evidence.filter((e) => e.value !== undefined);
  const table = rows.length
    ? `<table><thead><tr><th>evidence</th><th>value</th><th>source</th></tr></thead><tbody>${rows
        .map(
          (e) =>
            `<tr><td>${esc(e.label)}</td><td>${esc(evidenceValue(e))}</td><td><code>${esc(e.source ?? "")}</code></td></tr>`,
        )
        .join("")}</tbody></table>`
    : "";
  const figs = partFigures(k)
    .map((f) => {
      const svg = input.figures?.[f.figure];
      figNo.n++;
      const body = svg
        ? inlineSvg(svg, `f${figNo.n}-`)
        : `<p class="missing">figure file ${esc(f.figure)} not found</p>`;
      return `<figure>${body}<figcaption>Figure ${figNo.n}. ${esc(f.label)} (<code>${esc(f.figure)}</code>)</figcaption></figure>`;
    })
    .join("\n");
  const concepts = k.concepts.length
    ? `<p><small>Concepts a full explanation needs: ${esc(k.concepts.map((c) => `${c.description}${c.required ? "" : " (optional)"}`).join("; "))}.</small></p>`
    : "";
  return `${head}
<p><strong>Derived answer:</strong> ${esc(answerText(k.answer))}<br><span class="status ${cls}">${esc(KEY_STATUSES[k.status].text)}</span></p>
${paras}
${table}
${figs}
${concepts}`;
}

/** The whole report as a standalone HTML document. */
export function reportHtml(input: ReportInput): string {
  const set = input.set ?? homework;
  const key = input.key;
  const figNo = { n: 0 };
  const summary = set.parts
    .map((part) => {
      const k = key.parts.find((p) => p.id === part.id);
      const st = !k
        ? "—"
        : k.status === "supported"
          ? "supported"
          : `<strong>${KEY_STATUSES[k.status].word}</strong>`;
      return `<tr><td><a href="#part-${esc(part.id)}">${esc(part.id)}</a></td><td>${esc(k ? answerText(k.answer) : "not derived")}</td><td>${st}</td></tr>`;
    })
    .join("");
  const problems = set.problems
    .map((pr) => {
      const parts = set.parts
        .filter((p) => p.problem === pr.number)
        .map((p) =>
          partHtml(
            p,
            key.parts.find((x) => x.id === p.id),
            input,
            figNo,
          ),
        )
        .join("\n");
      return `<section><h2>Problem ${pr.number}: ${esc(pr.title)}</h2>\n${parts}</section>`;
    })
    .join("\n");
  const warnings = input.warnings?.length
    ? `<h2>Warnings</h2><ul>${input.warnings.map((w) => `<li>${esc(w)}</li>`).join("")}</ul>`
    : "";
  const timings = input.timings?.length
    ? `<table><thead><tr><th>step</th><th>wall-clock</th></tr></thead><tbody>${input.timings
        .map((t) => `<tr><td>${esc(t.step)}</td><td>${esc(fmtSeconds(t.seconds))}</td></tr>`)
        .join("")}</tbody></table>`
    : "";
  const links = input.links?.length
    ? `<p>${input.links.map((l) => `<a href="${esc(l.href)}">${esc(l.label)}</a>`).join(" · ")}</p>`
    : "";
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(set.title)}: reproduced (${esc(key.profile ?? "?")})</title>
<style>${CSS}</style></head>
<body><main>
<h1>${esc(set.title)}: reproduced</h1>
<p>Profile <strong>${esc(key.profile ?? "?")}</strong>${key.generatedAt ? `, key derived ${esc(key.generatedAt)}` : ""}. Every answer below is computed from the experiment results, with the numbers and figures it rests on.</p>
${links}
<h2>Summary</h2>
<table><thead><tr><th>part</th><th>derived answer</th><th>status</th></tr></thead><tbody>${summary}</tbody></table>
${warnings}
${problems}
<h2>How this was produced</h2>
<pre><code>${esc(input.commands.join("\n"))}</code></pre>
${timings}
</main></body></html>
`;
}
