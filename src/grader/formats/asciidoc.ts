/**
 * An AsciiDoc write-up as Markdown. Section titles (`== 2(b)`) become headings; a quote block
 * with an attribution (`[quote, Claude 3.7 Sonnet]` then `____`) is that speaker's turn, and the
 * writer's own text after it goes back to the writer; listing blocks (`----`) become fenced code;
 * tables (`|===`) become pipe tables; `stem:[…]` keeps its formula, `x~e~` subscripts become
 * `x_e`; checklists (`* [x]`), sidebars (`****`) and admonitions (`NOTE:`) keep their text.
 * A line scanner: linear in the text.
 */

import { pipeTable } from "./pipe-table.js";

/** Whether a text is AsciiDoc: an `.adoc` name, or a `= Title` line followed by `:attribute:` lines or blocks. */
export function isAsciiDoc(text: string, fileName?: string): boolean {
  if (/\.(adoc|asciidoc|asc)$/i.test(fileName ?? "")) return true;
  const lines = text.trimStart().slice(0, 2000).split("\n");
  if (!/^= \S/.test(lines[0] ?? "")) return false;
  return lines.some((l) => /^:[\w-]{1,30}:( |$)/.test(l) || /^(\|===|____|\[quote\b)/.test(l));
}

/** The writer's voice after a quoted turn: a label the grader reads as the person. */
export const WRITER = "**Me:**";

export function asciiDocToMarkdown(text: string): string {
  const out: string[] = [];
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  let attribution: string | undefined;
  /** The open quote block's delimiter, and whether it is a speaker's turn. */
  let quote: { close: string; attributed: boolean } | undefined;
  /** The open listing or table block's delimiter. */
  let block: { close: string; kind: "code" | "table" } | undefined;
  // a table's rows, the cells of the row being read, and its width (its first row's)
  const table = { rows: [] as string[][], row: [] as string[], columns: 0 };
  const endRow = () => {
    if (!table.row.length) return;
    table.rows.push(table.row);
    table.columns ||= table.row.length;
    table.row = [];
  };
  let inHeader = true;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const trimmed = line.trim();
    if (block) {
      if (trimmed === block.close) {
        if (block.kind === "code") out.push("```");
        else {
          endRow();
          out.push(...pipeTable(table.rows));
        }
        block = undefined;
      } else if (block.kind === "code") out.push(line);
      else if (!trimmed)
        endRow(); // a table that writes one cell a line ends a row at a blank
      else {
        for (const cell of line.split("|").slice(1)) table.row.push(inline(cell.trim()));
        if (table.columns && table.row.length >= table.columns) endRow();
      }
      continue;
    }
    // the header: the title, the author and revision lines, then attributes
    if (i === 0 && /^= \S/.test(line)) {
      out.push(`# ${inline(line.slice(2))}`);
      continue;
    }
    if (inHeader && /^:[\w-]{1,30}:( |$)/.test(line)) continue;
    if (!trimmed) inHeader = false;
    if (quote && trimmed === quote.close) {
      if (quote.attributed) out.push("", WRITER, "");
      quote = undefined;
      continue;
    }
    const section = /^(={2,6}) (\S.*)$/.exec(line);
    if (section) {
      out.push(`${"#".repeat(section[1]!.length)} ${inline(section[2]!)}`);
      continue;
    }
    if (/^\[[^\]\n]{0,200}\]$/.test(trimmed)) {
      // block attributes: [quote, Claude 3.7 Sonnet], [source,python], [cols="1,2"], [NOTE]
      const q = /^\[(?:quote|verse)\s*,\s*([^\],]{1,80})/.exec(trimmed);
      attribution = q ? q[1]!.trim() : undefined;
      continue;
    }
    if (/^\.[^\s.]/.test(line)) {
      out.push(`**${inline(line.slice(1))}**`); // a block title: ".My question"
      continue;
    }
    if (/^(_{4,}|-{4,}|\*{4,}|\.{4,}|={4,}|\|===)$/.test(trimmed)) {
      if (trimmed[0] === "_" && !quote) {
        quote = { close: trimmed, attributed: attribution !== undefined };
        if (attribution) out.push(`**${attribution}:**`, "");
      } else if (trimmed[0] === "|") {
        block = { close: trimmed, kind: "table" };
        Object.assign(table, { rows: [], row: [], columns: 0 });
      } else if (trimmed[0] === "-" || trimmed[0] === ".") {
        block = { close: trimmed, kind: "code" };
        out.push("```");
      }
      // a sidebar (****) or an example block (====) keeps its text as it stands
      attribution = undefined;
      continue;
    }
    out.push(inline(line));
  }
  return `${out.join("\n")}\n`;
}

/** Inline AsciiDoc as Markdown: `stem:[x]` → `$x$`, `θ~e~` → `θ_e`, `*b*` kept as bold. */
function inline(s: string): string {
  return s
    .replace(/(?:stem|latexmath|asciimath):\[([^\]]{0,400})\]/g, "$$$1$$")
    .replace(/~([^~\s]{1,12})~/g, "_$1")
    .replace(/(^|[\s(])\*([^*\n]{1,200})\*(?=$|[\s.,;:)])/g, "$1**$2**");
}
