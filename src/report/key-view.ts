/**
 * Rendering the answer key (src/key/types.ts `AnswerKey`) as HTML: each part's answer in words,
 * whether the evidence supports it (a contradiction is shown, never hidden), the measured
 * evidence, the explanation, and the concepts a full answer needs.
 */

import { fmt } from "../format/index.js";
import { answerText } from "../key/format.js";
import { type AnswerKey, KEY_STATUSES, keyAnswerSchema, type PartKey } from "../key/types.js";
import type { Part } from "../problems/index.js";
import { figureNameOf } from "../results/layout.js";
import { esc } from "./html.js";

/** The parts of a key, or [] when there is no key or it has no parts array. */
export function keyParts(key: unknown): PartKey[] {
  const parts = (key as Partial<AnswerKey> | null)?.parts;
  return Array.isArray(parts) ? parts.filter((p) => p && typeof p.id === "string") : [];
}

/**
 * The answer in the key's own words (src/key `answerText`), or "no answer recorded" when the
 * part holds none that validates (the site shows whatever key it finds, checked part by part).
 */
export function answerLine(a: unknown): string {
  const answer = keyAnswerSchema.safeParse(a);
  return answer.success ? answerText(answer.data) : "no answer recorded";
}

function evidenceHtml(p: PartKey): string {
  const items = (p.evidence ?? []).map((e) => {
    const value =
      e.value === undefined
        ? ""
        : `: <span class="num">${esc(typeof e.value === "number" ? fmt(e.value) : String(e.value))}</span>${e.unit ? ` ${esc(e.unit)}` : ""}`;
    const figure = e.figure
      ? ` (figure <a href="#fig-${esc(figureNameOf(e.figure))}">${esc(e.figure)}</a>)`
      : "";
    const source = e.source ? ` <span class="source">— ${esc(e.source)}</span>` : "";
    return `<li>${esc(e.label)}${value}${figure}${source}</li>`;
  });
  return items.length
    ? `<details open><summary>Evidence</summary><ul>${items.join("")}</ul></details>`
    : "";
}

/** One key part as an article (`part` is its problem part): answer, support status, explanation, evidence, concepts. */
export function keyPartHtml(p: PartKey, part: Part): string {
  const status = `<span class="status ${p.status === "supported" ? "ok" : "bad"}" title="${esc(KEY_STATUSES[p.status].text)}">${esc(KEY_STATUSES[p.status].word)}</span>`;
  const concepts = (p.concepts ?? []).length
    ? `<details><summary>What a full explanation needs</summary><ul>${p.concepts.map((c) => `<li>${esc(c.description)}${c.required ? "" : " (optional)"}</li>`).join("")}</ul></details>`
    : "";
  return `<article class="key-part" id="part-${esc(p.id)}">
<h3>Part ${esc(p.id)} <span class="prompt">— ${esc(part.prompt)}</span></h3>
<p class="answer"><strong>Derived answer:</strong> ${esc(answerLine(p.answer))} ${status}</p>
${p.explanation ? `<p class="explanation">${esc(p.explanation)}</p>` : ""}
${evidenceHtml(p)}${concepts}
</article>`;
}
