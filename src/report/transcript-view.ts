/**
 * A graded transcript as HTML: the transcript's text in order, with each part's verdict placed
 * beside the passage that holds the answer it grades (the last place that answer appears, since
 * the last answer counts). Parts whose answer cannot be located are listed first.
 */

import { type PartReport, VERDICTS, type Verdict } from "../grader/index.js";
import { esc } from "./html.js";

export type { Verdict };
/** One graded part as src/grader reports it (`location` anchors the verdict in the text). */
export type GradedPart = PartReport;
export type GradedTranscript = { name: string; transcript: string; parts: GradedPart[] };

/** The person's own verdict, flagged where the grader disagrees with it. */
function personHtml(p: GradedPart): string {
  if (!p.person) return "";
  const differs = p.person.verdict !== p.verdict;
  return `\n<p class="person${differs ? " person-disagrees" : ""}">${differs ? "⚠ " : ""}The person judged this ${esc(p.person.verdict)} (line ${p.person.line})${differs ? `; the grader finds it ${esc(p.verdict)}` : ""}.</p>`;
}

function verdictHtml(p: GradedPart): string {
  return `<aside class="verdict verdict-${esc(p.verdict.replace(" ", "-"))}" aria-label="Verdict for part ${esc(p.id)}">
<p><strong>Part ${esc(p.id)}:</strong> <span class="badge">${esc(`${VERDICTS[p.verdict].mark} ${VERDICTS[p.verdict].label}`)}</span></p>${personHtml(p)}
<p class="evidence">${esc(p.evidence)}</p></aside>`;
}

/** Index of the block (blank-line separated) holding the last occurrence of the answer's start. */
function locate(blocks: string[], answer: string): number {
  const probe = answer.trim().split("\n")[0]?.trim().slice(0, 60) ?? "";
  if (probe.length < 3) return -1;
  for (let i = blocks.length - 1; i >= 0; i--) if (blocks[i]!.includes(probe)) return i;
  return -1;
}

/** The annotated transcript: blocks of text, each followed by the verdicts anchored to it. */
export function transcriptHtml(t: GradedTranscript, index: number): string {
  // Blocks separated by blank lines, with their start offsets in the original text.
  const blocks: string[] = [];
  const starts: number[] = [];
  const sep = /\r?\n(?:[ \t]*\r?\n)+/g;
  let from = 0;
  for (let m = sep.exec(t.transcript); m; m = sep.exec(t.transcript)) {
    blocks.push(t.transcript.slice(from, m.index));
    starts.push(from);
    from = m.index + m[0].length;
  }
  blocks.push(t.transcript.slice(from));
  starts.push(from);
  const blockAt = (offset: number) => {
    let i = 0;
    while (i + 1 < starts.length && starts[i + 1]! <= offset) i++;
    return i;
  };
  const anchored = new Map<number, GradedPart[]>();
  const loose: GradedPart[] = [];
  for (const p of t.parts) {
    const at = p.location ? blockAt(p.location.start) : locate(blocks, p.answer);
    if (at < 0) loose.push(p);
    else anchored.set(at, [...(anchored.get(at) ?? []), p]);
  }
  const counts = t.parts.reduce<Record<string, number>>((acc, p) => {
    acc[p.verdict] = (acc[p.verdict] ?? 0) + 1;
    return acc;
  }, {});
  const summary = Object.entries(counts)
    .map(([v, n]) => `${n} ${VERDICTS[v as Verdict]?.label ?? v}`)
    .join(", ");
  const table = `<table class="verdicts"><caption>Verdicts</caption>
<thead><tr><th scope="col">Part</th><th scope="col">Verdict</th><th scope="col">Answer read</th></tr></thead>
<tbody>${t.parts
    .map(
      (p) =>
        `<tr><th scope="row">${esc(p.id)}</th><td class="vtext-${esc(p.verdict.replace(" ", "-"))}">${esc(`${VERDICTS[p.verdict].mark} ${VERDICTS[p.verdict].label}`)}</td><td>${esc(p.answer.slice(0, 160))}</td></tr>`,
    )
    .join("")}</tbody></table>`;
  const rows = blocks
    .map((b, i) => {
      const verdicts = (anchored.get(i) ?? []).map(verdictHtml).join("");
      return `<div class="t-row${verdicts ? " graded" : ""}"><pre class="t-text">${esc(b)}</pre>${verdicts ? `<div class="t-verdicts">${verdicts}</div>` : ""}</div>`;
    })
    .join("\n");
  const looseHtml = loose.length
    ? `<div class="t-loose"><p>Verdicts whose answer could not be located in the text:</p>${loose.map(verdictHtml).join("")}</div>`
    : "";
  return `<section class="transcript" aria-labelledby="t-${index}">
<h2 id="t-${index}">${esc(t.name)}</h2>
<p>${esc(summary || "no parts graded")}</p>
${table}
${looseHtml}
<div class="t-body">${rows}</div>
</section>`;
}
