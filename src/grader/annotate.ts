/**
 * Views of a graded transcript: a terminal summary, and the transcript in Markdown or a
 * self-contained HTML page with each verdict placed beside the answer it grades. The transcript is
 * untrusted: in HTML every character of it is escaped, nothing of it becomes markup.
 */
import { homework } from "../problems/homework.js";
import type { PartReport, Report } from "./grade.js";
import { segmentTranscript } from "./transcript.js";
import { VERDICT_NAMES, VERDICTS } from "./verdicts.js";

/** "3d-i" → "3(d)(i)". */
export function partName(id: string): string {
  const m = /^(\d+)([a-z])?(?:-([ivx]+))?$/.exec(id);
  if (!m) return id;
  return `${m[1]}${m[2] ? `(${m[2]})` : ""}${m[3] ? `(${m[3]})` : ""}`;
}

/** Plain-text table for the terminal. */
export function formatSummary(r: Report): string {
  const out: string[] = [];
  for (const p of r.parts) {
    out.push(
      `${VERDICTS[p.verdict].mark} ${partName(p.id).padEnd(8)} ${p.verdict.padEnd(12)} ${p.answer ? `answer: ${oneLine(p.answer, 70)}` : ""}`,
    );
    out.push(`           ${oneLine(p.evidence, 400)}`);
  }
  out.push(verdictCounts(r));
  for (const w of r.warnings) out.push(`note: ${w}`);
  return `${out.join("\n")}\n`;
}

/** "5 correct, 2 incorrect, 1 not answered": the verdicts that occur, in the registry's order. */
export function verdictCounts(r: Report): string {
  return VERDICT_NAMES.map((v) => [v, r.parts.filter((p) => p.verdict === v).length] as const)
    .filter(([, n]) => n > 0)
    .map(([v, n]) => `${n} ${v}`)
    .join(", ");
}

function oneLine(s: string, n: number): string {
  const t = s.replace(/\s+/g, " ").trim();
  return t.length > n ? `${t.slice(0, n - 1)}…` : t;
}

function byOffset(r: Report): Map<number, PartReport[]> {
  const m = new Map<number, PartReport[]>();
  for (const p of r.parts) {
    if (!p.location) continue;
    const list = m.get(p.location.start) ?? [];
    list.push(p);
    m.set(p.location.start, list);
  }
  return m;
}

/** Markdown: a verdict block quote before each graded answer; a summary table on top. */
export function annotateMarkdown(transcript: string, r: Report): string {
  const rows = r.parts.map(
    (p) =>
      `| ${partName(p.id)} | ${VERDICTS[p.verdict].mark} ${p.verdict} | ${mdCell(p.answer)} | ${mdCell(p.evidence)} |`,
  );
  const head = [
    "# Graded transcript",
    "",
    "| part | verdict | answer | evidence |",
    "|---|---|---|---|",
    ...rows,
    "",
    "---",
    "",
  ];
  const marks = [...byOffset(r).entries()].sort((a, b) => a[0] - b[0]);
  let out = "";
  let at = 0;
  for (const [off, parts] of marks) {
    out += transcript.slice(at, off);
    if (out.length && !out.endsWith("\n")) out += "\n";
    for (const p of parts) {
      out += `> **[groundtruth] ${partName(p.id)}: ${VERDICTS[p.verdict].mark} ${p.verdict}** — ${oneLine(p.evidence, 600)}\n`;
    }
    out += "\n";
    at = off;
  }
  out += transcript.slice(at);
  return head.join("\n") + out;
}

function mdCell(s: string): string {
  return oneLine(s, 300).replace(/\|/g, "\\|");
}

/** Escape text for HTML element content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!,
  );
}

const CSS = `
body{font:15px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:960px;padding:0 1rem;color:#222}
table{border-collapse:collapse;width:100%;margin-bottom:2rem}td,th{border:1px solid #ccc;padding:.3rem .5rem;vertical-align:top;text-align:left}
pre{white-space:pre-wrap;word-wrap:break-word;margin:0;font:13px/1.45 ui-monospace,monospace}
.seg{padding:.4rem .8rem;border-left:4px solid #ddd;margin:.3rem 0}
.role-person{background:#f6f6f6;border-color:#999}.role-model{background:#fff;border-color:#4a7}
.role-thinking{background:#fafaf0;border-color:#cb6;color:#666}.role-unknown{border-color:#bbb}
.role-label{font-size:11px;text-transform:uppercase;color:#888;letter-spacing:.05em}
.verdict{display:block;margin:.4rem 0;padding:.4rem .6rem;border-radius:4px;font:13px/1.4 system-ui,sans-serif;white-space:normal}
.v-correct{background:#e3f6e8;border:1px solid #4a7}.v-incorrect{background:#fde8e8;border:1px solid #c55}
.v-partial{background:#fff6dd;border:1px solid #cb6}.v-ungradable{background:#eee;border:1px solid #999}
`;

function badge(p: PartReport): string {
  return (
    `<span class="verdict v-${p.verdict}" id="part-${escapeHtml(p.id)}"><b>${escapeHtml(partName(p.id))}: ` +
    `${VERDICTS[p.verdict].mark} ${p.verdict}</b>${p.answer ? ` — answer: ${escapeHtml(oneLine(p.answer, 200))}` : ""}` +
    `<br>${escapeHtml(p.evidence)}</span>`
  );
}

/** A self-contained HTML page: summary table, then the transcript by speaker with verdicts inline. */
export function annotateHtml(transcript: string, r: Report, title = "Graded transcript"): string {
  const rows = r.parts
    .map(
      (p) =>
        `<tr><td>${p.location ? `<a href="#part-${escapeHtml(p.id)}">${escapeHtml(partName(p.id))}</a>` : escapeHtml(partName(p.id))}</td>` +
        `<td class="v-${p.verdict.replace(" ", "-")}">${VERDICTS[p.verdict].mark} ${p.verdict}</td><td>${escapeHtml(oneLine(p.answer, 200))}</td>` +
        `<td>${escapeHtml(p.evidence)}</td></tr>`,
    )
    .join("\n");
  const marks = byOffset(r);
  const offsets = [...marks.keys()].sort((a, b) => a - b);
  let segments: { role: string; start: number; end: number }[];
  try {
    segments = segmentTranscript(transcript, homework);
  } catch {
    segments = [{ role: "unknown", start: 0, end: transcript.length }];
  }
  const body: string[] = [];
  for (const [i, s] of segments.entries()) {
    const end = i + 1 < segments.length ? segments[i + 1]!.start : transcript.length;
    let html = "";
    let at = s.start;
    for (const off of offsets) {
      if (off < s.start || off >= end) continue;
      html += escapeHtml(transcript.slice(at, off));
      html += marks.get(off)!.map(badge).join("");
      at = off;
    }
    html += escapeHtml(transcript.slice(at, end));
    if (!html.trim()) continue;
    body.push(
      `<div class="seg role-${s.role}"><div class="role-label">${s.role}</div><pre>${html}</pre></div>`,
    );
  }
  return [
    "<!doctype html>",
    '<html lang="en"><head><meta charset="utf-8">',
    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">",
    `<title>${escapeHtml(title)}</title><style>${CSS}</style></head><body>`,
    `<h1>${escapeHtml(title)}</h1>`,
    "<table><thead><tr><th>part</th><th>verdict</th><th>answer</th><th>evidence</th></tr></thead><tbody>",
    rows,
    "</tbody></table>",
    ...body,
    "</body></html>",
    "",
  ].join("\n");
}
