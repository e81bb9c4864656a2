/**
 * An Org-mode file (Emacs) as Markdown: `*` headings become `#` headings (their TODO/DONE
 * keyword dropped, drawers and planning lines too), `#+begin_src`/`#+begin_example` blocks become fenced code, quote blocks plain
 * text (the turn of the speaker who introduces them, or of the last one quoted), other `#+KEYWORD:` lines (title, options)
 * go, `=code=`/`~code~` become inline code and `+struck+` text is struck through. Lists and `[X]`
 * checkboxes are already Markdown's.
 */

import { WRITER } from "./asciidoc.js";

const TODO_KEYWORDS = new Set(["TODO", "DONE", "NEXT", "WAITING", "CANCELLED", "CANCELED"]);

/** Whether a text is Org: a `#+TITLE:`-style keyword line or a `* ` heading with an Org block. */
export function isOrg(text: string, fileName?: string): boolean {
  if (fileName?.toLowerCase().endsWith(".org")) return true;
  const head = text.trimStart().slice(0, 200);
  return /^#\+(title|author|startup|options):/im.test(head);
}

export function orgToMarkdown(text: string): string {
  const out: string[] = [];
  /** The block being read: code (fenced) or a quotation (its text read as it stands). */
  let block: "code" | "quote" | undefined;
  let introduced = false;
  /** The speaker the last quotation was introduced by. */
  let quoted: string | undefined;
  let drawer = false;
  for (const line of text.replace(/\r\n?/g, "\n").split("\n")) {
    const lower = line.trim().toLowerCase();
    if (lower.startsWith("#+begin_")) {
      block = /^#\+begin_(quote|verse|center)\b/.test(lower) ? "quote" : "code";
      const lang = line.trim().split(/\s+/)[1] ?? "";
      if (block === "code") out.push(lower.startsWith("#+begin_src") ? `\`\`\`${lang}` : "```");
      if (block === "quote") {
        // a quotation a speaker's name introduces ("Gemini：") is that speaker's turn; one with
        // no name is the last quoted speaker's again; the notes after it are the writer's
        const before =
          out
            .filter((l) => l.trim())
            .at(-1)
            ?.trim() ?? "";
        const name = /^(\S.{0,23})[:：]$/.exec(before)?.[1];
        if (name && name.split(/\s+/).length <= 3) quoted = name;
        else if (quoted) out.push(`**${quoted}:**`, "");
        introduced = quoted !== undefined;
      }
      continue;
    }
    if (lower.startsWith("#+end_")) {
      if (block === "code") out.push("```");
      if (block === "quote" && introduced) out.push("", WRITER, "");
      block = undefined;
      continue;
    }
    if (block === "code") {
      out.push(line);
      continue;
    }
    // a property drawer and planning lines ("CLOSED: [2025-11-22 Sat 21:40]") are metadata
    if (/^\s*:[A-Za-z_-]{1,30}:\s*$/.test(line) && !/^\s*:end:\s*$/i.test(line)) {
      drawer = true;
      continue;
    }
    if (drawer) {
      if (/^\s*:end:\s*$/i.test(line)) drawer = false;
      continue;
    }
    if (/^\s*(CLOSED|SCHEDULED|DEADLINE):/.test(line)) continue;
    if (lower.startsWith("#+")) continue;
    let stars = 0;
    while (line[stars] === "*") stars++;
    if (stars > 0 && line[stars] === " ") {
      const words = line
        .slice(stars + 1)
        .trim()
        .split(/\s+/);
      if (TODO_KEYWORDS.has(words[0]!)) words.shift();
      out.push(`${"#".repeat(Math.min(stars, 6))} ${words.join(" ")}`);
      continue;
    }
    out.push(
      line
        .replace(/(^|[\s(])[=~]([^=~\n]{1,200})[=~](?=$|[\s.,;:)])/g, "$1`$2`")
        // struck through: "+A is reverse+" is taken back
        .replace(/(^|[\s(])\+([^+\s][^+\n]{0,400}[^+\s])\+(?=$|[\s.,;:)])/g, "$1~~$2~~"),
    );
  }
  return `${out.join("\n")}\n`;
}
