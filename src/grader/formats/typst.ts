/**
 * A Typst write-up as Markdown. Its headings (`= …`, `== …`) become Markdown headings, numbered
 * as the document numbers them when it sets a heading numbering (`#set heading(numbering:
 * "1.a.")`: the second `=` heading is "2", the first `==` under it "2.a" — a part label the
 * grader reads); `*bold*` becomes `**bold**`; set, show, import and let rules go; math (`$…$`)
 * and raw blocks stay as they are. A line scanner: linear in the text.
 */

import { pipeTable } from "./pipe-table.js";

/** Whether a text is Typst: a `.typ` name, or `#set`/`#import` rules and `=` headings. */
export function isTypst(text: string, fileName?: string): boolean {
  if (/\.typ$/i.test(fileName ?? "")) return true;
  const head = text.slice(0, 20000);
  return /^#(set|import|show) /m.test(head) && /^=+ \S/m.test(head);
}

/** The counter of a numbering pattern's level as written: "1" → 3, "a" → c, "i" → iii. */
function numeral(kind: string, n: number): string {
  if (kind === "a") return String.fromCharCode(96 + n);
  if (kind === "A") return String.fromCharCode(64 + n);
  if (kind === "i")
    return ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"][n - 1] ?? String(n);
  return String(n);
}

export function typstToMarkdown(text: string): string {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const pattern = /^#set heading\(.*numbering:\s*"([^"]{1,20})"/m.exec(text)?.[1];
  const kinds = pattern ? [...pattern].filter((c) => /[1aAi]/.test(c)) : [];
  const counters: number[] = [];
  const out: string[] = [];
  let inRaw = false;
  let table: string[] | undefined;
  let tableColumns = 0;
  for (const line of lines) {
    if (line.trimStart().startsWith("```")) inRaw = !inRaw;
    if (inRaw || line.trimStart().startsWith("```")) {
      out.push(line);
      continue;
    }
    if (/^#(set|show|import|let) /.test(line) || /^\s*\/\//.test(line)) continue;
    // a table call: its cells in brackets, `columns` to a row
    if (/^\s*#table\(/.test(line)) {
      table = [];
      tableColumns = Number(/columns:\s*(\d+)/.exec(line)?.[1] ?? 0);
      continue;
    }
    if (table) {
      if (/^\s*\)\s*$/.test(line)) {
        out.push(...markdownTable(table, tableColumns));
        table = undefined;
        continue;
      }
      tableColumns ||= Number(/columns:\s*(\d+)/.exec(line)?.[1] ?? 0);
      for (const m of line.matchAll(/\[([^\]\n]*)\]/g)) table.push(inline(m[1]!.trim()));
      continue;
    }
    // a function's block around text ("#align(center)[", "#block(fill: …)[") and its closing "]"
    if (/^\s*#[a-z][\w.-]*(\(.*\))?\[\s*$/.test(line) || /^\s*\]\s*$/.test(line)) continue;
    const heading = /^(=+) (.*)$/.exec(line);
    if (heading) {
      const level = heading[1]!.length;
      counters.length = level;
      counters[level - 1] = (counters[level - 1] ?? 0) + 1;
      for (let k = 0; k < level - 1; k++) counters[k] ??= 1;
      const number = kinds.length
        ? counters.map((n, k) => numeral(kinds[Math.min(k, kinds.length - 1)]!, n)).join(".")
        : "";
      out.push(
        `${"#".repeat(Math.min(level, 6))} ${number ? `${number} ` : ""}${inline(heading[2]!)}`,
      );
      continue;
    }
    out.push(inline(line));
  }
  return `${out.join("\n")}\n`;
}

/** A table's cells, `columns` to a row, as a Markdown table (its first row the header). */
function markdownTable(cells: string[], columns: number): string[] {
  const n = columns > 0 ? columns : cells.length;
  const rows: string[][] = [];
  for (let i = 0; i < cells.length; i += n) rows.push(cells.slice(i, i + n));
  return pipeTable(rows, n);
}

/** Typst's math words for the signs a formula reader knows. */
const TYPST_SYMBOLS: Record<string, string> = {
  dot: "·",
  times: "×",
  tilde: "~",
  quad: " ",
  approx: "≈",
};

/**
 * Inline Typst as Markdown: `*bold*` → `**bold**` (Typst's strong emphasis is one star); in math,
 * `cal(N)` → `N` and quoted text `D_"KL"` → `D_KL`.
 */
function inline(s: string): string {
  return s.replace(/(^|[\s([])\*([^*\n]{1,200})\*(?=$|[\s.,;:)\]])/g, "$1**$2**").replace(
    /\$([^$\n]{1,400})\$/g,
    (_m, math: string) =>
      `$${math
        .replace(/\b(?:cal|bb|bold|italic|upright)\(([A-Za-z])\)/g, "$1")
        .replace(/"([^"\n]{1,20})"/g, "$1")
        .replace(/\b(dot|times|tilde|quad|approx)\b/g, (w) => TYPST_SYMBOLS[w] ?? w)}$`,
  );
}
