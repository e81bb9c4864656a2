/** The key's answers as one line of text each (terminal summary, Markdown and HTML reports, the site). */
import { sig } from "../format/index.js";
import { type AnswerKey, KEY_STATUSES, type KeyAnswer, type PartKey } from "./types.js";

const n3 = (x: number) => sig(x, 3);

/** One line for an answer of any type. */
export function answerText(a: KeyAnswer): string {
  switch (a.type) {
    case "single-choice":
      return `(${a.option})`;
    case "assignment":
      return Object.entries(a.assignment)
        .map(([item, value]) => `${item} → ${value}`)
        .join(", ");
    case "checkbox-grid":
      return Object.entries(a.cells)
        .map(
          ([row, cols]) =>
            `${row}: ${Object.entries(cols)
              .map(([col, on]) => `${on ? "☒" : "☐"} ${col}`)
              .join(" ")}`,
        )
        .join("; ");
    case "worked-example":
      return `any P, Q with D(P||Q) ${a.criterion.forward} and D(Q||P) ${a.criterion.reverse}`;
    case "code-fix":
      return `re-initialise so the initial logit std${a.criterion.dModel ? ` at d_model = ${a.criterion.dModel}` : ""} is in [${n3(a.criterion.minLogitStd)}, ${n3(a.criterion.maxLogitStd)}] (e.g. std = d_model ** -0.5)`;
    case "free-explanation":
      return "explanation (graded by its concepts)";
  }
}

/** A terminal summary: one line per part with its status. */
export function keySummary(key: AnswerKey): string {
  const lines = key.parts.map(
    (p) => `${p.id.padEnd(6)} ${KEY_STATUSES[p.status].word.padEnd(12)} ${answerText(p.answer)}`,
  );
  const count = (s: PartKey["status"]) => key.parts.filter((p) => p.status === s).length;
  lines.push(
    `${key.parts.length} parts, ${count("unresolved")} unresolved, ${count("contradicted-by-evidence")} contradicted by the evidence (profile ${key.profile ?? "?"})`,
  );
  return `${lines.join("\n")}\n`;
}
