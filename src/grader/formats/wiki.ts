/**
 * A wiki page's source (MediaWiki markup, as a course wiki stores a shared solution page) as
 * Markdown: `== Title ==` headings, `'''bold'''` and `''italic''`, `<math>…</math>` formulas,
 * `{| … |}` tables as pipe tables, `<s>` and `<sup>` as the grader reads them, `[[page|text]]`
 * links as their text; templates (`{{…}}` lines), comments and magic words go. A line scanner.
 */

import { marksInText } from "./html.js";
import { pipeTable } from "./pipe-table.js";

/** Whether a text is MediaWiki source: a `.wiki`/`.mediawiki` name, or `== … ==` headings with wiki markup. */
export function isMediaWiki(text: string, fileName?: string): boolean {
  if (/\.(wiki|mediawiki|wikitext)$/i.test(fileName ?? "")) return true;
  const head = text.slice(0, 20000);
  return /^={2,6} [^=\n]+ ={2,6}\s*$/m.test(head) && /'''|\{\||\[\[|<math>/.test(head);
}

export function wikiToMarkdown(text: string): string {
  const out: string[] = [];
  let table: string[][] | undefined;
  let row: string[] = [];
  const endRow = () => {
    if (row.length && table) table.push(row);
    row = [];
  };
  const src = text.replace(/\r\n?/g, "\n").replace(/<!--[\s\S]*?-->/g, "");
  for (const raw of src.split("\n")) {
    const line = raw.trimEnd();
    if (table) {
      if (line.startsWith("|}")) {
        endRow();
        out.push(...pipeTable(table, Math.max(...table.map((r) => r.length))));
        table = undefined;
      } else if (line.startsWith("|-")) endRow();
      else if (line.startsWith("!") || line.startsWith("|")) {
        const sep = line.startsWith("!") ? "!!" : "||";
        // a cell's attributes ("style=… | text") go with it
        for (const cell of line.slice(1).split(sep))
          row.push(inline(cell.replace(/^[^|[\]]*=[^|]*\|(?!\|)/, "").trim()));
      } else if (line.trim() && row.length) row[row.length - 1] += ` ${inline(line.trim())}`;
      continue;
    }
    if (line.startsWith("{|")) {
      table = [];
      row = [];
      continue;
    }
    if (/^\{\{.*\}\}$/.test(line.trim()) || /^__[A-Z]+__$/.test(line.trim())) continue;
    const heading = /^(={2,6}) (.+?) \1$/.exec(line);
    if (heading) {
      out.push(`${"#".repeat(heading[1]!.length)} ${inline(heading[2]!)}`);
      continue;
    }
    out.push(inline(line.replace(/^:+/, "")));
  }
  return `${out.join("\n")}\n`;
}

/** Inline wiki markup as Markdown (the HTML marks it allows as the HTML reader writes them). */
function inline(s: string): string {
  return marksInText(s.replace(/<math>([^<]{0,400})<\/math>/g, "$$$1$$"))
    .replace(/'''([^'\n]{1,200})'''/g, "**$1**")
    .replace(/''([^'\n]{1,200})''/g, "*$1*")
    .replace(/\[\[(?:[^|\]\n]{1,200}\|)?([^\]\n]{1,200})\]\]/g, "$1");
}
