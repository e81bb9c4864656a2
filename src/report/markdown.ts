/**
 * The reproduction report as Markdown: per problem and part, the question, the answer derived
 * from experiments, whether the evidence supports it, the explanation with measured numbers,
 * the evidence table, and the figures. Pure: figure files are read by the caller.
 */

import { fmt, seconds as fmtSeconds } from "../format/index.js";
import { answerText } from "../key/format.js";
import { type AnswerKey, type Evidence, KEY_STATUSES, type PartKey } from "../key/types.js";
import { homework } from "../problems/index.js";
import { type Part, type ProblemSet, partLabel } from "../problems/schema.js";

export type ReportInput = {
  key: AnswerKey;
  set?: ProblemSet;
  /** The commands that produced this report (shown so a reader can rerun them). */
  commands: string[];
  /** Wall-clock seconds per step of the run (measured by the caller). */
  timings?: Array<{ step: string; seconds: number }>;
  warnings?: string[];
  /** Figure path as the key cites it (relative to the results folder) → SVG text. */
  figures?: Record<string, string>;
  /** Where the Markdown links a figure (default: the cited path). */
  figureLink?: (figure: string) => string;
  /** Link to the companion site or HTML document, if any. */
  links?: Array<{ label: string; href: string }>;
};

/** A part's figures, in citation order, without repeats. */
export function partFigures(p: PartKey): Array<{ label: string; figure: string }> {
  const seen = new Set<string>();
  const out: Array<{ label: string; figure: string }> = [];
  for (const e of p.evidence) {
    if (e.figure && !seen.has(e.figure)) {
      seen.add(e.figure);
      out.push({ label: e.label, figure: e.figure });
    }
  }
  return out;
}

/** The value cell of an evidence row. */
export function evidenceValue(e: Evidence): string {
  if (e.value === undefined) return "";
  const v = typeof e.value === "number" ? fmt(e.value) : String(e.value);
  return e.unit ? `${v} ${e.unit}` : v;
}

/** Heading text of a part: "Part 3(d) i", or "Problem 1" for a problem of one part. */
export function partTitle(part: Part): string {
  return part.letter ? `Part ${partLabel(part)}` : `Problem ${part.problem}`;
}

const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");

function partMarkdown(part: Part, k: PartKey | undefined, input: ReportInput): string {
  const lines = [`### ${partTitle(part)}`, "", `> ${part.prompt}`, ""];
  if (!k) {
    lines.push("_Not derived: the key has no entry for this part._", "");
    return lines.join("\n");
  }
  lines.push(
    `**Derived answer:** ${answerText(k.answer)}  `,
    `**Status:** ${KEY_STATUSES[k.status].text}`,
    "",
  );
  for (const para of k.explanation.split(/\n{2,}/)) if (para.trim()) lines.push(para.trim(), "");
  const rows = k.evidence.filter((e) => e.value !== undefined);
  if (rows.length) {
    lines.push("| evidence | value | source |", "|---|---|---|");
    for (const e of rows)
      lines.push(`| ${cell(e.label)} | ${cell(evidenceValue(e))} | ${cell(e.source ?? "")} |`);
    lines.push("");
  }
  for (const f of partFigures(k)) {
    const href = input.figureLink ? input.figureLink(f.figure) : f.figure;
    lines.push(`![${f.label}](${encodeURI(href)})`, "", `_${f.label}_ (\`${f.figure}\`)`, "");
  }
  if (k.concepts.length) {
    lines.push(
      `Concepts a full explanation needs: ${k.concepts.map((c) => `${c.description}${c.required ? "" : " (optional)"}`).join("; ")}.`,
      "",
    );
  }
  return lines.join("\n");
}

/** The whole report as Markdown. */
export function reportMarkdown(input: ReportInput): string {
  const set = input.set ?? homework;
  const key = input.key;
  const notSupported = key.parts.filter((p) => p.status !== "supported");
  const out = [
    `# ${set.title}: reproduced`,
    "",
    `Profile **${key.profile ?? "?"}**${key.generatedAt ? `, key derived ${key.generatedAt}` : ""}. ` +
      "Every answer below is computed from the experiment results, with the numbers and figures it rests on.",
    "",
  ];
  if (input.links?.length)
    out.push(input.links.map((l) => `[${l.label}](${l.href})`).join(" · "), "");
  out.push("## Summary", "", "| part | derived answer | status |", "|---|---|---|");
  for (const part of set.parts) {
    const k = key.parts.find((p) => p.id === part.id);
    out.push(
      `| ${part.id} | ${cell(k ? answerText(k.answer) : "not derived")} | ${k ? (k.status === "supported" ? "supported" : `**${KEY_STATUSES[k.status].word}**`) : "—"} |`,
    );
  }
  out.push("");
  if (notSupported.length) {
    out.push(
      `**${notSupported.length} part(s) not supported by the evidence on this profile:** ${notSupported.map((p) => `${p.id} (${KEY_STATUSES[p.status].word})`).join(", ")}. ` +
        "Their explanations say what was measured instead of the expected property.",
      "",
    );
  }
  if (input.warnings?.length)
    out.push("## Warnings", "", ...input.warnings.map((w) => `- ${w}`), "");
  for (const problem of set.problems) {
    out.push(`## Problem ${problem.number}: ${problem.title}`, "");
    for (const part of set.parts.filter((p) => p.problem === problem.number)) {
      out.push(
        partMarkdown(
          part,
          key.parts.find((p) => p.id === part.id),
          input,
        ),
      );
    }
  }
  out.push("## How this was produced", "", "```sh", ...input.commands, "```", "");
  if (input.timings?.length) {
    out.push("| step | wall-clock |", "|---|---|");
    for (const t of input.timings) out.push(`| ${cell(t.step)} | ${fmtSeconds(t.seconds)} |`);
    out.push("");
  }
  return `${out.join("\n").replace(/\n{3,}/g, "\n\n")}\n`;
}

export { fmtSeconds };
