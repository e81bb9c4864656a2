/**
 * Rendering answer-key entries without depending on their exact shape: a part has an id, an
 * answer, usually an explanation and evidence; any other field is shown as evidence too, so
 * nothing the key derived is hidden.
 */
import { fmt } from "./format.js";
import { esc } from "./html.js";

export { fmt };

export type KeyPart = { id: string; fields: Record<string, unknown> };

/** The parts of a key (`{parts: [...]}` or `{parts: {id: {...}}}`), in their order. */
export function keyParts(key: unknown): KeyPart[] {
  if (!key || typeof key !== "object") return [];
  const parts = (key as { parts?: unknown }).parts;
  if (Array.isArray(parts)) {
    return parts
      .filter((p): p is Record<string, unknown> => !!p && typeof p === "object")
      .map((p) => ({ id: String(p.id ?? p.part ?? "?"), fields: p }));
  }
  if (parts && typeof parts === "object") {
    return Object.entries(parts as Record<string, unknown>).map(([id, p]) => ({
      id,
      fields: p && typeof p === "object" ? (p as Record<string, unknown>) : { answer: p },
    }));
  }
  return [];
}

function label(name: string): string {
  return name.replace(/([a-z])([A-Z])/g, "$1 $2").replace(/[_-]/g, " ");
}

/** Any JSON value as compact, readable HTML (nested objects as definition lists). */
export function valueHtml(v: unknown, depth = 0): string {
  if (v === null || v === undefined) return "<em>none</em>";
  if (typeof v === "number") return `<span class="num">${esc(fmt(v))}</span>`;
  if (typeof v === "string") return esc(v);
  if (typeof v === "boolean") return v ? "yes" : "no";
  if (Array.isArray(v)) {
    if (v.length === 0) return "<em>none</em>";
    if (v.every((x) => typeof x === "number")) {
      const shown = v.slice(0, 12).map((x) => fmt(x as number));
      return `<span class="num">[${esc(shown.join(", "))}${v.length > 12 ? `, … (${v.length})` : ""}]</span>`;
    }
    if (depth > 3) return esc(JSON.stringify(v).slice(0, 200));
    return `<ul>${v.map((x) => `<li>${valueHtml(x, depth + 1)}</li>`).join("")}</ul>`;
  }
  if (typeof v === "object") {
    if (depth > 3) return esc(JSON.stringify(v).slice(0, 200));
    const rows = Object.entries(v as Record<string, unknown>)
      .map(([k, x]) => `<dt>${esc(label(k))}</dt><dd>${valueHtml(x, depth + 1)}</dd>`)
      .join("");
    return `<dl class="kv">${rows}</dl>`;
  }
  return esc(String(v));
}

const MAIN_FIELDS = ["answer", "explanation", "evidence"];

/** One key part as an article: answer, explanation, evidence, then any other fields. */
export function keyPartHtml(part: KeyPart, prompt?: string): string {
  const f = part.fields;
  const answer = f.answer === undefined ? "<em>no answer recorded</em>" : valueHtml(f.answer);
  const explanation =
    f.explanation === undefined ? "" : `<p class="explanation">${valueHtml(f.explanation)}</p>`;
  const evidence =
    f.evidence === undefined
      ? ""
      : `<details open><summary>Evidence</summary>${valueHtml(f.evidence)}</details>`;
  const rest = Object.entries(f).filter(([k]) => !MAIN_FIELDS.includes(k) && k !== "id");
  const more = rest.length
    ? `<details><summary>More from the key</summary>${valueHtml(Object.fromEntries(rest))}</details>`
    : "";
  return `<article class="key-part" id="part-${esc(part.id)}">
<h3>Part ${esc(part.id)}${prompt ? ` <span class="prompt">— ${esc(prompt)}</span>` : ""}</h3>
<p class="answer"><strong>Derived answer:</strong> ${answer}</p>
${explanation}${evidence}${more}
</article>`;
}
